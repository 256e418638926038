"""Conversations through the justice plan over REST, with the real servers
on loopback: from an informal opening to the outcome and its articles."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import custom, teksten

pytestmark = pytest.mark.e2e


def _loop(gesprek, stappen):
    for antwoord, verwacht in stappen:
        assert verwacht in teksten(gesprek.zeg(antwoord)), antwoord


def test_case_file_data_for_an_area_ban_may_go_to_the_municipality(gesprek):
    eerste = gesprek.zeg("kan ik strafvorderlijke gegevens aan de gemeente geven "
                         "voor een gebiedsverbod?")
    assert "Stap 1 van 9" in teksten(eerste)
    _loop(gesprek, [
        ("ja", "Met welk doel"),
        ('/kies{"optie":"buiten_strafrechtspleging"}', "Wat voor gegevens"),
        ('/kies{"optie":"strafvorderlijk"}', "strafrechtelijk onderzoek"),
        ("ja", "Stem met de politie af"),
        ("ja", "opsporen, vervolgen, voorkomen"),
        ("ja", "Verdraagt de verstrekking zich"),
        ("ja", "zwaarwegend algemeen belang"),
        ("ja", "Voor welk doel verstrekt u"),
        ('/kies{"optie":"orde_veiligheid"}', "Aanwijzing Wjsg"),
        ("ja", "need-to-know"),
        ("ja", "niet te herkennen"),
        ("ja", "zwaarder"),
        ("ja", "minst ingrijpende"),
        ("ja", "Hoe is de strafzaak afgelopen"),
    ])
    slot = gesprek.zeg('/kies{"optie":"zonder_contra_indicatie"}')
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "mag_delen"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == [
        "wjsg_1_b", "wro_124", "evrm_8", "wjsg_39f", "aanwijzing_wjsg", "wjsg_52"]
    assert "ten minste 4 jaar" in teksten(slot)


def test_data_outside_the_wjsg_are_sent_to_the_police_plan_first(gesprek):
    gesprek.zeg("als officier wil ik de burgemeester informeren over een jongere "
                "die wapens verzamelt")
    slot = gesprek.zeg("nee")
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "ander_stappenplan"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == ["wjsg_1_b"]
    assert "AVG" in teksten(slot)
    knoppen = [k["payload"] for b in slot for k in b.get("buttons", [])]
    assert '/kies_plan{"plan":"politie"}' in knoppen

    politie = gesprek.zeg('/kies_plan{"plan":"politie"}')
    assert "Stap 1 van 8" in teksten(politie)
    assert "Bij welke organisatie werkt u" in teksten(politie)
