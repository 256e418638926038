"""Settings from the environment and an optional ``.env`` file (python-dotenv).

Every setting has a default that works on a single machine with no ``.env``
at all. See ``.env.example`` for the list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import List
from urllib.parse import urlsplit

from dotenv import load_dotenv

PROJECT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Instellingen:
    rasa_host: str
    rasa_poort: int
    actie_poort: int
    model_map: Path
    # A model file to serve as is (name in model_map, or a path); empty means:
    # train when the training data changed and serve that model.
    model_naam: str
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
    # Seconds to wait for the tracker store's database at start-up before
    # stopping with a message (Rasa itself would wait for ever).
    db_wachttijd: float = 30.0
    # Origins (scheme://host:port, space or comma separated) whose pages may
    # call the Rasa server from a browser (Rasa's --cors). Empty: the web
    # chat's own origin(s), see ``cors_origins``.
    cors_origins_tekst: str = ""

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa_host}:{self.rasa_poort}"

    @property
    def actie_url(self) -> str:
        return f"http://127.0.0.1:{self.actie_poort}/webhook"

    def cors_origins(self, publieke_url: str = "") -> List[str]:
        """The origins given, or else the web chat's own: this server's
        address (on loopback under both names) and its public address."""
        if self.cors_origins_tekst.strip():
            return self.cors_origins_tekst.replace(",", " ").split()
        eigen = [self.rasa_url]
        if self.rasa_host in {"127.0.0.1", "localhost"}:
            eigen += [f"http://127.0.0.1:{self.rasa_poort}",
                      f"http://localhost:{self.rasa_poort}"]
        if publieke_url:
            deel = urlsplit(publieke_url)
            eigen.append(f"{deel.scheme}://{deel.netloc}")
        return list(dict.fromkeys(eigen))


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
        model_naam=var("DEELWIJZER_MODEL", ""),
        tracker_store_url=var("DEELWIJZER_TRACKER_STORE", "sqlite:///var/tracker.db"),
        log_niveau=var("DEELWIJZER_LOG_NIVEAU", "INFO").upper(),
        verslag_map=_pad(var("DEELWIJZER_VERSLAG_MAP", "var/verslagen")),
        spacy_model=var("DEELWIJZER_SPACY_MODEL", "auto"),
        lock_store_url=var("DEELWIJZER_LOCK_STORE", ""),
        bewaartermijn_dagen=int(var("DEELWIJZER_BEWAARTERMIJN_DAGEN", "30")),
        db_wachttijd=float(var("DEELWIJZER_DB_WACHTTIJD", "30")),
        cors_origins_tekst=var("DEELWIJZER_CORS_ORIGINS", ""),
    )


@dataclass(frozen=True)
class KanaalInstellingen:
    """Settings of the chat channels (web, Teams, REST). Kept apart from
    ``Instellingen`` because they hold secrets, which have no business in
    the settings passed to training, tests and logs."""

    # The Rasa server's address as users reach it (behind a reverse proxy:
    # its https address); links to record downloads in Teams start with it.
    publieke_url: str
    # Asked by the REST channel as "Authorization: Bearer <token>"; required
    # when the Rasa server listens on anything but loopback.
    rest_token: str
    # The Azure bot's app registration (single tenant).
    teams_app_id: str
    teams_app_wachtwoord: str
    teams_tenant_id: str
    # Microsoft's addresses; only tests and sovereign clouds change them.
    teams_login_url: str
    teams_openid_url: str


@lru_cache(maxsize=1)
def kanaal_instellingen() -> KanaalInstellingen:
    load_dotenv(PROJECT / ".env", override=False)
    var = os.environ.get
    return KanaalInstellingen(
        publieke_url=var("DEELWIJZER_PUBLIEKE_URL", "") or instellingen().rasa_url,
        rest_token=var("DEELWIJZER_REST_TOKEN", ""),
        teams_app_id=var("DEELWIJZER_TEAMS_APP_ID", ""),
        teams_app_wachtwoord=var("DEELWIJZER_TEAMS_APP_WACHTWOORD", ""),
        teams_tenant_id=var("DEELWIJZER_TEAMS_TENANT_ID", ""),
        teams_login_url=var("DEELWIJZER_TEAMS_LOGIN_URL",
                            "https://login.microsoftonline.com"),
        teams_openid_url=var(
            "DEELWIJZER_TEAMS_OPENID_URL",
            "https://login.botframework.com/v1/.well-known/openidconfiguration"),
    )
