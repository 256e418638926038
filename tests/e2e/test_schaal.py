"""Two Rasa servers and two action servers behind nginx, sharing PostgreSQL
(tracker store) and Redis (lock store), all on loopback: conversations whose
messages alternate between the servers, a server killed in the middle, and
concurrent messages in one conversation.

Installs PostgreSQL, Redis and nginx from Debian when missing (CI runs as
root on a fresh machine) and stops every process it starts, also on failure.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Dict, Iterator, List, Set

import pytest
import requests

from bot import runtime
from bot.settings import instellingen
from tests.opslag.diensten import (
    Nginx,
    Postgres,
    Redis,
    installeer,
    vrije_poort,
)

pytestmark = pytest.mark.e2e

# The care plan's conflict-of-duties path (tests/e2e/test_rest_zorg.py),
# chosen with its button so that routing changes do not matter here.
ZORGPAD = ['/kies_plan{"plan":"zorg"}', "nee", '/kies{"optie":"overig"}',
           "nee hoor", "nee", "nee", "ja", "klopt", "vragen is niet veilig",
           "ja", "ja", "ja", "ja", "ja", "ja"]
MOTIVATIES = ["Voorkomen dat de ex wordt aangevallen.",
              "Dat hij een mes heeft en dreigt; alleen dat.",
              "De dreiging is concreet en ernstig.",
              "Een gesprek met de cliënt maakt het gevaarlijker.",
              "Vragen zou de ex in gevaar brengen."]
BERICHTEN = [*ZORGPAD, *MOTIVATIES, "geef me het verslag"]


@dataclass
class Opstelling:
    url: str
    # address -> the Rasa server's process
    rasa: Dict[str, subprocess.Popen] = field(default_factory=dict)


@pytest.fixture(scope="module")
def opstelling(tmp_path_factory) -> Iterator[Opstelling]:
    installeer({"postgresql": "initdb", "redis-server": "redis-server",
                "nginx": "nginx"})
    map_ = tmp_path_factory.mktemp("schaal")
    logs = map_ / "log"
    logs.mkdir()
    postgres, redis = Postgres(), Redis()
    processen: List = []
    nginx = None
    try:
        postgres.start()
        redis.start()
        basis = replace(instellingen(), tracker_store_url=postgres.url,
                        lock_store_url=redis.url, verslag_map=map_ / "verslagen")
        model = runtime.train(basis)
        actie_poorten = [vrije_poort(), vrije_poort()]
        rasa_poorten = [vrije_poort(), vrije_poort()]
        acties = [runtime.start_actieserver(replace(basis, actie_poort=p),
                                            logs / f"acties-{p}.log")
                  for p in actie_poorten]
        processen += acties
        nginx = Nginx(rasa_poorten, actie_poorten).start()
        rasa = {}
        for poort in rasa_poorten:
            # Every Rasa server calls the actions through nginx.
            inst = replace(basis, rasa_poort=poort, actie_poort=nginx.acties_poort)
            rasa[f"127.0.0.1:{poort}"] = runtime.start_rasa(
                inst, model, logs / f"rasa-{poort}.log",
                endpoints=map_ / f"endpoints-{poort}.yml")
            processen.append(rasa[f"127.0.0.1:{poort}"])
        for poort, proces in zip(actie_poorten, acties):
            runtime.wacht_tot_bereikbaar(f"http://127.0.0.1:{poort}/health",
                                         proces, 120)
        for adres, proces in rasa.items():
            runtime.wacht_tot_bereikbaar(f"http://{adres}/status", proces, 400)
        yield Opstelling(f"http://127.0.0.1:{nginx.rasa_poort}", rasa)
    finally:
        runtime.stop(*processen)
        if nginx:
            nginx.stop()
        redis.stop()
        postgres.stop()


class Gesprek:
    def __init__(self, url: str) -> None:
        self.url = url
        self.id = f"schaal-{uuid.uuid4().hex[:10]}"
        self.servers: List[str] = []
        self.antwoorden: List[List[dict]] = []

    def zeg(self, tekst: str) -> List[dict]:
        antwoord = requests.post(f"{self.url}/webhooks/rest/webhook",
                                 json={"sender": self.id, "message": tekst},
                                 timeout=300)
        antwoord.raise_for_status()
        self.servers.append(antwoord.headers.get("X-Upstream", ""))
        self.antwoorden.append(antwoord.json())
        return self.antwoorden[-1]

    def tracker(self) -> dict:
        antwoord = requests.get(f"{self.url}/conversations/{self.id}/tracker",
                                params={"include_events": "ALL"}, timeout=60)
        antwoord.raise_for_status()
        return antwoord.json()


def beurten(tracker: dict) -> List[List[dict]]:
    """The events per user message: [user, what followed, ...]."""
    uit: List[List[dict]] = []
    for event in tracker["events"]:
        if event["event"] == "user":
            uit.append([event])
        elif uit:
            uit[-1].append(event)
    return uit


def assert_elk_bericht_eenmaal_met_antwoord(tracker: dict, verstuurd: List[str]):
    per_beurt = beurten(tracker)
    teksten = [b[0]["text"] for b in per_beurt]
    assert Counter(teksten) == Counter(verstuurd), "verloren of dubbel"
    for beurt in per_beurt:
        soorten = [e["event"] for e in beurt]
        # Each message is answered before the next one is taken up.
        assert "bot" in soorten, beurt[0]["text"]
        assert soorten[-1] == "action" and beurt[-1]["name"] == "action_listen"
        assert soorten.count("user") == 1
    tijden = [e["timestamp"] for e in tracker["events"]]
    assert tijden == sorted(tijden)


def test_concurrent_messages_in_one_conversation_are_handled_one_by_one(
        opstelling):
    gesprek = Gesprek(opstelling.url)
    gesprek.zeg("/begroeten")
    aantal = 8
    verstuurd = [f'/bedanken{{"optie":"bericht-{n}"}}' for n in range(aantal)]
    start = threading.Barrier(aantal)
    fouten: List[BaseException] = []
    servers: Set[str] = set()

    def stuur(tekst: str) -> None:
        try:
            start.wait(timeout=60)
            antwoord = requests.post(f"{opstelling.url}/webhooks/rest/webhook",
                                     json={"sender": gesprek.id, "message": tekst},
                                     timeout=300)
            antwoord.raise_for_status()
            assert "Graag gedaan" in str(antwoord.json())
            servers.add(antwoord.headers.get("X-Upstream", ""))
        except BaseException as fout:  # reported below, in the test's thread
            fouten.append(fout)

    draden = [threading.Thread(target=stuur, args=(t,)) for t in verstuurd]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=400)
    assert not any(d.is_alive() for d in draden)
    assert not fouten, fouten
    assert servers == set(opstelling.rasa), "beide Rasa-servers deden mee"
    assert_elk_bericht_eenmaal_met_antwoord(gesprek.tracker(),
                                            ["/begroeten", *verstuurd])


def test_conversations_alternate_between_servers_and_survive_a_killed_one(
        opstelling):
    # Three conversations taking turns through round robin over two servers:
    # each conversation's messages alternate between the servers.
    gesprekken = [Gesprek(opstelling.url) for _ in range(3)]
    halverwege = 6
    for tekst in BERICHTEN[:halverwege]:
        for gesprek in gesprekken:
            gesprek.zeg(tekst)
    for gesprek in gesprekken:
        assert set(gesprek.servers) == set(opstelling.rasa), gesprek.servers

    # One Rasa server dies between two messages, without a chance to clean up.
    # (A server that dies while handling a message loses that message: the
    # client gets 502 and must send it again; its ticket in the lock store
    # expires after TICKET_LOCK_LIFETIME. Not tested here.)
    adres, proces = next(iter(opstelling.rasa.items()))
    proces.send_signal(signal.SIGKILL)
    proces.wait(timeout=30)
    for tekst in BERICHTEN[halverwege:]:
        for gesprek in gesprekken:
            gesprek.zeg(tekst)

    for gesprek in gesprekken:
        assert adres not in gesprek.servers[halverwege:]
        uitkomst = [b["custom"]["deelwijzer"] for antwoord in gesprek.antwoorden
                    for b in antwoord if "deelwijzer" in (b.get("custom") or {})]
        assert [u["uitkomst"] for u in uitkomst] == ["mag_delen"]
        verslag = next(b["custom"]["deelwijzer_verslag"]["json"]
                       for b in gesprek.antwoorden[-1]
                       if "deelwijzer_verslag" in (b.get("custom") or {}))
        assert verslag["uitkomst"]["soort"] == "mag_delen"
        assert {p["antwoord"] for p in verslag["eigen_afweging"]} == set(MOTIVATIES)
        assert_elk_bericht_eenmaal_met_antwoord(gesprek.tracker(), BERICHTEN)
