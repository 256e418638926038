"""Conversations through the municipal plan over REST, with the real servers
on loopback: from an informal opening to the outcome and its articles."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import custom, teksten

pytestmark = pytest.mark.e2e


def _loop(gesprek, stappen):
    for antwoord, verwacht in stappen:
        assert verwacht in teksten(gesprek.zeg(antwoord)), antwoord


def test_a_public_order_adviser_may_inform_the_police_about_a_youth_group(gesprek):
    eerste = gesprek.zeg("als adviseur openbare orde wil ik de politie informeren "
                         "over een jeugdgroep")
    assert "Stap 1 van 7" in teksten(eerste)
    _loop(gesprek, [
        ('/kies{"optie":"openbare_orde"}', "gegevens krijgen van de politie"),
        ('/kies{"optie":"verstrekken"}', "strafbaar feit"),
        ("nee", "persoonsgegevens"),
        ("ja", "Aan wie wilt u"),
        ('/kies{"optie":"politie_om"}', "openbare orde te handhaven"),
        ("ja", "Stap 4 van 7"),
        ("ja", "verhouding"),
        ("ja", "minst ingrijpende"),
        ("ja", "beginselen van de AVG"),
        ("ja", "bijzondere persoonsgegevens"),
        ("nee", "strafrechtelijke gegevens"),
        ("nee", "van de politie heeft gekregen"),
        ("nee", "Openbaar Ministerie heeft gekregen"),
    ])
    slot = gesprek.zeg("nee")
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "mag_delen"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == [
        "gemw_172", "avg_4_1", "avg_6_1_e", "avg_5"]
    assert "Met welk doel" in teksten(slot)


def test_a_wijkteam_worker_at_the_municipality_is_sent_to_the_care_plan(gesprek):
    gesprek.zeg("ik werk bij de gemeente, mag ik iets delen over een jongere met "
                "een mes")
    slot = gesprek.zeg('/kies_plan{"plan":"gemeenten"}')
    assert "In welke rol werkt u" in teksten(slot)
    slot = gesprek.zeg('/kies{"optie":"zorg"}')
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "ander_stappenplan"
    assert "niet uit uw werkgever" in teksten(slot)
    zorg = gesprek.zeg('/kies_plan{"plan":"zorg"}')
    assert "Stap 1 van 4 — Aangifte" in teksten(zorg)


def test_a_municipal_boa_reaches_the_police_plan_from_the_opening(gesprek):
    eerste = gesprek.zeg("ik ben boa bij de gemeente en zag een jongen met een mes, "
                         "mag ik dat aan de school doorgeven?")
    assert "Stappenplan Politie" in teksten(eerste)
    assert "Stap 1 van 8" in teksten(eerste)
