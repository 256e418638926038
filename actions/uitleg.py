"""'Wat is een convenant?': explain a term from data/begrippen.yml, with the
articles it rests on and its place in the guide, then the open question
again. The explanation changes nothing in the consultation."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Dict, List, Mapping, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.antwoord import heropen
from actions.gesprek import logboek_uit, logregel, regelset
from bot.rules.begrippen import Begrip, laad_begrippen, vind_begrippen

logger = logging.getLogger(__name__)

# More than this in one message is a list, not a question; the first ones are
# explained and the rest can be asked again.
MAX_PER_BERICHT = 3

# Offered when the message names no term we know: the ones the step plans
# lean on most.
VOORBEELDEN = ("beroepsgeheim", "toestemming", "conflict_van_plichten",
               "meldrecht", "need_to_know", "zwaarwegend_algemeen_belang")


@lru_cache(maxsize=1)
def begrippen() -> Mapping[str, Begrip]:
    """Loaded and checked once per action server, against the same article
    register as the plans."""
    return laad_begrippen(regelset())


def gevraagde_begrippen(tracker: Tracker) -> List[Begrip]:
    """The terms the latest message asks about: the NLU entity (already
    mapped to a key by the synonyms), else the terms its text names."""
    alle = begrippen()
    gevonden: List[Begrip] = []
    for waarde in tracker.get_latest_entity_values("begrip"):
        begrip = alle.get(str(waarde)) or next(
            iter(vind_begrippen(alle, str(waarde))), None)
        if begrip is not None and begrip not in gevonden:
            gevonden.append(begrip)
    for begrip in vind_begrippen(alle, tracker.latest_message.get("text") or ""):
        if begrip not in gevonden:
            gevonden.append(begrip)
    return gevonden


def _artikelen(begrip: Begrip) -> str:
    wetgeving = regelset().wetgeving
    return ", ".join(wetgeving[s].aanduiding() for s in begrip.citeer)


class ActionUitleg(Action):
    def name(self) -> Text:
        return "action_uitleg"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        gevraagd = gevraagde_begrippen(tracker)[:MAX_PER_BERICHT]
        if not gevraagd:
            alle = begrippen()
            dispatcher.utter_message(
                response="utter_uitleg_welk",
                buttons=[{"title": alle[s].term,
                          "payload": f'/uitleg{{"begrip":"{s}"}}'}
                         for s in VOORBEELDEN if s in alle],
            )
            heropen(dispatcher, tracker)
            return []
        alle = begrippen()
        for begrip in gevraagd:
            dispatcher.utter_message(
                response="utter_uitleg",
                term=begrip.term,
                uitleg=begrip.uitleg,
                artikelen=_artikelen(begrip),
                bron=begrip.bron.label(),
                zie_ook=", ".join(alle[s].term for s in begrip.zie_ook) or "-",
            )
        heropen(dispatcher, tracker)
        # In the log, so the record shows what the professional looked up
        # before answering.
        logboek = logboek_uit(tracker) + [
            logregel("uitleg", begrippen=[b.sleutel for b in gevraagd],
                     knoop=tracker.get_slot("open_vraag"))
        ]
        return [SlotSet("logboek", logboek)]
