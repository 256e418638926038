"""Conversations through the schools' plan over REST, with the real servers
on loopback: from an informal opening to the outcome and its articles."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import custom, teksten

pytestmark = pytest.mark.e2e


def _loop(gesprek, stappen):
    for antwoord, verwacht in stappen:
        assert verwacht in teksten(gesprek.zeg(antwoord)), antwoord


def test_a_mentor_who_finds_a_knife_may_call_the_police(gesprek):
    eerste = gesprek.zeg("als mentor vond ik een mes in de tas van een leerling, "
                         "mag ik de politie bellen")
    assert "Stappenplan Onderwijsinstellingen" in teksten(eerste)
    assert "Wat is uw rol op school" in teksten(eerste)
    _loop(gesprek, [
        ('/kies{"optie":"onderwijs"}', "strafbaar feit"),
        ("ja", "aangifte doen"),
    ])
    slot = gesprek.zeg("ja")
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "aangifte"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == ["sv_161"]
    assert "Toestemming van de leerling of de ouders is niet nodig" in teksten(slot)


def test_sharing_outside_the_school_on_the_duty_of_care_for_safety(gesprek):
    gesprek.zeg("ik ben zorgcoördinator en wil de wijkagent vertellen dat een "
                "leerling wordt bedreigd")
    _loop(gesprek, [
        ('/kies{"optie":"onderwijs"}', "strafbaar feit"),
        ("nee", "Wat wilt u doen"),
        ('/kies{"optie":"extern"}', "persoonsgegevens"),
        ("ja", "toestemming gegeven"),
        ("nee", "wettelijk verplicht"),
        ("nee", "taak die de wet aan de school geeft"),
        ("ja", "Heeft de ontvanger zelf een grondslag"),
        ("ja", "Past het delen bij het doel"),
        ("ja", "Helpt het delen echt"),
        ("ja", "verhouding"),
        ("ja", "minst ingrijpende"),
        ("ja", "beginselen van de AVG"),
        ("ja", "bijzondere persoonsgegevens"),
        ("nee", "strafrechtelijke gegevens"),
        ("nee", "arbeidscontract"),
    ])
    slot = gesprek.zeg("nee")
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "mag_delen"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == [
        "avg_4_1", "avg_6_1_e", "avg_6_4", "avg_5"]


def test_a_care_worker_at_school_is_sent_to_the_care_plan(gesprek):
    gesprek.zeg("mag ik gegevens delen")
    gesprek.zeg('/kies_plan{"plan":"onderwijs"}')
    slot = gesprek.zeg('/kies{"optie":"hulpverlener"}')
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "ander_stappenplan"
    knoppen = [k["payload"] for b in slot for k in b.get("buttons", [])]
    assert '/kies_plan{"plan":"zorg"}' in knoppen
