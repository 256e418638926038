"""The lock store for several Rasa servers: configured from the settings,
and tickets unique when two servers ask at the same moment."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
import yaml
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import read_endpoint_config

from bot.opslag.vergrendeling import AtomischeRedisLockStore
from bot.runtime import lock_store, schrijf_endpoints
from bot.settings import instellingen
from tests.opslag.diensten import Redis, installeer


def test_the_lock_store_comes_from_the_settings(tmp_path):
    assert lock_store("") is None
    with pytest.raises(ValueError):
        lock_store("postgresql://db")
    inst = replace(instellingen(), lock_store_url="redis://:geheim@127.0.0.1:6390/2")
    pad = schrijf_endpoints(inst, tmp_path / "endpoints.yml")
    sectie = yaml.safe_load(pad.read_text())["lock_store"]
    assert sectie == {"type": "bot.opslag.vergrendeling.AtomischeRedisLockStore",
                      "url": "127.0.0.1", "port": 6390, "db": 2,
                      "password": "geheim", "key_prefix": "deelwijzer"}
    store = LockStore.create(read_endpoint_config(str(pad), "lock_store"))
    assert isinstance(store, AtomischeRedisLockStore)
    assert store.red.connection_pool.connection_kwargs["port"] == 6390
    # Without a URL, endpoints.yml has no lock store: Rasa keeps it in memory.
    pad = schrijf_endpoints(instellingen(), tmp_path / "zonder.yml")
    assert "lock_store" not in yaml.safe_load(pad.read_text())


@pytest.fixture(scope="module")
def redis_url():
    installeer({"redis-server": "redis-server"})
    redis = Redis()
    try:
        yield redis.start().url
    finally:
        redis.stop()


def test_two_servers_never_get_the_same_ticket(redis_url, tmp_path):
    inst = replace(instellingen(), lock_store_url=redis_url)
    pad = schrijf_endpoints(inst, tmp_path / "endpoints.yml")
    # Two stores with their own connections, as two Rasa servers have.
    servers = [LockStore.create(read_endpoint_config(str(pad), "lock_store"))
               for _ in range(2)]
    tickets: list = []
    start = threading.Barrier(8)

    def neem(store: AtomischeRedisLockStore) -> None:
        start.wait(timeout=30)
        for _ in range(25):
            tickets.append(store.issue_ticket("gesprek-1"))

    draden = [threading.Thread(target=neem, args=(servers[n % 2],))
              for n in range(8)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=120)
    assert len(tickets) == 200
    assert len(set(tickets)) == 200
    lock = servers[0].get_lock("gesprek-1")
    assert len(lock.tickets) == 200
