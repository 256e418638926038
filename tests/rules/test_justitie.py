"""The justice step plan (Wjsg): cases from the guide and from practice.

Each case walks the plan with the answers an officer of justice or another
OM employee would give and checks the kind of outcome and the articles it
rests on. Cases named "voorbeeld-..." are the guide's own examples.
"""

from __future__ import annotations

import re

import pytest
import yaml

from bot.rules import alle_paden, loop
from bot.rules.loader import DATA_DIR

BUITEN = [("j1_strafdossier", "ja"), ("j1_doel", "buiten_strafrechtspleging")]

# Strafvorderlijke gegevens, with a mandate, through step 4 to a recipient the
# Aanwijzing names for preventing crimes.
STRAFVORDERLIJK = BUITEN + [
    ("j2_categorie", "strafvorderlijk"), ("j2b_strafdossier", "ja"),
    ("j3s_bevoegd", "ja"),
]
STAP4_OK = [
    ("j4_taak", "ja"), ("j4_doelverenigbaar", "ja"), ("j4_zab", "ja"),
    ("j4_doel", "strafbare_feiten"), ("j4_ontvanger", "ja"),
]
STAP5_7_OK = [
    ("j5_noodzaak", "ja"), ("j5_herleiding", "ja"),
    ("j6_proportionaliteit", "ja"), ("j7_subsidiariteit", "ja"),
]
TOT_STAP8 = STRAFVORDERLIJK + STAP4_OK + STAP5_7_OK

# Justitiële gegevens the OM holds for its own work, with acute necessity.
JUSTITIEEL = BUITEN + [
    ("j2_categorie", "justitieel"), ("j2a_strafrecht", "ja"),
    ("j2a_afgedaan", "ja"), ("j2a_bjsg", "ja"), ("j3j_bevoegd", "ja"),
    ("j3j_eigen_taak", "ja"), ("j3j_acute_noodzaak", "ja"),
]

# Tenuitvoerleggingsgegevens of a community service order.
TUL = BUITEN + [
    ("j2_categorie", "tenuitvoerlegging"), ("j2d_niet_vrijheidsbenemend", "ja"),
    ("j3t_bevoegd", "ja"),
]
TUL_OK = TUL + [
    ("j4t_plicht", "nee"), ("j4t_taak", "ja"), ("j4t_doelverenigbaar", "ja"),
    ("j4t_zab", "ja"), ("j4t_doel", "bestuurlijk"), ("j5t_noodzaak", "ja"),
    ("j5t_herleiding", "ja"), ("j6t_proportionaliteit", "ja"),
    ("j7t_andere_partij", "nee"),
]

