"""Entry: choose the step plan from the first message, or ask which fits."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.gesprek import huidige_stand, logregel, regelset, stel_vraag, zet_stand
from bot.routering import kies_plan, knop_tekst
from bot.rules import loop

logger = logging.getLogger(__name__)


def start_plan(
    dispatcher: CollectingDispatcher, plan_id: str, logboek: List[Dict[str, Any]]
) -> List[EventType]:
    plan = regelset().plan(plan_id)
    stand = loop(plan, [])
    logboek = logboek + [logregel("start", plan=plan_id, titel=plan.titel)]
    dispatcher.utter_message(response="utter_start_plan", plan=plan.titel)
    stel_vraag(dispatcher, stand)
    logger.debug("plan=%s gestart op knoop=%s", plan_id, stand.knoop.id)
    return [SlotSet("plan", plan_id), SlotSet("fase", "vragen"),
            *zet_stand([], logboek, stand)]


class ActionStartPlan(Action):
    """First question about sharing: infer the plan, or ask the role."""

    def name(self) -> Text:
        return "action_start_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        if tracker.get_slot("open_vraag"):
            # A plan is already under way: a new opening question must not
            # wipe the answers. Repeat the open question instead.
            dispatcher.utter_message(response="utter_al_bezig")
            stand = huidige_stand(tracker)
            if stand and not stand.klaar:
                stel_vraag(dispatcher, stand)
            return []

        tekst = tracker.latest_message.get("text") or ""
        rollen = [
            e.get("value") for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == "rol"
        ]
        beschikbaar = list(regelset().plannen)
        plan_id = kies_plan(tekst, rollen, beschikbaar)
        dispatcher.utter_message(response="utter_ondersteuning")
        if plan_id is None:
            dispatcher.utter_message(
                response="utter_welk_plan",
                buttons=[
                    {"title": knop_tekst(p), "payload": f'/kies_plan{{"plan":"{p}"}}'}
                    for p in beschikbaar
                ],
            )
            return [SlotSet("plan", None)]
        return start_plan(dispatcher, plan_id, [])


class ActionKiesPlan(Action):
    """The user chose a plan with a button."""

    def name(self) -> Text:
        return "action_kies_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        plan_id = next(tracker.get_latest_entity_values("plan"), None)
        if plan_id not in regelset().plannen:
            dispatcher.utter_message(response="utter_onbekend_plan")
            return []
        if tracker.get_slot("open_vraag"):
            dispatcher.utter_message(response="utter_al_bezig")
            return []
        return start_plan(dispatcher, plan_id, [])
