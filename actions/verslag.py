"""'Geef me het verslag': the record as canonical JSON and as Markdown."""

from __future__ import annotations

import logging
from typing import Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.gesprek import antwoorden_uit, logboek_uit, nu, regelset
from bot.record import maak_vastlegging, naar_markdown
from bot.record.opslag import bewaar

logger = logging.getLogger(__name__)


class ActionVerslag(Action):
    def name(self) -> Text:
        return "action_verslag"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        plan_id = tracker.get_slot("plan")
        if not plan_id or plan_id not in regelset().plannen:
            dispatcher.utter_message(response="utter_geen_verslag")
            return []
        document = maak_vastlegging(
            regelset(),
            plan_id,
            antwoorden_uit(tracker),
            logboek_uit(tracker),
            tracker.get_slot("motivaties") or {},
            tracker.sender_id,
            nu(),
        )
        markdown = naar_markdown(document)
        paden = bewaar(document, markdown)
        logger.debug("verslag opgesteld: gesprek-hash=%s", document["inhoud_hash"][:12])
        dispatcher.utter_message(response="utter_verslag", hash=document["inhoud_hash"])
        dispatcher.utter_message(text=markdown)
        dispatcher.utter_message(
            json_message={"deelwijzer_verslag": {"json": document,
                                                 "bestanden": [p.name for p in paden]}}
        )
        return []
