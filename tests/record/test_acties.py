"""The record's actions against the real engine: the formats offered and
delivered in the chat, deleting, and masking the motivation with a notice."""

from __future__ import annotations

import base64
import io

import pytest
from pypdf import PdfReader
from rasa_sdk.executor import CollectingDispatcher

from actions.afsluiten import ValidateMotivatieForm
from actions.verslag import ActionVerslag, ActionWisGesprek
from bot.record.opslag import bestandsnaam
from tests.actions.helpers import tracker, voer_uit

ANTWOORDEN = [["s1_strafbaar_feit", "tegen_mij"], ["s1_aangifte_doen", "ja"],
              ["s1_ziektesymptoom", "nee"]]


@pytest.fixture
def map_(tmp_path, monkeypatch):
    monkeypatch.setattr("bot.record.opslag.instellingen",
                        lambda: type("I", (), {"verslag_map": tmp_path})())
    return tmp_path


def _slots(**extra):
    return {"plan": "zorg", "antwoorden": ANTWOORDEN, "logboek": [],
            "motivaties": {"aangifte_gegevens": "Alleen wat nodig is."}, **extra}


def _formaat(formaat):
    return [{"entity": "formaat", "value": formaat}]


def test_the_record_offers_the_four_formats(regels, map_):
    berichten, _ = voer_uit(ActionVerslag(), tracker("verslag", "verslag", [],
                                                     _slots()))
    knoppen = [b for b in berichten if b.get("response") == "utter_verslag_formaten"]
    assert [k["title"] for k in knoppen[0]["buttons"]] == ["PDF", "Markdown", "HTML",
                                                          "JSON"]
    assert knoppen[0]["buttons"][0]["payload"] == '/verslag{"formaat":"pdf"}'


def test_a_pdf_comes_as_base64_with_the_same_hash_as_before(regels, map_):
    eerst, _ = voer_uit(ActionVerslag(), tracker("verslag", "verslag", [], _slots()))
    hash_ = eerst[0]["hash"]
    berichten, _ = voer_uit(ActionVerslag(), tracker(
        '/verslag{"formaat":"pdf"}', "verslag", _formaat("pdf"), _slots()))
    bestand = berichten[-1]["custom"]["deelwijzer_verslag"]
    assert bestand["content_type"] == "application/pdf"
    assert bestand["inhoud_hash"] == hash_
    pdf = base64.b64decode(bestand["inhoud"])
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "art. 161 Sv" in tekst
    assert berichten[0]["response"] == "utter_verslag_bestand"
    assert berichten[0]["formaat"] == "PDF"


@pytest.mark.parametrize("formaat, begin", [("html", "<!DOCTYPE html>"),
                                            ("md", "# Vastlegging"),
                                            ("json", "{")])
def test_text_formats_come_as_text(regels, map_, formaat, begin):
    berichten, _ = voer_uit(ActionVerslag(), tracker(
        "verslag", "verslag", _formaat(formaat), _slots()))
    bestand = berichten[-1]["custom"]["deelwijzer_verslag"]
    assert bestand["codering"] == "utf-8"
    assert bestand["inhoud"].startswith(begin)


def test_wis_dit_gesprek_deletes_the_record_files_and_says_what(regels, map_):
    voer_uit(ActionVerslag(), tracker("verslag", "verslag", [], _slots(),
                                      afzender="te-wissen"))
    assert len(list(map_.glob(f"{bestandsnaam('te-wissen')}.*"))) == 2
    berichten, events = voer_uit(ActionWisGesprek(), tracker(
        "wis dit gesprek", "wis_gesprek", [], _slots(), afzender="te-wissen"))
    assert list(map_.iterdir()) == []
    assert [(b["response"], b["aantal"]) for b in berichten] == [
        ("utter_gesprek_gewist", 2)]
    assert events == []


def test_a_motivation_is_masked_and_the_user_told_once():
    form = ValidateMotivatieForm()
    begin = {"vastleg_open": ["doel", "noodzaak"], "motivaties": {}}
    d = CollectingDispatcher()
    uit = form.validate_motivatie_antwoord(
        "Dreiging afwenden; zijn nummer is 06-12345678", d, tracker(slots=begin), {})
    assert uit["motivaties"] == {"doel": "Dreiging afwenden; zijn nummer is "
                                         "[telefoonnummer]"}
    assert uit["maskering_gemeld"] is True
    assert [m["response"] for m in d.messages] == ["utter_maskering"]

    d = CollectingDispatcher()
    verder = {**begin, **uit, "maskering_gemeld": True}
    uit = form.validate_motivatie_antwoord("BSN 111222333 bleek bekend", d,
                                           tracker(slots=verder), {})
    assert "[BSN]" in uit["motivaties"]["noodzaak"]
    assert d.messages == [] and "maskering_gemeld" not in uit
