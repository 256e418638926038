"""The action server stops in the middle of a consultation: the professional
gets an explicit Dutch notice, no answer is taken, the notice is in the
transcript, and once the action server is back the same question is open and
the consultation goes on. Over REST, with the real servers on loopback."""

from __future__ import annotations

import pytest
import requests

from tests.e2e.conftest import teksten

pytestmark = pytest.mark.e2e

STORING = "Er is een storing: ik kan nu geen advies geven"


def _tracker(gesprek) -> dict:
    basis = gesprek.url.rsplit("/webhooks/", 1)[0]
    antwoord = requests.get(f"{basis}/conversations/{gesprek.id}/tracker", timeout=30)
    antwoord.raise_for_status()
    return antwoord.json()


def test_a_stopped_action_server_is_told_and_the_question_stays_open(
        gesprek, actieserver):
    eerste = gesprek.zeg('/kies_plan{"plan":"zorg"}')
    assert "Stap 1 van 4" in teksten(eerste)
    assert "Uw beroepsgeheim" in teksten(gesprek.zeg("nee"))
    voor = _tracker(gesprek)["slots"]

    actieserver.stop()
    storing = gesprek.zeg('/kies{"optie":"overig"}')

    assert STORING in teksten(storing)
    # Nothing that looks like an answer: no next question, no outcome.
    assert "Stap" not in teksten(storing)
    na = _tracker(gesprek)
    assert na["slots"]["antwoorden"] == voor["antwoorden"]
    assert na["slots"]["open_vraag"] == voor["open_vraag"] == "bg_grondslag"
    # In the transcript: the notice as a bot message, and a line in the log.
    gezegd = [e.get("text") or "" for e in na["events"] if e["event"] == "bot"]
    assert any(STORING in t for t in gezegd)
    assert na["slots"]["logboek"][-1]["soort"] == "storing"
    assert na["slots"]["logboek"][-1]["actie"] == "action_antwoord"
    assert na["events"][-1]["event"] == "action"
    assert na["events"][-1]["name"] == "action_listen"

    actieserver.start()
    verder = gesprek.zeg('/kies{"optie":"overig"}')
    assert STORING not in teksten(verder)
    assert "toestemming gegeven" in teksten(verder)
    assert _tracker(gesprek)["slots"]["antwoorden"] == voor["antwoorden"] + [
        ["bg_grondslag", "overig"]]


def test_a_stopped_action_server_in_the_weighing_keeps_the_point_open(
        gesprek, actieserver):
    gesprek.zeg('/kies_plan{"plan":"zorg"}')
    for antwoord in ['/kies{"optie":"tegen_mij"}', "ja"]:
        gesprek.zeg(antwoord)
    assert "Uitkomst" in teksten(gesprek.zeg("nee"))
    open_voor = _tracker(gesprek)["slots"]["vastleg_open"]

    actieserver.stop()
    storing = gesprek.zeg("Alleen naam en adres, niets over de behandeling.")
    assert STORING in teksten(storing)
    assert _tracker(gesprek)["slots"]["vastleg_open"] == open_voor

    actieserver.start()
    verder = gesprek.zeg("Alleen naam en adres, niets over de behandeling.")
    assert STORING not in teksten(verder)
    assert _tracker(gesprek)["slots"]["motivaties"]
