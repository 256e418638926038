"""A conversation's record and history, read from the Rasa server's own
tracker store, for the download link and for redrawing the web chat.

This runs inside the Rasa server (see ``bot.channels.web``) and uses the
agent's tracker store: ``bot.export.exporteer`` opens a store of its own and
runs its own event loop, which cannot run inside the server's loop. The
document is built exactly as ``exporteer`` builds it: from the full tracker,
all sessions, stamped with the time of the conversation's last event.
"""

from __future__ import annotations

import importlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Optional

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Formaat:
    extensie: str
    mime: str
    maak: Callable[[Dict[str, Any]], bytes]
    naam: str


NAMEN = {"pdf": "PDF", "md": "Markdown", "html": "HTML", "json": "JSON"}
MIME = {
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}


def _markdown(document: Dict[str, Any]) -> bytes:
    from bot.record import naar_markdown

    return naar_markdown(document).encode("utf-8")


def _json(document: Dict[str, Any]) -> bytes:
    from bot.record import canoniek

    return (canoniek(document) + "\n").encode("utf-8")


def formaten() -> Dict[str, Formaat]:
    """The download formats, in the order offered. Every rendering comes from
    ``bot.record`` (``render``), so a download is always what the record
    module makes; with an older record module only Markdown and JSON exist."""
    record = importlib.import_module("bot.record")
    render = getattr(record, "render", None)
    if render is None:
        makers: Dict[str, Callable[[Dict[str, Any]], bytes]] = {
            "md": _markdown, "json": _json}
    else:
        makers = {naam: (lambda d, n=naam: render(d, n))
                  for naam in ("pdf", "md", "html", "json")}
    return {naam: Formaat(naam, MIME[naam], maak, NAMEN[naam])
            for naam, maak in makers.items()}


def document_uit_tracker(tracker: Any) -> Optional[Dict[str, Any]]:
    """The canonical record of a (full) tracker, or None before any plan."""
    from bot.record import maak_vastlegging
    from bot.rules import laad_regelset

    if tracker is None or not tracker.get_slot("plan"):
        return None
    laatste = tracker.events[-1].timestamp if tracker.events else None
    tijdstip = datetime.fromtimestamp(laatste or 0, timezone.utc).isoformat(
        timespec="seconds")
    return maak_vastlegging(
        laad_regelset(),
        tracker.get_slot("plan"),
        [tuple(a) for a in tracker.get_slot("antwoorden") or []],
        tracker.get_slot("logboek") or [],
        tracker.get_slot("motivaties") or {},
        tracker.sender_id,
        tijdstip,
    )


def bestandsnaam(document: Dict[str, Any], formaat: Formaat) -> str:
    # The hash, not the conversation id: file names end up in mail and
    # dossiers, and the id is the key to the conversation.
    return f"deelwijzer-verslag-{document['inhoud_hash'][:12]}.{formaat.extensie}"


def _knoppen(data: Dict[str, Any]) -> List[Dict[str, str]]:
    return [{"content_type": "text", "title": str(k.get("title", "")),
             "payload": str(k.get("payload", ""))}
            for k in data.get("buttons") or []]


def geschiedenis(tracker: Any) -> List[Dict[str, Any]]:
    """The conversation as the web chat shows it, in the shapes the socket
    sends live (``bot.channels.web``): a user message (``van``: gebruiker),
    bot text with its quick replies, bot custom payloads.

    A user message that is a button payload is shown by the button's title,
    as it was when clicked; a bare payload that no button offered (the chat's
    own greeting, ``/begroeten``) is left out.
    """
    if tracker is None:
        return []
    berichten: List[Dict[str, Any]] = []
    laatste_knoppen: Dict[str, str] = {}
    for event in tracker.events:
        soort = getattr(event, "type_name", "")
        if soort == "user":
            tekst = (event.text or "").strip()
            if tekst.startswith("/"):
                if tekst not in laatste_knoppen:
                    continue
                tekst = laatste_knoppen[tekst]
            berichten.append({"van": "gebruiker", "text": tekst})
            laatste_knoppen = {}
        elif soort == "bot":
            data = event.data or {}
            if data.get("custom") is not None:
                berichten.append({"van": "assistent", "custom": data["custom"]})
            if event.text:
                bericht: Dict[str, Any] = {"van": "assistent", "text": event.text}
                knoppen = _knoppen(data)
                if knoppen:
                    bericht["quick_replies"] = knoppen
                    laatste_knoppen = {k["payload"]: k["title"] for k in knoppen}
                berichten.append(bericht)
    return berichten


def als_json(waarde: Any) -> str:
    return json.dumps(waarde, ensure_ascii=False)
