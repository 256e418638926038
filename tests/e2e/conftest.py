"""Start the real assistant on loopback, as ``./deelwijzer start`` does:
trained model, action server, Rasa server, SQLite tracker store."""

from __future__ import annotations

import socket
import uuid
from dataclasses import replace
from typing import Iterator, List

import pytest
import requests

from bot import runtime
from bot.settings import instellingen
from bot.web import sleutel
from tests.channels import nabootsing


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def botframework_poort() -> int:
    """Port of the Bot Framework stand-in the Teams tests start
    (tests/channels/nabootsing.py); the Rasa server is pointed at it."""
    return vrije_poort()


@pytest.fixture(scope="session")
def assistent(tmp_path_factory, botframework_poort) -> Iterator[str]:
    map_ = tmp_path_factory.mktemp("assistent")
    inst = replace(
        instellingen(),
        rasa_host="127.0.0.1",
        rasa_poort=vrije_poort(),
        actie_poort=vrije_poort(),
        tracker_store_url=f"sqlite:///{map_ / 'tracker.db'}",
        verslag_map=map_ / "verslagen",
    )
    mp = pytest.MonkeyPatch()
    # The action server is a separate process: it reads its settings from the
    # environment.
    mp.setenv("DEELWIJZER_VERSLAG_MAP", str(inst.verslag_map))
    # The channels (bot/channels) run in the Rasa server and read theirs too:
    # links point at this server, keys use a secret of this run (the tests
    # compute keys with it), Teams talks to the local stand-in.
    mp.setenv("DEELWIJZER_PUBLIEKE_URL", inst.rasa_url)
    mp.setenv("DEELWIJZER_WEB_GEHEIM", uuid.uuid4().hex + uuid.uuid4().hex)
    for naam, waarde in nabootsing.omgeving(botframework_poort).items():
        mp.setenv(naam, waarde)
    sleutel.geheim.cache_clear()
    processen = runtime.start_alles(inst)
    # For tests that stop and restart the action server (``actieserver``).
    _LOPEND.update(inst=inst, processen=processen)
    try:
        yield inst.rasa_url
    finally:
        runtime.stop(*processen)
        mp.undo()
        sleutel.geheim.cache_clear()


# The running assistant: its settings and [Rasa server, action server].
_LOPEND: dict = {}


class Actieserver:
    """Stop and start the running assistant's action server: an outage."""

    def stop(self) -> None:
        runtime.stop(_LOPEND["processen"][1])
        # The port must really be closed, or the test would test nothing.
        url = f"http://127.0.0.1:{_LOPEND['inst'].actie_poort}/health"
        try:
            requests.get(url, timeout=5)
        except requests.ConnectionError:
            return
        raise AssertionError(f"er antwoordt nog een actieserver op {url}")

    def start(self) -> None:
        if _LOPEND["processen"][1].poll() is None:
            return
        inst = _LOPEND["inst"]
        log = runtime.PROJECT / "var" / "log" / "actieserver.log"
        proces = runtime.start_actieserver(inst, log)
        _LOPEND["processen"][1] = proces
        runtime.wacht_tot_bereikbaar(
            f"http://127.0.0.1:{inst.actie_poort}/health", proces, 120)


@pytest.fixture
def actieserver(assistent) -> Iterator[Actieserver]:
    """The action server of the running assistant; always running again
    after the test, for the tests that follow."""
    bediening = Actieserver()
    try:
        yield bediening
    finally:
        bediening.start()


class Gesprek:
    """One conversation over the REST channel."""

    def __init__(self, rasa_url: str) -> None:
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.id = f"e2e-{uuid.uuid4().hex[:10]}"

    def zeg(self, tekst: str) -> List[dict]:
        antwoord = requests.post(self.url, json={"sender": self.id, "message": tekst},
                                 timeout=120)
        antwoord.raise_for_status()
        return antwoord.json()


def teksten(berichten: List[dict]) -> str:
    return "\n".join(b.get("text", "") for b in berichten)


def custom(berichten: List[dict], sleutel: str) -> dict:
    for bericht in berichten:
        if sleutel in (bericht.get("custom") or {}):
            return bericht["custom"][sleutel]
    raise AssertionError(f"geen {sleutel} in {berichten}")


@pytest.fixture
def gesprek(assistent) -> Gesprek:
    return Gesprek(assistent)
