"""The schools' step plan: cases from the guide and from school practice.

Each case walks the plan with the answers a teacher, mentor or zorgcoördinator
would give and checks the kind of outcome and the articles it rests on. Cases
named "voorbeeld-..." are the guide's own examples.
"""

from __future__ import annotations

import pytest

from bot.rules import loop

# A teacher who wants to give personal data to someone outside the school.
EXTERN = [
    ("o0_rol", "onderwijs"),
    ("o0_strafbaar_feit", "nee"),
    ("o0_richting", "extern"),
    ("o1_persoonsgegevens", "ja"),
]
GEEN_TOESTEMMING_OF_PLICHT = EXTERN + [
    ("o1_toestemming", "nee"),
    ("o1_wettelijke_plicht", "nee"),
]
PUBLIEKE_TAAK = GEEN_TOESTEMMING_OF_PLICHT + [
    ("o1_publieke_taak", "ja"),
    ("o1_ontvanger_grondslag", "ja"),
    ("o2_verenigbaar", "ja"),
]
NOODZAKELIJK = [
    ("o3_effectiviteit", "ja"),
    ("o3_evenredigheid", "ja"),
    ("o3_subsidiariteit", "ja"),
    ("o4_beginselen", "ja"),
]
GEEN_EXTRA = [
    ("ob_bijzonder", "nee"),
    ("os_strafrechtelijk", "nee"),
    ("og_contract", "nee"),
]
TAAK = ["avg_4_1", "avg_6_1_e", "avg_6_4", "avg_5"]

