"""The download function the web server mounts: bytes and content type for a
conversation id and a format."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.record import canoniek
from bot.record.download import (
    BeschadigdVerslag,
    GeenVerslag,
    OnbekendFormaat,
    downloadnaam,
    verslag_bestand,
)
from bot.record.opslag import bestandsnaam, bewaar
from bot.record.trackerstore import DeelwijzerTrackerStore
from bot.settings import PROJECT
from tests.record.helpers import vastlegging

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def map_(tmp_path, monkeypatch):
    monkeypatch.setattr("bot.record.opslag.instellingen",
                        lambda: type("I", (), {"verslag_map": tmp_path / "v"})())
    return tmp_path / "v"


@pytest.fixture
def opgeslagen(regels, map_):
    golden = json.loads((GOLDEN / "gemeenten.json").read_text(encoding="utf-8"))
    document = vastlegging(regels, golden["invoer"])
    bewaar(document)
    return document


@pytest.mark.parametrize("formaat, content_type, begin", [
    ("pdf", "application/pdf", b"%PDF-"),
    ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
    ("md", "text/markdown; charset=utf-8", b"# Vastlegging"),
    ("Markdown", "text/markdown; charset=utf-8", b"# Vastlegging"),
    ("json", "application/json; charset=utf-8", b"{"),
])
def test_every_format_as_bytes_and_content_type(opgeslagen, formaat, content_type,
                                                 begin):
    inhoud, soort = verslag_bestand("gesprek-voorbeeld", formaat)
    assert soort == content_type
    assert inhoud.startswith(begin)


def test_the_json_download_is_the_stored_record(opgeslagen):
    inhoud, _ = verslag_bestand("gesprek-voorbeeld", "json")
    assert inhoud.decode("utf-8") == canoniek(opgeslagen) + "\n"


def test_unknown_format_and_unknown_conversation(opgeslagen, tmp_path):
    with pytest.raises(OnbekendFormaat):
        verslag_bestand("gesprek-voorbeeld", "docx")
    store = DeelwijzerTrackerStore(domain=Domain.load(str(PROJECT / "domain.yml")),
                                   dialect="sqlite", db=str(tmp_path / "t.db"))
    with pytest.raises(GeenVerslag):
        verslag_bestand("bestaat-niet", "pdf", store)


def test_a_tampered_stored_record_is_refused(opgeslagen, map_):
    pad = map_ / f"{bestandsnaam('gesprek-voorbeeld')}.json"
    pad.write_text(pad.read_text(encoding="utf-8").replace("Punt 2", "Punt 9"),
                   encoding="utf-8")
    with pytest.raises(BeschadigdVerslag):
        verslag_bestand("gesprek-voorbeeld", "pdf")


def test_without_a_stored_record_it_is_built_from_the_tracker_store(map_, tmp_path):
    store = DeelwijzerTrackerStore(domain=Domain.load(str(PROJECT / "domain.yml")),
                                   dialect="sqlite", db=str(tmp_path / "t.db"))
    tracker = DialogueStateTracker.from_events("web-1", [
        ActionExecuted("action_session_start"), SessionStarted(),
        SlotSet("plan", "zorg"),
        SlotSet("antwoorden", [["s1_strafbaar_feit", "tegen_mij"],
                               ["s1_aangifte_doen", "ja"]]),
    ], store.domain.slots)
    asyncio.run(store.save(tracker))
    inhoud, _ = verslag_bestand("web-1", "json", store)
    document = json.loads(inhoud)
    assert document["gesprek"] == "web-1" and len(document["vragen"]) == 2
    assert (map_ / f"{bestandsnaam('web-1')}.json").is_file()


def test_the_download_name_hides_the_conversation_id():
    naam = downloadnaam("teams:jan.jansen@example.org", "pdf")
    assert naam.startswith("vastlegging-") and naam.endswith(".pdf")
    assert "jansen" not in naam
