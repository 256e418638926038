"""Case codes: give the professional a short code for the consultation, and
continue a consultation from its code in any later conversation ("ik wil
verder met zaak K7Q-3MX"), also after the Rasa session or the day is over.

Coming back with the same conversation id needs none of this: the tracker
store keeps it. A code is for a new chat window, another device or a
colleague taking over the case.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.gesprek import regelset, stel_vraag
from bot.opslag.database import engine, slot_waarden
from bot.opslag.zaakcodes import code_voor, gesprek_voor, normaliseer, verplaats
from bot.rules import OngeldigAntwoord, loop
from bot.settings import instellingen

logger = logging.getLogger(__name__)

# The consultation: what a resumed conversation takes over. The dialogue
# phase ``fase`` comes last so the rules see a complete state.
OVERGENOMEN_SLOTS = ["plan", "antwoorden", "logboek", "open_vraag", "uitkomst",
                     "vastleg_open", "motivaties", "fase"]


def _engine():
    return engine(instellingen().tracker_store_url)


class ActionZaakcode(Action):
    """'Wat is mijn zaakcode?', and when the professional stops."""

    def name(self) -> Text:
        return "action_zaakcode"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        gestopt = (tracker.latest_message.get("intent") or {}).get("name") == "stoppen"
        if not tracker.get_slot("plan"):
            if not gestopt:
                dispatcher.utter_message(response="utter_zaakcode_geen_plan")
            return []
        code = code_voor(_engine(), tracker.sender_id)
        dispatcher.utter_message(response="utter_zaakcode", zaakcode=code,
                                 dagen=instellingen().bewaartermijn_dagen)
        return [SlotSet("zaakcode", code)]


class ActionZaakHervatten(Action):
    """Load the consultation behind a case code into this conversation."""

    def name(self) -> Text:
        return "action_zaak_hervatten"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        gevonden = next(tracker.get_latest_entity_values("zaakcode"), None)
        code = normaliseer(str(gevonden or "")) or normaliseer(
            tracker.latest_message.get("text") or "")
        if code is None:
            dispatcher.utter_message(response="utter_zaak_geen_code")
            return []
        eng = _engine()
        gesprek_id = gesprek_voor(eng, code)
        slots = slot_waarden(eng, gesprek_id) if gesprek_id else None
        plan_id = (slots or {}).get("plan")
        if not plan_id or plan_id not in regelset().plannen:
            logger.info("zaakcode niet gevonden of zonder plan")
            dispatcher.utter_message(response="utter_zaak_onbekend")
            return []
        try:
            stand = loop(regelset().plan(plan_id),
                         [tuple(a) for a in slots.get("antwoorden") or []])
        except OngeldigAntwoord:
            # Stored under an older rule set: never guess a way through.
            dispatcher.utter_message(response="utter_zaak_onbekend")
            return []
        if gesprek_id != tracker.sender_id:
            verplaats(eng, code, tracker.sender_id)
        events: List[EventType] = [SlotSet(naam, slots.get(naam))
                                   for naam in OVERGENOMEN_SLOTS]
        events.append(SlotSet("zaakcode", code))
        dispatcher.utter_message(response="utter_zaak_hervat", zaakcode=code,
                                 plan=regelset().plan(plan_id).titel)
        return events + self._verder(dispatcher, slots, stand)

    @staticmethod
    def _verder(dispatcher: CollectingDispatcher, slots: Dict[str, Any],
                stand: Any) -> List[EventType]:
        """Put the consultation's open question (or point to record) again."""
        open_punten = slots.get("vastleg_open") or []
        if not stand.klaar:
            stel_vraag(dispatcher, stand)
            return []
        if slots.get("fase") == "afweging" and open_punten:
            # Back into the weighing form at the point that is still open.
            punt = regelset().vastleggen[open_punten[0]]
            dispatcher.utter_message(response="utter_vastleg_vraag", vraag=punt.vraag)
            return [ActiveLoop("motivatie_form"),
                    SlotSet("requested_slot", "motivatie_antwoord")]
        dispatcher.utter_message(response="utter_al_klaar")
        return []
