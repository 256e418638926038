"""Stappenplan zorg- en hulpverleners: the guide's examples and main routes.

Each case is a walk through the plan with the answers a professional gives,
and the outcome and articles the guide leads to.
"""

from __future__ import annotations

import pytest

from bot.rules import OngeldigAntwoord, loop, terug, verklaar, wijzig

GEEN_UITZONDERING_TOT_D = [
    ("s2a_toestemming", "nee"),
    ("s2b_wettelijke_plicht", "nee"),
    ("s2c_meldrecht", "geen"),
]
STAP3_VOLDAAN = [
    ("s3_effectiviteit", "ja"),
    ("s3_evenredigheid", "ja"),
    ("s3_subsidiariteit", "ja"),
    ("s3_minimaal", "ja"),
]
CONFLICT_VAN_PLICHTEN = [
    ("s2d_gewetensnood", "ja"),
    ("s2d_ernstige_schade", "ja"),
    ("s2d_toestemming", "onveilig"),
    ("s2d_doelmatigheid", "ja"),
    ("s2d_subsidiariteit", "ja"),
]

GEVALLEN = [
    pytest.param(
        # Voorbeeld (regel 542): a client assaults or threatens you.
        [("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
         ("s1_ziektesymptoom", "nee")],
        "u_aangifte", "aangifte", ["sv_161"],
        id="zorg-client-bedreigt-hulpverlener-aangifte",
    ),
    pytest.param(
        # Regel 530: aggression as a symptom of illness calls for restraint.
        [("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
         ("s1_ziektesymptoom", "ja")],
        "u_aangifte_terughoudend", "eigen_afweging", ["sv_161"],
        id="zorg-agressie-symptoom-ziekte-terughoudend",
    ),
    pytest.param(
        # Voorbeeld (regel 573): the client confesses a stabbing; secrecy
        # forbids a report, and with no exception nothing may be shared.
        [("s1_strafbaar_feit", "via_hulpverlening"), ("bg_grondslag", "medisch"),
         *GEEN_UITZONDERING_TOT_D, ("s2d_gewetensnood", "nee")],
        "u_niet_delen_geen_uitzondering", "niet_delen",
        ["sv_160_lid2", "wbig_88", "bw7_457", "sr_272"],
        id="zorg-client-bekent-steekpartij-geen-aangifte",
    ),
    pytest.param(
        # Voorbeeld (regels 904-914): the client says he will hurt someone and
        # the risk is real: conflict of duties, then minimal sharing.
        [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "overig"),
         *GEEN_UITZONDERING_TOT_D, *CONFLICT_VAN_PLICHTEN, *STAP3_VOLDAAN],
        "u_mag_delen", "mag_delen",
        ["evrm_8", "gw_10", "sr_272", "conflict_van_plichten", "avg_5_1_c"],
        id="zorg-client-dreigt-geweld-conflict-van-plichten",
    ),
    pytest.param(
        # Voorbeeld (regel 678): a social worker shares worries with consent.
        [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "overig"),
         ("s2a_toestemming", "ja"), *STAP3_VOLDAAN],
        "u_mag_delen", "mag_delen", ["evrm_8", "gw_10", "sr_272", "avg_5_1_c"],
        id="zorg-zorgen-delen-met-toestemming",
    ),
    pytest.param(
        # Voorbeeld (regel 916): the police ask whether someone is in care; no
        # exception applies, so no answer.
        [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "medisch"),
         *GEEN_UITZONDERING_TOT_D, ("s2d_gewetensnood", "ja"),
         ("s2d_ernstige_schade", "nee")],
        "u_niet_delen_geen_uitzondering", "niet_delen",
        ["wbig_88", "bw7_457", "sr_272"],
        id="zorg-politie-vraagt-of-iemand-in-zorg-is",
    ),
    pytest.param(
        # Voorbeeld (regel 800): a young person commits offences: Verwijsindex.
        [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "jeugdhulp"),
         ("s2a_toestemming", "nee"), ("s2b_wettelijke_plicht", "nee"),
         ("s2c_meldrecht", "verwijsindex"), ("s2c_vi_leeftijd", "ja"),
         ("s2c_vi_vermoeden", "ja"), *STAP3_VOLDAAN],
        "u_mag_delen", "mag_delen", ["jw_7_3_11_lid1", "jw_7_1_4_1", "avg_5_1_c"],
        id="zorg-jongere-in-verwijsindex",
    ),
    pytest.param(
        [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "jeugdhulp"),
         ("s2a_toestemming", "nee"), ("s2b_wettelijke_plicht", "ja"),
         *STAP3_VOLDAAN],
        "u_mag_delen", "mag_delen", ["jw_7_3_11_lid1", "jw_7_3_11_lid4", "avg_5_1_c"],
        id="zorg-informatieplicht-ondertoezichtstelling",
    ),
    pytest.param(
        [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "medisch"),
         ("s2a_toestemming", "nee"), ("s2b_wettelijke_plicht", "nee"),
         ("s2c_meldrecht", "veilig_thuis"), ("s2c_meldcode", "nee")],
        "u_meldcode_eerst", "overleg",
        ["wbig_88", "bw7_457", "wmo_5_2_6", "jw_4_1_7", "wkkgz_8", "besluit_meldcode"],
        id="zorg-veilig-thuis-zonder-meldcode-eerst-meldcode",
    ),
    pytest.param(
        [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "overig"),
         *GEEN_UITZONDERING_TOT_D, ("s2d_gewetensnood", "ja"),
         ("s2d_ernstige_schade", "ja"), ("s2d_toestemming", "niet_gevraagd")],
        "u_eerst_toestemming", "niet_delen",
        ["evrm_8", "gw_10", "sr_272", "bw7_457", "conflict_van_plichten"],
        id="zorg-conflict-van-plichten-eerst-toestemming-vragen",
    ),
    pytest.param(
        [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "medisch"),
         ("s2a_toestemming", "ja"), ("s3_effectiviteit", "ja"),
         ("s3_evenredigheid", "nee")],
        "u_niet_delen_stap3", "niet_delen", ["wbig_88", "bw7_457", "avg_5_1_c"],
        id="zorg-toestemming-maar-niet-evenredig",
    ),
]