GEVALLEN = [
    # ------------------------------------------------------------ Stap 1
    pytest.param(
        [("j1_strafdossier", "nee")],
        "u_j1_geen_wjsg", "ander_stappenplan", ["wjsg_1_b"],
        id="voorbeeld-ovj-preventie-zonder-strafzaak-valt-niet-onder-wjsg",
    ),
    pytest.param(
        [("j1_strafdossier", "ja"), ("j1_doel", "binnen_strafrechtspleging")],
        "u_j1_binnen_strafrechtspleging", "overleg", ["wjsg_39e"],
        id="verstrekking-binnen-strafrechtketen-buiten-dit-stappenplan",
    ),
    # ------------------------------------------------------------ Stap 2
    pytest.param(
        BUITEN + [("j2_categorie", "persoonsdossier"), ("j2c_persoonsdossier", "ja")],
        "u_j2c_persoonsdossier", "niet_delen", ["wjsg_1_c"],
        id="pro-justitia-rapport-persoonsdossier-niet-verstrekken",
    ),
    pytest.param(
        BUITEN + [("j2_categorie", "gerechtelijk")],
        "u_j2_gerechtelijk", "niet_delen", ["wjsg_1_e"],
        id="gerechtelijke-strafgegevens-niet-door-om",
    ),
    pytest.param(
        BUITEN + [("j2_categorie", "weet_niet"), ("j2a_strafrecht", "nee"),
                  ("j2b_strafdossier", "nee"), ("j2c_persoonsdossier", "nee"),
                  ("j2d_niet_vrijheidsbenemend", "nee")],
        "u_j2_geen_categorie", "niet_delen", ["wjsg_1_d"],
        id="detentiegegevens-beheert-de-minister-niet-het-om",
    ),
    # ------------------------------------------------------------ Stap 3
    pytest.param(
        STRAFVORDERLIJK[:-1] + [("j3s_bevoegd", "nee")],
        "u_j3_niet_bevoegd", "niet_delen", ["wjsg_1_b", "wjsg_52"],
        id="parketmedewerker-zonder-ondermandaat-niet-verstrekken",
    ),
    pytest.param(
        JUSTITIEEL[:-1] + [("j3j_acute_noodzaak", "nee")],
        "u_j3j_justid", "niet_delen", ["wjsg_1_a", "bjsg_6_9", "wjsg_8a"],
        id="strafblad-zonder-acute-noodzaak-via-justid-almelo",
    ),
    pytest.param(
        JUSTITIEEL[:-2] + [("j3j_eigen_taak", "nee")],
        "u_j3j_justid", "niet_delen", ["wjsg_8a"],
        id="justitiele-documentatie-niet-uit-eigen-werk-via-justid",
    ),
    pytest.param(
        TUL[:-1] + [("j3t_bevoegd", "nee")],
        "u_j3t_college", "niet_delen", ["wjsg_1_d", "wjsg_51c"],
        id="taakstrafgegevens-zonder-mandaat-vraag-het-college",
    ),
    # ------------------------------------------------------------ Stap 4
    pytest.param(
        STRAFVORDERLIJK + [("j4_taak", "ja"), ("j4_doelverenigbaar", "nee")],
        "u_j4_niet_delen", "niet_delen", ["wro_124", "wjsg_52"],
        id="voorbeeld-verstrekking-brengt-vervolging-in-gevaar",
    ),
    pytest.param(
        STRAFVORDERLIJK + [("j4_taak", "ja"), ("j4_doelverenigbaar", "ja"),
                           ("j4_zab", "nee")],
        "u_j4_niet_delen", "niet_delen", ["wjsg_52"],
        id="alleen-belang-van-derde-geen-zwaarwegend-algemeen-belang",
    ),
    pytest.param(
        STRAFVORDERLIJK + STAP4_OK[:-1] + [("j4_ontvanger", "nee"),
                                           ("j4_grondslag_ontvanger", "nee")],
        "u_j4_niet_delen", "niet_delen", ["wjsg_39f"],
        id="ontvanger-niet-in-aanwijzing-zonder-grondslag-niet-verstrekken",
    ),
    pytest.param(
        STRAFVORDERLIJK + STAP4_OK[:-1] + [("j4_ontvanger", "nee"),
                                           ("j4_grondslag_ontvanger", "ja"),
                                           ("j4_bjz_toetsing", "nee")],
        "u_j4_bjz_overleg", "overleg", ["aanwijzing_wjsg", "wjsg_39f"],
        id="woningcorporatie-niet-in-aanwijzing-eerst-toetsing-bjz",
    ),
    # ------------------------------------------------------- hele route js
    pytest.param(
        TOT_STAP8 + [("j8_afloop", "zonder_contra_indicatie")],
        "u_j9_mag_verstrekken", "mag_delen",
        ["wjsg_1_b", "wro_124", "evrm_8", "wjsg_39f", "aanwijzing_wjsg", "wjsg_52"],
        id="voorbeeld-hulpverlener-informeren-om-recidive-te-voorkomen",
    ),
    pytest.param(
        JUSTITIEEL + STAP4_OK + STAP5_7_OK + [("j8_afloop", "zonder_contra_indicatie")],
        "u_j9_mag_verstrekken", "mag_delen",
        ["wjsg_1_a", "bjsg_6_9", "wjsg_8a", "wjsg_39f", "aanwijzing_wjsg"],
        id="strafblad-acute-noodzaak-aan-burgemeester-8a-jo-39f",
    ),
    pytest.param(
        BUITEN + [("j2_categorie", "weet_niet"), ("j2a_strafrecht", "ja"),
                  ("j2a_afgedaan", "ja"), ("j2a_bjsg", "ja"), ("j3j_bevoegd", "ja"),
                  ("j3j_eigen_taak", "ja"), ("j3j_acute_noodzaak", "ja")]
        + STAP4_OK + STAP5_7_OK + [("j8_afloop", "zonder_contra_indicatie")],
        "u_j9_mag_verstrekken", "mag_delen", ["wjsg_1_a", "wjsg_8a"],
        id="voorbeeld-wwm-overtreding-pv-in-behandeling-is-justitieel-gegeven",
    ),
    pytest.param(
        STRAFVORDERLIJK + STAP4_OK + [("j5_noodzaak", "ja"), ("j5_herleiding", "nee")],
        "u_j57_niet_delen", "niet_delen", ["wjsg_39f"],
        id="getuigen-herkenbaar-in-verstrekking-niet-verstrekken",
    ),
    pytest.param(
        STRAFVORDERLIJK + STAP4_OK + STAP5_7_OK[:-1] + [("j7_subsidiariteit", "nee")],
        "u_j57_niet_delen", "niet_delen", ["wjsg_39f"],
        id="reclassering-heeft-informatie-al-niet-via-om",
    ),
    # ------------------------------------------------ Stap 8 contra-indicatie
    pytest.param(
        TOT_STAP8 + [("j8_afloop", "sepot_vrijspraak"), ("j8s_grond", "geen")],
        "u_j8_niet_delen", "niet_delen", ["wjsg_52"],
        id="vrijspraak-zonder-zwaarwegend-belang-niet-verstrekken",
    ),
    pytest.param(
        TOT_STAP8 + [("j8_afloop", "sepot_vrijspraak"), ("j8s_grond", "acuut_gevaar"),
                     ("j8_helpdesk", "ja")],
        "u_j9_mag_verstrekken", "mag_delen", ["wjsg_39f", "wjsg_52"],
        id="technisch-sepot-acuut-gevaar-na-toetsing-helpdesk",
    ),
    pytest.param(
        TOT_STAP8 + [("j8_afloop", "sepot_vrijspraak"), ("j8s_grond", "maatregelen"),
                     ("j8s_feiten", "nee")],
        "u_j8_niet_delen", "niet_delen", ["wjsg_52"],
        id="sepot-bestuurlijke-maatregel-gedrag-niet-bewezen-niet-verstrekken",
    ),
    pytest.param(
        TOT_STAP8 + [("j8_afloop", "geen_beslissing"), ("j8o_grond", "acuut_gevaar"),
                     ("j8o_spoed", "nee")],
        "u_j8_niet_delen", "niet_delen", ["wjsg_52"],
        id="nog-geen-vervolgingsbeslissing-zonder-spoed-niet-verstrekken",
    ),
    pytest.param(
        TOT_STAP8 + [("j8_afloop", "geen_beslissing"), ("j8o_grond", "civiel"),
                     ("j8o_feiten", "ja"), ("j8o_spoed", "ja"), ("j8_helpdesk", "nee")],
        "u_j8_helpdesk_overleg", "overleg", ["wjsg_52"],
        id="lopende-zaak-civiele-aansprakelijkheid-eerst-helpdesk-privacy",
    ),
    pytest.param(
        TOT_STAP8 + [("j8_afloop", "zonder_contra_indicatie")],
        "u_j9_mag_verstrekken", "mag_delen", ["wjsg_52"],
        id="beleidssepot-geen-contra-indicatie",
    ),
    # --------------------------------------------- tenuitvoerleggingsgegevens
    pytest.param(
        TUL_OK + [("j8_afloop", "zonder_contra_indicatie")],
        "u_j9_mag_verstrekken", "mag_delen",
        ["wjsg_1_d", "wro_124", "wjsg_51c", "wjsg_52"],
        id="taakstraf-gegevens-aan-gemeente-voor-bestuurlijk-handelen",
    ),
    pytest.param(
        TUL + [("j4t_plicht", "ja")],
        "u_j4t_moet_verstrekken", "moet_delen", ["bfz_2_4"],
        id="tbs-verpleging-zorgaanbieder-verplicht-art-2-4-bfz",
    ),
    pytest.param(
        TUL_OK[:-1] + [("j7t_andere_partij", "ja")],
        "u_j7t_andere_partij", "niet_delen", ["wfz_2_6"],
        id="forensische-zorg-minister-aangewezen-om-verstrekt-niet",
    ),
    pytest.param(
        TUL + [("j4t_plicht", "nee"), ("j4t_taak", "ja"),
               ("j4t_doelverenigbaar", "ja"), ("j4t_zab", "ja"),
               ("j4t_doel", "geen")],
        "u_j4t_niet_delen", "niet_delen", ["wjsg_52"],
        id="tenuitvoerlegging-doel-buiten-art-51c-niet-verstrekken",
    ),
]


