"""The consultation across breaks and across recipients.

Resume: when the professional comes back, also after Rasa's session expired,
nothing answered is lost and the open question is asked again with a line on
where they were. Several recipients in one case ("de school en de
wijkagent"): the plan is walked once per recipient, one after another, and
every finished walk is kept in ``afgeronde_uitkomsten``.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import (
    ActionExecuted,
    ActiveLoop,
    EventType,
    SessionStarted,
    SlotSet,
)
from rasa_sdk.executor import CollectingDispatcher

from actions.antwoord import form_actief
from actions.gesprek import huidige_stand, logboek_uit, logregel, regelset, stel_vraag
from actions.start import afgeronde_wandeling, start_plan
from bot.rules import Stand

logger = logging.getLogger(__name__)

# Not carried into a new session: Rasa's own bookkeeping. The weighing form
# is put back explicitly when it was open (see ``hervat``).
NIET_OVERNEMEN = {"requested_slot", "session_started_metadata"}


def hervat(
    dispatcher: CollectingDispatcher, tracker: Tracker, sessie_start: bool
) -> List[EventType]:
    """Where the professional was, in one line, and the open question again.

    When the weighing was under way but the form is not running (a new
    session, or 'stoppen' in the middle of the weighing), the form is put back
    at the open point. At a session start nothing runs after this action, so
    it asks the point itself; in a conversation Rasa runs the form right after
    it, and the form asks.
    """
    stand = huidige_stand(tracker)
    if stand is None:
        return []
    plan = stand.plan.titel
    aantal = len(stand.pad)
    open_punten = tracker.get_slot("vastleg_open") or []
    events: List[EventType] = [SlotSet("logboek", logboek_uit(tracker) + [
        logregel("hervat", knoop=stand.knoop.id, antwoorden=aantal)])]
    if not stand.klaar:
        dispatcher.utter_message(response="utter_hervat", plan=plan,
                                 voortgang=stand.voortgang(), aantal=aantal)
        stel_vraag(dispatcher, stand)
        return events
    if open_punten and tracker.get_slot("fase") == "afweging":
        dispatcher.utter_message(response="utter_hervat_afweging", plan=plan,
                                 aantal=aantal)
        if not sessie_start and form_actief(tracker):
            return events
        if sessie_start:
            punt = regelset().vastleggen[open_punten[0]]
            dispatcher.utter_message(response="utter_vastleg_vraag", vraag=punt.vraag)
        return [*events, ActiveLoop("motivatie_form"),
                SlotSet("requested_slot", "motivatie_antwoord")]
    dispatcher.utter_message(response="utter_hervat_klaar", plan=plan, aantal=aantal)
    return events


class ActionSessionStart(Action):
    """A new Rasa session (after ``session_expiration_time``) keeps every slot
    and asks the open question again. Rasa 3.6 runs this instead of its own
    session start; carrying the slots over is then this action's job."""

    # Shortcoming: Rasa runs this before it reads the message that arrived
    # after the break, so that message is handled right after the re-asked
    # question: a "ja" then answers the question just shown again.

    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        events: List[EventType] = [SessionStarted()]
        events += [SlotSet(naam, waarde) for naam, waarde in tracker.slots.items()
                   if waarde is not None and naam not in NIET_OVERNEMEN]
        # The form does not survive a session start in Rasa; ``hervat`` puts
        # it back when the weighing was under way.
        events += hervat(dispatcher, tracker, sessie_start=True)
        events.append(ActionExecuted("action_listen"))
        return events


class ActionHervat(Action):
    """A greeting: with a consultation under way it is a return after a
    break; otherwise the welcome."""

    def name(self) -> Text:
        return "action_hervat"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        if huidige_stand(tracker) is None:
            dispatcher.utter_message(response="utter_begroeting")
            return []
        if _net_hervat(tracker):
            # The session start has just said where they were.
            return []
        return hervat(dispatcher, tracker, sessie_start=False)


def _net_hervat(tracker: Tracker) -> bool:
    """Whether a session started right before this message, so the summary
    was given a moment ago."""
    events = list(tracker.events or [])
    gebruiker = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if not gebruiker:
        return False
    for event in reversed(events[: gebruiker[-1]]):
        if event.get("event") == "user":
            return False
        if event.get("event") == "session_started":
            return True
    return False


# --- Several recipients ----------------------------------------------------

