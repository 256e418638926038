"""Deleting a conversation is asked first and done only on the confirmation
button: a sentence that merely speaks of a talk ("tijdens ons gesprek") must
never delete a consultation, in the questions or in the weighing."""

from __future__ import annotations

import pytest
import yaml

from actions.afsluiten import ActionAskMotivatieAntwoord, ValidateMotivatieForm
from actions.verslag import ActionVraagWissen, ActionWisAnnuleren, WIS_DREMPEL
from bot.record.trackerstore import WIS_ACTIE
from bot.rules.loader import DATA_DIR
from tests.actions.helpers import tracker, voer_uit

ROOT = DATA_DIR.parent


def _yaml(pad):
    with (ROOT / pad).open(encoding="utf-8") as bestand:
        return yaml.safe_load(bestand)


def _met_zekerheid(trk, zekerheid):
    trk.latest_message["intent"]["confidence"] = zekerheid
    return trk


def _slots_vraag():
    from actions.gesprek import regelset
    from bot.rules import loop

    stand = loop(regelset().plan("zorg"), [])
    return {"plan": "zorg", "antwoorden": [], "logboek": [],
            "open_vraag": stand.knoop.id}


def _slots_afweging():
    from actions.gesprek import regelset

    punt = next(iter(regelset().vastleggen))
    return {"vastleg_open": [punt], "motivaties": {},
            "requested_slot": "motivatie_antwoord"}


def test_the_asking_action_is_not_the_one_the_tracker_store_deletes_on():
    assert ActionVraagWissen().name() != WIS_ACTIE
    assert ActionWisAnnuleren().name() != WIS_ACTIE


def test_asking_offers_exactly_two_buttons_and_deletes_nothing():
    berichten, events = voer_uit(ActionVraagWissen(),
                                 tracker("wis dit gesprek", "wis_gesprek"))

    assert [b.get("response") for b in berichten] == ["utter_vraag_wissen"]
    assert events == []
    vraag = _yaml("domain.yml")["responses"]["utter_vraag_wissen"][0]
    assert [k["payload"] for k in vraag["buttons"]] == ["/wis_bevestigen",
                                                       "/wis_annuleren"]
    assert "niet ongedaan" in vraag["text"]


def test_no_thanks_says_nothing_was_deleted_and_asks_the_open_question_again(regels):
    berichten, events = voer_uit(ActionWisAnnuleren(),
                                 tracker("/wis_annuleren", "wis_annuleren",
                                         slots=_slots_vraag()))

    assert [b.get("response") for b in berichten] == ["utter_wissen_geannuleerd",
                                                      "utter_vraag"]
    assert events == []


def test_no_thanks_during_the_weighing_leaves_the_point_to_the_form(regels):
    berichten, _ = voer_uit(ActionWisAnnuleren(),
                            tracker("/wis_annuleren", "wis_annuleren",
                                    slots=_slots_afweging(),
                                    active_loop="motivatie_form"))

    assert [b.get("response") for b in berichten] == ["utter_wissen_geannuleerd"]


def _valideer(tekst, zekerheid):
    trk = _met_zekerheid(tracker(tekst, "wis_gesprek", slots=_slots_afweging(),
                                 active_loop="motivatie_form"), zekerheid)
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    uit = ValidateMotivatieForm().validate_motivatie_antwoord(tekst, dispatcher,
                                                              trk, {})
    return dispatcher.messages, uit, trk


@pytest.mark.parametrize(
    "tekst, zekerheid",
    [
        pytest.param("Gesprekken met hem hebben niets opgeleverd, hij weigert hulp",
                     0.70, id="weighing-about-talks-low-confidence"),
        pytest.param("In het gesprek gaf hij toe dat hij een mes heeft",
                     WIS_DREMPEL - 0.01, id="just-below-the-bar"),
        pytest.param("Gesprekken met hem hebben niets opgeleverd, hij weigert hulp",
                     0.96, id="high-confidence-but-no-word-for-deleting"),
    ],
)
def test_weighing_text_taken_for_wis_gesprek_is_kept_as_weighing(regels, tekst,
                                                                 zekerheid):
    berichten, uit, trk = _valideer(tekst, zekerheid)

    assert "utter_vraag_wissen" not in [b.get("response") for b in berichten]
    assert list(uit["motivaties"].values()) == [tekst]
    gevraagd, _ = voer_uit(ActionAskMotivatieAntwoord(), trk)
    assert gevraagd == [] or gevraagd[0].get("response") == "utter_vastleg_vraag"


@pytest.mark.parametrize(
    "tekst, zekerheid",
    [
        pytest.param("wis dit gesprek", 0.97, id="typed-clearly"),
        pytest.param("/wis_gesprek", 1.0, id="payload"),
        pytest.param("haal mijn gegevens uit het systeem", 0.93,
                     id="keep-nothing-without-the-word-gesprek"),
    ],
)
def test_a_clear_request_to_delete_in_the_weighing_asks_and_keeps_nothing(
        regels, tekst, zekerheid):
    berichten, uit, trk = _valideer(tekst, zekerheid)

    assert [b.get("response") for b in berichten] == ["utter_vraag_wissen"]
    assert uit == {"motivatie_antwoord": None}
    # The form's own question waits until "Nee, ga verder".
    assert voer_uit(ActionAskMotivatieAntwoord(), trk)[0] == []


def _regels():
    return _yaml("data/rules/gesprek.yml")["rules"]


def test_only_the_confirmation_runs_the_deleting_action():
    for regel in _regels():
        stappen = regel["steps"]
        for i, stap in enumerate(stappen):
            if stap.get("action") == WIS_ACTIE:
                intent = [s["intent"] for s in stappen[:i] if "intent" in s]
                assert intent == ["wis_bevestigen"], regel["rule"]
    gevraagd = [r for r in _regels()
                if any(s.get("intent") == "wis_gesprek" for s in r["steps"])]
    assert gevraagd and all(
        [s.get("action") for s in r["steps"] if "action" in s] == ["action_vraag_wissen"]
        for r in gevraagd)


def test_no_sentence_is_trained_to_confirm_or_cancel_a_deletion():
    for pad in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for blok in _yaml(pad.relative_to(ROOT)).get("nlu") or []:
            assert blok.get("intent") not in ("wis_bevestigen", "wis_annuleren"), pad


def test_the_form_does_not_take_the_buttons_as_weighing():
    slot = _yaml("domain.yml")["slots"]["motivatie_antwoord"]
    niet = slot["mappings"][0]["not_intent"]
    assert "wis_bevestigen" in niet and "wis_annuleren" in niet
