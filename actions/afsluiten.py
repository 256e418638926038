"""Before closing: the professional's own weighing, one point at a time, then
the offer of the record."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.gesprek import logboek_uit, logregel, regelset
from actions.verslag import wil_wissen
from bot.record.maskering import maskeer

logger = logging.getLogger(__name__)

# A motivation longer than this is cut, with a notice: the record is a summary
# of the weighing, not a place for whole case files.
MAX_MOTIVATIE = 4000


class ActionAskMotivatieAntwoord(Action):
    """Ask the next point the guide says must be recorded."""

    def name(self) -> Text:
        return "action_ask_motivatie_antwoord"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        # After a request to delete the confirmation question is on screen;
        # "Nee, ga verder" brings this point back.
        if wil_wissen(tracker):
            return []
        open_punten = tracker.get_slot("vastleg_open") or []
        if open_punten:
            punt = regelset().vastleggen[open_punten[0]]
            dispatcher.utter_message(response="utter_vastleg_vraag", vraag=punt.vraag)
        return []


class ValidateMotivatieForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_motivatie_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        return ["motivatie_antwoord"] if tracker.get_slot("vastleg_open") else []

    def validate_motivatie_antwoord(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        # A deliberate "wis dit gesprek" is not weighing: ask to confirm. Text
        # that only looks like it to NLU is kept as weighing (wil_wissen).
        if wil_wissen(tracker):
            dispatcher.utter_message(response="utter_vraag_wissen")
            return {"motivatie_antwoord": None}
        tekst = " ".join(str(slot_value or "").split())
        if not tekst:
            dispatcher.utter_message(response="utter_motivatie_leeg")
            return {"motivatie_antwoord": None}
        # Mask before anything is kept; say so once per conversation.
        gemaskeerd = maskeer(tekst)
        tekst = gemaskeerd.tekst
        gemeld: Dict[Text, Any] = {}
        if gemaskeerd.gewijzigd and not tracker.get_slot("maskering_gemeld"):
            dispatcher.utter_message(response="utter_maskering")
            gemeld = {"maskering_gemeld": True}
        if len(tekst) > MAX_MOTIVATIE:
            tekst = tekst[:MAX_MOTIVATIE]
            dispatcher.utter_message(response="utter_motivatie_ingekort")
        open_punten = list(tracker.get_slot("vastleg_open") or [])
        motivaties = dict(tracker.get_slot("motivaties") or {})
        punt = open_punten.pop(0) if open_punten else None
        if punt:
            motivaties[punt] = tekst
        # Clearing the slot makes the form ask again while points remain.
        return {
            "motivaties": motivaties,
            "vastleg_open": open_punten,
            "motivatie_antwoord": None if open_punten else tekst,
            **gemeld,
            **self._acuut_gevaar(dispatcher, tracker, punt),
        }

    @staticmethod
    def _acuut_gevaar(
        dispatcher: CollectingDispatcher, tracker: Tracker, punt: Any
    ) -> Dict[Text, Any]:
        """A weighing that says the danger is acute now is kept as weighing
        (it describes the threat the guide asks about), and also gets the 112
        notice and a line in the log, as anywhere else in the conversation."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent != "meld_gevaar":
            return {}
        dispatcher.utter_message(response="utter_acuut_gevaar")
        regel = logregel("acuut_gevaar", plan=tracker.get_slot("plan"),
                         knoop=tracker.get_slot("uitkomst"), vastlegpunt=punt)
        return {"logboek": [*logboek_uit(tracker), regel]}


class ActionAfsluiten(Action):
    def name(self) -> Text:
        return "action_afsluiten"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        # Only a weighing that was written down is said to be in the record.
        afweging = bool(tracker.get_slot("motivaties"))
        dispatcher.utter_message(
            response=("utter_afsluiten" if afweging
                      else "utter_afsluiten_zonder_afweging"),
            buttons=[
                {"title": "Geef me het verslag", "payload": "/verslag"},
                {"title": "Waarom deze uitkomst?", "payload": "/waarom"},
                {"title": "Nieuwe vraag", "payload": "/opnieuw"},
            ],
        )
        # More recipients named at the opening: offer the next one. Imported
        # here because actions.sessie builds on the other action modules.
        from actions.sessie import bied_volgende_ontvanger

        bied_volgende_ontvanger(dispatcher, tracker)
        return [SlotSet("motivatie_antwoord", None), SlotSet("fase", "klaar")]