GEVALLEN = [
    pytest.param(
        [("o0_rol", "onderwijs"), ("o0_strafbaar_feit", "ja"), ("o0_aangifte", "ja")],
        "u_aangifte", "aangifte", ["sv_161"],
        id="voorbeeld-school-mes-in-tas-aangifte-politie",
    ),
    pytest.param(
        [("o0_rol", "onderwijs"), ("o0_strafbaar_feit", "ja"), ("o0_aangifte", "ja")],
        "u_aangifte", "aangifte", ["sv_161"],
        id="voorbeeld-leerling-slaat-en-schopt-leraar-aangifte",
    ),
    pytest.param(
        [("o0_rol", "onderwijs"), ("o0_strafbaar_feit", "ja"), ("o0_aangifte", "nee"),
         ("o0_richting", "extern"), ("o1_persoonsgegevens", "ja"), ("o1_toestemming", "nee"),
         ("o1_wettelijke_plicht", "nee"), ("o1_publieke_taak", "ja"),
         ("o1_ontvanger_grondslag", "ja"), ("o2_verenigbaar", "ja")]
        + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", TAAK,
        id="wapen-gezien-geen-aangifte-wel-melden-via-veiligheidstaak",
    ),
    pytest.param(
        [("o0_rol", "hulpverlener")], "u_ander_zorg", "ander_stappenplan", ["sr_272"],
        id="schoolmaatschappelijk-werker-naar-stappenplan-zorg",
    ),
    pytest.param(
        [("o0_rol", "onderwijs"), ("o0_strafbaar_feit", "nee"), ("o0_richting", "intern"),
         ("o0_intern_noodzakelijk", "ja")],
        "u_intern_mag", "mag_delen", ["avg_6_1_e"],
        id="voorbeeld-leerlingbespreking-met-betrokken-collegas",
    ),
    pytest.param(
        [("o0_rol", "onderwijs"), ("o0_strafbaar_feit", "nee"), ("o0_richting", "intern"),
         ("o0_intern_noodzakelijk", "nee")],
        "u_intern_overleg", "overleg", ["avg_5_1_c"],
        id="collega-niet-betrokken-bij-leerling-overleg",
    ),
    pytest.param(
        [("o0_rol", "onderwijs"), ("o0_strafbaar_feit", "nee"), ("o0_richting", "ontvangen")],
        "u_ontvangen_hulpverlener", "ander_stappenplan", ["sr_272"],
        id="voorbeeld-mentor-wil-informatie-van-jeugdhulpverlener",
    ),
    pytest.param(
        EXTERN[:3] + [("o1_persoonsgegevens", "nee")],
        "u_geen_persoonsgegevens", "overleg", ["avg_4_1"],
        id="naam-weggelaten-toch-herleidbaar-overleg",
    ),
    pytest.param(
        EXTERN + [("o1_toestemming", "ja"), ("o1_leeftijd", "12_tot_16"),
                  ("o1_toestemming_samen", "ja")] + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", ["avg_4_1", "avg_6_1_a", "avg_5"],
        id="voorbeeld-laag-iq-zorgelijk-gedrag-toestemming-ouder-en-leerling",
    ),
    pytest.param(
        EXTERN + [("o1_toestemming", "ja"), ("o1_leeftijd", "jonger_dan_12"),
                  ("o1_toestemming_ouder", "ja")] + NOODZAKELIJK
        + [("ob_bijzonder", "ja"), ("ob_uitzondering", "uitdrukkelijke_toestemming")]
        + GEEN_EXTRA[1:],
        "u_mag_delen", "mag_delen", ["avg_4_1", "avg_6_1_a", "avg_5", "avg_9_2_a"],
        id="basisschoolleerling-gedragsgegevens-schriftelijke-toestemming-ouders",
    ),
    pytest.param(
        EXTERN + [("o1_toestemming", "ja"), ("o1_leeftijd", "16_of_ouder"),
                  ("o1_toestemming_leerling", "ja")] + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", ["avg_4_1", "avg_6_1_a", "avg_5"],
        id="leerling-17-geeft-zelf-toestemming",
    ),
    pytest.param(
        EXTERN + [("o1_toestemming", "ja"), ("o1_leeftijd", "12_tot_16"),
                  ("o1_toestemming_samen", "nee"), ("o1_wettelijke_plicht", "nee"),
                  ("o1_publieke_taak", "nee"), ("o1_openbare_school", "nee"),
                  ("o1_gb_belang", "nee")],
        "u_geen_grondslag", "overleg", ["avg_4_1", "avg_6_1"],
        id="leerling-15-alleen-eigen-toestemming-geen-andere-grondslag",
    ),
    pytest.param(
        EXTERN + [("o1_toestemming", "nee"), ("o1_wettelijke_plicht", "ja")]
        + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", ["avg_4_1", "avg_6_1_c", "avg_5"],
        id="voorbeeld-bevel-van-politie-wettelijke-plicht-zonder-verenigbaarheidstoets",
    ),
    pytest.param(
        PUBLIEKE_TAAK + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", TAAK,
        id="voorbeeld-fysieke-veiligheid-op-school-taak-van-algemeen-belang",
    ),
    pytest.param(
        GEEN_TOESTEMMING_OF_PLICHT + [
            ("o1_publieke_taak", "nee"), ("o1_openbare_school", "nee"),
            ("o1_gb_belang", "ja"), ("o1_gb_afweging", "ja"),
            ("o1_ontvanger_grondslag", "ja"), ("o2_verenigbaar", "ja")]
        + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", ["avg_4_1", "avg_6_1_f", "avg_6_4", "avg_5"],
        id="voorbeeld-geweld-thuis-met-leerling-andere-school-bijzondere-school",
    ),
    pytest.param(
        GEEN_TOESTEMMING_OF_PLICHT + [("o1_publieke_taak", "nee"), ("o1_openbare_school", "ja")],
        "u_openbare_school", "overleg", ["avg_4_1", "avg_6_1", "avg_6_1_f"],
        id="geweld-thuis-openbare-school-geen-gerechtvaardigd-belang-fg",
    ),
    pytest.param(
        GEEN_TOESTEMMING_OF_PLICHT + [
            ("o1_publieke_taak", "nee"), ("o1_openbare_school", "nee"),
            ("o1_gb_belang", "ja"), ("o1_gb_afweging", "nee")],
        "u_geen_grondslag", "overleg", ["avg_4_1", "avg_6_1"],
        id="belang-weegt-niet-zwaarder-dan-privacy-leerling",
    ),
    pytest.param(
        GEEN_TOESTEMMING_OF_PLICHT + [("o1_publieke_taak", "ja"),
                                      ("o1_ontvanger_grondslag", "nee")],
        "u_ontvanger_zonder_grondslag", "overleg", ["avg_4_1", "avg_6_1_e", "avg_6_1"],
        id="ontvanger-zonder-eigen-grondslag-overleg",
    ),
    pytest.param(
        GEEN_TOESTEMMING_OF_PLICHT + [("o1_publieke_taak", "ja"),
                                      ("o1_ontvanger_grondslag", "ja"),
                                      ("o2_verenigbaar", "nee")],
        "u_niet_verenigbaar", "overleg", ["avg_4_1", "avg_6_1_e", "avg_6_4"],
        id="cito-en-dossiergegevens-niet-verenigbaar-doel",
    ),
    pytest.param(
        PUBLIEKE_TAAK + [("o3_effectiviteit", "ja"), ("o3_evenredigheid", "nee")],
        "u_niet_noodzakelijk", "overleg", ["avg_4_1", "avg_6_1_e", "avg_6_4", "avg_5_1_c"],
        id="vage-signalen-niet-evenredig-overleg",
    ),
    pytest.param(
        PUBLIEKE_TAAK + NOODZAKELIJK[:3] + [("o4_beginselen", "nee")],
        "u_overleg_beginselen", "overleg", TAAK,
        id="stap4-niet-zorgvuldig-raadpleeg-fg",
    ),
    pytest.param(
        PUBLIEKE_TAAK + NOODZAKELIJK
        + [("ob_bijzonder", "ja"), ("ob_uitzondering", "kennelijk_openbaar")] + GEEN_EXTRA[1:],
        "u_mag_delen", "mag_delen", TAAK + ["avg_9_2_e"],
        id="voorbeeld-radicale-uitlatingen-in-de-klas-kennelijk-openbaar",
    ),
    pytest.param(
        PUBLIEKE_TAAK + NOODZAKELIJK + [("ob_bijzonder", "ja"), ("ob_uitzondering", "geen")],
        "u_niet_delen_bijzonder", "niet_delen", TAAK + ["avg_9_1"],
        id="gedragsproblemen-zonder-uitzondering-niet-delen",
    ),
    pytest.param(
        PUBLIEKE_TAAK + NOODZAKELIJK + [("ob_bijzonder", "ja"), ("ob_uitzondering", "andere")],
        "u_overleg_bijzonder", "overleg", TAAK + ["avg_9_2", "uavg_22"],
        id="bijzondere-gegevens-andere-uitzondering-fg",
    ),
    pytest.param(
        PUBLIEKE_TAAK + NOODZAKELIJK
        + [("ob_bijzonder", "nee"), ("os_strafrechtelijk", "ja"),
           ("os_uitzondering", "kennelijk_openbaar"), ("og_contract", "nee")],
        "u_mag_delen", "mag_delen", TAAK + ["avg_10", "uavg_32"],
        id="leerling-post-eigen-taakstraf-op-instagram",
    ),
    pytest.param(
        PUBLIEKE_TAAK + NOODZAKELIJK
        + [("ob_bijzonder", "nee"), ("os_strafrechtelijk", "ja"), ("os_uitzondering", "geen")],
        "u_niet_delen_strafrechtelijk", "niet_delen", TAAK + ["avg_10"],
        id="gerucht-over-verdenking-zonder-uitzondering-niet-delen",
    ),
    pytest.param(
        PUBLIEKE_TAAK + NOODZAKELIJK
        + [("ob_bijzonder", "nee"), ("os_strafrechtelijk", "ja"), ("os_uitzondering", "andere")],
        "u_overleg_strafrechtelijk", "overleg", TAAK + ["avg_10", "uavg_32", "uavg_33"],
        id="strafrechtelijke-gegevens-andere-uitzondering-fg",
    ),
    pytest.param(
        PUBLIEKE_TAAK + NOODZAKELIJK + GEEN_EXTRA[:2] + [("og_contract", "ja")],
        "u_overleg_contract", "overleg", TAAK,
        id="geheimhouding-in-arbeidscontract-overleg",
    ),
]


