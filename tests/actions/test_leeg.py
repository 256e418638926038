"""An empty message gets a reply that fits what is on screen: the buttons
are named only when an open question brings them."""

from __future__ import annotations

import pytest

from actions.antwoord import ActionLeeg
from tests.actions.helpers import tracker, voer_uit

ZORG_KLAAR = [("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
              ("s1_ziektesymptoom", "nee")]


def _slots(antwoorden):
    from actions.gesprek import regelset
    from bot.rules import loop

    stand = loop(regelset().plan("zorg"), antwoorden)
    return {"plan": "zorg", "antwoorden": [list(a) for a in antwoorden],
            "logboek": [], "open_vraag": None if stand.klaar else stand.knoop.id}


@pytest.mark.parametrize(
    "slots, verwacht",
    [
        pytest.param({}, ["utter_leeg"], id="no-plan-yet-no-buttons"),
        pytest.param(_slots([]), ["utter_leeg_knoppen", "utter_vraag"],
                     id="open-question-with-its-buttons"),
        pytest.param(_slots(ZORG_KLAAR), ["utter_leeg"],
                     id="plan-finished-no-question"),
    ],
)
def test_an_empty_message_names_buttons_only_when_a_question_shows_them(
        regels, slots, verwacht):
    berichten, events = voer_uit(ActionLeeg(), tracker("", "leeg", [], slots))

    assert [b.get("response") for b in berichten] == verwacht
    if verwacht[-1] == "utter_vraag":
        assert berichten[-1]["buttons"]
    assert events == []


def test_the_reply_without_buttons_does_not_mention_them():
    import yaml

    from bot.rules.loader import DATA_DIR

    with (DATA_DIR.parent / "domain.yml").open(encoding="utf-8") as bestand:
        antwoorden = yaml.safe_load(bestand)["responses"]
    zonder = antwoorden["utter_leeg"][0]["text"]
    met = antwoorden["utter_leeg_knoppen"][0]["text"]
    assert "knop" not in zonder and "Typ uw vraag of uw antwoord" in zonder
    assert "kies een van de knoppen" in met


@pytest.mark.parametrize(
    "tekst, slots, verwacht",
    [
        pytest.param("😡🔪😱", {}, ["utter_geen_woorden"], id="emoji-no-plan"),
        pytest.param("?!...", {}, ["utter_geen_woorden"], id="punctuation-no-plan"),
        pytest.param("😀😀🔪", _slots([]), ["utter_geen_woorden_knoppen", "utter_vraag"],
                     id="emoji-open-question"),
        pytest.param("  \n ", {}, ["utter_leeg"], id="blank-stays-empty"),
    ],
)
def test_emoji_only_is_not_called_an_empty_message(regels, tekst, slots, verwacht):
    berichten, _ = voer_uit(ActionLeeg(), tracker(tekst, "leeg", [], slots))

    assert [b.get("response") for b in berichten] == verwacht


def test_a_too_long_message_is_not_said_to_be_partly_read():
    import yaml

    from bot.rules.loader import DATA_DIR

    with (DATA_DIR.parent / "domain.yml").open(encoding="utf-8") as bestand:
        tekst = yaml.safe_load(bestand)["responses"]["utter_te_lang"][0]["text"]
    assert "te lang om te lezen" in tekst and "korter bericht" in tekst
    assert "eerste" not in tekst
