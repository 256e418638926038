"""A tracker-store database that cannot be reached must never hang the server,
never look like an answer, and never lose a conversation silently.

What Rasa 3.6.21 does by itself:

* at start-up, ``SQLTrackerStore.__init__`` retries its first connection every
  five seconds for ever: a server pointed at a database that is down never
  starts and never says why;
* once running, the agent's ``FailSafeTrackerStore`` catches every error of
  the store, logs it and goes on with an empty conversation in memory: the
  professional is greeted as if new, what they answer then is lost, and when
  the database is back the stored conversation resumes as if nothing was said.

What Deelwijzer does instead:

* start-up waits at most ``DEELWIJZER_DB_WACHTTIJD`` seconds (default 30),
  then stops with a Dutch message that names the store, never its password
  (``wacht_op_database``; ``./deelwijzer start`` checks before it trains, the
  tracker store checks again in the Rasa server);
* while running, a lost connection becomes ``OpslagOnbereikbaar`` in the
  tracker store (``bot/record/trackerstore.py``), with one log line; the
  fail-safe store passes it on (any other error of the store too, as the same
  exception) instead of falling back to memory (``geen_geheugen``);
* the Rasa server's processor (``installeer``, called from ``bot/storing.py``)
  answers it with the Dutch response ``utter_opslag_storing``. What the failed
  turn would have said is dropped: it was not saved, so nothing was decided.
  Replies of channels that send at once (the web chat) are held back until
  the turn is saved. The turn is one transaction: the database holds all of
  it or none, and the next message continues from the last saved turn.

Shortcomings: the wrapped ``MessageProcessor.handle_message`` and
``FailSafeTrackerStore``'s error callbacks belong to Rasa 3.6.21 (pinned in
pyproject.toml; ``installeer`` warns on another version and
tests/opslag/test_onbereikbaar.py checks both). Rasa queries the database
synchronously, so a database that hangs instead of refusing blocks the whole
server until the driver gives up (PostgreSQL: ``connect_timeout`` bounds
connecting, ``tcp_user_timeout`` and keepalives a server that vanished behind
an open connection, about 15 s; not tested with a real network partition).
A server that accepts a query and never answers it is not bounded. Side effects of actions in the failed turn (a case code, a
record file) stay. Rasa's HTTP API and the web chat's history and download
answer 500 while the database is away.
"""

from __future__ import annotations

import inspect
import logging
import time
from typing import Any, Dict, List, Optional, Tuple, Union

import sqlalchemy as sa
from sqlalchemy.engine.url import URL, make_url
from sqlalchemy.pool import NullPool

logger = logging.getLogger(__name__)

RASA_VERSIE = "3.6.21"
OPSLAG_RESPONSE = "utter_opslag_storing"
# Exit status of a Rasa server that stopped because the store is away.
OPSLAG_EXIT = 3
# Seconds one connection attempt to PostgreSQL may take (a host that drops
# packets instead of refusing would otherwise take minutes).
VERBINDINGS_TIMEOUT = 5
HANG_TIMEOUT_MS = 15_000
POGING_PAUZE = 2.0

_origineel: Optional[Any] = None


class OpslagOnbereikbaar(RuntimeError):
    """The tracker store's database cannot be reached. The message is Dutch,
    names the store and holds no password."""


def beschrijving(url: Union[str, URL]) -> str:
    """The store in words, without user name or password."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        return f"SQLite-bestand {url.database}"
    soort = {"postgresql": "PostgreSQL", "mysql": "MySQL"}.get(
        url.get_backend_name(), url.get_backend_name())
    plek = f"{url.host}:{url.port}" if url.port else f"{url.host}"
    return f"{soort}-database '{url.database}' op {plek}"


def reden(fout: BaseException, url: Union[str, URL]) -> str:
    """The driver's own first line (it names host and port, not the
    password; a password is blanked all the same)."""
    bron = getattr(fout, "orig", None) or fout
    regels = str(bron).strip().splitlines()
    tekst = regels[0].strip() if regels else type(bron).__name__
    wachtwoord = make_url(url).password
    return tekst.replace(wachtwoord, "***") if wachtwoord else tekst


def is_verbindingsfout(fout: BaseException) -> bool:
    """Errors of the connection, not of a query: the database is away."""
    return isinstance(fout, (sa.exc.OperationalError, sa.exc.InterfaceError)) or (
        isinstance(fout, sa.exc.DBAPIError) and fout.connection_invalidated)


def verbindingsopties(url: Union[str, URL]) -> Dict[str, Any]:
    """Extra ``connect_args`` that bound one connection attempt."""
    if make_url(url).get_backend_name() == "postgresql":
        return {
            "connect_timeout": VERBINDINGS_TIMEOUT,
            # A server that vanishes behind an open connection (no refusal,
            # no reset): libpq gives up when sent data stays unacknowledged
            # for this long, or when an idle connection stops answering
            # keepalives, so the query fails and the user gets the notice.
            "tcp_user_timeout": HANG_TIMEOUT_MS,
            "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
            "keepalives_count": 3,
        }
    return {}


def wacht_op_database(url: Union[str, URL], seconden: float) -> None:
    """Return once the database accepts a connection; after ``seconden``
    raise ``OpslagOnbereikbaar`` with a Dutch message."""
    engine = sa.create_engine(url, poolclass=NullPool,
                              connect_args=verbindingsopties(url))
    einde = time.monotonic() + seconden
    try:
        while True:
            try:
                with engine.connect():
                    return
            except sa.exc.DBAPIError as fout:
                if time.monotonic() >= einde:
                    raise OpslagOnbereikbaar(
                        f"De gespreksopslag ({beschrijving(url)}) is na "
                        f"{seconden:.0f} s nog niet bereikbaar: {reden(fout, url)}. "
                        "Start de database, of zet DEELWIJZER_TRACKER_STORE goed "
                        "(.env).") from None
                logger.warning("gespreksopslag (%s) nog niet bereikbaar; "
                               "nieuwe poging", beschrijving(url))
                time.sleep(min(POGING_PAUZE, max(0.0, einde - time.monotonic())))
    finally:
        engine.dispose()


# -- in the Rasa server ----------------------------------------------------


class UitgesteldeUitvoer:
    """An output channel that holds the turn's replies until the turn is
    saved. Everything but ``send_response`` is the real channel's own."""

    def __init__(self, kanaal: Any) -> None:
        self._kanaal = kanaal
        self._wachtrij: List[Tuple[str, Dict[str, Any]]] = []

    def __getattr__(self, naam: str) -> Any:
        return getattr(self._kanaal, naam)

    def name(self) -> str:
        return self._kanaal.name()

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        self._wachtrij.append((recipient_id, message))

    async def verstuur(self) -> None:
        wachtrij, self._wachtrij = self._wachtrij, []
        for ontvanger, bericht in wachtrij:
            await self._kanaal.send_response(ontvanger, bericht)