@pytest.mark.parametrize("antwoorden, knoop, soort, citaten", GEVALLEN)
def test_case(regels, antwoorden, knoop, soort, citaten):
    stand = loop(regels.plan("onderwijs"), antwoorden)
    assert stand.klaar, f"still open: {stand.knoop.id}"
    assert stand.knoop.id == knoop
    assert stand.uitkomst.uitkomst == soort
    assert list(stand.citaten()) == citaten


def test_every_question_says_why_and_what_to_do_when_unsure(regels):
    for knoop in regels.plan("onderwijs").knopen.values():
        if knoop.is_vraag:
            assert knoop.waarom and knoop.weet_niet, knoop.id


def test_every_consultation_outcome_names_the_privacy_officer_or_fg(regels):
    for knoop in regels.plan("onderwijs").knopen.values():
        if knoop.uitkomst == "overleg" and knoop.id != "u_intern_overleg":
            assert "privacy officer" in knoop.tekst or "FG" in knoop.tekst, knoop.id


def test_compatibility_is_tested_only_after_a_task_or_legitimate_interest(regels):
    """Art. 6(4) AVG is not asked after consent or a legal duty (the guide
    sends those straight to step 3)."""
    plan = regels.plan("onderwijs")
    for knoop_id in ("o1_toestemming_ouder", "o1_toestemming_samen",
                     "o1_toestemming_leerling", "o1_wettelijke_plicht"):
        assert plan.knopen[knoop_id].optie("ja").volgende == "o3_effectiviteit"
    for knoop_id in ("o1_publieke_taak", "o1_gb_afweging"):
        assert plan.knopen[knoop_id].optie("ja").volgende == "o1_ontvanger_grondslag"
    assert plan.knopen["o1_ontvanger_grondslag"].optie("ja").volgende == "o2_verenigbaar"


