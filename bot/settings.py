"""Settings from the environment and an optional ``.env`` file (python-dotenv).

Every setting has a default that works on a single machine with no ``.env``
at all. See ``.env.example`` for the list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dotenv import load_dotenv

PROJECT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Instellingen:
    rasa_host: str
    rasa_poort: int
    actie_poort: int
    model_map: Path
    tracker_store_url: str
    log_niveau: str
    verslag_map: Path
    spacy_model: str
    # Empty: Rasa's in-memory lock store, enough for one Rasa server. Several
    # servers sharing one tracker store need a shared lock store (Redis).
    lock_store_url: str = ""
    # Conversations, case codes and records are deleted this many days after
    # the conversation's last message (``./deelwijzer opschonen``).
    bewaartermijn_dagen: int = 30

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa_host}:{self.rasa_poort}"

    @property
    def actie_url(self) -> str:
        return f"http://127.0.0.1:{self.actie_poort}/webhook"


def _pad(waarde: str) -> Path:
    pad = Path(waarde)
    return pad if pad.is_absolute() else PROJECT / pad


@lru_cache(maxsize=1)
def instellingen() -> Instellingen:
    load_dotenv(PROJECT / ".env", override=False)
    var = os.environ.get
    return Instellingen(
        rasa_host=var("DEELWIJZER_RASA_HOST", "127.0.0.1"),
        rasa_poort=int(var("DEELWIJZER_RASA_POORT", "5005")),
        actie_poort=int(var("DEELWIJZER_ACTIE_POORT", "5055")),
        model_map=_pad(var("DEELWIJZER_MODEL_MAP", "models")),
        tracker_store_url=var("DEELWIJZER_TRACKER_STORE", "sqlite:///var/tracker.db"),
        log_niveau=var("DEELWIJZER_LOG_NIVEAU", "INFO").upper(),
        verslag_map=_pad(var("DEELWIJZER_VERSLAG_MAP", "var/verslagen")),
        spacy_model=var("DEELWIJZER_SPACY_MODEL", "auto"),
        lock_store_url=var("DEELWIJZER_LOCK_STORE", ""),
        bewaartermijn_dagen=int(var("DEELWIJZER_BEWAARTERMIJN_DAGEN", "30")),
    )
