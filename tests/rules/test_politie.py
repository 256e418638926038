"""The police step plan (Wpg): cases from the guide and from practice.

Each case walks the plan with the answers a police officer or boa would give
and checks the kind of outcome, the articles it rests on and, where the guide
demands it, what must be recorded. Cases named "voorbeeld-..." are the guide's
own examples.
"""

from __future__ import annotations

import pytest

from bot.rules import alle_paden, loop

# A police officer who may provide, no medical secrecy, about everyday data.
BEVOEGD = [
    ("p1_bevoegde_autoriteit", "bevoegde_autoriteit"),
    ("p1_bevoegd_verstrekken", "ja"),
    ("p1_medisch_beroepsgeheim", "nee"),
    ("p2_persoonsgegeven", "ja"),
    ("p2_politietaak", "politietaak"),
]
ART8 = BEVOEGD + [("p2_soort", "art8"), ("p3_baat", "ja")]
ART9 = BEVOEGD + [("p2_soort", "art9"), ("p3_baat", "ja")]
ART10 = BEVOEGD + [("p2_soort", "art10"), ("p3_baat", "ja")]
BOA_ART8 = [("p1_bevoegde_autoriteit", "boa")] + BEVOEGD[1:] + [
    ("p2_soort", "art8"), ("p3_baat", "ja")]

# Steps 5-7 met under a basis in the Besluit politiegegevens, then step 8.
STRUCTUREEL_OK = [
    ("p5s_noodzaak", "ja"), ("p6s_proportionaliteit", "ja"),
    ("p7s_subsidiariteit", "ja"),
]
STAP8_DERDEN_OK = [("p8d_bewaartermijn", "ja"), ("p8d_juist", "ja")]
# No convenant, then a one-off provision that meets every condition.
GEEN_CONVENANT = [("p4c_convenant", "nee")]
INCIDENTEEL_OK = [
    ("p4d_doel", "ja"), ("p4d_zwaarwegend", "ja"),
    ("p5i_noodzaak", "ja"), ("p5i_verenigbaar", "ja"),
    ("p6i_proportionaliteit", "ja"), ("p7i_subsidiariteit", "ja"),
    ("p7i_instemming_gezag", "ja"),
]
CONVENANT_OK = [
    ("p4c_convenant", "ja"), ("p4c_instemming", "ja"), ("p4c_belang", "ja"),
    ("p4c_voorwaarden", "ja"), ("p4c_soort", "ja"),
    ("p5c_noodzaak", "ja"), ("p5c_verenigbaar", "ja"),
    ("p6c_proportionaliteit", "ja"), ("p7c_subsidiariteit", "ja"),
]
GEEN_WEIGERINGSGROND = [
    ("p4a_gevaar", "nee"), ("p4a_ernstig_misdrijf", "nee"), ("p4a_embargo", "nee"),
]

