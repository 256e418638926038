"""Acute danger against the real engine: 112 first and logged, then the
open question again (never an answer taken from the danger message), or the
opening routed into its plan."""

from __future__ import annotations

import pytest

from actions.gevaar import ActionAcuutGevaar, gevaar_voor_start
from actions.start import ActionKiesPlan, ActionStartPlan
from tests.actions.helpers import slots_na, tracker, voer_uit

GEVAAR = [{"entity": "acuut_gevaar", "value": "ja"}]
HULPVERLENER = [{"entity": "rol", "value": "hulpverlener"}]


def _in_zorg(antwoorden):
    from actions.gesprek import regelset
    from bot.rules import loop

    stand = loop(regelset().plan("zorg"), antwoorden)
    return {"plan": "zorg", "antwoorden": [list(a) for a in antwoorden],
            "logboek": [], "open_vraag": stand.knoop.id, "fase": "vragen"}


def _responses(berichten):
    return [b.get("response") for b in berichten]


# At s1_aangifte_doen, a yes/no question of the care plan.
BIJ_JA_NEE = [("s1_strafbaar_feit", "tegen_mij")]


@pytest.mark.parametrize("tekst", [
    pytest.param("ja, hij heeft nu een mes bij zich en staat voor de deur",
                 id="ja-comma-then-the-danger"),
    pytest.param("Ja. Hij staat nu met een mes voor de deur.",
                 id="ja-as-its-own-sentence"),
    pytest.param("nee, maar hij staat nu met een mes voor de deur",
                 id="nee-maar-then-the-danger"),
    pytest.param("hij heeft nu een mes bij zich en staat voor de deur",
                 id="no-answer-word"),
    pytest.param("hij staat nu met een mes voor de deur, en ja, hij deed aangifte",
                 id="answer-not-at-the-start"),
])
def test_a_danger_message_answers_nothing_and_the_question_is_asked_again(
        regels, tekst):
    """A "ja" in "ja, hij staat nu met een mes voor de deur" most likely
    confirms the danger: no legal answer is taken from it."""
    begin = _in_zorg(BIJ_JA_NEE)
    berichten, events = voer_uit(ActionAcuutGevaar(), tracker(
        tekst, "meld_gevaar", GEVAAR, begin))
    slots = slots_na(events, begin)

    assert _responses(berichten) == ["utter_acuut_gevaar", "utter_acuut_verder",
                                     "utter_vraag"]
    assert slots["antwoorden"] == [["s1_strafbaar_feit", "tegen_mij"]]
    assert [r["soort"] for r in slots["logboek"]] == ["acuut_gevaar"]
    assert slots["logboek"][0]["knoop"] == "s1_aangifte_doen"
    assert slots["open_vraag"] == "s1_aangifte_doen"
    assert slots["acuut_gevaar"] == "ja" and slots["fase"] == "vragen"


def test_a_danger_opening_gets_112_first_then_starts_the_routed_plan(regels):
    berichten, events = voer_uit(ActionAcuutGevaar(), tracker(
        "mijn cliënt staat nu met een mes voor de deur van zijn ex, mag ik de "
        "politie bellen?", "meld_gevaar", GEVAAR + HULPVERLENER))
    slots = slots_na(events, {})

    assert _responses(berichten)[:4] == ["utter_acuut_gevaar", "utter_acuut_daarna",
                                         "utter_start_plan", "utter_vraag"]
    assert slots["plan"] == "zorg" and slots["open_vraag"] == "s1_strafbaar_feit"
    assert slots["antwoorden"] == []  # no legal question pre-answered
    assert [r["soort"] for r in slots["logboek"]] == ["acuut_gevaar", "start"]
    assert slots["fase"] == "vragen"


def test_the_danger_signal_decides_also_when_the_intent_is_an_opening(regels):
    berichten, events = voer_uit(ActionStartPlan(), tracker(
        "mijn cliënt staat nu met een mes voor de deur, mag ik de politie bellen?",
        "vraag_delen", GEVAAR + HULPVERLENER))
    slots = slots_na(events, {})

    assert _responses(berichten)[0] == "utter_acuut_gevaar"
    assert slots["plan"] == "zorg"
    assert [r["soort"] for r in slots["logboek"]] == ["acuut_gevaar", "start"]


