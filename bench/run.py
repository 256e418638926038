"""Deelwijzer's benchmark: reply latency, throughput, memory, load and
training time, against a bare Rasa server measured in the same run.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python bench/run.py [--geen-training] [--profiel]

Starts the assistant as ``./deelwijzer start`` does (``bot.runtime``), on free
loopback ports with its own SQLite tracker store, and walks the care plan's
conflict-of-duties path (as in tests/e2e/test_rest_zorg.py) over REST with 1,
10 and 50 conversations at once. Then the same for a bare Rasa server: a
one-intent model generated in a temporary folder, one rule, no action server,
the same kind of tracker store. Not a test: it asserts nothing, it prints.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

try:
    import psutil
except ImportError:  # the bench extra is not part of ./deelwijzer's install
    sys.exit('psutil ontbreekt: .venv/bin/pip install -e ".[bench]"')
import requests  # noqa: E402

from bot import runtime  # noqa: E402
from bot.settings import PROJECT, instellingen  # noqa: E402

NIVEAUS = [1, 10, 50]
STORING = "Er is een storing"
TIMEOUT_S = 120

# A full walk through the care plan: plan, fourteen answers, the weighing in
# five points, the record.
ZORGPAD = [
    '/kies_plan{"plan":"zorg"}', "nee", '/kies{"optie":"overig"}', "nee hoor",
    "nee", "nee", "ja", "klopt", "vragen is niet veilig", "ja", "ja", "ja", "ja",
    "ja", "ja",
    "Voorkomen dat de ex wordt aangevallen.",
    "Dat hij een mes heeft en dreigt; alleen dat.",
    "De dreiging is concreet en ernstig.",
    "Een gesprek met de cliënt maakt het gevaarlijker.",
    "Vragen zou de ex in gevaar brengen.",
    "geef me het verslag",
]

KAAL_CONFIG = """\
recipe: default.v1
language: nl
assistant_id: kaal
pipeline:
  - name: WhitespaceTokenizer
  - name: KeywordIntentClassifier
policies:
  - name: RulePolicy
"""
KAAL_DOMEIN = """\
version: "3.1"
intents: [groeten]
responses:
  utter_groeten:
    - text: Hallo.
session_config:
  session_expiration_time: 60
  carry_over_slots_to_new_session: true
"""
KAAL_NLU = """\
version: "3.1"
nlu:
  - intent: groeten
    examples: |
      - hallo
      - goedendag
"""
KAAL_REGELS = """\
version: "3.1"
rules:
  - rule: groeten
    steps:
      - intent: groeten
      - action: utter_groeten
