"""The record over REST with the real servers: formats, masking in what the
server stores, and deleting the conversation (asked first, done only on the
confirmation button)."""

from __future__ import annotations

import base64

import pytest
import requests

from tests.e2e.conftest import custom, teksten

pytestmark = pytest.mark.e2e


def _opgeslagen(assistent, gesprek_id):
    """The conversation as the Rasa server reads it back from its store."""
    antwoord = requests.get(f"{assistent}/conversations/{gesprek_id}/tracker",
                            timeout=60)
    antwoord.raise_for_status()
    return antwoord.json()


def _tot_uitkomst(gesprek):
    gesprek.zeg("een patiënt (tel. 06-12345678) heeft mij bedreigd, mag ik "
                "aangifte doen?")
    gesprek.zeg("ja, tegen mij")
    gesprek.zeg("ja")
    return gesprek.zeg("nee")


def test_the_record_in_four_formats_and_masked_storage(assistent, gesprek):
    _tot_uitkomst(gesprek)
    melding = gesprek.zeg("Dat hij mij op 14-02-2025 met een mes bedreigde, meer "
                          "niet. Zijn BSN 111222333 geef ik niet.")
    assert "niet nodig" in teksten(melding)

    verslag = gesprek.zeg("geef me het verslag")
    knoppen = [k["title"] for b in verslag for k in b.get("buttons") or []]
    assert knoppen[-4:] == ["PDF", "Markdown", "HTML", "JSON"]
    document = custom(verslag, "deelwijzer_verslag")["json"]
    assert "[BSN]" in document["eigen_afweging"][0]["antwoord"]

    pdf = custom(gesprek.zeg('/verslag{"formaat":"pdf"}'), "deelwijzer_verslag")
    assert base64.b64decode(pdf["inhoud"]).startswith(b"%PDF-")
    assert pdf["inhoud_hash"] == document["inhoud_hash"]

    opgeslagen = str(_opgeslagen(assistent, gesprek.id))
    assert "06-12345678" not in opgeslagen and "111222333" not in opgeslagen
    assert "[telefoonnummer]" in opgeslagen

    gevraagd = gesprek.zeg("wis dit gesprek")
    assert "Wilt u dit hele gesprek wissen" in teksten(gevraagd)
    assert "gewist" in teksten(gesprek.zeg("/wis_bevestigen"))


def _gebruikersberichten(assistent, gesprek_id):
    events = _opgeslagen(assistent, gesprek_id)["events"]
    return [e for e in events if e.get("event") == "user"]


def test_a_sentence_about_a_talk_at_the_first_question_deletes_nothing(
        assistent, gesprek):
    gesprek.zeg("een patiënt heeft mij bedreigd, mag ik aangifte doen?")
    antwoord = gesprek.zeg("hij vertelde het me zelf tijdens ons gesprek")
    assert "gewist" not in teksten(antwoord)
    assert len(_gebruikersberichten(assistent, gesprek.id)) == 2

    verder = gesprek.zeg("/wis_annuleren")
    assert "niets gewist" in teksten(verder)
    assert [k for b in verder for k in b.get("buttons") or []]
    assert len(_gebruikersberichten(assistent, gesprek.id)) == 3


def test_wis_dit_gesprek_during_the_weighing_asks_first_then_deletes(
        assistent, gesprek):
    punt = [b["text"] for b in _tot_uitkomst(gesprek) if b.get("text")][-1]
    gevraagd = gesprek.zeg("/wis_gesprek")
    assert "Wilt u dit hele gesprek wissen" in teksten(gevraagd)
    assert punt not in teksten(gevraagd)
    # "Nee, ga verder": nothing deleted, the form asks its point again.
    verder = gesprek.zeg("/wis_annuleren")
    assert "niets gewist" in teksten(verder)
    assert punt in teksten(verder)

    # Weighing that speaks of talks is weighing, not a request to delete.
    afweging = gesprek.zeg("Gesprekken met hem hebben niets opgeleverd, hij "
                           "weigert hulp")
    assert "wissen" not in teksten(afweging)
    assert "Gesprekken met hem" in str(_opgeslagen(assistent, gesprek.id)["slots"])

    assert "Wilt u dit hele gesprek wissen" in teksten(gesprek.zeg("wis dit gesprek"))
    gewist = gesprek.zeg("/wis_bevestigen")
    assert "gewist" in teksten(gewist)
    events = _opgeslagen(assistent, gesprek.id)["events"]
    assert not [e for e in events if e.get("event") == "user"]
