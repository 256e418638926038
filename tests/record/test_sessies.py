"""A consultation that spans a session expiry, stored through Rasa's own SQL
tracker store classes in a real SQLite file: the export reads it whole, with
no turn twice; what is stored is masked; and 'wis dit gesprek' deletes it."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any, Dict, List

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.export import exporteer, vastlegging_uit_tracker, wis
from bot.record.opslag import bewaar, bestandsnaam
from bot.record.trackerstore import DeelwijzerTrackerStore
from bot.settings import PROJECT
from tests.record.helpers import consult

GESPREK = "sessie-test"
GOLDEN = Path(__file__).resolve().parent / "golden"
OPENING = ("ik ben huisarts, mijn cliënt (tel. 06-12345678, Kerkstraat 12) heeft een "
           "mes, mag ik de politie bellen?")


@pytest.fixture(scope="module")
def domein() -> Domain:
    return Domain.load(str(PROJECT / "domain.yml"))


def _store(domein, pad, klasse=DeelwijzerTrackerStore):
    return klasse(domain=domein, dialect="sqlite", db=str(pad))


class Klok:
    """Strictly increasing event times: the store tells sessions apart by them."""

    def __init__(self) -> None:
        self.t = 1_741_944_000.0

    def __call__(self, stap: float = 1.0) -> float:
        self.t += stap
        return self.t


def _sessie_start(klok: Klok) -> List[Any]:
    return [ActionExecuted("action_session_start", timestamp=klok()),
            SessionStarted(timestamp=klok())]


def _beurt(klok, tekst, intent, slots: Dict[str, Any], entiteiten=()) -> List[Any]:
    return [
        ActionExecuted("action_listen", timestamp=klok()),
        UserUttered(tekst, {"name": intent, "confidence": 1.0}, list(entiteiten),
                    # NLU components may copy the text under other keys.
                    parse_data={"text": tekst, "intent": {"name": intent},
                                "entities": list(entiteiten),
                                "genormaliseerd": tekst.lower()},
                    timestamp=klok()),
        ActionExecuted("action_antwoord", timestamp=klok()),
        *[SlotSet(naam, waarde, timestamp=klok()) for naam, waarde in slots.items()],
    ]


def _stand(regels, antwoorden, tot: int) -> Dict[str, Any]:
    """Slots after the first ``tot`` answers, as the actions set them."""
    invoer = consult(regels, "zorg", antwoorden[:tot])
    return {"plan": "zorg", "antwoorden": invoer["antwoorden"],
            "logboek": invoer["logboek"]}


def _sla_consult_op(store, regels, klok) -> Dict[str, Any]:
    """Save a consultation turn by turn, as the Rasa server does, with a
    session expiry halfway: the new session starts with the slots carried
    over (domain.yml: carry_over_slots_to_new_session)."""
    golden = json.loads((GOLDEN / "zorg.json").read_text(encoding="utf-8"))
    antwoorden = [tuple(a) for a in golden["invoer"]["antwoorden"]][:7]
    invoer = consult(regels, "zorg", antwoorden)
    half = 3

    def opslaan(events):
        # Like the Rasa server: each turn loads the latest session from the
        # store, adds the turn's events and saves.
        tracker = asyncio.run(store.retrieve(GESPREK)) or \
            DialogueStateTracker.from_events(GESPREK, [], store.domain.slots)
        for event in events:
            tracker.update(event)
        asyncio.run(store.save(tracker))
        return tracker

    opslaan(_sessie_start(klok))
    opslaan(_beurt(klok, OPENING, "vraag_delen", _stand(regels, antwoorden, 0),
                   [{"entity": "rol", "value": "huisarts", "start": 6, "end": 14}]))
    for n in range(1, half + 1):
        opslaan(_beurt(klok, "ja", "bevestigen", _stand(regels, antwoorden, n)))

    # The session expires; Rasa starts a new one and carries the slots over.
    klok(3600)
    tracker = asyncio.run(store.retrieve(GESPREK))
    overgedragen = [SlotSet(s.name, s.value, timestamp=klok())
                    for s in tracker.slots.values() if s.value is not None]
    opslaan([*_sessie_start(klok), *overgedragen])
    for n in range(half + 1, len(invoer["antwoorden"]) + 1):
        opslaan(_beurt(klok, "nee", "ontkennen", _stand(regels, antwoorden, n)))
    invoer["beurten"] = 1 + len(invoer["antwoorden"])
    return invoer


def _rijen(pad) -> List[Dict[str, Any]]:
    with sqlite3.connect(pad) as db:
        return [json.loads(r[0]) for r in db.execute("SELECT data FROM events")]


@pytest.mark.parametrize("klasse", [DeelwijzerTrackerStore, SQLTrackerStore])
def test_a_consultation_over_a_session_expiry_is_exported_whole(
        regels, domein, tmp_path, klasse):
    store = _store(domein, tmp_path / "tracker.db", klasse)
    invoer = _sla_consult_op(store, regels, Klok())

    laatste = asyncio.run(store.retrieve(GESPREK))
    geheel = asyncio.run(store.retrieve_full_tracker(GESPREK))
    # Rasa's retrieve() gives the latest session only; the export needs all.
    assert sum(isinstance(e, SessionStarted) for e in laatste.events) == 1
    assert sum(isinstance(e, SessionStarted) for e in geheel.events) == 2
    gebruiker = [e for e in geheel.events if isinstance(e, UserUttered)]
    assert len(gebruiker) == invoer["beurten"], "een beurt ontbreekt of staat er dubbel"

    document, markdown = exporteer(GESPREK, store=store)
    assert [[v["knoop"], v["waarde"]] for v in document["vragen"]] == \
        invoer["antwoorden"]
    regels_verloop = [json.dumps(r, sort_keys=True) for r in document["verloop"]]
    assert len(regels_verloop) == len(set(regels_verloop)), "dubbele regels"
    assert document["verloop"] == invoer["logboek"]
    assert len(document["correcties"]) == 1
    # The role was said in the first session only.
    assert document["plan"]["rol"] == "huisarts"
    assert vastlegging_uit_tracker(laatste, GESPREK)["plan"]["rol"] is None
    assert markdown.count("eerder gegeven en gecorrigeerd") == 1


def test_user_text_is_masked_before_it_is_stored(regels, domein, tmp_path):
    pad = tmp_path / "tracker.db"
    _sla_consult_op(_store(domein, pad), regels, Klok())
    opgeslagen = json.dumps(_rijen(pad), ensure_ascii=False)
    assert "06-12345678" not in opgeslagen and "Kerkstraat 12" not in opgeslagen
    assert "[telefoonnummer]" in opgeslagen and "[adres]" in opgeslagen
    assert "mes, mag ik de politie bellen" in opgeslagen


def test_the_plain_rasa_store_would_keep_the_number(regels, domein, tmp_path):
    pad = tmp_path / "tracker.db"
    _sla_consult_op(_store(domein, pad, SQLTrackerStore), regels, Klok())
    assert "06-12345678" in json.dumps(_rijen(pad))


def test_wis_dit_gesprek_deletes_every_session_when_the_turn_is_saved(
        regels, domein, tmp_path):
    pad = tmp_path / "tracker.db"
    store = _store(domein, pad)
    klok = Klok()
    _sla_consult_op(store, regels, klok)
    asyncio.run(store.save(DialogueStateTracker.from_events(
        "ander-gesprek", _sessie_start(klok), domein.slots)))

    tracker = asyncio.run(store.retrieve(GESPREK))
    for event in [ActionExecuted("action_listen", timestamp=klok()),
                  UserUttered("wis dit gesprek", {"name": "wis_gesprek"},
                              timestamp=klok()),
                  ActionExecuted("action_wis_gesprek", timestamp=klok())]:
        tracker.update(event)
    asyncio.run(store.save(tracker))

    assert asyncio.run(store.retrieve_full_tracker(GESPREK)) is None
    assert all("wis dit gesprek" not in json.dumps(r) for r in _rijen(pad))
    assert asyncio.run(store.retrieve("ander-gesprek")) is not None


def test_the_delete_command_removes_events_and_record_files(
        regels, domein, tmp_path, monkeypatch):
    monkeypatch.setattr("bot.record.opslag.instellingen",
                        lambda: type("I", (), {"verslag_map": tmp_path / "v"})())
    store = _store(domein, tmp_path / "tracker.db")
    _sla_consult_op(store, regels, Klok())
    document, markdown = exporteer(GESPREK, store=store)
    bewaar(document, markdown)
    assert len(list((tmp_path / "v").glob(f"{bestandsnaam(GESPREK)}.*"))) == 2

    aantal, bestanden = wis(GESPREK, store=store)
    assert aantal > 20 and len(bestanden) == 2
    assert list((tmp_path / "v").iterdir()) == []
    assert asyncio.run(store.retrieve_full_tracker(GESPREK)) is None


def test_the_sqlite_store_writes_ahead_and_stays_durable(domein, tmp_path):
    pad = tmp_path / "tracker.db"
    _store(domein, pad)
    met = sqlite3.connect(pad)
    try:
        assert met.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # FULL (2): every commit is synced, the record cannot lag behind.
        assert met.execute("PRAGMA synchronous").fetchone()[0] == 2
    finally:
        met.close()
