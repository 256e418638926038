"""Per-conversation keys for the record download and the chat history.

A key is an HMAC of the conversation id under a server secret, so the server
can check it without storing anything, and nobody can derive the key of
another conversation from its id. The secret comes from
``DEELWIJZER_WEB_GEHEIM`` or, when that is empty, from ``var/web-geheim``,
generated on first use. Several Rasa servers behind one address must share
the secret (set the variable), or a link from one fails on another.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

from bot.settings import PROJECT

GEHEIM_BESTAND = PROJECT / "var" / "web-geheim"


def _lees_of_maak(pad: Path) -> bytes:
    pad.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: when two processes start together, one writes, both read it.
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w", encoding="ascii") as bestand:
            bestand.write(secrets.token_hex(32))
    waarde = pad.read_text(encoding="ascii").strip()
    if len(waarde) < 32:
        raise RuntimeError(f"{pad.name} is te kort of leeg; verwijder het bestand")
    return waarde.encode("ascii")


@lru_cache(maxsize=1)
def geheim() -> bytes:
    uit_omgeving = os.environ.get("DEELWIJZER_WEB_GEHEIM", "").strip()
    if uit_omgeving:
        return uit_omgeving.encode("utf-8")
    return _lees_of_maak(GEHEIM_BESTAND)


def sleutel(gesprek_id: str) -> str:
    """The key of one conversation (hex, 128 bits: enough against guessing)."""
    mac = hmac.new(geheim(), b"deelwijzer-gesprek\x00" + gesprek_id.encode("utf-8"),
                   hashlib.sha256)
    return mac.hexdigest()[:32]


def klopt(gesprek_id: str, gegeven: str) -> bool:
    if not gesprek_id or not gegeven:
        return False
    return hmac.compare_digest(sleutel(gesprek_id), gegeven)