@pytest.mark.parametrize("antwoorden, knoop, soort, citaten", GEVALLEN)
def test_zorg_route(regels, antwoorden, knoop, soort, citaten):
    stand = loop(regels.plan("zorg"), antwoorden)

    assert stand.klaar
    assert stand.knoop.id == knoop
    assert stand.knoop.uitkomst == soort
    assert list(stand.citaten()) == citaten


def test_the_record_asks_why_it_is_a_conflict_of_duties(regels):
    antwoorden = [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "overig"),
                  *GEEN_UITZONDERING_TOT_D, *CONFLICT_VAN_PLICHTEN, *STAP3_VOLDAAN]
    stand = loop(regels.plan("zorg"), antwoorden)
    assert "conflict_van_plichten" in stand.vastleggen()
    assert "toestemming_wie_wat_wanneer" not in stand.vastleggen()


def test_consent_must_be_recorded_who_what_when(regels):
    stand = loop(regels.plan("zorg"), [("s1_strafbaar_feit", "geen"),
                                       ("bg_grondslag", "medisch"),
                                       ("s2a_toestemming", "ja"), *STAP3_VOLDAAN])
    assert stand.vastleggen() == ("doel", "welke_gegevens_aan_wie", "noodzaak",
                                  "geen_lichter_middel", "toestemming_wie_wat_wanneer")


def test_the_legal_duty_question_also_reads_right_for_work_with_adults(regels):
    # The plan is for every care worker, also those who work with adults. The
    # guide's one example at step 2 B, the supervision order of a minor, binds
    # all professionals; the question must not assume the client is young.
    tekst = " ".join(regels.plan("zorg").knopen["s2b_wettelijke_plicht"].tekst.split())
    assert "de jongere staat onder toezicht" not in tekst
    assert "jeugdige" in tekst and "ondertoezichtstelling" in tekst
    assert "alle professionals" in tekst and "volwassenen" in tekst


def test_going_back_reopens_the_last_question(regels):
    plan = regels.plan("zorg")
    antwoorden = [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "medisch")]
    stand = loop(plan, terug(antwoorden))
    assert stand.knoop.id == "bg_grondslag"
    assert stand.voortgang() == "Stap 2 van 4 — Uw beroepsgeheim"


def test_correcting_consent_changes_the_outcome(regels):
    plan = regels.plan("zorg")
    antwoorden = [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "medisch"),
                  ("s2a_toestemming", "ja"), *STAP3_VOLDAAN]
    assert loop(plan, antwoorden).knoop.uitkomst == "mag_delen"

    gewijzigd = wijzig(plan, antwoorden, "s2a_toestemming", "nee")
    assert gewijzigd.knoop.id == "s2b_wettelijke_plicht"


@pytest.mark.parametrize(
    "antwoorden",
    [
        pytest.param([("s2a_toestemming", "ja")], id="answer-for-a-question-not-open"),
        pytest.param([("s1_strafbaar_feit", "misschien")], id="value-not-an-option"),
        pytest.param([("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
                      ("s1_ziektesymptoom", "nee"), ("s1_aangifte_doen", "ja")],
                     id="answer-after-the-outcome"),
    ],
)
def test_answers_that_do_not_fit_are_refused(regels, antwoorden):
    with pytest.raises(OngeldigAntwoord):
        loop(regels.plan("zorg"), antwoorden)


def test_the_explanation_names_each_answer_and_its_articles(regels):
    stand = loop(regels.plan("zorg"), [("s1_strafbaar_feit", "tegen_mij"),
                                       ("s1_aangifte_doen", "ja"),
                                       ("s1_ziektesymptoom", "nee")])
    uitleg = verklaar(stand, regels)
    assert len(uitleg) == 4
    assert "art. 161 Sv" in uitleg[0]
    assert uitleg[-1].startswith("Uitkomst: U mag aangifte doen")
