"""The database of the tracker store, for the few tables Deelwijzer adds and
for retention. Same URL as Rasa's SQL tracker store (``DEELWIJZER_TRACKER_STORE``)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterator, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url

from bot.settings import PROJECT

# Rasa's SQLTrackerStore keeps every event in this table (rasa 3.6:
# rasa.core.tracker_store.SQLTrackerStore.SQLEvent); retention and case codes
# read it directly rather than loading Rasa and a domain into the action server.
EVENTS = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("sender_id", sa.String),
    sa.column("type_name", sa.String),
    sa.column("timestamp", sa.Float),
    sa.column("data", sa.Text),
)


def volledige_url(url_tekst: str) -> str:
    """A relative SQLite path is relative to the project, as in runtime."""
    url = make_url(url_tekst)
    if url.drivername.startswith("sqlite") and url.database:
        pad = Path(url.database)
        if not pad.is_absolute():
            pad = PROJECT / pad
            pad.parent.mkdir(parents=True, exist_ok=True)
            url = url.set(database=str(pad))
    return str(url)


@lru_cache(maxsize=4)
def engine(url_tekst: str) -> Engine:
    url = volledige_url(url_tekst)
    if url.startswith("sqlite"):
        # Rasa writes the same SQLite file from another process: wait for its
        # write lock instead of failing at once.
        return sa.create_engine(url, connect_args={"timeout": 30}, future=True)
    return sa.create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=2,
                            future=True)


def heeft_events_tabel(eng: Engine) -> bool:
    return sa.inspect(eng).has_table("events")


def slot_waarden(eng: Engine, gesprek_id: str) -> Optional[Dict[str, Any]]:
    """The slot values at the end of a conversation, by replaying its slot
    events; None when the conversation is unknown.

    ``restart`` and ``reset_slots`` clear every slot, as in Rasa; a new session
    keeps them (``carry_over_slots_to_new_session`` in domain.yml).
    """
    if not heeft_events_tabel(eng):
        return None
    query = (
        sa.select(EVENTS.c.type_name, EVENTS.c.data)
        .where(EVENTS.c.sender_id == gesprek_id)
        .where(EVENTS.c.type_name.in_(["slot", "restart", "reset_slots"]))
        .order_by(EVENTS.c.id)
    )
    with eng.connect() as verbinding:
        rijen = list(verbinding.execute(query))
        if not rijen:
            bestaat = verbinding.execute(
                sa.select(EVENTS.c.id).where(EVENTS.c.sender_id == gesprek_id).limit(1)
            ).first()
            return {} if bestaat else None
    slots: Dict[str, Any] = {}
    for soort, data in rijen:
        if soort == "slot":
            event = json.loads(data)
            slots[event["name"]] = event.get("value")
        else:
            slots.clear()
    return slots


def in_stukken(waarden: list, grootte: int = 500) -> Iterator[list]:
    """Keep IN (...) lists within what every database accepts."""
    for begin in range(0, len(waarden), grootte):
        yield waarden[begin:begin + grootte]
