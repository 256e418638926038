"""Where records are kept on the server: one folder, files named after a hash
of the conversation id so the id itself (which may be a chat user id) does not
appear in file names. The JSON file is the record; the other files are
renderings of it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from bot.record.vastlegging import canoniek
from bot.settings import instellingen


def bestandsnaam(gesprek_id: str) -> str:
    return hashlib.sha256(gesprek_id.encode("utf-8")).hexdigest()[:24]


def _map(map_: Optional[Path] = None) -> Path:
    return map_ or instellingen().verslag_map


def bewaar(document: Mapping, markdown: Optional[str] = None,
           map_: Optional[Path] = None) -> List[Path]:
    map_ = _map(map_)
    map_.mkdir(parents=True, exist_ok=True)
    naam = bestandsnaam(document["gesprek"])
    json_pad = map_ / f"{naam}.json"
    json_pad.write_text(canoniek(document) + "\n", encoding="utf-8")
    paden = [json_pad]
    if markdown is not None:
        md_pad = map_ / f"{naam}.md"
        md_pad.write_text(markdown, encoding="utf-8")
        paden.append(md_pad)
    return paden


def laad(gesprek_id: str, map_: Optional[Path] = None) -> Optional[Dict[str, Any]]:
    """The stored record of a conversation, or None."""
    pad = _map(map_) / f"{bestandsnaam(gesprek_id)}.json"
    if not pad.is_file():
        return None
    return json.loads(pad.read_text(encoding="utf-8"))


def verwijder(gesprek_id: str, map_: Optional[Path] = None) -> List[Path]:
    """Delete every file of a conversation's record; the paths deleted."""
    map_ = _map(map_)
    if not map_.is_dir():
        return []
    weg = sorted(map_.glob(f"{bestandsnaam(gesprek_id)}.*"))
    for pad in weg:
        pad.unlink()
    return weg
