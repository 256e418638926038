"""An unreachable tracker store (bot/opslag/onbereikbaar.py): what is said
about it, the bounded wait, and the Rasa internals the server guard wraps.
The whole server is in tests/e2e/test_database_storing.py."""

from __future__ import annotations

import asyncio
import re
import socket
import time

import pytest
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain

from bot.opslag import onbereikbaar
from bot.opslag.onbereikbaar import (
    OpslagOnbereikbaar,
    UitgesteldeUitvoer,
    beschrijving,
    wacht_op_database,
)
from bot.settings import PROJECT


def _dichte_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "url, verwacht",
    [
        pytest.param("postgresql://deelwijzer:geheim@db.intern:5433/deelwijzer",
                     "PostgreSQL-database 'deelwijzer' op db.intern:5433",
                     id="postgresql-with-password"),
        pytest.param("sqlite:////srv/deelwijzer/var/tracker.db",
                     "SQLite-bestand /srv/deelwijzer/var/tracker.db", id="sqlite"),
    ],
)
def test_the_store_is_named_without_user_or_password(url, verwacht):
    assert beschrijving(url) == verwacht


def test_waiting_for_a_database_that_is_down_ends_with_a_dutch_message():
    url = f"postgresql://deelwijzer:zeer-geheim@127.0.0.1:{_dichte_poort()}/deelwijzer"
    begin = time.monotonic()
    with pytest.raises(OpslagOnbereikbaar) as fout:
        wacht_op_database(url, 1)

    assert time.monotonic() - begin < 10
    assert str(fout.value).startswith(
        "De gespreksopslag (PostgreSQL-database 'deelwijzer' op 127.0.0.1:")
    assert "zeer-geheim" not in str(fout.value)


def test_a_reachable_database_is_not_waited_for(tmp_path):
    begin = time.monotonic()
    wacht_op_database(f"sqlite:///{tmp_path / 'tracker.db'}", 30)
    assert time.monotonic() - begin < 5


def test_the_guard_is_written_for_the_pinned_rasa():
    pin = re.search(r'"rasa==([^"]+)"', (PROJECT / "pyproject.toml").read_text())
    assert pin and pin.group(1) == onbereikbaar.RASA_VERSIE
    assert onbereikbaar.handtekening_klopt()


def test_the_notice_is_a_dutch_response_of_the_domain():
    domein = Domain.load(str(PROJECT / "domain.yml"))

    class Processor:
        domain = domein
        nlg = TemplatedNaturalLanguageGenerator(domein.responses)

    kanaal = CollectingOutputChannel()
    asyncio.run(onbereikbaar.meld(Processor(), "gesprek-1", kanaal))
    assert kanaal.messages[0]["text"].startswith(
        "Er is een storing: uw bericht kon niet worden opgeslagen.")


def test_held_back_replies_go_out_in_order_only_when_sent():
    kanaal = CollectingOutputChannel()
    uitgesteld = UitgesteldeUitvoer(kanaal)

    async def beurt() -> None:
        await uitgesteld.send_response("gesprek-1", {"text": "een"})
        await uitgesteld.send_response("gesprek-1", {"text": "twee"})
        assert kanaal.messages == []
        await uitgesteld.verstuur()

    asyncio.run(beurt())
    assert [b["text"] for b in kanaal.messages] == ["een", "twee"]
    assert uitgesteld.name() == kanaal.name()


def test_the_fail_safe_store_passes_an_unreachable_store_on_instead_of_memory(
        monkeypatch):
    from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker

    class Weg(InMemoryTrackerStore):
        async def retrieve(self, sender_id):
            raise OpslagOnbereikbaar("test")

        async def save(self, tracker):
            raise RuntimeError("kapot")

    # As installeer() does in the Rasa server, for this test only.
    for callback in ("on_tracker_store_error", "on_tracker_store_retrieve_error"):
        monkeypatch.setattr(FailSafeTrackerStore, callback, onbereikbaar.geen_geheugen)
    store = FailSafeTrackerStore(Weg(Domain.empty()))
    with pytest.raises(OpslagOnbereikbaar):
        asyncio.run(store.retrieve("gesprek-1"))
    with pytest.raises(OpslagOnbereikbaar):
        asyncio.run(store.save(DialogueStateTracker("gesprek-1", [])))
    assert store._fallback_tracker_store is None, "nothing went to memory"


def test_libpq_accepts_the_connection_bounds_and_still_refuses_fast():
    # An unknown option would be a ProgrammingError before any connecting;
    # a closed port must give the connection error the notice is built on.
    psycopg2 = pytest.importorskip("psycopg2")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    opties = onbereikbaar.verbindingsopties("postgresql://u@127.0.0.1/db")
    assert opties["tcp_user_timeout"] > 0
    begin = time.monotonic()
    with pytest.raises(psycopg2.OperationalError):
        psycopg2.connect(host="127.0.0.1", port=poort, user="u", dbname="db", **opties)
    assert time.monotonic() - begin < opties["connect_timeout"] + 5
