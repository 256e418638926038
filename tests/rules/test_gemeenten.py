"""The municipal step plan (openbare orde): cases from the guide and practice.

Each case walks the plan with the answers a municipal safety adviser would
give and checks the kind of outcome and the articles it rests on. Cases named
"voorbeeld-..." are the guide's own examples.
"""

from __future__ import annotations

import pytest

from bot.rules import loop

# Answers that bring a public-order adviser who wants to share to step 2.
NAAR_STAP2 = [
    ("g0_rol", "openbare_orde"),
    ("g0_richting", "verstrekken"),
    ("g0_strafbaar_feit", "nee"),
    ("g1_persoonsgegevens", "ja"),
]
# Necessity and the principles of art. 5 AVG all met.
NOODZAKELIJK = [
    ("g3_effectiviteit", "ja"),
    ("g3_evenredigheid", "ja"),
    ("g3_subsidiariteit", "ja"),
    ("g4_beginselen", "ja"),
]
# No special, criminal, police or OM data.
GEEN_EXTRA = [
    ("gb_bijzonder", "nee"),
    ("gs_strafrechtelijk", "nee"),
    ("gg_politiegegevens", "nee"),
    ("gg_om_gegevens", "nee"),
]
POLITIE = NAAR_STAP2 + [("g2_ontvanger", "politie_om"), ("g2b_openbare_orde", "ja")]

