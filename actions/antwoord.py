"""Answers to the open question: yes, no, a choice, free text, don't know,
and going back. The engine decides what comes next; nothing here does law."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.gesprek import (
    antwoorden_uit,
    huidige_stand,
    logboek_uit,
    logregel,
    meld_uitkomst,
    regelset,
    stel_vraag,
    zet_stand,
)
from actions.start import ActionStartPlan, bied_doorverwijzing
from bot.rules import herken_optie, loop, terug, verklaar
from bot.rules.model import Knoop, Optie

logger = logging.getLogger(__name__)

INTENT_NAAR_WAARDE = {"bevestigen": "ja", "ontkennen": "nee"}


def gekozen_optie(knoop: Knoop, tracker: Tracker) -> Optional[Optie]:
    """The option the latest message chose, only if it belongs to the open
    question. A hand-typed payload for another question sets nothing."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent in INTENT_NAAR_WAARDE and knoop.optie(INTENT_NAAR_WAARDE[intent]):
        return knoop.optie(INTENT_NAAR_WAARDE[intent])
    if intent == "kies":
        waarde = next(tracker.get_latest_entity_values("optie"), None)
        if waarde:
            return knoop.optie(str(waarde))
    return herken_optie(knoop, tracker.latest_message.get("text") or "")


class ActionAntwoord(Action):
    def name(self) -> Text:
        return "action_antwoord"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        stand = huidige_stand(tracker)
        if stand is None:
            # No plan yet: free text is most likely the opening question.
            events = await ActionStartPlan().run(dispatcher, tracker, domain)
            return [*events, SlotSet("fase", "vragen")]
        if stand.klaar:
            dispatcher.utter_message(response="utter_al_klaar")
            return [SlotSet("fase", "klaar")]

        optie = gekozen_optie(stand.knoop, tracker)
        if optie is None:
            dispatcher.utter_message(response="utter_antwoord_onduidelijk")
            stel_vraag(dispatcher, stand)
            return [SlotSet("fase", "vragen")]

        antwoorden = antwoorden_uit(tracker) + [(stand.knoop.id, optie.waarde)]
        logboek = logboek_uit(tracker) + [
            logregel(
                "antwoord",
                knoop=stand.knoop.id,
                vraag=stand.knoop.tekst,
                antwoord=optie.label,
                waarde=optie.waarde,
            )
        ]
        if optie.melding:
            dispatcher.utter_message(text=optie.melding.strip())
        nieuw = loop(regelset().plan(stand.plan.id), antwoorden)
        return volgende_stap(dispatcher, antwoorden, logboek, nieuw)


def volgende_stap(
    dispatcher: CollectingDispatcher,
    antwoorden: List[Any],
    logboek: List[Dict[str, Any]],
    stand: Any,
) -> List[EventType]:
    """Ask the next question, or give the outcome and start the record."""
    events: List[EventType] = list(zet_stand(antwoorden, logboek, stand))
    if not stand.klaar:
        stel_vraag(dispatcher, stand)
        return [*events, SlotSet("fase", "vragen")]
    meld_uitkomst(dispatcher, stand)
    logboek = logboek + [logregel("uitkomst", knoop=stand.knoop.id,
                                  uitkomst=stand.knoop.uitkomst)]
    punten = list(stand.vastleggen())
    events.append(SlotSet("logboek", logboek))
    # An outcome that sends the professional to another of our plans decides
    # nothing to weigh: offer to start that plan instead of asking a weighing.
    if not punten and bied_doorverwijzing(dispatcher, stand):
        return [*events, SlotSet("vastleg_open", []), SlotSet("motivaties", {}),
                SlotSet("fase", "klaar")]
    events.append(SlotSet("vastleg_open", punten))
    events.append(SlotSet("motivaties", {}))
    dispatcher.utter_message(response="utter_eigen_afweging")
    events.append(SlotSet("fase", "afweging"))
    return events


class ActionWeetNiet(Action):
    """'Weet ik niet': what to find out and from whom, then the same question."""

    def name(self) -> Text:
        return "action_weet_niet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        stand = huidige_stand(tracker)
        if stand is None or stand.klaar:
            dispatcher.utter_message(response="utter_geen_open_vraag")
            return []
        if stand.knoop.weet_niet:
            dispatcher.utter_message(response="utter_weet_niet", advies=stand.knoop.weet_niet)
        else:
            dispatcher.utter_message(response="utter_weet_niet_algemeen")
        stel_vraag(dispatcher, stand)
        logboek = logboek_uit(tracker) + [logregel("weet_niet", knoop=stand.knoop.id)]
        return [SlotSet("logboek", logboek)]


class ActionWaarom(Action):
    """'Waarom vraag je dit?': why the open question decides the outcome."""

    def name(self) -> Text:
        return "action_waarom"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        stand = huidige_stand(tracker)
        if stand is None:
            dispatcher.utter_message(response="utter_geen_open_vraag")
            return []
        if stand.klaar:
            dispatcher.utter_message(
                response="utter_pad", pad="\n".join(verklaar(stand, regelset()))
            )
            return []
        dispatcher.utter_message(response="utter_waarom", uitleg=stand.knoop.waarom)
        stel_vraag(dispatcher, stand)
        return []


class ActionTerug(Action):
    """Take back the last answer and ask that question again."""

    def name(self) -> Text:
        return "action_terug"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        antwoorden = antwoorden_uit(tracker)
        plan_id = tracker.get_slot("plan")
        if not plan_id or not antwoorden:
            dispatcher.utter_message(response="utter_niets_terug")
            stand = huidige_stand(tracker)
            if stand and not stand.klaar:
                stel_vraag(dispatcher, stand)
            return []
        ingetrokken = antwoorden[-1]
        antwoorden = list(terug(antwoorden))
        stand = loop(regelset().plan(plan_id), antwoorden)
        logboek = logboek_uit(tracker) + [
            logregel("terug", knoop=ingetrokken[0], ingetrokken=ingetrokken[1])
        ]
        dispatcher.utter_message(response="utter_terug")
        stel_vraag(dispatcher, stand)
        return [*zet_stand(antwoorden, logboek, stand), SlotSet("vastleg_open", None),
                SlotSet("fase", "vragen")]


class ActionHerhaalVraag(Action):
    """Back to the open question after a digression."""

    def name(self) -> Text:
        return "action_herhaal_vraag"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        stand = huidige_stand(tracker)
        if stand is not None and not stand.klaar:
            stel_vraag(dispatcher, stand)
        return []