@pytest.mark.parametrize(
    "leeftijd, wie",
    [
        pytest.param("jonger_dan_12", "o1_toestemming_ouder", id="onder-12-de-ouder"),
        pytest.param("12_tot_16", "o1_toestemming_samen", id="12-tot-16-ouder-en-leerling"),
        pytest.param("16_of_ouder", "o1_toestemming_leerling", id="vanaf-16-de-leerling"),
    ],
)
def test_who_consents_depends_on_the_pupils_age(regels, leeftijd, wie):
    stand = loop(regels.plan("onderwijs"),
                 EXTERN + [("o1_toestemming", "ja"), ("o1_leeftijd", leeftijd)])
    assert stand.knoop.id == wie


def test_the_guides_wrong_reference_for_the_schools_task_is_recorded(regels):
    artikel = regels.wetgeving["avg_6_1_e"]
    assert artikel.aanduiding() == "art. 6 lid 1 onder e AVG"
    assert "onder 2" in artikel.afwijking_handreiking


def test_silent_branches_say_so(regels):
    """Every consultation outcome the guide does not print carries a note."""
    plan = regels.plan("onderwijs")
    gedrukt = {"u_overleg_beginselen"}  # the guide's own 'NEE' of step 4
    for knoop in plan.knopen.values():
        if knoop.uitkomst == "overleg" and knoop.id not in gedrukt:
            assert knoop.opmerking, knoop.id
