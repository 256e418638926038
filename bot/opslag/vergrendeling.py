"""Rasa's Redis ticket lock, made safe for several Rasa servers.

Rasa's ``RedisLockStore`` reads a conversation's ticket lock, changes it in
Python and writes it back. Inside one server that is atomic (no ``await`` in
between), but two servers that take a ticket for the same conversation at the
same moment can both read "no lock", both write ticket 0 and both process
their message at once; the SQL tracker store then silently drops the events of
one of them. Here every read-modify-write of a lock runs under a short Redis
mutex per conversation, so tickets are unique across servers.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Optional, Text

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# The mutex guards a few Redis round trips on loopback (well under a
# millisecond); these bounds only matter when a server dies holding it.
MUTEX_LEVENSDUUR_S = 5
MUTEX_WACHTTIJD_S = 10


class AtomischeRedisLockStore(RedisLockStore):
    """``lock_store: {type: bot.opslag.vergrendeling.AtomischeRedisLockStore,
    url: host, port: ..., db: ..., password: ..., key_prefix: ...}``"""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 **kwargs: object) -> None:
        if endpoint_config is not None:
            kwargs = {**endpoint_config.kwargs, **kwargs}
            kwargs.setdefault("host", endpoint_config.url or "localhost")
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.mutex_prefix = self.key_prefix.replace("lock:", "mutex:")

    # Shortcoming: redis-py's lock blocks (time.sleep), and Rasa calls the lock
    # store from its event loop. Held for well under a millisecond this never
    # shows, but a Redis that hangs stalls the server up to the socket timeout,
    # as Rasa's own lock store does.
    @contextmanager
    def _kritiek(self, conversation_id: Text) -> Iterator[None]:
        with self.red.lock(self.mutex_prefix + conversation_id,
                           timeout=MUTEX_LEVENSDUUR_S,
                           blocking_timeout=MUTEX_WACHTTIJD_S):
            yield

    def issue_ticket(self, conversation_id: Text,
                     lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._kritiek(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: Text) -> None:
        with self._kritiek(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # Finishing a ticket and deleting an unused lock must be one step:
        # otherwise a ticket issued in between by another server is deleted
        # with the lock and its message fails with a LockError.
        with self._kritiek(conversation_id):
            super().cleanup(conversation_id, ticket_number)
