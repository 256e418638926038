"""Answers as a professional types them in a chat: a plain "ja" or "nee" to a
question whose buttons are not yes/no, and the guide's pointer to a separate
guide for online research. The engine still never guesses: a word counts only
when exactly one option claims it."""

from __future__ import annotations

import pytest

from bot.rules import herken_optie, loop


@pytest.mark.parametrize(
    "plan_id, knoop_id, tekst, waarde",
    [
        # Both parts of the question hold, or not: weapons are not youth care.
        pytest.param("politie", "p4b_college_doel", "ja", "jeugdhulp", id="college-ja"),
        pytest.param("politie", "p4b_college_doel", "nee", "geen_grondslag",
                     id="college-nee"),
        pytest.param("politie", "p4b_college_doel", "het gaat om wapenbezit",
                     "geen_grondslag", id="college-wapens"),
        pytest.param("politie", "p4b_halt_doel", "ja", "halt_afdoening", id="halt-ja"),
        pytest.param("politie", "p4b_halt_doel", "nee hoor", "geen_grondslag",
                     id="halt-nee"),
        pytest.param("politie", "p4b_reclassering_doel", "klopt", "reclasseringstaak",
                     id="reclassering-ja"),
        pytest.param("politie", "p4b_reclassering_doel", "nee", "geen_grondslag",
                     id="reclassering-nee"),
        pytest.param("gemeenten", "gb_uitzondering", "nee", "geen", id="gem-bijzonder"),
        pytest.param("gemeenten", "gs_uitzondering", "nee", "geen", id="gem-straf"),
        pytest.param("onderwijs", "ob_uitzondering", "nee", "geen", id="ow-bijzonder"),
        pytest.param("onderwijs", "os_uitzondering", "nee", "geen", id="ow-straf"),
        pytest.param("gemeenten", "g0_richting", "ik wil social media bekijken",
                     "online_bronnen", id="gem-online"),
        pytest.param("onderwijs", "o0_richting", "zelf online zoeken", "online_bronnen",
                     id="ow-online"),
    ],
)
def test_a_chat_answer_picks_exactly_one_option(regels, plan_id, knoop_id, tekst,
                                                 waarde):
    knoop = regels.plan(plan_id).knopen[knoop_id]
    optie = herken_optie(knoop, tekst)
    assert optie is not None and optie.waarde == waarde


def test_two_yes_options_are_never_guessed(regels):
    # Both RIEC options start with "Ja": a plain "ja" must be asked again.
    knoop = regels.plan("politie").knopen["p4b_riec_voorwaarden"]
    assert herken_optie(knoop, "ja") is None


def test_the_justice_plan_has_one_dont_know_button(regels):
    # Every question gets a generic "Weet ik niet" button; an option with the
    # same label would put two identical buttons side by side.
    for plan in regels.plannen.values():
        for knoop in plan.knopen.values():
            assert all(o.label.lower() != "weet ik niet" for o in knoop.opties), \
                f"{plan.id}/{knoop.id}"


@pytest.mark.parametrize(
    "plan_id, antwoorden",
    [
        pytest.param("gemeenten", [("g0_rol", "openbare_orde"),
                                   ("g0_richting", "online_bronnen")], id="gemeenten"),
        pytest.param("onderwijs", [("o0_rol", "onderwijs"),
                                   ("o0_strafbaar_feit", "nee"),
                                   ("o0_richting", "online_bronnen")], id="onderwijs"),
    ],
)
def test_online_research_is_pointed_to_the_separate_guide(regels, plan_id, antwoorden):
    stand = loop(regels.plan(plan_id), antwoorden)
    assert stand.knoop.id == "u_online_bronnen"
    assert stand.knoop.uitkomst == "ander_stappenplan"
    assert stand.knoop.doorverwijzen is None
    assert "aparte handreiking" in stand.knoop.tekst
    assert stand.citaten()[-1] == "avg_5"
