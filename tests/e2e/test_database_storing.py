"""The tracker store's PostgreSQL database away, with the real assistant.

At start-up: ``./deelwijzer start`` and the Rasa server stop within a bounded
time with a Dutch message that names the store and not its password.
During a consultation: the professional's next message gets a Dutch notice
(over REST and in the web chat), the log says why without their words, and
when the database is back the conversation goes on from the last saved turn,
every message stored once.

PostgreSQL runs on loopback in a temporary folder (tests/opslag/diensten.py);
it is installed from Debian when missing and the tests run as root (as in
CI), and the tests skip only where it is missing and cannot be installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, List

import pytest
import requests

from bot import runtime
from bot.opslag.onbereikbaar import OPSLAG_EXIT
from bot.settings import PROJECT, instellingen
from tests.e2e.conftest import Gesprek, teksten
from tests.e2e.test_schaal import ZORGPAD, assert_elk_bericht_eenmaal_met_antwoord
from tests.e2e.test_slechte_invoer_web import WebChat
from tests.opslag.diensten import Postgres, installeer, vrije_poort

pytestmark = pytest.mark.e2e

# Invented; it must end up in no log.
GEHEIM = "Wachtwoord-" + uuid.uuid4().hex[:8]
PERSOONSGEGEVENS = "Het gaat om Karel Testmans, 06-98765432, geboren 3 maart 1990."
MELDING = "uw bericht kon niet worden opgeslagen"
WACHTTIJD = 5  # seconds the assistant waits for the database at start-up


@pytest.fixture(scope="module")
def postgresql() -> None:
    installeer({"postgresql": "initdb"})


@pytest.fixture
def gestopte_database(postgresql, tmp_path) -> Iterator[str]:
    """The URL, with a password, of a PostgreSQL that ran and went down."""
    pg = Postgres().start()
    pg.onderbreek()
    try:
        yield f"postgresql://deelwijzer:{GEHEIM}@127.0.0.1:{pg.poort}/deelwijzer"
    finally:
        pg.stop()


def test_start_stops_with_a_dutch_message_when_the_database_is_down(
        gestopte_database):
    omgeving = {
        **_omgeving(), "DEELWIJZER_TRACKER_STORE": gestopte_database,
        "DEELWIJZER_DB_WACHTTIJD": str(WACHTTIJD),
        "DEELWIJZER_RASA_POORT": str(vrije_poort()),
        "DEELWIJZER_ACTIE_POORT": str(vrije_poort()),
    }
    # As ./deelwijzer start --zonder-chat runs it; the bound fails the test.
    uit = subprocess.run([sys.executable, "-m", "bot.cli", "start", "--zonder-chat"],
                         cwd=PROJECT, env=omgeving, capture_output=True, text=True,
                         timeout=WACHTTIJD + 60)

    assert uit.returncode == 1
    poort = gestopte_database.rsplit(":", 1)[1].split("/")[0]
    assert (f"De gespreksopslag (PostgreSQL-database 'deelwijzer' op "
            f"127.0.0.1:{poort}) is na {WACHTTIJD} s nog niet bereikbaar") in uit.stderr
    assert "DEELWIJZER_TRACKER_STORE" in uit.stderr
    assert GEHEIM not in uit.stdout + uit.stderr
    assert "Traceback" not in uit.stderr


def test_the_rasa_server_itself_stops_when_the_database_is_down(
        gestopte_database, tmp_path):
    # Rasa's own tracker store would retry for ever; Deelwijzer's stops.
    inst = replace(instellingen(), tracker_store_url=gestopte_database,
                   db_wachttijd=WACHTTIJD, rasa_poort=vrije_poort())
    log = tmp_path / "rasa.log"
    proces = runtime.start_rasa(inst, runtime.vast_model(inst) or runtime.train(inst),
                                log, endpoints=tmp_path / "endpoints.yml")
    try:
        assert proces.wait(timeout=WACHTTIJD + 120) == OPSLAG_EXIT
    finally:
        runtime.stop(proces)
    tekst = log.read_text(encoding="utf-8", errors="replace")
    assert "De gespreksopslag (PostgreSQL-database 'deelwijzer'" in tekst
    assert GEHEIM not in tekst


@dataclass
class Opstelling:
    url: str
    postgres: Postgres
    log: Path


@pytest.fixture(scope="module")
def op_postgresql(postgresql, tmp_path_factory) -> Iterator[Opstelling]:
    """The assistant as ./deelwijzer start runs it, on PostgreSQL."""
    map_ = tmp_path_factory.mktemp("database-storing")
    pg = Postgres().start()
    inst = replace(instellingen(), tracker_store_url=pg.url, rasa_poort=vrije_poort(),
                   actie_poort=vrije_poort(), verslag_map=map_ / "verslagen")
    mp = pytest.MonkeyPatch()
    mp.setenv("DEELWIJZER_VERSLAG_MAP", str(inst.verslag_map))
    mp.setenv("DEELWIJZER_PUBLIEKE_URL", inst.rasa_url)
    model = runtime.vast_model(inst) or runtime.train(inst)
    log = map_ / "rasa.log"
    processen: List[subprocess.Popen] = []
    try:
        processen.append(runtime.start_actieserver(inst, map_ / "acties.log"))
        processen.append(runtime.start_rasa(inst, model, log,
                                            endpoints=map_ / "endpoints.yml"))
        runtime.wacht_tot_bereikbaar(f"http://127.0.0.1:{inst.actie_poort}/health",
                                     processen[0], 120)
        runtime.wacht_tot_bereikbaar(f"{inst.rasa_url}/status", processen[1], 300)
        yield Opstelling(inst.rasa_url, pg, log)
    finally:
        runtime.stop(*processen)
        pg.stop()
        mp.undo()


def _tracker(url: str, gesprek_id: str) -> dict:
    antwoord = requests.get(f"{url}/conversations/{gesprek_id}/tracker",
                            params={"include_events": "ALL"}, timeout=60)
    antwoord.raise_for_status()
    return antwoord.json()


def test_a_database_outage_mid_consultation_gets_a_dutch_reply_and_loses_nothing(
        op_postgresql):
    url, pg = op_postgresql.url, op_postgresql.postgres
    # What the care plan says after these answers, without any outage.
    controle = Gesprek(url)
    for tekst in ZORGPAD[:4]:
        verwacht = teksten(controle.zeg(tekst))

    gesprek = Gesprek(url)
    for tekst in ZORGPAD[:3]:
        gesprek.zeg(tekst)
    web = WebChat(url)
    web.open()
    try:
        web.nieuw_gesprek()
        web.zeg("/begroeten")  # as the page does in a new conversation
        web.wacht_op_tekst()

        pg.onderbreek()
        try:
            for tekst in (PERSOONSGEGEVENS, ZORGPAD[3]):
                antwoord = gesprek.zeg(tekst)
                assert MELDING in teksten(antwoord).lower(), antwoord
                assert len(antwoord) == 1, "no reply of a turn that was not saved"
            eerder = web.zeg(ZORGPAD[3])
            assert MELDING in web.wacht_op_tekst("opgeslagen", vanaf=eerder).lower()
        finally:
            pg.hervat()

        # The conversation goes on from the last saved turn.
        assert teksten(gesprek.zeg(ZORGPAD[3])) == verwacht
        eerder = web.zeg("hallo")
        assert MELDING not in web.wacht_op_tekst(vanaf=eerder).lower()
    finally:
        web.sluit()

    # Every message that got an answer is stored once, each turn whole; the
    # ones the notice answered are not stored at all.
    tracker = _tracker(url, gesprek.id)
    assert_elk_bericht_eenmaal_met_antwoord(tracker, ZORGPAD[:4])
    assert tracker["latest_message"]["text"] == ZORGPAD[3]

    log = op_postgresql.log.read_text(encoding="utf-8", errors="replace")
    assert "gespreksopslag niet bereikbaar (PostgreSQL-database 'deelwijzer'" in log
    assert "bericht niet verwerkt" in log
    for woord in ("Testmans", "98765432", "1990"):
        assert woord not in log


def _omgeving() -> dict:
    # Only the settings this test gives (a .env stays as the user left it).
    return {k: v for k, v in os.environ.items() if not k.startswith("DEELWIJZER_")}
