"""Rasa's SQL tracker store, with two duties for the record added, and a
guard against a database that is away.

1. Masking: the text of every user message (and a slot filled from free text)
   is masked (``maskering.py``) before it is written, so no BSN, phone number,
   address or date typed by the professional lands in the database.
2. Deleting: when the user confirmed "wis dit gesprek" with the button (the
   wish itself only asks, ``action_vraag_wissen``), ``action_wis_gesprek`` ran
   in this turn; instead of saving, every stored event of that conversation is
   deleted. It has to happen here: an action that deleted the rows itself
   would see them written back when the Rasa server saves the turn.
3. An unreachable database: a bounded wait at start-up instead of Rasa's
   endless retries, and ``OpslagOnbereikbaar`` with one log line while
   running (``bot/opslag/onbereikbaar.py`` says what the server then does).

The endpoints file names this class as the tracker store (``bot/runtime.py``).

Not covered here: the Rasa server itself logs the user's text at DEBUG level
(``DEELWIJZER_LOG_NIVEAU=DEBUG``); at the default INFO it does not. Messages
the server holds in memory during a turn are unmasked until the turn is saved.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import logging
from typing import Any, Dict, Iterable, Iterator, List, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import (
    SQLTrackerStore,
    create_engine_kwargs,
    validate_port,
)
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import sessionmaker

from bot.opslag.onbereikbaar import (
    OpslagOnbereikbaar,
    beschrijving,
    is_verbindingsfout,
    reden,
    verbindingsopties,
    wacht_op_database,
)
from bot.record.maskering import maskeer_tekst, maskeer_velden
from bot.settings import instellingen

logger = logging.getLogger(__name__)

WIS_ACTIE = "action_wis_gesprek"
# Slots that Rasa fills with the user's own words (from_text mappings).
VRIJE_TEKST_SLOTS = frozenset({"motivatie_antwoord"})
# Identifiers in a parse result, never user text: left as they are.
PARSE_SLEUTELS = ("name", "entity", "extractor", "role", "group", "id",
                  "message_id", "model_id", "assistant_id")


def maskeer_event(data: Dict[str, Any]) -> Dict[str, Any]:
    """A serialised event with the user's own words masked."""
    soort = data.get("event")
    if soort == "user":
        data = dict(data)
        data["text"] = maskeer_tekst(data.get("text"))
        if isinstance(data.get("parse_data"), dict):
            # Every text in the parse result, not only "text": NLU components
            # may add the user's words under other keys (a normalised copy).
            # Entity offsets then no longer fit the masked text; nothing reads
            # them from the store.
            data["parse_data"] = maskeer_velden(data["parse_data"], PARSE_SLEUTELS)
    elif soort == "slot" and data.get("name") in VRIJE_TEKST_SLOTS:
        data = dict(data)
        data["value"] = maskeer_tekst(data.get("value"))
    return data


def vraagt_wissen(events: Iterable[Event]) -> bool:
    return any(isinstance(e, ActionExecuted) and e.action_name == WIS_ACTIE
               for e in events)


def schrijf_vooruit(engine: Any) -> None:
    """SQLite in write-ahead-log mode: a commit appends to the log and syncs
    it once, where the default rollback journal syncs the journal, the
    database and the folder. Still durable (synchronous stays FULL), and a
    reader (``deelwijzer export``) no longer waits for the server's writes.
    The mode is stored in the database file; PostgreSQL is left as it is."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as verbinding:
        verbinding.exec_driver_sql("PRAGMA journal_mode=WAL")


def database_url(args: tuple, kwargs: Dict[str, Any]) -> Any:
    """The URL Rasa's constructor would connect to, from its own arguments."""
    gebonden = inspect.signature(SQLTrackerStore.__init__).bind(None, *args, **kwargs)
    gebonden.apply_defaults()
    a = gebonden.arguments
    return SQLTrackerStore.get_db_url(a["dialect"], a["host"], validate_port(a["port"]),
                                      a["db"], a["username"], a["password"],
                                      a["login_db"], a["query"])


class DeelwijzerTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Rasa's constructor retries a database that is down for ever; wait a
        # bounded time first and stop with a message that names the store.
        url = database_url(args, kwargs)
        wacht_op_database(url, instellingen().db_wachttijd)
        super().__init__(*args, **kwargs)
        self.opslag = beschrijving(url)
        # The same engine, but a connection the database dropped (a restart)
        # is noticed before use instead of failing the next message.
        oud = self.engine
        opties = create_engine_kwargs(oud.url)
        opties["connect_args"] = {**opties.get("connect_args", {}),
                                  **verbindingsopties(oud.url)}
        self.engine = sa.create_engine(oud.url, pool_pre_ping=True, **opties)
        self.sessionmaker = sessionmaker(bind=self.engine)
        oud.dispose()
        schrijf_vooruit(self.engine)

    @contextlib.contextmanager
    def session_scope(self) -> Iterator[Any]:
        """Rasa's session scope; a lost database becomes ``OpslagOnbereikbaar``
        (the Rasa server answers it, bot/opslag/onbereikbaar.py). A commit
        that did not happen leaves the turn out whole: it is one transaction."""
        try:
            with super().session_scope() as session:
                yield session
        except sa.exc.DBAPIError as fout:
            if not is_verbindingsfout(fout):
                raise
            logger.error("gespreksopslag niet bereikbaar (%s): %s", self.opslag,
                         reden(fout, self.engine.url))
            raise OpslagOnbereikbaar(self.opslag) from None

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            events: List[Event] = list(self._additional_events(session, tracker))
            if vraagt_wissen(events):
                aantal = self._wis(session, tracker.sender_id)
                session.commit()
                logger.info("gesprek gewist: %d events verwijderd", aantal)
                return
            for event in events:
                data = maskeer_event(event.as_dict())
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {})
                        .get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
        # Shortcoming: an event broker, when one is configured, still receives
        # the events unmasked; Deelwijzer configures none.
        await self.stream_events(tracker)

    def _wis(self, session: Any, sender_id: Text) -> int:
        return (session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False))

    async def wis(self, sender_id: Text) -> int:
        """Delete every stored event of a conversation; the number deleted."""
        with self.session_scope() as session:
            aantal = self._wis(session, sender_id)
            session.commit()
        return aantal


async def wis_uit_store(store: Any, sender_id: Text) -> Optional[int]:
    """Delete a conversation from any tracker store that can; None when the
    store cannot (it is not Deelwijzer's)."""
    # Rasa wraps non-async stores; look through the wrapper.
    kern = getattr(store, "_tracker_store", store)
    if isinstance(kern, DeelwijzerTrackerStore):
        return await kern.wis(sender_id)
    if isinstance(kern, SQLTrackerStore):
        # Same table and query; the method needs nothing else of the class.
        return await DeelwijzerTrackerStore.wis(kern, sender_id)  # type: ignore
    return None