def test_an_opening_without_danger_gets_no_112_notice(regels):
    berichten, events = voer_uit(ActionStartPlan(), tracker(
        "mijn cliënt heeft een mes, mag ik de politie bellen?", "vraag_delen",
        HULPVERLENER))
    assert "utter_acuut_gevaar" not in _responses(berichten)
    assert [r["soort"] for r in slots_na(events, {})["logboek"]] == ["start"]


def test_a_danger_opening_without_a_role_asks_the_plan_and_keeps_the_notice(regels):
    berichten, events = voer_uit(ActionAcuutGevaar(), tracker(
        "hij staat nu met een mes voor de deur", "meld_gevaar", GEVAAR))
    slots = slots_na(events, {})
    assert _responses(berichten) == ["utter_acuut_gevaar", "utter_acuut_daarna",
                                     "utter_welk_plan"]
    assert slots["plan"] is None

    _, events = voer_uit(ActionKiesPlan(), tracker(
        '/kies_plan{"plan":"zorg"}', "kies_plan",
        [{"entity": "plan", "value": "zorg"}], slots))
    assert [r["soort"] for r in slots_na(events, slots)["logboek"]] == [
        "acuut_gevaar", "start"]


def test_a_notice_of_an_earlier_consultation_does_not_come_along(regels):
    logboek = [{"soort": "acuut_gevaar", "plan": None},
               {"soort": "start", "plan": "zorg"},
               {"soort": "uitkomst", "knoop": "u_x"}]
    assert gevaar_voor_start(tracker(slots={"logboek": logboek})) == []
    nieuw = {"soort": "acuut_gevaar", "plan": None, "tijd": "t"}
    assert gevaar_voor_start(tracker(slots={"logboek": logboek + [nieuw]})) == [nieuw]


def test_danger_after_the_outcome_gives_the_notice_and_leaves_the_answers(regels):
    begin = _in_zorg([("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
                      ("s1_ziektesymptoom", "nee")])
    begin.update(open_vraag=None, fase="klaar")
    berichten, events = voer_uit(ActionAcuutGevaar(), tracker(
        "ja, hij staat nu met een mes voor de deur", "meld_gevaar", GEVAAR, begin))
    slots = slots_na(events, begin)
    assert _responses(berichten) == ["utter_acuut_gevaar"]
    assert len(slots["antwoorden"]) == 3 and slots["fase"] == "klaar"


def test_the_notice_reaches_the_record_in_time_order(regels, tmp_path, monkeypatch):
    from actions.verslag import ActionVerslag

    monkeypatch.setattr("bot.record.opslag.instellingen",
                        lambda: type("I", (), {"verslag_map": tmp_path})())
    begin = _in_zorg([("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja")])
    _, events = voer_uit(ActionAcuutGevaar(), tracker(
        "hij staat nu met een mes voor de deur", "meld_gevaar", GEVAAR, begin))
    slots = slots_na(events, begin)
    slots["antwoorden"].append(["s1_ziektesymptoom", "nee"])  # the outcome
    slots["logboek"] = [
        {"soort": "terug", "tijd": "2000-01-01T08:00:00+00:00",
         "knoop": "s1_aangifte_doen", "ingetrokken": "nee"}, *slots["logboek"]]

    berichten, _ = voer_uit(ActionVerslag(), tracker("verslag", "verslag", [], slots))
    document = berichten[-1]["custom"]["deelwijzer_verslag"]["json"]
    [melding] = [m["omschrijving"] for m in document["meldingen"]
                 if "112-advies" in m["omschrijving"]]
    assert melding.startswith("acuut gevaar gemeld om ")
    markdown = berichten[1]["text"]
    assert markdown.index("ingetrokken") < markdown.index("112-advies gegeven")
