"""Finding the earlier question a correction names, in several plans. The
engine never guesses: a tie or no match gives every candidate back."""

from __future__ import annotations

import pytest

from bot.rules import alle_paden, loop, wijzig
from bot.rules.begrippen import laad_begrippen
from bot.rules.correctie import zoek_verwijzing

ZORG = [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "overig"),
        ("s2a_toestemming", "nee"), ("s2b_wettelijke_plicht", "nee"),
        ("s2c_meldrecht", "geen"), ("s2d_gewetensnood", "ja"),
        ("s2d_ernstige_schade", "ja"), ("s2d_toestemming", "geweigerd")]


@pytest.fixture(scope="module")
def begrippen(regels):
    return laad_begrippen(regels)


@pytest.mark.parametrize("tekst, knoop, waarde", [
    ("bij de vraag of de cliënt toestemming heeft gegeven bedoelde ik ja",
     "s2a_toestemming", "ja"),
    ("ik bedoelde ja bij de wettelijke plicht", "s2b_wettelijke_plicht", "ja"),
    ("het strafbaar feit was toch tegen mij", "s1_strafbaar_feit", "tegen_mij"),
    ("bij gewetensnood bedoel ik nee", "s2d_gewetensnood", "nee"),
    ("bij meldrecht bedoelde ik veilig thuis", "s2c_meldrecht", "veilig_thuis"),
])
def test_a_correction_that_names_one_question_and_one_answer(regels, begrippen,
                                                              tekst, knoop, waarde):
    stand = loop(regels.plan("zorg"), ZORG)
    verwijzing = zoek_verwijzing(stand, tekst, begrippen)
    assert [k.id for k in verwijzing.kandidaten] == [knoop]
    assert verwijzing.optie.waarde == waarde


def test_two_questions_about_consent_are_not_guessed(regels, begrippen):
    stand = loop(regels.plan("zorg"), ZORG)
    verwijzing = zoek_verwijzing(stand, "ik bedoelde toch nee bij toestemming",
                                 begrippen)
    assert {k.id for k in verwijzing.kandidaten} == {"s2a_toestemming",
                                                     "s2d_toestemming"}
    assert verwijzing.optie is None


def test_no_named_question_offers_every_answered_one(regels, begrippen):
    stand = loop(regels.plan("zorg"), ZORG)
    verwijzing = zoek_verwijzing(stand, "mijn vorige antwoord klopt niet", begrippen)
    assert [k.id for k in verwijzing.kandidaten] == [k for k, _ in ZORG]


def test_a_button_counts_only_for_a_question_on_the_path(regels, begrippen):
    stand = loop(regels.plan("zorg"), ZORG[:2])
    verwijzing = zoek_verwijzing(stand, "", begrippen, knoop_id="s2d_gewetensnood",
                                 waarde="nee")
    assert len(verwijzing.kandidaten) == 2 and verwijzing.optie is None


@pytest.mark.parametrize("plan_id", ["zorg", "onderwijs", "politie", "justitie",
                                     "gemeenten"])
def test_a_button_correction_recomputes_from_that_question(regels, begrippen, plan_id):
    plan = regels.plan(plan_id)
    pad = max(alle_paden(plan), key=len)
    stand = loop(plan, pad)
    knoop_id, waarde = pad[0]
    ander = next(o.waarde for o in plan.knopen[knoop_id].opties if o.waarde != waarde)
    verwijzing = zoek_verwijzing(stand, "", begrippen, knoop_id=knoop_id, waarde=ander)
    assert verwijzing.eenduidig and verwijzing.optie.waarde == ander
    nieuw = wijzig(plan, stand.antwoorden, knoop_id, ander)
    assert nieuw.antwoorden == ((knoop_id, ander),)