@pytest.mark.parametrize("antwoorden, knoop, soort, artikelen", GEVALLEN)
def test_case(regels, antwoorden, knoop, soort, artikelen):
    stand = loop(regels.plan("justitie"), antwoorden)
    assert stand.klaar, f"stopped at {stand.knoop.id}"
    assert stand.knoop.id == knoop
    assert stand.uitkomst.uitkomst == soort
    for artikel in artikelen:
        assert artikel in stand.citaten()


def test_the_two_tracks_of_steps_4_to_7_never_mix(regels):
    plan = regels.plan("justitie")
    for pad in alle_paden(plan):
        knopen = {k for k, _ in pad}
        js = {k for k in knopen if re.match(r"j[4-7]_", k)}
        tul = {k for k in knopen if re.match(r"j[4-7]t_", k)}
        assert not (js and tul), pad
        if tul:
            assert ("j2d_niet_vrijheidsbenemend", "ja") in pad
            assert "wjsg_39f" not in loop(plan, pad).citaten()


def test_sharing_despite_a_contra_indication_always_passes_the_helpdesk(regels):
    plan = regels.plan("justitie")
    for pad in alle_paden(plan):
        afloop = dict(pad).get("j8_afloop")
        if afloop in ("sepot_vrijspraak", "geen_beslissing"):
            if loop(plan, pad).uitkomst.uitkomst == "mag_delen":
                assert ("j8_helpdesk", "ja") in pad


