"""Run a real action against the real engine, with a real rasa_sdk Tracker."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

SLOTS = ["plan", "antwoorden", "logboek", "open_vraag", "uitkomst", "vastleg_open",
         "motivaties", "motivatie_antwoord", "requested_slot"]


def tracker(
    tekst: str = "",
    intent: Optional[str] = None,
    entiteiten: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    afzender: str = "test-gesprek",
    active_loop: Optional[str] = None,
    events: Optional[List[Dict[str, Any]]] = None,
) -> Tracker:
    waarden = {naam: None for naam in SLOTS}
    waarden.update(slots or {})
    return Tracker(
        sender_id=afzender,
        slots=waarden,
        latest_message={
            "text": tekst,
            "intent": {"name": intent, "confidence": 1.0} if intent else {},
            "entities": entiteiten or [],
        },
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def voer_uit(actie, trk: Tracker) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """Run ``actie``; return (messages, events)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(actie.run(dispatcher, trk, {}))
    return dispatcher.messages, events


def slots_na(events: List[Dict[str, Any]], begin: Dict[str, Any]) -> Dict[str, Any]:
    """Slot values after applying the SlotSet events to ``begin``."""
    waarden = dict(begin)
    for event in events:
        if event.get("event") == "slot":
            waarden[event["name"]] = event["value"]
    return waarden