GEVALLEN = [
    pytest.param(
        [("g0_rol", "openbare_orde"), ("g0_richting", "verstrekken"),
         ("g0_strafbaar_feit", "ja"), ("g0_aangifte", "ja")],
        "u_aangifte", "aangifte", ["gemw_172", "sv_161"],
        id="voorbeeld-wapenbezit-aangifte-politie",
    ),
    pytest.param(
        [("g0_rol", "openbare_orde"), ("g0_richting", "verstrekken"),
         ("g0_strafbaar_feit", "ja"), ("g0_aangifte", "nee")]
        + NAAR_STAP2[3:] + [("g2_ontvanger", "politie_om"), ("g2b_openbare_orde", "ja")]
        + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5"],
        id="strafbaar-feit-geen-aangifte-wel-delen-met-politie",
    ),
    pytest.param(
        [("g0_rol", "zorg")], "u_ander_zorg", "ander_stappenplan", ["gemw_172"],
        id="wijkteammedewerker-gemeente-naar-stappenplan-zorg",
    ),
    pytest.param(
        [("g0_rol", "boa")], "u_ander_politie", "ander_stappenplan", ["gemw_172"],
        id="boa-gemeente-naar-stappenplan-politie",
    ),
    pytest.param(
        [("g0_rol", "openbare_orde"), ("g0_richting", "ontvangen")],
        "u_ontvangen", "ander_stappenplan",
        ["gemw_172", "wpg_16", "wpg_7", "wjsg_8a", "wjsg_39f"],
        id="burgemeester-wil-politie-en-om-gegevens-ontvangen",
    ),
    pytest.param(
        NAAR_STAP2[:3] + [("g1_persoonsgegevens", "nee")],
        "u_geen_persoonsgegevens", "mag_delen", ["gemw_172", "avg_4_1"],
        id="alleen-cijfers-over-overlast-geen-persoonsgegevens",
    ),
    pytest.param(
        NAAR_STAP2 + [("g2_ontvanger", "andere_afdeling"), ("g2a_bevoegdheid", "nee")],
        "u_niet_delen_andere_taak", "niet_delen", ["gemw_172", "avg_4_1", "avg_6_1_e"],
        id="voorbeeld-2a-openbare-orde-gegevens-naar-sociaal-domein-niet-zomaar",
    ),
    pytest.param(
        NAAR_STAP2 + [("g2_ontvanger", "andere_afdeling"), ("g2a_bevoegdheid", "ja")]
        + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5"],
        id="2a-collega-openbare-orde-zelfde-bevoegdheid",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5"],
        id="2b-dreigende-vechtpartij-gegevens-naar-politie",
    ),
    pytest.param(
        NAAR_STAP2 + [("g2_ontvanger", "politie_om"), ("g2b_openbare_orde", "nee")],
        "u_niet_delen_politie", "niet_delen",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5"],
        id="2b-alleen-mogelijk-interessant-voor-politie-niet-delen",
    ),
    pytest.param(
        NAAR_STAP2 + [("g2_ontvanger", "andere_partner"), ("g2c_grondslag", "openbare_orde"),
                      ("g2c_ontvanger_grondslag", "ja")] + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5"],
        id="voorbeeld-2c-woningcorporatie-binnen-openbare-ordetaak-art-172",
    ),
    pytest.param(
        NAAR_STAP2 + [("g2_ontvanger", "andere_partner"), ("g2c_grondslag", "wettelijke_plicht"),
                      ("g2c_ontvanger_grondslag", "ja")] + NOODZAKELIJK + GEEN_EXTRA,
        "u_mag_delen", "mag_delen", ["gemw_172", "avg_4_1", "avg_6_1_c", "avg_5"],
        id="2c-specifieke-wet-regelt-verstrekking",
    ),
    pytest.param(
        NAAR_STAP2 + [("g2_ontvanger", "andere_partner"), ("g2c_grondslag", "geen")],
        "u_andere_grondslag", "overleg", ["gemw_172", "avg_4_1", "avg_6_1"],
        id="2c-buiten-openbare-orde-andere-grondslag-nodig-fg",
    ),
    pytest.param(
        NAAR_STAP2 + [("g2_ontvanger", "andere_partner"), ("g2c_grondslag", "openbare_orde"),
                      ("g2c_ontvanger_grondslag", "nee")],
        "u_ontvanger_zonder_grondslag", "overleg",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_6_1"],
        id="2c-sportclub-zonder-eigen-grondslag-fg",
    ),
    pytest.param(
        POLITIE + [("g3_effectiviteit", "ja"), ("g3_evenredigheid", "nee")],
        "u_niet_noodzakelijk", "overleg", ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5_1_c"],
        id="vage-signalen-niet-evenredig-fg",
    ),
    pytest.param(
        POLITIE + [("g3_effectiviteit", "ja"), ("g3_evenredigheid", "ja"),
                   ("g3_subsidiariteit", "nee")],
        "u_niet_noodzakelijk", "overleg", ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5_1_c"],
        id="lichter-middel-mogelijk-fg",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK[:3] + [("g4_beginselen", "nee")],
        "u_overleg_beginselen", "overleg", ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5"],
        id="stap4-versturen-via-whatsapp-niet-zorgvuldig-fg",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + [("gb_bijzonder", "ja"), ("gb_uitzondering", "kennelijk_openbaar")]
        + GEEN_EXTRA[1:],
        "u_mag_delen", "mag_delen",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "avg_9_2_e"],
        id="extremistische-uitingen-zelf-op-internet-gezet",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + [("gb_bijzonder", "ja"), ("gb_uitzondering", "geen")],
        "u_niet_delen_bijzonder", "niet_delen",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "avg_9_1"],
        id="psychische-problemen-zonder-uitzondering-niet-delen",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + [("gb_bijzonder", "ja"), ("gb_uitzondering", "andere")],
        "u_overleg_bijzonder", "overleg",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "avg_9_2", "uavg_22"],
        id="bijzondere-gegevens-andere-uitzondering-fg",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + [("gb_bijzonder", "nee"), ("gs_strafrechtelijk", "ja"),
                                  ("gs_uitzondering", "kennelijk_openbaar")] + GEEN_EXTRA[2:],
        "u_mag_delen", "mag_delen",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "avg_10", "uavg_32"],
        id="jongere-zet-eigen-straf-op-tiktok",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + [("gb_bijzonder", "nee"), ("gs_strafrechtelijk", "ja"),
                                  ("gs_uitzondering", "geen")],
        "u_niet_delen_strafrechtelijk", "niet_delen",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "avg_10"],
        id="verdenking-zonder-uitzondering-niet-delen",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + [("gb_bijzonder", "nee"), ("gs_strafrechtelijk", "ja"),
                                  ("gs_uitzondering", "andere")],
        "u_overleg_strafrechtelijk", "overleg",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "avg_10", "uavg_32", "uavg_33"],
        id="strafrechtelijke-gegevens-andere-uitzondering-fg",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + GEEN_EXTRA[:2]
        + [("gg_politiegegevens", "ja"), ("gg_wpg_doorbreken", "nee")],
        "u_niet_delen_wpg", "niet_delen",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "wpg_7"],
        id="bestuurlijke-rapportage-politie-doorsturen-niet-delen",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + GEEN_EXTRA[:2]
        + [("gg_politiegegevens", "ja"), ("gg_wpg_doorbreken", "ja"), ("gg_om_gegevens", "nee")],
        "u_mag_delen", "mag_delen",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "wpg_7"],
        id="politiegegevens-nodig-voor-openbare-ordetaak",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + GEEN_EXTRA[:3]
        + [("gg_om_gegevens", "ja"), ("gg_wjsg_doorbreken", "nee")],
        "u_niet_delen_wjsg", "niet_delen",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "wjsg_52"],
        id="strafvorderlijke-gegevens-om-doorgeven-niet-delen",
    ),
    pytest.param(
        POLITIE + NOODZAKELIJK + GEEN_EXTRA[:3]
        + [("gg_om_gegevens", "ja"), ("gg_wjsg_doorbreken", "ja")],
        "u_mag_delen", "mag_delen",
        ["gemw_172", "avg_4_1", "avg_6_1_e", "avg_5", "wjsg_52"],
        id="strafvorderlijke-gegevens-nodig-voor-taak",
    ),
]