def test_a_case_without_prosecution_decision_needs_urgency(regels):
    plan = regels.plan("justitie")
    for pad in alle_paden(plan):
        if ("j8_afloop", "geen_beslissing") in pad:
            if loop(plan, pad).uitkomst.uitkomst == "mag_delen":
                assert ("j8o_spoed", "ja") in pad


def test_every_provision_is_recorded_for_four_years(regels):
    stand = loop(regels.plan("justitie"), TOT_STAP8 + [
        ("j8_afloop", "zonder_contra_indicatie")])
    vast = stand.vastleggen()
    for punt in ("wjsg_vastlegging", "wjsg_mandaat", "wjsg_herleiding",
                 "wjsg_geheimhouding_ontvanger", "wjsg_zwaarwegend_belang"):
        assert punt in vast


def test_the_law_is_named_correctly_everywhere(regels):
    plan = regels.plan("justitie")
    teksten = [plan.titel, plan.voor_wie]
    for knoop in plan.knopen.values():
        teksten += [knoop.tekst, knoop.waarom or "", knoop.weet_niet or ""]
        for optie in knoop.opties:
            teksten += [optie.label, optie.melding or ""]
    for tekst in teksten:
        assert "Wsjg" not in tekst
        assert "Wet justitie en strafrechtelijke" not in tekst
    for artikel in regels.wetgeving.values():
        if artikel.afkorting == "Wjsg":
            assert artikel.wet == "Wet justitiële en strafvorderlijke gegevens"


def test_the_unconfirmed_aanwijzing_id_says_so():
    ruw = yaml.safe_load((DATA_DIR / "wetgeving.yml").read_text(encoding="utf-8"))
    aanwijzing = ruw["artikelen"]["aanwijzing_wjsg"]
    assert "NIET BEVESTIGD" in aanwijzing["opmerking"]
    assert "gecontroleerd" not in aanwijzing


def test_every_question_says_why_and_what_to_do_when_unsure(regels):
    for knoop in regels.plan("justitie").knopen.values():
        if knoop.is_vraag:
            assert knoop.waarom and knoop.weet_niet, knoop.id


def test_the_progress_line_counts_nine_steps(regels):
    plan = regels.plan("justitie")
    assert plan.voortgang("j8_afloop") == "Stap 8 van 9 — Contra-indicatie"
    assert plan.voortgang("j4t_zab").startswith("Stap 4 van 9")