GEVALLEN = [
    # ------------------------------------------------------------ Stap 1
    pytest.param(
        [("p1_bevoegde_autoriteit", "ontvanger")],
        "u_p1_geen_bevoegde_autoriteit", "ander_stappenplan", ["avg", "wpg_7"],
        id="riec-partner-ontvangt-politiegegevens-valt-onder-avg",
    ),
    pytest.param(
        [("p1_bevoegde_autoriteit", "bevoegde_autoriteit"),
         ("p1_bevoegd_verstrekken", "nee")],
        "u_p1_niet_bevoegd", "niet_delen", ["wpg_7"],
        id="agent-niet-aangewezen-en-geautoriseerd-niet-delen",
    ),
    pytest.param(
        [("p1_bevoegde_autoriteit", "bevoegde_autoriteit"),
         ("p1_bevoegd_verstrekken", "ja"), ("p1_medisch_beroepsgeheim", "ja")],
        "u_p1_eerst_zorg", "ander_stappenplan", ["wbig_88"],
        id="forensisch-arts-politie-eerst-stappenplan-zorg",
    ),
    # ------------------------------------------------------------ Stap 2
    pytest.param(
        BEVOEGD[:3] + [("p2_persoonsgegeven", "ja"),
                       ("p2_politietaak", "burgemeesterstaak")],
        "u_p2_avg", "ander_stappenplan", ["avg"],
        id="voorbeeld-apv-toezicht-burgemeesterstaak-valt-onder-avg",
    ),
    pytest.param(
        BEVOEGD[:3] + [("p2_persoonsgegeven", "nee")],
        "u_p2_geen_persoonsgegeven", "ander_stappenplan", ["wpg_1_a"],
        id="geen-herleidbare-gegevens-geen-politiegegevens",
    ),
    # ------------------------------------------------------------ Stap 3
    pytest.param(
        BEVOEGD + [("p2_soort", "art8"), ("p3_baat", "nee")],
        "u_p3_geen_baat", "niet_delen", ["wpg_1_a", "wpg_8", "wpg_7"],
        id="zorgverlener-heeft-geen-baat-bij-politiegegevens",
    ),
    # ------------------------------------------------------ 4A binnen Wpg
    pytest.param(
        BOA_ART8 + [("p4_ontvanger", "wpg_partij"), ("p4a_need_to_know", "ja")]
        + GEEN_WEIGERINGSGROND + [("p8a_bewaartermijn", "ja"), ("p8a_juist", "ja")],
        "u_p8a_moet_ter_beschikking", "moet_delen",
        ["bpgboa_2", "wpg_8", "wpg_7", "wpg_15", "bpg_2_13", "wpg_4"],
        id="voorbeeld-boa-overlast-persoon-a-ter-beschikking-aan-politie",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "wpg_partij"), ("p4a_need_to_know", "nee")],
        "u_p4a_niet_delen", "niet_delen", ["wpg_15"],
        id="politie-naar-kmar-zonder-need-to-know-niet-delen",
    ),
    pytest.param(
        ART9 + [("p4_ontvanger", "wpg_partij"), ("p4a_need_to_know", "ja"),
                ("p4a_gevaar", "nee"), ("p4a_ernstig_misdrijf", "ja")],
        "u_p4a_overleg", "overleg", ["wpg_9", "bpg_2_10", "wpg_15", "bpg_2_13"],
        id="recherchegegevens-mensenhandel-overleg-leidinggevende",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "wpg_partij"), ("p4a_need_to_know", "ja"),
                ("p4a_gevaar", "ja")],
        "u_p4a_overleg", "overleg", ["wpg_15", "bpg_2_13"],
        id="informant-in-gevaar-overleg-over-deels-ter-beschikking",
    ),
    # ------------------------------------------------------ 4B gezagsdragers
    pytest.param(
        ART8 + [("p4_ontvanger", "burgemeester"), ("p4b_burgemeester_taak", "ja"),
                ("p5_burgemeester", "ja"), ("p8g_bewaartermijn", "ja"),
                ("p8g_juist", "ja")],
        "u_p8g_moet_gezagsdrager", "moet_delen", ["wpg_8", "wpg_16", "wpg_4"],
        id="voorbeeld-gebiedsverbod-burgemeester-moet-verstrekken",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "om"), ("p4b_om_taak", "ja"), ("p5_om", "ja"),
                ("p8g_bewaartermijn", "ja"), ("p8g_juist", "ja")],
        "u_p8g_moet_gezagsdrager", "moet_delen", ["wpg_16", "wpg_4"],
        id="voorbeeld-ovj-vervolgingsbeslissing-moet-verstrekken",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "burgemeester"), ("p4b_burgemeester_taak", "ja"),
                ("p5_burgemeester", "ja"), ("p8g_bewaartermijn", "nee")],
        "u_p8_bewaartermijn_verstreken", "niet_delen", ["wpg_3"],
        id="burgemeester-maar-bewaartermijn-verstreken-niet-delen",
    ),
    # ----------------------------------------- 4B derden structureel (Bpg)
    pytest.param(
        ART10 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "college_bw"),
                 ("p4b_college_doel", "geen_grondslag")] + GEEN_CONVENANT
        + [("p4d_doel", "nee")],
        "u_p4d_niet_delen", "niet_delen", ["wpg_10", "wpg_7", "wpg_19"],
        id="voorbeeld-politie-wapenbezit-naar-college-geen-grondslag",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "college_bw"),
                ("p4b_college_doel", "jeugdhulp")] + STRUCTUREEL_OK
        + STAP8_DERDEN_OK,
        "u_p8d_mag_verstrekken", "mag_delen",
        ["wpg_8", "wpg_18", "bpg_4_2_i", "wpg_4", "wpg_7"],
        id="college-beoordeling-jeugdhulp-mag-verstrekken",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "halt"),
                ("p4b_halt_doel", "halt_afdoening")] + STRUCTUREEL_OK
        + STAP8_DERDEN_OK,
        "u_p8d_mag_verstrekken", "mag_delen", ["wpg_18", "bpg_4_2_f"],
        id="voorbeeld-naam-verdachte-naar-halt-mag-verstrekken",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "reclassering"),
                ("p4b_reclassering_doel", "reclasseringstaak")] + STRUCTUREEL_OK
        + STAP8_DERDEN_OK,
        "u_p8d_mag_verstrekken", "mag_delen", ["wpg_18", "bpg_4_2_g"],
        id="reclassering-voorlichtingsrapport-mag-verstrekken",
    ),
    pytest.param(
        ART9 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "riec"),
                ("p4b_riec_voorwaarden", "ja_art9_10")] + STRUCTUREEL_OK
        + STAP8_DERDEN_OK,
        "u_p8d_mag_verstrekken", "mag_delen", ["wpg_9", "wpg_18", "bpg_4_3_lid7"],
        id="riec-casusanalyse-recherchegegevens-na-instemming-om",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "school"),
                ("p4b_school_rol", "ja")],
        "u_p4b_school_overleg", "overleg", ["wpg_18"],
        id="schooldirecteur-als-benadeelde-overleg-privacyfunctionaris",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "school"),
                ("p4b_school_rol", "nee")] + GEEN_CONVENANT + INCIDENTEEL_OK
        + STAP8_DERDEN_OK,
        "u_p8d_mag_verstrekken", "mag_delen", ["wpg_19", "wpg_4", "wpg_7"],
        id="voorbeeld-mishandeld-kind-hulp-via-school-incidenteel",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "geen_grondslag")]
        + CONVENANT_OK + STAP8_DERDEN_OK,
        "u_p8d_mag_verstrekken", "mag_delen", ["wpg_20", "wpg_4", "wpg_7"],
        id="zorgpartner-in-convenant-excessief-geweld-mag-verstrekken",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "geen_grondslag"),
                ("p4c_convenant", "ja"), ("p4c_instemming", "ja"),
                ("p4c_belang", "ja"), ("p4c_voorwaarden", "ja"),
                ("p4c_soort", "nee"), ("p4d_doel", "nee")],
        "u_p4d_niet_delen", "niet_delen", ["wpg_7", "wpg_19"],
        id="voorbeeld-gebroken-been-inbraak-niet-naar-zorgpartner-convenant",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "geen_grondslag"),
                ("p4c_convenant", "nee"), ("p4d_doel", "ja"),
                ("p4d_zwaarwegend", "nee")],
        "u_p4d_niet_delen", "niet_delen", ["wpg_19"],
        id="buurtapp-zonder-zwaarwegend-belang-niet-delen",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "geen_grondslag")]
        + GEEN_CONVENANT + INCIDENTEEL_OK[:-1] + [("p7i_instemming_gezag", "nee")],
        "u_p7i_geen_instemming", "niet_delen", ["wpg_19"],
        id="acuut-maar-zonder-instemming-bevoegd-gezag-niet-verstrekken",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "geen_grondslag")]
        + GEEN_CONVENANT + INCIDENTEEL_OK + [("p8d_bewaartermijn", "ja"),
                                             ("p8d_juist", "nee")],
        "u_p8_onjuist", "niet_delen", ["wpg_4"],
        id="gegevens-niet-actueel-niet-verstrekken",
    ),
    pytest.param(
        ART8 + [("p4_ontvanger", "burgemeester"), ("p4b_burgemeester_taak", "nee"),
                ("p4b_wijzer_ontvanger", "nee")] + GEEN_CONVENANT
        + [("p4d_doel", "nee")],
        "u_p4d_niet_delen", "niet_delen", ["wpg_19"],
        id="burgemeester-buiten-openbare-orde-geen-grondslag",
    ),
]


