"""Explaining terms, why-questions, corrections, resuming after a break and
several recipients: the actions against the real engine and law data, in
more than one plan."""

from __future__ import annotations

import pytest

from actions.antwoord import ActionAntwoord, ActionTerug, ActionWaarom, ActionWeetNiet
from actions.antwoord import ActionWijzig
from actions.gesprek import regelset
from actions.afsluiten import ActionAfsluiten
from actions.sessie import (
    ActionHervat,
    ActionSessionStart,
    ActionVolgendeOntvanger,
)
from actions.start import ActionStartPlan
from actions.uitleg import ActionUitleg
from bot.rules import loop
from tests.actions.helpers import slots_na, tracker, voer_uit


def _in(plan_id, antwoorden, **extra):
    stand = loop(regelset().plan(plan_id), antwoorden)
    slots = {"plan": plan_id, "antwoorden": [list(a) for a in antwoorden],
             "logboek": [], "open_vraag": None if stand.klaar else stand.knoop.id,
             "fase": "afweging" if stand.klaar else "vragen"}
    if stand.klaar:
        slots.update(uitkomst=stand.knoop.id, vastleg_open=list(stand.vastleggen()),
                     motivaties={})
    slots.update(extra)
    return slots


def _responses(berichten):
    return [b.get("response") for b in berichten]


def _vraag(berichten):
    return [b for b in berichten if b.get("response") == "utter_vraag"]