"""


@dataclass
class Meting:
    latenties: List[float] = field(default_factory=list)
    fouten: int = 0
    duur: float = 0.0

    def p(self, q: float) -> float:
        return float(np.percentile(self.latenties, q)) * 1000 if self.latenties \
            else float("nan")

    @property
    def per_seconde(self) -> float:
        return len(self.latenties) / self.duur if self.duur else 0.0


def gesprek(url: str, berichten: List[str], meting: Meting, slot: threading.Lock,
            voorvoegsel: str, eindcontrole: str = "") -> None:
    afzender = f"{voorvoegsel}-{uuid.uuid4().hex[:10]}"
    berichten_terug: list = []
    goed = False
    with requests.Session() as sessie:
        for tekst in berichten:
            begin = time.perf_counter()
            try:
                antwoord = sessie.post(
                    f"{url}/webhooks/rest/webhook", timeout=TIMEOUT_S,
                    json={"sender": afzender, "message": tekst})
                berichten_terug = antwoord.json() if antwoord.ok else []
                # An empty reply, or the notice that the action server failed
                # or was too slow (bot.storing), is an error, not an answer.
                goed = bool(berichten_terug) and STORING not in str(berichten_terug)
            except (requests.RequestException, ValueError):
                goed = False
            duur = time.perf_counter() - begin
            with slot:
                if goed:
                    meting.latenties.append(duur)
                else:
                    meting.fouten += 1
    # The walk must end in the record; otherwise an answer went astray.
    if eindcontrole and eindcontrole not in str(berichten_terug if goed else ""):
        with slot:
            meting.fouten += 1


def meet(url: str, berichten: List[str], gelijktijdig: int, naam: str,
         eindcontrole: str = "") -> Meting:
    meting, slot = Meting(), threading.Lock()
    begin = time.perf_counter()
    with ThreadPoolExecutor(max_workers=gelijktijdig) as pool:
        for _ in range(gelijktijdig):
            pool.submit(gesprek, url, berichten, meting, slot, naam, eindcontrole)
    meting.duur = time.perf_counter() - begin
    return meting


class Geheugen(threading.Thread):
    """Peak RSS per process (with its children), sampled every 0.2 s."""

    def __init__(self, processen: Dict[str, int]) -> None:
        super().__init__(daemon=True)
        self.processen = {n: psutil.Process(p) for n, p in processen.items()}
        self.piek: Dict[str, int] = {n: 0 for n in processen}
        self.stoppen = threading.Event()

    def run(self) -> None:
        while not self.stoppen.wait(0.2):
            for naam, proces in self.processen.items():
                try:
                    rss = proces.memory_info().rss + sum(
                        k.memory_info().rss for k in proces.children(recursive=True))
                except psutil.Error:
                    continue
                self.piek[naam] = max(self.piek[naam], rss)


def wacht(url: str, proces: subprocess.Popen) -> float:
    begin = time.monotonic()
    runtime.wacht_tot_bereikbaar(url, proces, 600)
    return time.monotonic() - begin


def profiel(pid: int, uit: Path, seconden: int) -> subprocess.Popen:
    """py-spy samples the running Rasa server: where a reply's time goes."""
    uit.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pid),
         "--duration", str(seconden), "--format", "speedscope", "--output",
         str(uit), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def bench_deelwijzer(map_: Path, trainen: bool, met_profiel: bool
                     ) -> Tuple[Dict[int, Meting], Dict[str, float]]:
    cijfers: Dict[str, float] = {}
    inst = replace(
        instellingen(), rasa_host="127.0.0.1",
        rasa_poort=_vrij(), actie_poort=_vrij(),
        tracker_store_url=f"sqlite:///{map_ / 'tracker.db'}",
        # Logging as configured (.env), as a user runs it.
        verslag_map=map_ / "verslagen", lock_store_url="",
    )
    if trainen:
        # Into an empty folder and with an empty training cache, so the whole
        # bot is trained from scratch, as on a fresh clone.
        os.environ["RASA_CACHE_DIRECTORY"] = str(map_ / "rasa-cache")
        begin = time.monotonic()
        model = runtime.train(replace(inst, model_map=map_ / "models"))
        cijfers["training_s"] = time.monotonic() - begin
    else:
        model = runtime.train(inst)
    logs = map_ / "log"
    logs.mkdir()
    os.environ["DEELWIJZER_VERSLAG_MAP"] = str(inst.verslag_map)
    begin = time.monotonic()
    acties = runtime.start_actieserver(inst, logs / "acties.log")
    rasa = runtime.start_rasa(inst, model, logs / "rasa.log",
                              endpoints=map_ / "endpoints.yml")
    try:
        cijfers["acties_start_s"] = wacht(
            f"http://127.0.0.1:{inst.actie_poort}/health", acties)
        wacht(f"{inst.rasa_url}/status", rasa)
        # From starting the process to /status answering: imports, spaCy
        # pipeline, model; the action server starts alongside.
        cijfers["laden_s"] = time.monotonic() - begin
        geheugen = Geheugen({"rasa": rasa.pid, "acties": acties.pid})
        geheugen.start()
        meet(inst.rasa_url, ZORGPAD, 2, "opwarmen")
        uitslag = {}
        for n in NIVEAUS:
            spion = profiel(rasa.pid, map_ / f"profiel-{n}.json", 600) \
                if met_profiel and n == 10 else None
            uitslag[n] = meet(inst.rasa_url, ZORGPAD, n, f"bench{n}",
                              eindcontrole="deelwijzer_verslag")
            if spion:
                spion.send_signal(2)  # SIGINT: py-spy writes what it has
                spion.wait(timeout=60)
        geheugen.stoppen.set()
        geheugen.join(timeout=5)
        cijfers["rss_rasa"] = geheugen.piek["rasa"]
        cijfers["rss_acties"] = geheugen.piek["acties"]
        return uitslag, cijfers
    finally:
        runtime.stop(rasa, acties)


