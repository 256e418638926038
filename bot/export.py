"""Export the record of a conversation from Rasa's tracker store by its id.

Uses Rasa's own tracker store and reads the full tracker, all sessions of the
conversation, so a consultation that spanned a session expiry is whole.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any, Dict, Optional, Tuple

from bot.settings import instellingen


async def _tracker(gesprek_id: str):
    from rasa.core.tracker_store import TrackerStore
    from rasa.core.utils import AvailableEndpoints
    from rasa.shared.core.domain import Domain

    from bot.runtime import schrijf_endpoints
    from bot.settings import PROJECT

    endpoints = AvailableEndpoints.read_endpoints(str(schrijf_endpoints(instellingen())))
    domein = Domain.load(str(PROJECT / "domain.yml"))
    store = TrackerStore.create(endpoints.tracker_store, domein)
    return await store.retrieve_full_tracker(gesprek_id)


def exporteer(gesprek_id: str) -> Tuple[Optional[Dict[str, Any]], str]:
    from bot.record import maak_vastlegging, naar_markdown
    from bot.rules import laad_regelset

    tracker = asyncio.run(_tracker(gesprek_id))
    if tracker is None or not tracker.get_slot("plan"):
        return None, ""
    laatste = tracker.events[-1].timestamp if tracker.events else None
    tijdstip = datetime.fromtimestamp(laatste or 0, timezone.utc).isoformat(
        timespec="seconds")
    document = maak_vastlegging(
        laad_regelset(),
        tracker.get_slot("plan"),
        [tuple(a) for a in tracker.get_slot("antwoorden") or []],
        tracker.get_slot("logboek") or [],
        tracker.get_slot("motivaties") or {},
        gesprek_id,
        tijdstip,
    )
    return document, naar_markdown(document)