ZORG_S2 = [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "overig")]
ZORG_AANGIFTE = [("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
                 ("s1_ziektesymptoom", "nee")]
ONDERWIJS_AANGIFTE = [("o0_rol", "onderwijs"), ("o0_strafbaar_feit", "ja"),
                      ("o0_aangifte", "ja")]


# --- Explaining a term ------------------------------------------------------

@pytest.mark.parametrize("plan_id, antwoorden, tekst, term, artikel", [
    ("zorg", ZORG_S2, "wat is een conflict van plichten?", "conflict van plichten",
     "art. 272 Sr"),
    ("politie", [], "wat betekent need to know", "need-to-know", "art. 3 Wpg"),
    ("onderwijs", [("o0_rol", "onderwijs")], "leg bijzondere persoonsgegevens uit",
     "bijzondere persoonsgegevens", "art. 9 lid 1 AVG"),
])
def test_a_term_is_explained_and_the_same_question_asked_again(
        regels, plan_id, antwoorden, tekst, term, artikel):
    begin = _in(plan_id, antwoorden)
    berichten, events = voer_uit(ActionUitleg(), tracker(tekst, "uitleg", [], begin))
    uitleg = berichten[0]
    assert uitleg["response"] == "utter_uitleg" and uitleg["term"] == term
    assert artikel in uitleg["artikelen"]
    assert "Handreiking" in uitleg["bron"]
    assert _vraag(berichten)[-1]["vraag"] == regelset().plan(plan_id).knopen[
        begin["open_vraag"]].tekst
    slots = slots_na(events, begin)
    assert slots["antwoorden"] == begin["antwoorden"]
    assert slots["logboek"][-1]["soort"] == "uitleg"


def test_a_button_names_the_term_by_its_key(regels):
    begin = _in("zorg", ZORG_S2)
    trk = tracker('/uitleg{"begrip":"meldcode"}', "uitleg",
                  [{"entity": "begrip", "value": "meldcode"}], begin)
    berichten, _ = voer_uit(ActionUitleg(), trk)
    assert berichten[0]["term"] == "meldcode"


def test_an_unknown_term_offers_terms_and_asks_the_question_again(regels):
    begin = _in("zorg", ZORG_S2)
    berichten, events = voer_uit(ActionUitleg(), tracker("wat is dat", "uitleg", [],
                                                         begin))
    assert berichten[0]["response"] == "utter_uitleg_welk"
    assert '/uitleg{"begrip":"beroepsgeheim"}' in {k["payload"]
                                                  for k in berichten[0]["buttons"]}
    assert _vraag(berichten) and events == []


def test_during_the_weighing_the_form_asks_its_own_point_again(regels):
    begin = _in("zorg", ZORG_AANGIFTE)
    berichten, _ = voer_uit(ActionUitleg(), tracker(
        "wat is proportionaliteit", "uitleg", [], begin, active_loop="motivatie_form"))
    assert _responses(berichten) == ["utter_uitleg"]


# --- Why ----------------------------------------------------------------------

def test_why_names_the_articles_of_the_questions_answers(regels):
    begin = _in("zorg", [("s1_strafbaar_feit", "geen")])
    berichten, _ = voer_uit(ActionWaarom(), tracker("waarom", "waarom", [], begin))
    assert _responses(berichten) == ["utter_waarom", "utter_waarom_artikelen",
                                     "utter_vraag"]
    assert "art. 88 Wet BIG" in berichten[1]["artikelen"]


def test_why_after_an_outcome_gives_the_path_with_rules_and_articles(regels):
    begin = _in("zorg", ZORG_AANGIFTE)
    berichten, _ = voer_uit(ActionWaarom(), tracker("waarom", "waarom", [], begin))
    pad = berichten[0]["pad"]
    assert "1. Gaat het om een strafbaar feit?" in pad and "art. 161 Sv" in pad
    assert pad.splitlines()[-1].startswith("Uitkomst:")


# --- Correcting an earlier answer ---------------------------------------------

def test_a_correction_that_changes_the_outcome_is_logged(regels):
    begin = _in("zorg", ZORG_AANGIFTE, motivaties={"aangifte_gegevens": "Naam."})
    trk = tracker("bij de vraag of het een symptoom van een ziekte is bedoelde ik ja",
                  "wijzig", [], begin, active_loop="motivatie_form")
    berichten, events = voer_uit(ActionWijzig(), trk)
    slots = slots_na(events, begin)

    assert slots["antwoorden"][-1] == ["s1_ziektesymptoom", "ja"]
    assert slots["uitkomst"] == "u_aangifte_terughoudend"
    assert slots["fase"] == "afweging"
    correctie = [r for r in slots["logboek"] if r["soort"] == "correctie"][0]
    assert correctie | {"tijd": None} == correctie | {
        "tijd": None, "knoop": "s1_ziektesymptoom", "van": "Nee", "naar": "Ja",
        "van_waarde": "nee", "naar_waarde": "ja", "vervallen": [],
        "vervallen_afweging": {"aangifte_gegevens": "Naam."}}
    assert "utter_gewijzigd" in _responses(berichten)
    assert "utter_uitkomst" in _responses(berichten)


def test_a_correction_in_the_weighing_that_reopens_a_question_leaves_the_form(regels):
    begin = _in("onderwijs", ONDERWIJS_AANGIFTE)
    trk = tracker("bij de vraag over aangifte bedoelde ik nee", "wijzig", [], begin,
                  active_loop="motivatie_form")
    berichten, events = voer_uit(ActionWijzig(), trk)
    slots = slots_na(events, begin)

    assert {"event": "active_loop", "name": None} in [
        {"event": e["event"], "name": e.get("name")} for e in events
        if e["event"] == "active_loop"]
    assert slots["antwoorden"][-1] == ["o0_aangifte", "nee"]
    assert slots["fase"] == "vragen" and slots["open_vraag"]
    assert _vraag(berichten)


def test_an_ambiguous_correction_asks_which_question_and_changes_nothing(regels):
    antwoorden = [("s1_strafbaar_feit", "geen"), ("bg_grondslag", "overig"),
                  ("s2a_toestemming", "nee"), ("s2b_wettelijke_plicht", "nee"),
                  ("s2c_meldrecht", "geen"), ("s2d_gewetensnood", "ja"),
                  ("s2d_ernstige_schade", "ja"), ("s2d_toestemming", "geweigerd")]
    begin = _in("zorg", antwoorden)
    berichten, events = voer_uit(ActionWijzig(), tracker(
        "ik bedoelde toch nee bij toestemming", "wijzig", [], begin))
    slots = slots_na(events, begin)

    assert berichten[0]["response"] == "utter_wijzig_welke"
    assert {k["payload"] for k in berichten[0]["buttons"]} == {
        '/wijzig{"knoop":"s2a_toestemming"}', '/wijzig{"knoop":"s2d_toestemming"}'}
    assert slots["antwoorden"] == begin["antwoorden"] and slots["fase"] == "vragen"


def test_the_question_chosen_by_button_then_asks_for_the_new_answer(regels):
    begin = _in("zorg", ZORG_S2 + [("s2a_toestemming", "nee")])
    trk = tracker('/wijzig{"knoop":"s2a_toestemming"}', "wijzig",
                  [{"entity": "knoop", "value": "s2a_toestemming"}], begin)
    berichten, events = voer_uit(ActionWijzig(), trk)
    assert berichten[0]["response"] == "utter_wijzig_nieuw"
    assert '/wijzig{"knoop":"s2a_toestemming","optie":"ja"}' in {
        k["payload"] for k in berichten[0]["buttons"]}

    trk = tracker('/wijzig{"knoop":"s2a_toestemming","optie":"ja"}', "wijzig",
                  [{"entity": "knoop", "value": "s2a_toestemming"},
                   {"entity": "optie", "value": "ja"}], begin)
    _, events = voer_uit(ActionWijzig(), trk)
    assert slots_na(events, begin)["antwoorden"][-1] == ["s2a_toestemming", "ja"]


def test_the_same_answer_again_changes_nothing(regels):
    begin = _in("zorg", ZORG_S2 + [("s2a_toestemming", "nee")])
    berichten, events = voer_uit(ActionWijzig(), tracker(
        "bij de vraag of de cliënt toestemming heeft gegeven bedoelde ik nee",
        "wijzig", [], begin))
    assert berichten[0]["response"] == "utter_wijzig_gelijk"
    assert slots_na(events, begin)["antwoorden"] == begin["antwoorden"]


def test_going_back_from_the_weighing_leaves_the_form_and_keeps_the_words(regels):
    begin = _in("zorg", ZORG_AANGIFTE, motivaties={"aangifte_gegevens": "Naam."})
    _, events = voer_uit(ActionTerug(), tracker("terug", "terug", [], begin,
                                                active_loop="motivatie_form"))
    slots = slots_na(events, begin)
    assert any(e["event"] == "active_loop" and e["name"] is None for e in events)
    assert slots["logboek"][-1]["vervallen_afweging"] == {"aangifte_gegevens": "Naam."}
    assert slots["fase"] == "vragen"


def test_dont_know_in_the_weighing_says_how_to_write_it_down(regels):
    begin = _in("zorg", ZORG_AANGIFTE)
    berichten, _ = voer_uit(ActionWeetNiet(), tracker(
        "weet ik niet", "weet_niet", [], begin, active_loop="motivatie_form"))
    assert _responses(berichten) == ["utter_weet_niet_afweging"]


# --- Resuming after a break -----------------------------------------------------

@pytest.mark.parametrize("plan_id, antwoorden", [
    ("zorg", ZORG_S2), ("onderwijs", [("o0_rol", "onderwijs")])])
def test_a_new_session_keeps_every_answer_and_asks_the_open_question(
        regels, plan_id, antwoorden):
    begin = _in(plan_id, antwoorden)
    berichten, events = voer_uit(ActionSessionStart(), tracker(slots=begin))

    assert events[0]["event"] == "session_started"
    assert events[-1] == {**events[-1], "event": "action", "name": "action_listen"}
    slots = slots_na(events, {})
    assert slots["antwoorden"] == begin["antwoorden"]
    assert slots["plan"] == plan_id
    hervat = berichten[0]
    assert hervat["response"] == "utter_hervat" and hervat["aantal"] == len(antwoorden)
    assert hervat["voortgang"].startswith("Stap ")
    assert _vraag(berichten)[0]["vraag"] == regelset().plan(plan_id).knopen[
        begin["open_vraag"]].tekst


def test_a_new_session_in_the_middle_of_the_weighing_puts_the_form_back(regels):
    begin = _in("zorg", ZORG_AANGIFTE)
    berichten, events = voer_uit(ActionSessionStart(), tracker(slots=begin))
    assert _responses(berichten) == ["utter_hervat_afweging", "utter_vastleg_vraag"]
    assert {"event": "active_loop", "name": "motivatie_form"} in [
        {"event": e["event"], "name": e.get("name")} for e in events]


def test_a_first_session_says_nothing(regels):
    berichten, events = voer_uit(ActionSessionStart(), tracker())
    assert berichten == []
    assert [e["event"] for e in events] == ["session_started", "action"]


def test_a_greeting_without_a_plan_is_the_welcome_and_with_one_a_return(regels):
    berichten, _ = voer_uit(ActionHervat(), tracker("hallo", "begroeten"))
    assert _responses(berichten) == ["utter_begroeting"]
    berichten, _ = voer_uit(ActionHervat(), tracker("hallo", "begroeten",
                                                   slots=_in("zorg", ZORG_S2)))
    assert _responses(berichten) == ["utter_hervat", "utter_vraag"]


def test_a_greeting_right_after_a_session_start_is_not_summarised_twice(regels):
    events = [{"event": "session_started"},
              {"event": "action", "name": "action_listen"},
              {"event": "user", "text": "hallo"}]
    berichten, _ = voer_uit(ActionHervat(), tracker(
        "hallo", "begroeten", slots=_in("zorg", ZORG_S2), events=events))
    assert berichten == []


# --- Several recipients -----------------------------------------------------------

def test_an_opening_with_two_recipients_queues_the_second(regels):
    tekst = "ik wil het delen met de school en de wijkagent, mijn cliënt heeft een mes"
    entiteiten = [
        {"entity": "ontvanger", "value": "school", "start": tekst.index("school"),
         "end": tekst.index("school") + 6},
        {"entity": "ontvanger", "value": "wijkagent", "start": tekst.index("wijkagent"),
         "end": tekst.index("wijkagent") + 9},
        {"entity": "rol", "value": "hulpverlener"},
    ]
    berichten, events = voer_uit(ActionStartPlan(), tracker(tekst, "vraag_delen",
                                                            entiteiten))
    slots = slots_na(events, {})
    assert slots["huidige_ontvanger"] == "school"
    assert slots["ontvangers_wachtrij"] == ["wijkagent"]
    assert "utter_meerdere_ontvangers" in _responses(berichten)


@pytest.mark.parametrize("plan_id, antwoorden", [
    ("zorg", ZORG_AANGIFTE), ("onderwijs", ONDERWIJS_AANGIFTE)])
def test_after_the_weighing_the_next_recipient_walks_the_same_plan(
        regels, plan_id, antwoorden):
    begin = _in(plan_id, antwoorden, huidige_ontvanger="school",
                ontvangers_wachtrij=["wijkagent"], vastleg_open=[], fase="klaar",
                motivaties={"aangifte_gegevens": "Alleen de naam."})
    berichten, _ = voer_uit(ActionAfsluiten(), tracker(slots=begin))
    assert berichten[-1]["response"] == "utter_volgende_ontvanger_aanbod"
    assert berichten[-1]["buttons"][0]["payload"] == "/volgende_ontvanger"

    berichten, events = voer_uit(ActionVolgendeOntvanger(), tracker(
        "/volgende_ontvanger", "volgende_ontvanger", [], begin))
    slots = slots_na(events, begin)
    assert slots["huidige_ontvanger"] == "wijkagent"
    assert slots["ontvangers_wachtrij"] == []
    assert slots["antwoorden"] == [] and slots["plan"] == plan_id
    assert slots["fase"] == "vragen"
    vorige = slots["afgeronde_uitkomsten"][0]
    assert vorige["plan"] == plan_id and vorige["ontvanger"] == "school"
    assert vorige["antwoorden"] == begin["antwoorden"]
    assert vorige["uitkomst"] == begin["uitkomst"] and vorige["soort"] == "aangifte"
    assert vorige["motivaties"] == {"aangifte_gegevens": "Alleen de naam."}
    assert _vraag(berichten)[0]["voortgang"].startswith("Stap 1 ")


def test_yes_to_the_offer_also_goes_on_with_the_next_recipient(regels):
    begin = _in("zorg", ZORG_AANGIFTE, huidige_ontvanger="school",
                ontvangers_wachtrij=["wijkagent"], vastleg_open=[], fase="klaar")
    _, events = voer_uit(ActionAntwoord(), tracker("ja", "bevestigen", [], begin))
    assert slots_na(events, begin)["huidige_ontvanger"] == "wijkagent"


def test_the_next_recipient_waits_until_the_weighing_is_done(regels):
    begin = _in("zorg", ZORG_AANGIFTE, ontvangers_wachtrij=["wijkagent"])
    berichten, events = voer_uit(ActionVolgendeOntvanger(), tracker(
        "volgende ontvanger", "volgende_ontvanger", [], begin))
    assert berichten[0]["response"] == "utter_eerst_afronden"
    assert slots_na(events, begin)["antwoorden"] == begin["antwoorden"]