def bench_kaal(map_: Path) -> Tuple[Dict[int, Meting], Dict[str, float]]:
    project = map_ / "kaal"
    (project / "data").mkdir(parents=True)
    (project / "config.yml").write_text(KAAL_CONFIG)
    (project / "domain.yml").write_text(KAAL_DOMEIN)
    (project / "data" / "nlu.yml").write_text(KAAL_NLU)
    (project / "data" / "rules.yml").write_text(KAAL_REGELS)
    (project / "endpoints.yml").write_text(
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n"
        f"  db: {project / 'tracker.db'}\n")
    rasa_cmd = [sys.executable, "-m", "rasa"]
    begin = time.monotonic()
    subprocess.run([*rasa_cmd, "train", "--out", "models", "--fixed-model-name",
                    "kaal", "--quiet"], cwd=project, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    cijfers = {"training_s": time.monotonic() - begin}
    poort = _vrij()
    log = (project / "rasa.log").open("ab")
    begin = time.monotonic()
    rasa = subprocess.Popen(
        [*rasa_cmd, "run", "--model", "models/kaal.tar.gz", "--enable-api",
         "--endpoints", "endpoints.yml", "--interface", "127.0.0.1",
         "--port", str(poort), "--quiet"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "LOG_LEVEL": "WARNING"})
    url = f"http://127.0.0.1:{poort}"
    try:
        cijfers["laden_s"] = wacht(f"{url}/status", rasa)
        geheugen = Geheugen({"rasa": rasa.pid})
        geheugen.start()
        berichten = ["hallo"] * len(ZORGPAD)
        meet(url, berichten, 2, "opwarmen")
        uitslag = {n: meet(url, berichten, n, f"kaal{n}") for n in NIVEAUS}
        geheugen.stoppen.set()
        geheugen.join(timeout=5)
        cijfers["rss_rasa"] = geheugen.piek["rasa"]
        return uitslag, cijfers
    finally:
        runtime.stop(rasa)


def _vrij() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _mb(n: Optional[float]) -> str:
    return f"{n / 2**20:.0f} MB" if n else "-"


def druk_af(ons: Dict[int, Meting], kaal: Dict[int, Meting],
            c_ons: Dict[str, float], c_kaal: Dict[str, float]) -> None:
    print(f"\nDeelwijzer benchmark — {os.cpu_count()} cores, "
          f"{len(ZORGPAD)} berichten per gesprek (zorgplan, conflict van plichten)\n")
    print("| gelijktijdig | server | p50 ms | p95 ms | p99 ms | antwoorden/s "
          "| fouten |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n in NIVEAUS:
        for naam, m in [("deelwijzer", ons[n]), ("kale Rasa", kaal[n])]:
            print(f"| {n} | {naam} | {m.p(50):.0f} | {m.p(95):.0f} | {m.p(99):.0f} "
                  f"| {m.per_seconde:.1f} | {m.fouten} |")
    print("\n| verhouding p95 deelwijzer / kale Rasa | " + " | ".join(
        f"{n}: {ons[n].p(95) / kaal[n].p(95):.2f}" for n in NIVEAUS) + " |")
    verzadigd = max(ons.values(), key=lambda m: m.per_seconde)
    verzadigd_kaal = max(kaal.values(), key=lambda m: m.per_seconde)
    print(f"\n| meting | deelwijzer | kale Rasa |\n|---|---:|---:|")
    print(f"| doorvoer bij verzadiging (antwoorden/s) | {verzadigd.per_seconde:.1f} "
          f"| {verzadigd_kaal.per_seconde:.1f} |")
    print(f"| piek-RSS Rasa-server | {_mb(c_ons.get('rss_rasa'))} "
          f"| {_mb(c_kaal.get('rss_rasa'))} |")
    print(f"| piek-RSS actieserver | {_mb(c_ons.get('rss_acties'))} | - |")
    print(f"| model laden tot /status (s) | {c_ons['laden_s']:.1f} "
          f"| {c_kaal['laden_s']:.1f} |")
    training = c_ons.get("training_s")
    print(f"| training (s) | {f'{training:.0f}' if training else 'niet gemeten'} "
          f"| {c_kaal['training_s']:.0f} |")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--geen-training", action="store_true",
                   help="het bestaande model gebruiken; training niet meten")
    p.add_argument("--profiel", action="store_true",
                   help="py-spy-profiel van de Rasa-server bij 10 gesprekken "
                        "(var/bench/)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="deelwijzer-bench-") as tmp:
        map_ = Path(tmp)
        ons, c_ons = bench_deelwijzer(map_, not args.geen_training, args.profiel)
        if args.profiel:
            doel = PROJECT / "var" / "bench"
            doel.mkdir(parents=True, exist_ok=True)
            for bestand in map_.glob("profiel-*.json"):
                (doel / bestand.name).write_bytes(bestand.read_bytes())
            print(f"profiel: {doel} (open in https://www.speedscope.app)")
        kaal, c_kaal = bench_kaal(map_)
    druk_af(ons, kaal, c_ons, c_kaal)
    return 0


if __name__ == "__main__":
    sys.exit(main())
