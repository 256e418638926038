"""Acute danger at any turn: 112 first, then the consultation may go on.

NLU marks a message as ``meld_gevaar`` when it says that danger is acute
("hij staat nu voor de deur met een mes", "vanavond gaat hij schieten"), and
never when the danger is denied (see bot/nlu/signalen.py). This action says to
call 112, records that the interruption happened, and then offers the way
back: the open question again, or the plan the words point to, or the choice
of plan. It answers no question of the plan: the conflict-of-duties route of
the care plan is reached through the plan's own questions.

While the weighing form is open, its question takes every message as text
for the record (``from_text``): a weighing naturally describes the threat.
There the form's validation (actions/afsluiten.py) keeps the text and adds
the 112 notice and the log line, instead of this action.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.gesprek import huidige_stand, logboek_uit, logregel, regelset, stel_vraag
from bot.routering import kies_plan, knop_tekst, rollen_uit


def gevaar_voor_start(tracker: Tracker) -> List[Dict[str, Any]]:
    """Acute-danger lines logged before any plan started, so the record of
    the plan chosen next still shows that the consultation began with 112."""
    return [r for r in logboek_uit(tracker)
            if r.get("soort") == "acuut_gevaar" and not r.get("plan")]


class ActionAcuutGevaar(Action):
    def name(self) -> Text:
        return "action_acuut_gevaar"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_acuut_gevaar")
        stand = huidige_stand(tracker)
        # No text of the message goes into the log: it may name people.
        regel: Dict[str, Any] = {"plan": tracker.get_slot("plan"),
                                 "knoop": tracker.get_slot("open_vraag")}
        if stand is not None and not stand.klaar:
            dispatcher.utter_message(response="utter_acuut_verder")
            stel_vraag(dispatcher, stand)
        elif stand is None:
            bericht = tracker.latest_message or {}
            beschikbaar = list(regelset().plannen)
            plan_id = kies_plan(bericht.get("text") or "",
                                rollen_uit(bericht.get("entities") or []), beschikbaar)
            plannen = [plan_id] if plan_id else beschikbaar
            dispatcher.utter_message(
                response="utter_acuut_daarna",
                buttons=[{"title": knop_tekst(p),
                          "payload": f'/kies_plan{{"plan":"{p}"}}'} for p in plannen],
            )
            regel["voorgesteld_plan"] = plan_id
        logboek = logboek_uit(tracker) + [logregel("acuut_gevaar", **regel)]
        return [SlotSet("logboek", logboek), SlotSet("acuut_gevaar", "ja")]
