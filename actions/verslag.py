"""'Geef me het verslag' and 'wis dit gesprek' (asked first, then confirmed).

The record is the canonical JSON (bot/record); the chat shows it as Markdown
and offers it as a file in PDF, Markdown, HTML or JSON. Over REST a file comes
as a custom payload (``deelwijzer_verslag``): text formats as text, the PDF in
base64. The web server can serve the same files by conversation id
(bot/record/download.py).
"""

from __future__ import annotations

import base64
import logging
import re
from typing import Any, Dict, List, Mapping, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.antwoord import heropen
from actions.gesprek import antwoorden_uit, logboek_uit, nu, regelset
from bot.record import maak_vastlegging, naar_markdown
from bot.record.download import downloadnaam
from bot.record.maskering import teksten
from bot.record.opslag import bewaar, laad, verwijder
from bot.record.vastlegging import rol_uit
from bot.record.weergave import CONTENT_TYPES, formaat_van, render

logger = logging.getLogger(__name__)

FORMATEN = ("pdf", "md", "html", "json")

# During the weighing a message classified wis_gesprek is taken as a request to
# delete only from this confidence on and with a word for deleting or keeping
# in it (or as a typed payload); otherwise it is weighing text that speaks of a
# talk ("gesprekken met hem hebben niets opgeleverd") and the form keeps it.
# The words are a second check because NLU's confidence on such text moves
# with every retraining.
WIS_DREMPEL = 0.9
WIS_WOORDEN = re.compile(
    r"\b(wis\w*|gewist|verwijder\w*|opgeslagen|opslaan|bewaar\w*|haal)\b")


def _zelfde_inhoud(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Equal apart from the moment of drawing up (and so the hash)."""
    weg = ("tijdstip", "inhoud_hash")
    return ({k: v for k, v in a.items() if k not in weg}
            == {k: v for k, v in b.items() if k not in weg})


def knoppen() -> List[Dict[str, str]]:
    namen = teksten()["formaten"]
    return [{"title": namen[f], "payload": f'/verslag{{"formaat":"{f}"}}'}
            for f in FORMATEN]


class ActionVerslag(Action):
    def name(self) -> Text:
        return "action_verslag"

    def vastlegging(self, tracker: Tracker) -> Optional[Dict[str, Any]]:
        plan_id = tracker.get_slot("plan")
        if not plan_id or plan_id not in regelset().plannen:
            return None
        logboek = logboek_uit(tracker)
        document = maak_vastlegging(
            regelset(),
            plan_id,
            antwoorden_uit(tracker),
            logboek,
            tracker.get_slot("motivaties") or {},
            tracker.sender_id,
            nu(),
            # The action server sees the latest session's events only; a role
            # said before a session expiry is in the export, not here.
            rol=rol_uit(logboek, tracker.events or []),
        )
        # Asking again for a file of the same consultation gives the record
        # already handed out, with the same hash, not a new one a minute later.
        eerder = laad(tracker.sender_id)
        if eerder is not None and _zelfde_inhoud(eerder, document):
            return eerder
        return document

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        document = self.vastlegging(tracker)
        if document is None:
            dispatcher.utter_message(response="utter_geen_verslag")
            return []
        markdown = naar_markdown(document)
        paden = bewaar(document, markdown)
        logger.debug("verslag opgesteld: hash=%s", document["inhoud_hash"][:12])
        formaat = formaat_van(next(tracker.get_latest_entity_values("formaat"), None))
        if formaat is None:
            dispatcher.utter_message(response="utter_verslag",
                                     hash=document["inhoud_hash"])
            dispatcher.utter_message(text=markdown)
            dispatcher.utter_message(response="utter_verslag_formaten",
                                     buttons=knoppen())
            dispatcher.utter_message(
                json_message={"deelwijzer_verslag": {
                    "json": document,
                    "bestanden": [p.name for p in paden],
                    "formaten": list(FORMATEN),
                }}
            )
            return []

        inhoud = render(document, formaat)
        dispatcher.utter_message(response="utter_verslag_bestand",
                                 formaat=teksten()["formaten"][formaat],
                                 hash=document["inhoud_hash"])
        bestand: Dict[str, Any] = {
            "formaat": formaat,
            "content_type": CONTENT_TYPES[formaat],
            "bestandsnaam": downloadnaam(tracker.sender_id, formaat),
            "inhoud_hash": document["inhoud_hash"],
        }
        if formaat == "pdf":
            bestand.update(codering="base64",
                           inhoud=base64.b64encode(inhoud).decode("ascii"))
        else:
            bestand.update(codering="utf-8", inhoud=inhoud.decode("utf-8"))
        if formaat == "json":
            bestand["json"] = document
        if formaat == "md":
            dispatcher.utter_message(text=markdown)
        dispatcher.utter_message(json_message={"deelwijzer_verslag": bestand})
        return []


class ActionWisGesprek(Action):
    """Delete this conversation's record files; the tracker store deletes the
    conversation's events when it saves this turn (bot/record/trackerstore.py),
    so nothing of the turn is written either."""

    def name(self) -> Text:
        return "action_wis_gesprek"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        weg = verwijder(tracker.sender_id)
        logger.info("gesprek gewist: %d bestanden van de vastlegging", len(weg))
        dispatcher.utter_message(response="utter_gesprek_gewist", aantal=len(weg))
        return []


def wil_wissen(tracker: Tracker) -> bool:
    """Whether the latest message was clearly a request to delete: a button or
    typed payload, or wis_gesprek with high confidence."""
    intent = tracker.latest_message.get("intent") or {}
    if intent.get("name") != "wis_gesprek":
        return False
    tekst = (tracker.latest_message.get("text") or "").strip()
    if tekst.startswith("/"):
        return True
    return (float(intent.get("confidence") or 0.0) >= WIS_DREMPEL
            and WIS_WOORDEN.search(tekst.lower()) is not None)


class ActionVraagWissen(Action):
    """'Wis dit gesprek' only asks: deleting cannot be undone, and NLU may take
    an ordinary sentence about a talk for it. The tracker store deletes on
    action_wis_gesprek alone, so this action must keep another name."""

    def name(self) -> Text:
        return "action_vraag_wissen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_vraag_wissen")
        return []


class ActionWisAnnuleren(Action):
    """'Nee, ga verder': nothing is deleted; the open question again. During
    the weighing the form asks its own point again."""

    def name(self) -> Text:
        return "action_wis_annuleren"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_wissen_geannuleerd")
        heropen(dispatcher, tracker)
        return []
