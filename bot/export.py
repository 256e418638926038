"""Export the record of a conversation from Rasa's tracker store by its id.

Uses Rasa's own tracker store and reads the full tracker, all sessions of the
conversation (``retrieve_full_tracker``): the SQL store's ``retrieve`` returns
only the latest session, so a consultation that spanned a session expiry would
lose the turns before it. The record itself is built from the state at the
end (the slots carry over into a new session, see domain.yml), so a turn that
appears in two sessions' events is still in the record once.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Tuple

from bot.settings import instellingen


def tracker_store():
    """The tracker store the Rasa server uses, from the same settings."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.core.utils import AvailableEndpoints
    from rasa.shared.core.domain import Domain

    from bot.runtime import schrijf_endpoints
    from bot.settings import PROJECT

    # A file of its own: var/endpoints.yml belongs to the running servers.
    pad = schrijf_endpoints(instellingen(), PROJECT / "var" / "endpoints-export.yml")
    endpoints = AvailableEndpoints.read_endpoints(str(pad))
    domein = Domain.load(str(PROJECT / "domain.yml"))
    return TrackerStore.create(endpoints.tracker_store, domein)


async def _tracker(gesprek_id: str, store: Any = None):
    store = store or tracker_store()
    return await store.retrieve_full_tracker(gesprek_id)


def vastlegging_uit_tracker(tracker: Any, gesprek_id: str) -> Optional[Dict[str, Any]]:
    """The record from a full Rasa tracker; None when no plan was walked."""
    from bot.record import maak_vastlegging
    from bot.record.vastlegging import rol_uit
    from bot.rules import laad_regelset

    if tracker is None or not tracker.get_slot("plan"):
        return None
    laatste = tracker.events[-1].timestamp if tracker.events else None
    tijdstip = datetime.fromtimestamp(laatste or 0, timezone.utc).isoformat(
        timespec="seconds")
    logboek = tracker.get_slot("logboek") or []
    events: List[Dict[str, Any]] = [e.as_dict() for e in tracker.events]
    return maak_vastlegging(
        laad_regelset(),
        tracker.get_slot("plan"),
        [tuple(a) for a in tracker.get_slot("antwoorden") or []],
        logboek,
        tracker.get_slot("motivaties") or {},
        gesprek_id,
        tijdstip,
        rol=rol_uit(logboek, events),
    )


async def vastlegging_van(gesprek_id: str, store: Any = None
                          ) -> Optional[Dict[str, Any]]:
    """The record of a conversation from the tracker store (all sessions), or
    None without a plan. ``store``: a Rasa tracker store, e.g. the running
    agent's; by default the one in the settings."""
    return vastlegging_uit_tracker(await _tracker(gesprek_id, store), gesprek_id)


def exporteer(gesprek_id: str, store: Any = None
              ) -> Tuple[Optional[Dict[str, Any]], str]:
    """(record, Markdown) of a conversation, or (None, "") without a plan."""
    from bot.record import naar_markdown

    document = asyncio.run(vastlegging_van(gesprek_id, store))
    if document is None:
        return None, ""
    return document, naar_markdown(document)


def wis(gesprek_id: str, store: Any = None) -> Tuple[Optional[int], List[str]]:
    """Delete a conversation: its events in the tracker store and its record
    files. Returns (events deleted or None when the store cannot, files)."""
    from bot.record.opslag import verwijder
    from bot.record.trackerstore import wis_uit_store

    aantal = asyncio.run(wis_uit_store(store or tracker_store(), gesprek_id))
    return aantal, [p.name for p in verwijder(gesprek_id)]