@pytest.mark.parametrize("antwoorden, knoop, soort, citaten", GEVALLEN)
def test_case(regels, antwoorden, knoop, soort, citaten):
    stand = loop(regels.plan("gemeenten"), antwoorden)
    assert stand.klaar, f"still open: {stand.knoop.id}"
    assert stand.knoop.id == knoop
    assert stand.uitkomst.uitkomst == soort
    assert list(stand.citaten()) == citaten


def test_every_question_says_why_and_what_to_do_when_unsure(regels):
    for knoop in regels.plan("gemeenten").knopen.values():
        if knoop.is_vraag:
            assert knoop.waarom and knoop.weet_niet, knoop.id


def test_every_consultation_outcome_names_the_privacy_officer_or_fg(regels):
    for knoop in regels.plan("gemeenten").knopen.values():
        if knoop.uitkomst == "overleg":
            assert "privacy officer" in knoop.tekst or "FG" in knoop.tekst, knoop.id


def test_the_public_task_basis_is_tied_to_the_mayors_duty(regels):
    """Wherever the plan relies on art. 6(1)(e) AVG it names art. 172 Gemw."""
    plan = regels.plan("gemeenten")
    for knoop in plan.knopen.values():
        bundels = [knoop.citeer] + [o.citeer for o in knoop.opties]
        for citeer in bundels:
            if "avg_6_1_e" in citeer:
                assert "gemw_172" in citeer, knoop.id
    assert regels.wetgeving["avg_6_1_e"].aanduiding() == "art. 6 lid 1 onder e AVG"
    assert regels.wetgeving["gemw_172"].aanduiding() == "art. 172 Gemw"


def test_reporting_a_crime_ends_the_plan(regels):
    plan = regels.plan("gemeenten")
    stand = loop(plan, [("g0_rol", "openbare_orde"), ("g0_richting", "verstrekken"),
                        ("g0_strafbaar_feit", "ja"), ("g0_aangifte", "ja")])
    assert stand.klaar and stand.voortgang().startswith("Stap 1 van 7")


def test_pointers_to_local_arrangements_are_given(regels):
    optie = regels.plan("gemeenten").knopen["g0_richting"].optie("verstrekken")
    for woord in ("modelconvenant jeugdgroepenaanpak", "Persoonsgerichte Aanpak",
                  "Zorg- en Veiligheidshuis"):
        assert woord in " ".join(optie.melding.split())


def test_silent_branches_say_so(regels):
    """Every consultation outcome the guide does not print carries a note."""
    gedrukt = {"u_overleg_beginselen"}  # the guide's own 'NEE' of step 4
    for knoop in regels.plan("gemeenten").knopen.values():
        if knoop.uitkomst == "overleg" and knoop.id not in gedrukt:
            assert knoop.opmerking, knoop.id