@pytest.mark.parametrize("antwoorden, knoop, soort, artikelen", GEVALLEN)
def test_case(regels, antwoorden, knoop, soort, artikelen):
    stand = loop(regels.plan("politie"), antwoorden)
    assert stand.klaar, f"stopped at {stand.knoop.id}"
    assert stand.knoop.id == knoop
    assert stand.uitkomst.uitkomst == soort
    for artikel in artikelen:
        assert artikel in stand.citaten()


def test_weapons_data_to_the_college_never_cites_the_youth_care_basis(regels):
    plan = regels.plan("politie")
    stand = loop(plan, ART10 + [
        ("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "college_bw"),
        ("p4b_college_doel", "geen_grondslag")])
    assert stand.knoop.id == "p4c_convenant"
    assert "bpg_4_2_i" not in stand.citaten()


def test_a_school_is_never_a_dead_end(regels):
    """The guide says there is no basis for a school as such, but a role in the
    school or a convenant partner may have one: every school path must be able
    to end in sharing or in consulting the privacy officer."""
    plan = regels.plan("politie")
    eindes = set()
    for pad in alle_paden(plan):
        if ("p4b_bpg_ontvanger", "school") in pad:
            eindes.add(loop(plan, pad).uitkomst.uitkomst)
    assert {"mag_delen", "overleg"} <= eindes


@pytest.mark.parametrize("soort", ["art9", "art10"])
def test_recherche_and_information_files_need_the_officers_permission(regels, soort):
    plan = regels.plan("politie")
    stand = loop(plan, BEVOEGD + [("p2_soort", soort), ("p3_baat", "ja"),
                                  ("p4_ontvanger", "derde"),
                                  ("p4b_bpg_ontvanger", "geen_grondslag")]
                 + CONVENANT_OK + STAP8_DERDEN_OK)
    assert stand.uitkomst.uitkomst == "mag_delen"
    assert "wpg_toestemming_functionaris" in stand.vastleggen()
    assert "bpg_2_10" in stand.citaten()


def test_everyday_data_needs_no_officers_permission(regels):
    stand = loop(regels.plan("politie"), ART8 + [
        ("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "halt"),
        ("p4b_halt_doel", "halt_afdoening")] + STRUCTUREEL_OK + STAP8_DERDEN_OK)
    assert "wpg_toestemming_functionaris" not in stand.vastleggen()


def test_a_convenant_provision_is_recorded_as_the_guide_demands(regels):
    stand = loop(regels.plan("politie"), ART8 + [
        ("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "geen_grondslag")]
        + CONVENANT_OK + STAP8_DERDEN_OK)
    vast = stand.vastleggen()
    for punt in ("wpg_convenant_verstrekking", "wpg_geheimhouding_ontvanger",
                 "noodzaak", "geen_lichter_middel"):
        assert punt in vast


def test_a_convenant_alone_is_never_the_basis(regels):
    """Art. 20 Wpg, not the convenant, is cited whenever a convenant is used."""
    stand = loop(regels.plan("politie"), ART8 + [
        ("p4_ontvanger", "derde"), ("p4b_bpg_ontvanger", "geen_grondslag")]
        + CONVENANT_OK)
    assert "wpg_20" in stand.citaten()


def test_every_question_says_why_and_what_to_do_when_unsure(regels):
    for knoop in regels.plan("politie").knopen.values():
        if knoop.is_vraag:
            assert knoop.waarom and knoop.weet_niet, knoop.id


def test_the_progress_line_counts_eight_steps(regels):
    plan = regels.plan("politie")
    assert plan.voortgang("p1_bevoegde_autoriteit") == "Stap 1 van 8 — Bevoegd?"
    assert plan.voortgang("p7s_subsidiariteit").startswith("Stap 7 van 8")


@pytest.mark.parametrize(
    "tekst, waarde",
    [
        ("ik ben boa bij de gemeente", "boa"),
        ("ik werk bij de FIOD", "bevoegde_autoriteit"),
        ("wijkagent hier", "bevoegde_autoriteit"),
        ("ik zit bij de kmar", "bevoegde_autoriteit"),
        ("wij zijn riec partner", "ontvanger"),
        ("ik werk bij de fiod, kan ik gegevens delen met een riec", "bevoegde_autoriteit"),
    ],
)
def test_the_first_question_recognises_the_users_organisation(regels, tekst, waarde):
    from bot.rules import herken_optie

    knoop = regels.plan("politie").knopen["p1_bevoegde_autoriteit"]
    optie = herken_optie(knoop, tekst)
    assert optie is not None and optie.waarde == waarde
