"""Where records are kept on the server: one folder, one JSON and one
Markdown file per consultation, named after a hash of the conversation id so
the id itself (which may be a chat user id) does not appear in file names."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import List, Mapping

from bot.record.vastlegging import canoniek
from bot.settings import instellingen


def bestandsnaam(gesprek_id: str) -> str:
    return hashlib.sha256(gesprek_id.encode("utf-8")).hexdigest()[:24]


def bewaar(document: Mapping, markdown: str) -> List[Path]:
    map_ = instellingen().verslag_map
    map_.mkdir(parents=True, exist_ok=True)
    naam = bestandsnaam(document["gesprek"])
    json_pad = map_ / f"{naam}.json"
    md_pad = map_ / f"{naam}.md"
    json_pad.write_text(canoniek(document) + "\n", encoding="utf-8")
    md_pad.write_text(markdown, encoding="utf-8")
    return [json_pad, md_pad]
