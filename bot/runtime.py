"""Prepare and run the assistant: spaCy pipeline, training, the two servers.

Used by the command line (``bot/cli.py``) and by the end-to-end tests, so the
tests start the assistant exactly as a user does.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import requests
import yaml
from sqlalchemy.engine.url import make_url

from bot.nlu.spacy_model import bereid_voor
from bot.opslag.database import volledige_url
from bot.opslag.onbereikbaar import (
    OPSLAG_EXIT,
    OpslagOnbereikbaar,
    beschrijving,
    wacht_op_database,
)
from bot.rules import laad_regelset
from bot.settings import PROJECT, Instellingen, instellingen

logger = logging.getLogger(__name__)

SPACY_MAP = PROJECT / "var" / "spacy" / "nl"
TRAININGSBESTANDEN = ["config.yml", "domain.yml", "data/nlu", "data/rules",
                      "data/stories", "bot/nlu"]


def training_hash(spacy_keuze: str) -> str:
    """Fingerprint of everything that goes into the model."""
    h = hashlib.sha256(spacy_keuze.encode("utf-8"))
    for naam in TRAININGSBESTANDEN:
        pad = PROJECT / naam
        if not pad.exists():
            continue
        # bot/nlu holds the custom NLU components: changed code, new model.
        bestanden = sorted([*pad.rglob("*.yml"), *pad.rglob("*.py")]) \
            if pad.is_dir() else [pad]
        for bestand in bestanden:
            h.update(str(bestand.relative_to(PROJECT)).encode("utf-8"))
            h.update(bestand.read_bytes())
    return h.hexdigest()[:12]


def python() -> str:
    return sys.executable


def train(inst: Optional[Instellingen] = None) -> Path:
    """Train a model unless one for exactly this training data exists."""
    inst = inst or instellingen()
    keuze, _ = bereid_voor(SPACY_MAP, inst.spacy_model)
    naam = f"deelwijzer-{training_hash(keuze)}"
    model = inst.model_map / f"{naam}.tar.gz"
    if model.is_file():
        logger.info("model %s is actueel; niet opnieuw getraind", model.name)
        return model
    logger.info("training van %s (spaCy: %s)", model.name, keuze)
    begin = time.monotonic()
    subprocess.run(
        # Through bot.waarschuwingen: Rasa's known, harmless warnings (each
        # with its reason there) stay out of the terminal.
        [python(), "-m", "bot.waarschuwingen", "train", "--fixed-model-name", naam,
         "--out", str(inst.model_map), "--quiet"],
        cwd=PROJECT, check=True,
    )
    logger.info("training klaar in %.0f s", time.monotonic() - begin)
    return model


def lock_store(url_tekst: str) -> Optional[Dict[str, object]]:
    """The lock_store section for a ``redis://[:password@]host:port/db`` URL;
    None (Rasa's in-memory lock) when no URL is set."""
    if not url_tekst:
        return None
    url = make_url(url_tekst)
    if url.drivername not in {"redis", "rediss"}:
        raise ValueError(f"DEELWIJZER_LOCK_STORE moet een redis://-URL zijn: {url!r}")
    return {k: v for k, v in {
        # Rasa's own RedisLockStore, with tickets made unique across servers.
        "type": "bot.opslag.vergrendeling.AtomischeRedisLockStore",
        "url": url.host or "localhost", "port": url.port or 6379,
        "db": int(url.database or 0), "password": url.password,
        "use_ssl": url.drivername == "rediss" or None, "key_prefix": "deelwijzer",
    }.items() if v is not None}


def vast_model(inst: Instellingen) -> Optional[Path]:
    """The model named in the settings, if any; it must exist."""
    if not inst.model_naam:
        return None
    model = Path(inst.model_naam)
    model = model if model.is_absolute() else inst.model_map / model
    if not model.is_file():
        raise FileNotFoundError(f"DEELWIJZER_MODEL wijst naar {model}, dat bestaat niet")
    return model


def schrijf_endpoints(inst: Instellingen, pad: Optional[Path] = None) -> Path:
    """endpoints.yml from the settings: action server, tracker store and (for
    several Rasa servers) lock store. ``pad``: where, for servers that must
    not share ``var/endpoints.yml``."""
    url = make_url(inst.tracker_store_url)
    # Rasa's SQL store, masking user text before it is written and deleting a
    # conversation on "wis dit gesprek" (bot/record/trackerstore.py).
    tracker: Dict[str, object] = {
        "type": "bot.record.trackerstore.DeelwijzerTrackerStore",
        "dialect": url.drivername,
    }
    if url.drivername.startswith("sqlite"):
        db = Path(url.database or "var/tracker.db")
        db = db if db.is_absolute() else PROJECT / db
        db.parent.mkdir(parents=True, exist_ok=True)
        tracker["db"] = str(db)
    else:
        tracker.update({k: v for k, v in {
            "url": url.host, "port": url.port, "db": url.database,
            "username": url.username, "password": url.password,
        }.items() if v is not None})
    endpoints = {"action_endpoint": {"url": inst.actie_url}, "tracker_store": tracker}
    slot = lock_store(inst.lock_store_url)
    if slot:
        endpoints["lock_store"] = slot
    pad = pad or PROJECT / "var" / "endpoints.yml"
    pad.parent.mkdir(parents=True, exist_ok=True)
    # It holds the database and Redis passwords of the URLs: owner only.
    pad.touch(mode=0o600, exist_ok=True)
    pad.chmod(0o600)
    pad.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    return pad


def _sdk_log_vlag(niveau: str) -> List[str]:
    return {"DEBUG": ["-vv"], "INFO": ["-v"]}.get(niveau, ["--quiet"])


def start_actieserver(inst: Instellingen, log: Path) -> subprocess.Popen:
    laad_regelset()  # refuse to start on unsound law data, with its message
    return subprocess.Popen(
        [python(), "-m", "rasa_sdk", "--actions", "actions",
         "--port", str(inst.actie_poort), *_sdk_log_vlag(inst.log_niveau)],
        cwd=PROJECT, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        # Only the Rasa server on this machine may call the actions. The
        # actions read the same database (case codes) and record folder.
        env={**os.environ, "SANIC_HOST": "127.0.0.1",
             "DEELWIJZER_TRACKER_STORE": inst.tracker_store_url,
             "DEELWIJZER_VERSLAG_MAP": str(inst.verslag_map)},
    )


def start_rasa(inst: Instellingen, model: Path, log: Path,
               endpoints: Optional[Path] = None) -> subprocess.Popen:
    return subprocess.Popen(
        # Through bot.storing: a failing or slow action server gives the user
        # an explicit message instead of silence (see that module). Entered
        # via bot.versnelling, which first removes Rasa's costliest waste.
        [python(), "-m", "bot.versnelling", "run", "--enable-api", "--model",
         str(model),
         "--endpoints", str(schrijf_endpoints(inst, endpoints)),
         "--credentials", str(PROJECT / "credentials.yml"),
         "--interface", inst.rasa_host, "--port", str(inst.rasa_poort),
         "--log-file", str(log), "--quiet", *_api_token(inst), *_cors(inst)],
        cwd=PROJECT, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        env={**os.environ, "LOG_LEVEL": inst.log_niveau,
             # The tracker store reads it in the server (its start-up wait).
             "DEELWIJZER_DB_WACHTTIJD": str(inst.db_wachttijd),
             # The web chat's socket checks a page's origin against the same.
             "DEELWIJZER_CORS_ORIGINS": " ".join(_cors(inst)[1:])},
    )


def _cors(inst: Instellingen) -> List[str]:
    """Rasa's --cors: which other web pages a browser lets call this server
    (the API and the channels; Sanic-CORS adds the headers to every route).
    Without the option Rasa allows none; the web chat itself needs none (same
    origin), so by default only its own origins are named."""
    from bot.settings import kanaal_instellingen

    publiek = os.environ.get("DEELWIJZER_PUBLIEKE_URL") or \
        kanaal_instellingen().publieke_url
    return ["--cors", *inst.cors_origins(publiek)]


def _api_token(inst: Instellingen) -> List[str]:
    """Rasa's HTTP API (trackers of every conversation) is open on loopback
    only; beyond it the same token as the REST channel is required."""
    from bot.channels.rest import is_loopback
    from bot.settings import kanaal_instellingen

    if is_loopback(inst.rasa_host):
        return []
    token = kanaal_instellingen().rest_token
    if not token:
        raise RuntimeError(
            "De Rasa-server luistert buiten loopback: zet DEELWIJZER_REST_TOKEN in "
            ".env; die beschermt dan ook de HTTP-API.")
    return ["--auth-token", token]


def wacht_tot_bereikbaar(url: str, proces: subprocess.Popen, seconden: float) -> None:
    """Wait until ``url`` answers 200; fail fast when the process died."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"server gestopt met code {proces.returncode}: {url}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} niet bereikbaar na {seconden:.0f} s")


def start_alles(inst: Optional[Instellingen] = None) -> List[subprocess.Popen]:
    """Train if needed, start both servers, wait until they answer."""
    inst = inst or instellingen()
    # A database that is down: say so now, not after training, nor never.
    wacht_op_database(volledige_url(inst.tracker_store_url), inst.db_wachttijd)
    model = vast_model(inst) or train(inst)
    logs = PROJECT / "var" / "log"
    logs.mkdir(parents=True, exist_ok=True)
    acties = start_actieserver(inst, logs / "actieserver.log")
    try:
        rasa = start_rasa(inst, model, logs / "rasa.log")
    except BaseException:
        stop(acties)
        raise
    try:
        wacht_tot_bereikbaar(f"http://127.0.0.1:{inst.actie_poort}/health", acties, 120)
        wacht_tot_bereikbaar(f"{inst.rasa_url}/status", rasa, 300)
    except BaseException:
        # Also Ctrl-C or SIGTERM while waiting (bot/cli.py): no server is left.
        stop(rasa, acties)
        if rasa.returncode == OPSLAG_EXIT:
            # The database went away between the check above and the server.
            raise OpslagOnbereikbaar(
                f"De Rasa-server stopte: de gespreksopslag "
                f"({beschrijving(volledige_url(inst.tracker_store_url))}) is niet "
                f"bereikbaar. Zie {logs / 'rasa.log'}.") from None
        raise
    return [rasa, acties]


def stop(*processen: subprocess.Popen) -> None:
    for proces in processen:
        if proces.poll() is None:
            proces.terminate()
    for proces in processen:
        try:
            proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proces.kill()
