"""Conversations through the police plan over REST, with the real servers on
loopback: from an informal opening to the outcome and its articles."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import custom, teksten

pytestmark = pytest.mark.e2e

# A police officer who may provide, has no medical secrecy, about data that
# identify a person and were processed for the police task.
BEVOEGD = [
    ('/kies{"optie":"bevoegde_autoriteit"}', "aangewezen"),
    ("ja", "medisch beroepsgeheim"),
    ("nee", "Stap 2 van 8"),
    ("ja", "Voor welke taak"),
    ('/kies{"optie":"politietaak"}', "soort politiegegevens"),
]


def _loop(gesprek, stappen):
    for antwoord, verwacht in stappen:
        assert verwacht in teksten(gesprek.zeg(antwoord)), antwoord


def test_weapon_data_cannot_go_to_the_college_for_youth_care(gesprek):
    # Voorbeeld 2 of the guide: the college may receive police data to assess
    # the need for youth care, not weapon data from an information file.
    eerste = gesprek.zeg("als wijkagent: het college van b&w vraagt onze "
                         "wapengegevens over een jongere, mag dat?")
    assert "Stap 1 van 8" in teksten(eerste)
    _loop(gesprek, BEVOEGD + [
        ('/kies{"optie":"art10"}', "toestemming van de bevoegde functionaris"),
        ("ja", "Met wie wilt u"),
        ('/kies{"optie":"derde"}', "Wie is de ontvanger"),
        ('/kies{"optie":"college_bw"}', "Heeft het college de gegevens nodig"),
        ("nee", "convenant"),
        ("nee", "eenmalig verstrekken"),
    ])
    slot = gesprek.zeg("nee")
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "niet_delen"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == [
        "wpg_1_a", "wpg_10", "bpg_2_10", "wpg_7", "wpg_19"]
    assert "art. 19 Wpg" in teksten(slot)


def test_halt_may_get_the_name_of_a_suspect(gesprek):
    # Voorbeeld 3 of the guide: HALT may receive the name of a minor suspect
    # for an alternative settlement, from everyday police data (art. 8).
    eerste = gesprek.zeg("mag ik als wijkagent een naam doorgeven aan halt")
    assert "Stap 1 van 8" in teksten(eerste)
    _loop(gesprek, BEVOEGD + [
        ('/kies{"optie":"art8"}', "echt iets aan"),
        ("ja", "Met wie wilt u"),
        ('/kies{"optie":"derde"}', "Wie is de ontvanger"),
        ('/kies{"optie":"halt"}', "alternatieve afdoening"),
        ("ja", "need-to-know"),
        ("ja", "verhouding"),
        ("ja", "minst ingrijpende"),
        ("ja", "bewaartermijn"),
        ("ja", "juist en actueel"),
    ])
    slot = gesprek.zeg("ja")
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "mag_delen"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == [
        "wpg_1_a", "wpg_8", "wpg_7", "wpg_18", "bpg_4_2_f", "wpg_4"]


def test_a_school_as_such_has_no_basis_but_a_convenant_partner_may(gesprek):
    gesprek.zeg("ik ben boa en zag een leerling met een mes, mag ik dat aan de "
                "school doorgeven?")
    _loop(gesprek, [
        ('/kies{"optie":"boa"}', "aangewezen"),
        ("ja", "medisch beroepsgeheim"),
        ("nee", "Stap 2 van 8"),
        ("ja", "Voor welke taak"),
        ('/kies{"optie":"politietaak"}', "soort politiegegevens"),
        ('/kies{"optie":"art8"}', "echt iets aan"),
        ("ja", "Met wie wilt u"),
        ('/kies{"optie":"derde"}', "Wie is de ontvanger"),
        ('/kies{"optie":"school"}', "binnen de school een rol"),
        ("nee", "convenant"),
        ("ja", "bevoegd gezag"),
        ("ja", "zwaarwegend algemeen belang"),
        ("ja", "voorwaarden"),
        ("ja", "soort politiegegevens"),
        ("ja", "doel van het convenant"),
        ("ja", "oorspronkelijk"),
        ("ja", "convenantdoel"),
        ("ja", "convenantpartner"),
        ("ja", "bewaartermijn"),
        ("ja", "juist en actueel"),
    ])
    uitkomst = custom(gesprek.zeg("ja"), "deelwijzer")
    assert uitkomst["uitkomst"] == "mag_delen"
    assert "wpg_20" in [c["sleutel"] for c in uitkomst["citaten"]]
    assert "bpg_4_2_f" not in [c["sleutel"] for c in uitkomst["citaten"]]


def test_an_officer_with_medical_secrecy_is_offered_the_care_plan(gesprek):
    gesprek.zeg("ik werk bij de politie, mag ik informatie over een arrestant delen")
    _loop(gesprek, [
        ('/kies{"optie":"bevoegde_autoriteit"}', "aangewezen"),
        ("ja", "medisch beroepsgeheim"),
    ])
    slot = gesprek.zeg("ja")
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "ander_stappenplan"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == ["wbig_88"]
    knoppen = [k for b in slot for k in b.get("buttons", [])]
    assert {"title": "Start het Stappenplan zorg- en hulpverleners",
            "payload": '/kies_plan{"plan":"zorg"}'} in knoppen
    assert "Met welk doel" not in teksten(slot)

    zorg = gesprek.zeg('/kies_plan{"plan":"zorg"}')
    assert "Stap 1 van 4 — Aangifte" in teksten(zorg)


def test_someone_who_only_receives_police_data_is_told_the_avg_applies(gesprek):
    gesprek.zeg("ik werk bij de politie en wil gegevens delen")
    slot = gesprek.zeg('/kies{"optie":"ontvanger"}')
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "ander_stappenplan"
    assert "AVG" in teksten(slot)
    assert "kies_plan" not in str([b.get("buttons") for b in slot])
