"""What the actions share: the rule set, the consultation state in slots, and
turning an engine result into messages.

The consultation state is two slots: ``antwoorden`` (the ordered answers the
engine walks) and ``logboek`` (every question, answer, correction and notice
in order, for the record). Everything else is recomputed by the engine.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import yaml

from bot.rules import OngeldigAntwoord, Regelset, Stand, laad_regelset, loop
from bot.rules.loader import DATA_DIR
from bot.rules.model import UITKOMST_SOORTEN, Knoop

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def regelset() -> Regelset:
    """Loaded once per action server; a broken data file stops the server at
    start-up (see ``actions/__init__.py``), never in a conversation."""
    return laad_regelset()


def nu() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def antwoorden_uit(tracker: Tracker) -> List[Tuple[str, str]]:
    return [tuple(a) for a in (tracker.get_slot("antwoorden") or [])]


def logboek_uit(tracker: Tracker) -> List[Dict[str, Any]]:
    return list(tracker.get_slot("logboek") or [])


def huidige_stand(tracker: Tracker) -> Optional[Stand]:
    """The walk so far, or None when no plan has started."""
    plan_id = tracker.get_slot("plan")
    if not plan_id or plan_id not in regelset().plannen:
        return None
    try:
        return loop(regelset().plan(plan_id), antwoorden_uit(tracker))
    except OngeldigAntwoord:
        # Answers stored under an older rule set may no longer fit; the safe
        # course is to say so and start the plan again, never to guess.
        logger.warning("opgeslagen antwoorden passen niet bij plan %s", plan_id)
        return None


def knoppen(knoop: Knoop) -> List[Dict[str, str]]:
    """Buttons for a question: its options, then 'weet ik niet'."""
    lijst = []
    for optie in knoop.opties:
        if optie.waarde == "ja":
            payload = "/bevestigen"
        elif optie.waarde == "nee":
            payload = "/ontkennen"
        else:
            payload = f'/kies{{"optie":"{optie.waarde}"}}'
        lijst.append({"title": optie.label, "payload": payload})
    lijst.append({"title": "Weet ik niet", "payload": "/weet_niet"})
    return lijst


def stel_vraag(dispatcher: CollectingDispatcher, stand: Stand) -> None:
    """Ask the open question with the progress line and its answers."""
    dispatcher.utter_message(
        response="utter_vraag",
        voortgang=stand.voortgang(),
        vraag=stand.knoop.tekst,
        buttons=knoppen(stand.knoop),
        json_message=None,
    )


@lru_cache(maxsize=1)
def _ontvanger_namen() -> Dict[str, str]:
    with (DATA_DIR / "ontvangers.yml").open(encoding="utf-8") as bestand:
        return dict(yaml.safe_load(bestand)["ontvangers"])


def ontvanger_naam(waarde: str) -> str:
    """A recipient as named in a sentence: "de politie", "Veilig Thuis"."""
    return _ontvanger_namen().get(waarde.lower(), f"de {waarde}")


def meld_uitkomst(
    dispatcher: CollectingDispatcher, stand: Stand, ontvanger: Optional[str] = None
) -> None:
    """Say the outcome, its articles with links, and what must be recorded.
    With a recipient the professional named, the outcome says it is for
    sharing with that recipient; the outcome itself is the engine's."""
    regels = regelset()
    uitkomst = stand.knoop
    artikelen = [regels.wetgeving[s] for s in stand.citaten()]
    datum = datetime.now(timezone.utc).date().isoformat()
    regels_tekst = "\n".join(
        f"- {a.aanduiding()}: {a.titel}" + (f" ({a.link(datum)})" if a.link() else "")
        for a in artikelen
    )
    dispatcher.utter_message(
        response="utter_uitkomst_ontvanger" if ontvanger else "utter_uitkomst",
        soort=UITKOMST_SOORTEN[uitkomst.uitkomst],
        uitkomst=uitkomst.tekst,
        artikelen=regels_tekst,
        **({"ontvanger": ontvanger_naam(ontvanger)} if ontvanger else {}),
    )
    dispatcher.utter_message(
        json_message={
            "deelwijzer": {
                "uitkomst": uitkomst.uitkomst,
                "knoop": uitkomst.id,
                "citaten": [
                    {"sleutel": a.sleutel, "aanduiding": a.aanduiding(),
                     "link": a.link(datum)}
                    for a in artikelen
                ],
            }
        }
    )


def logregel(soort: str, **velden: Any) -> Dict[str, Any]:
    return {"soort": soort, "tijd": nu(), **velden}


def zet_stand(
    antwoorden: List[Tuple[str, str]], logboek: List[Dict[str, Any]], stand: Stand
) -> List[SlotSet]:
    return [
        SlotSet("antwoorden", [list(a) for a in antwoorden]),
        SlotSet("logboek", logboek),
        SlotSet("open_vraag", None if stand.klaar else stand.knoop.id),
        SlotSet("uitkomst", stand.knoop.id if stand.klaar else None),
    ]