def _verzamelt(kanaal: Any) -> bool:
    """Channels that hand the replies over only after the turn (REST, Teams)."""
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.channels.rest import QueueOutputChannel

    return isinstance(kanaal, CollectingOutputChannel) and not isinstance(
        kanaal, QueueOutputChannel)


async def meld(processor: Any, sender_id: str, kanaal: Any) -> None:
    """Send the Dutch notice on the channel the message came from."""
    from rasa.shared.core.trackers import DialogueStateTracker

    # The conversation's own tracker cannot be read: the response has no slots.
    leeg = DialogueStateTracker(sender_id, processor.domain.slots)
    bericht = await processor.nlg.generate(OPSLAG_RESPONSE, leeg, kanaal.name())
    if bericht:
        await kanaal.send_response(sender_id, bericht)


async def _handle_message_bewaakt(self: Any, message: Any) -> Any:
    assert _origineel is not None
    kanaal = message.output_channel
    verzamelt = kanaal is None or _verzamelt(kanaal)
    uitgesteld = None if verzamelt else UitgesteldeUitvoer(kanaal)
    if uitgesteld is not None:
        message.output_channel = uitgesteld
    try:
        resultaat = await _origineel(self, message)
    except OpslagOnbereikbaar:
        logger.error("bericht niet verwerkt: de gespreksopslag is niet bereikbaar; "
                     "de gebruiker krijgt de melding, er is niets opgeslagen")
        if kanaal is None:
            return None
        if verzamelt:
            # Replies of the unsaved turn would speak of answers never stored.
            kanaal.messages.clear()
        await meld(self, message.sender_id, kanaal)
        return kanaal.messages if verzamelt else None
    finally:
        message.output_channel = kanaal
    if uitgesteld is not None:
        await uitgesteld.verstuur()
    return resultaat


def geen_geheugen(self: Any, fout: Exception) -> None:
    """The fail-safe store's error callback: raise instead of going on with
    a conversation in memory that would be lost."""
    if isinstance(fout, OpslagOnbereikbaar):
        raise fout
    # Not a lost connection, but the turn is not stored all the same. Only the
    # type: the error's text may quote what was being written.
    logger.error("gespreksopslag gaf een fout (%s); het bericht is niet opgeslagen",
                 type(fout).__name__)
    raise OpslagOnbereikbaar(type(fout).__name__) from fout


def installeer() -> None:
    """Wrap Rasa's processor and fail-safe tracker store once (idempotent)."""
    global _origineel
    import rasa
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import FailSafeTrackerStore

    if rasa.__version__ != RASA_VERSIE:
        logger.warning("Rasa %s, niet %s: controleer bot/opslag/onbereikbaar.py",
                       rasa.__version__, RASA_VERSIE)
    if _origineel is None:
        _origineel = MessageProcessor.handle_message
        MessageProcessor.handle_message = _handle_message_bewaakt  # type: ignore
        FailSafeTrackerStore.on_tracker_store_error = geen_geheugen  # type: ignore
        FailSafeTrackerStore.on_tracker_store_retrieve_error = (  # type: ignore
            geen_geheugen)


def handtekening_klopt() -> bool:
    """Rasa's ``handle_message`` still takes one message, and the fail-safe
    store still reports every error through the two callbacks replaced here."""
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import FailSafeTrackerStore

    methode = _origineel or MessageProcessor.handle_message
    bron = inspect.getsource(FailSafeTrackerStore)
    return (list(inspect.signature(methode).parameters) == ["self", "message"]
            and bron.count("self.on_tracker_store_error(e)") == 2
            and bron.count("self.on_tracker_store_retrieve_error(e)") == 2)
