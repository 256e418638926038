"""Acute danger at any turn: 112 first, then the consultation goes on.

NLU marks a message as ``meld_gevaar`` when it says that danger is acute
("hij staat nu voor de deur met een mes", "vanavond gaat hij schieten"), and
never when the danger is denied or told of a past time (see
bot/nlu/signalen.py). This action says to call 112, records that the
interruption happened, and then goes on:

* with a question open: when the message also answers it plainly ("ja, hij
  staat nu voor de deur met een mes" at a yes/no question), the answer is
  taken as if given on its own; otherwise the open question is asked again.
  An answer is never guessed from the rest of the message. Shortcoming: only
  a yes or no is taken this way; a choice among a question's other options
  in a danger message ("tegen mij, en hij staat nu voor de deur") is asked
  again.
* before any plan: the message is routed as an opening (actions/start.py),
  into the plan its words point to, or to the choice of plan.

The conflict-of-duties route of the care plan is reached through the plan's
own questions, never from here.

While the weighing form is open, its question takes every message as text
for the record (``from_text``): a weighing naturally describes the threat.
There the form's validation (actions/afsluiten.py) keeps the text and adds
the 112 notice and the log line, instead of this action.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.gesprek import huidige_stand, logboek_uit, logregel, stel_vraag
from bot.rules import herken_optie
from bot.rules.model import Knoop, Optie

logger = logging.getLogger(__name__)


def gevaar_voor_start(tracker: Tracker) -> List[Dict[str, Any]]:
    """Acute-danger lines logged since the last plan started and outside any
    plan, so the record of the plan chosen next shows that the consultation
    began with 112 (and no line of an earlier consultation comes along)."""
    logboek = logboek_uit(tracker)
    starts = [i for i, r in enumerate(logboek) if r.get("soort") == "start"]
    sinds = logboek[starts[-1] + 1:] if starts else logboek
    return [r for r in sinds if r.get("soort") == "acuut_gevaar" and not r.get("plan")]


def acuut_gemeld(tracker: Tracker) -> bool:
    """Whether the latest message states acute danger, by the NLU's signal
    (bot/nlu/signalen.py) whatever intent it came with."""
    return any(e.get("entity") == "acuut_gevaar" and e.get("value") == "ja"
               for e in (tracker.latest_message or {}).get("entities") or [])


def meld_acuut_gevaar(
    dispatcher: CollectingDispatcher, tracker: Tracker, **velden: Any
) -> List[Dict[str, Any]]:
    """Say to call 112; return the log line that records it."""
    dispatcher.utter_message(response="utter_acuut_gevaar")
    # No text of the message goes into the log: it may name people.
    return [logregel("acuut_gevaar", plan=tracker.get_slot("plan"),
                     knoop=tracker.get_slot("open_vraag"), **velden)]


class ActionAcuutGevaar(Action):
    def name(self) -> Text:
        return "action_acuut_gevaar"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        # Imported here because actions.start builds on this module.
        from actions.start import open_gesprek

        stand = huidige_stand(tracker)
        if stand is None:
            regel = meld_acuut_gevaar(dispatcher, tracker)
            return [*open_gesprek(dispatcher, tracker, regel),
                    SlotSet("acuut_gevaar", "ja"), SlotSet("fase", "vragen")]

        # No answer is taken from a danger message, also not a "ja" at its
        # start: "ja, hij staat nu met een mes voor de deur" most likely
        # confirms the danger, not consent or a legal duty. The open question
        # is asked again.
        logboek = logboek_uit(tracker) + meld_acuut_gevaar(dispatcher, tracker)
        events: List[EventType] = [SlotSet("logboek", logboek),
                                   SlotSet("acuut_gevaar", "ja")]
        if not stand.klaar:
            dispatcher.utter_message(response="utter_acuut_verder")
            stel_vraag(dispatcher, stand)
            return [*events, SlotSet("fase", "vragen")]
        # Past the outcome: the phase stays, so an unfinished weighing is
        # asked again (the rules run the form after this action).
        if tracker.get_slot("fase") == "afweging" and tracker.get_slot("vastleg_open"):
            dispatcher.utter_message(response="utter_acuut_verder")
            return [*events, SlotSet("fase", "afweging")]
        return [*events, SlotSet("fase", "klaar")]
