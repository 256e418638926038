"""The actions against the real engine and the real law data."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.afsluiten import ValidateMotivatieForm
from actions.antwoord import ActionAntwoord, ActionTerug, ActionWaarom, ActionWeetNiet
from actions.start import ActionKiesPlan, ActionStartPlan
from actions.verslag import ActionVerslag
from tests.actions.helpers import slots_na, tracker, voer_uit


def _knoop_van(berichten):
    vragen = [b for b in berichten if b.get("response") == "utter_vraag"]
    return vragen[-1]["vraag"] if vragen else None


def test_a_care_workers_opening_starts_the_care_plan_at_step_1(regels):
    # The entities are what NLU finds in this sentence (tests/nlu checks that).
    berichten, events = voer_uit(ActionStartPlan(), tracker(
        "mijn cliënt heeft een mes en zegt dat hij zijn ex iets gaat aandoen, "
        "mag ik de politie bellen?", intent="vraag_delen",
        entiteiten=[{"entity": "rol", "value": "hulpverlener"},
                    {"entity": "ontvanger", "value": "politie"}]))
    slots = slots_na(events, {})

    assert slots["plan"] == "zorg"
    assert slots["open_vraag"] == "s1_strafbaar_feit"
    vraag = [b for b in berichten if b.get("response") == "utter_vraag"][0]
    assert vraag["voortgang"].startswith("Stap 1 van 4")
    assert {"title": "Weet ik niet", "payload": "/weet_niet"} in vraag["buttons"]


def test_an_opening_without_a_role_asks_which_plan_with_buttons(regels):
    berichten, events = voer_uit(ActionStartPlan(), tracker(
        "mag ik gegevens delen", intent="vraag_delen"))

    knoppen = [b for b in berichten if b.get("response") == "utter_welk_plan"][0]
    assert {k["payload"] for k in knoppen["buttons"]} >= {'/kies_plan{"plan":"zorg"}'}
    assert slots_na(events, {}).get("plan") is None


def test_a_chosen_plan_starts(regels):
    trk = tracker("/kies_plan", intent="kies_plan",
                  entiteiten=[{"entity": "plan", "value": "zorg"}])
    _, events = voer_uit(ActionKiesPlan(), trk)
    assert slots_na(events, {})["open_vraag"] == "s1_strafbaar_feit"


def _in_zorg(antwoorden):
    from actions.gesprek import regelset
    from bot.rules import loop

    stand = loop(regelset().plan("zorg"), antwoorden)
    return {"plan": "zorg", "antwoorden": [list(a) for a in antwoorden],
            "logboek": [], "open_vraag": stand.knoop.id}


@pytest.mark.parametrize(
    "tekst, intent, entiteiten, verwacht",
    [
        pytest.param("ja", "bevestigen", [], "s1_ziektesymptoom", id="ja-knop"),
        pytest.param("nee hoor", "ontkennen", [], "bg_grondslag", id="nee-in-woorden"),
    ],
)
def test_yes_and_no_answer_the_open_question(regels, tekst, intent, entiteiten, verwacht):
    begin = _in_zorg([("s1_strafbaar_feit", "tegen_mij")])
    _, events = voer_uit(ActionAntwoord(), tracker(tekst, intent, entiteiten, begin))
    assert slots_na(events, begin)["open_vraag"] == verwacht


def test_free_text_that_names_one_option_answers_a_choice(regels):
    begin = _in_zorg([])
    _, events = voer_uit(ActionAntwoord(), tracker(
        "hij heeft mij bedreigd", "nlu_fallback", [], begin))
    assert slots_na(events, begin)["antwoorden"] == [["s1_strafbaar_feit", "tegen_mij"]]


def test_an_unclear_answer_is_never_guessed(regels):
    begin = _in_zorg([("s1_strafbaar_feit", "geen")])
    berichten, events = voer_uit(ActionAntwoord(), tracker("ja", "bevestigen", [], begin))

    assert slots_na(events, begin)["antwoorden"] == begin["antwoorden"]
    assert berichten[0]["response"] == "utter_antwoord_onduidelijk"


def test_a_hand_typed_payload_for_another_question_sets_nothing(regels):
    begin = _in_zorg([])
    trk = tracker('/kies{"optie":"onveilig"}', "kies",
                  [{"entity": "optie", "value": "onveilig"}], begin)
    berichten, events = voer_uit(ActionAntwoord(), trk)

    assert slots_na(events, begin)["antwoorden"] == []
    assert berichten[0]["response"] == "utter_antwoord_onduidelijk"


def test_dont_know_says_what_to_find_out_and_asks_again(regels):
    begin = _in_zorg([("s1_strafbaar_feit", "geen"), ("bg_grondslag", "medisch")])
    berichten, events = voer_uit(ActionWeetNiet(), tracker("weet ik niet", "weet_niet",
                                                           [], begin))
    assert "Vraag het de cliënt" in berichten[0]["advies"]
    assert berichten[-1]["response"] == "utter_vraag"
    assert slots_na(events, begin)["logboek"][-1]["soort"] == "weet_niet"


def test_why_explains_the_open_question(regels):
    begin = _in_zorg([("s1_strafbaar_feit", "geen")])
    berichten, _ = voer_uit(ActionWaarom(), tracker("waarom", "waarom", [], begin))
    assert "beroepsgeheim" in berichten[0]["uitleg"]


def test_going_back_takes_the_last_answer_back_and_logs_it(regels):
    begin = _in_zorg([("s1_strafbaar_feit", "geen"), ("bg_grondslag", "medisch")])
    _, events = voer_uit(ActionTerug(), tracker("terug", "terug", [], begin))
    slots = slots_na(events, begin)

    assert slots["open_vraag"] == "bg_grondslag"
    assert slots["logboek"][-1] == {**slots["logboek"][-1], "soort": "terug",
                                    "knoop": "bg_grondslag", "ingetrokken": "medisch"}


def test_the_last_answer_gives_outcome_articles_and_opens_the_weighing(regels):
    begin = _in_zorg([("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja")])
    berichten, events = voer_uit(ActionAntwoord(), tracker("nee", "ontkennen", [], begin))
    slots = slots_na(events, begin)

    uitkomst = [b for b in berichten if b.get("response") == "utter_uitkomst"][0]
    assert "art. 161 Sv" in uitkomst["artikelen"]
    assert "jci1.3:c:BWBR0001903&artikel=161" in uitkomst["artikelen"]
    assert slots["uitkomst"] == "u_aangifte"
    assert slots["vastleg_open"] == ["aangifte_gegevens"]
    assert slots["fase"] == "afweging"


def test_the_weighing_is_asked_point_by_point(regels):
    form = ValidateMotivatieForm()
    begin = {"vastleg_open": ["doel", "noodzaak"], "motivaties": {}}
    uit = form.validate_motivatie_antwoord("Dreiging afwenden", None,
                                           tracker(slots=begin), {})
    assert uit == {"motivaties": {"doel": "Dreiging afwenden"},
                   "vastleg_open": ["noodzaak"], "motivatie_antwoord": None}


def test_the_record_holds_questions_outcome_articles_and_weighing(regels, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setattr("bot.record.opslag.instellingen",
                        lambda: type("I", (), {"verslag_map": tmp_path})())
    begin = _in_zorg([("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
                      ("s1_ziektesymptoom", "nee")])
    begin["motivaties"] = {"aangifte_gegevens": "Alleen naam en adres."}
    berichten, _ = voer_uit(ActionVerslag(), tracker("verslag", "verslag", [], begin))

    document = berichten[-1]["custom"]["deelwijzer_verslag"]["json"]
    assert document["uitkomst"]["soort"] == "aangifte"
    assert [c["sleutel"] for c in document["citaten"]] == ["sv_161"]
    assert document["eigen_afweging"][0]["antwoord"] == "Alleen naam en adres."
    assert "Alleen naam en adres." in berichten[1]["text"]
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_acute_danger_in_the_weighing_is_kept_and_gets_the_112_notice(regels):
    form = ValidateMotivatieForm()
    begin = {"plan": "zorg", "uitkomst": "u_mag_delen", "logboek": [],
             "vastleg_open": ["doel", "noodzaak"], "motivaties": {}}
    trk = tracker("Hij staat nu voor de deur met een mes", "meld_gevaar", [], begin)
    dispatcher = CollectingDispatcher()
    uit = form.validate_motivatie_antwoord(trk.latest_message["text"], dispatcher,
                                           trk, {})

    assert uit["motivaties"] == {"doel": "Hij staat nu voor de deur met een mes"}
    assert [b.get("response") for b in dispatcher.messages] == ["utter_acuut_gevaar"]
    assert uit["logboek"][-1]["soort"] == "acuut_gevaar"
    assert uit["logboek"][-1]["vastlegpunt"] == "doel"


def test_a_weighing_without_danger_gets_no_112_notice(regels):
    form = ValidateMotivatieForm()
    begin = {"vastleg_open": ["doel"], "motivaties": {}, "logboek": []}
    dispatcher = CollectingDispatcher()
    uit = form.validate_motivatie_antwoord(
        "Er was gisteren een dreiging", dispatcher,
        tracker("Er was gisteren een dreiging", "nlu_fallback", [], begin), {})
    assert "logboek" not in uit
    assert dispatcher.messages == []