def ontvangers_uit(tracker: Tracker) -> List[str]:
    """The recipients the message names, in order, each once."""
    tekst = tracker.latest_message.get("text") or ""
    gevonden: List[str] = []
    for entiteit in tracker.latest_message.get("entities") or []:
        if entiteit.get("entity") != "ontvanger" or not entiteit.get("value"):
            continue
        begin, eind = entiteit.get("start"), entiteit.get("end")
        if isinstance(begin, int) and isinstance(eind, int):
            # "om" is the Dutch word "in order to" far more often than the
            # Openbaar Ministerie; only the capitalised abbreviation counts.
            if tekst[begin:eind].lower() == "om" and tekst[begin:eind] != "OM":
                continue
        waarde = str(entiteit["value"])
        if waarde not in gevonden:
            gevonden.append(waarde)
    return gevonden


def meerdere_ontvangers(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> List[EventType]:
    """At the opening: with two or more recipients, say that the plan is
    walked per recipient and queue the others. With one, only remember it,
    so the outcome says for whom it holds."""
    ontvangers = ontvangers_uit(tracker)
    if not ontvangers:
        return []
    if len(ontvangers) == 1:
        return [SlotSet("huidige_ontvanger", ontvangers[0])]
    dispatcher.utter_message(response="utter_meerdere_ontvangers",
                             ontvangers=", ".join(ontvangers), eerste=ontvangers[0])
    return [SlotSet("huidige_ontvanger", ontvangers[0]),
            SlotSet("ontvangers_wachtrij", ontvangers[1:])]


def afgeronde_uitkomst(tracker: Tracker, stand: Stand) -> Dict[str, Any]:
    """A finished walk for ``afgeronde_uitkomsten``: the shape the referral
    uses ({plan, antwoorden, uitkomst}), with the recipient, the kind of
    outcome, its articles and the professional's weighing."""
    walk = afgeronde_wandeling(tracker) or {}
    return {**walk,
            "ontvanger": tracker.get_slot("huidige_ontvanger"),
            "soort": stand.knoop.uitkomst,
            "citaten": list(stand.citaten()),
            "motivaties": dict(tracker.get_slot("motivaties") or {})}


def volgende_ontvanger(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> List[EventType]:
    """Keep the finished walk and start the same plan for the next recipient."""
    wachtrij: List[str] = list(tracker.get_slot("ontvangers_wachtrij") or [])
    stand = huidige_stand(tracker)
    if not wachtrij:
        dispatcher.utter_message(response="utter_geen_volgende_ontvanger")
        return []
    if stand is None or not stand.klaar or tracker.get_slot("vastleg_open"):
        # Never leave a walk or a weighing half done for the next recipient.
        dispatcher.utter_message(response="utter_eerst_afronden")
        return []
    vorige: Optional[str] = tracker.get_slot("huidige_ontvanger")
    afgerond = afgeronde_uitkomst(tracker, stand)
    volgende, rest = wachtrij[0], wachtrij[1:]
    logboek = logboek_uit(tracker) + [
        logregel("volgende_ontvanger", van=vorige, naar=volgende,
                 plan=stand.plan.id, uitkomst=stand.knoop.id)
    ]
    dispatcher.utter_message(response="utter_volgende_ontvanger",
                             vorige=vorige or "de eerste ontvanger", ontvanger=volgende)
    return [
        SlotSet("afgeronde_uitkomsten",
                list(tracker.get_slot("afgeronde_uitkomsten") or []) + [afgerond]),
        SlotSet("huidige_ontvanger", volgende),
        SlotSet("ontvangers_wachtrij", rest),
        SlotSet("vastleg_open", None),
        SlotSet("motivaties", {}),
        # The same plan from its first question: the answers may differ per
        # recipient (consent, need-to-know, the recipient's own role).
        *start_plan(dispatcher, stand.plan.id, logboek),
    ]


class ActionVolgendeOntvanger(Action):
    def name(self) -> Text:
        return "action_volgende_ontvanger"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        events = volgende_ontvanger(dispatcher, tracker)
        # The phase is always set, so the rules know what follows.
        if not any(e.get("name") == "fase" for e in events):
            events.append(SlotSet("fase", tracker.get_slot("fase") or "vragen"))
        return events


def bied_volgende_ontvanger(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> None:
    """After the weighing (action_afsluiten): offer the next recipient, if one
    is waiting. Part of closing, so the dialogue is the same with one
    recipient or several."""
    wachtrij = tracker.get_slot("ontvangers_wachtrij") or []
    if not wachtrij:
        return
    dispatcher.utter_message(
        response="utter_volgende_ontvanger_aanbod",
        ontvangers=", ".join(wachtrij), volgende=wachtrij[0],
        buttons=[{"title": f"Ja, verder met {wachtrij[0]}",
                  "payload": "/volgende_ontvanger"}],
    )
