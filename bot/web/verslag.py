"""A conversation's record and history, read from the Rasa server's own
tracker store, for the download link and for redrawing the web chat.

This runs inside the Rasa server (see ``bot.channels.web``) and hands
``bot.export.vastlegging_van`` the agent's tracker store, the one that stores
the conversation, whatever its type.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional

logger = logging.getLogger(__name__)

# The order the formats are offered in; the record module renders them all.
VOLGORDE = ("pdf", "md", "html", "json")
NAMEN = {"pdf": "PDF", "md": "Markdown", "html": "HTML", "json": "JSON"}


@dataclass(frozen=True)
class Formaat:
    extensie: str
    mime: str
    maak: Callable[[Dict[str, Any]], bytes]
    naam: str


def formaten() -> Dict[str, Formaat]:
    """The download formats, each rendered by ``bot.record``."""
    from bot.record.weergave import CONTENT_TYPES, render

    return {f: Formaat(f, CONTENT_TYPES[f], lambda d, f=f: render(d, f), NAMEN[f])
            for f in VOLGORDE if f in CONTENT_TYPES}


def _zelfde_inhoud(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    # As actions/verslag.py decides whether to hand out the stored record.
    weg = ("tijdstip", "inhoud_hash")
    return ({k: v for k, v in a.items() if k not in weg}
            == {k: v for k, v in b.items() if k not in weg})


async def document(gesprek_id: str, store: Any) -> Optional[Dict[str, Any]]:
    """The record to download: the one handed out in the chat when nothing
    changed since (so the file shows the hash the chat showed), else one
    drawn up now from the tracker store. Not ``bot.record.download``'s
    ``document_voor``: that serves the stored record even after the
    professional answered more questions, and the download button can be
    pressed at any moment. None when no plan was walked."""
    from bot.export import vastlegging_van
    from bot.record.opslag import laad
    from bot.record.vastlegging import inhoud_hash

    nu = await vastlegging_van(gesprek_id, store)
    if nu is None:
        return None
    eerder = laad(gesprek_id)
    if eerder is not None and eerder.get("inhoud_hash") == inhoud_hash(eerder) \
            and _zelfde_inhoud(eerder, nu):
        return eerder
    return nu


def bestandsnaam(gesprek_id: str, formaat: Formaat) -> str:
    # Not the conversation id: file names end up in mail and dossiers, and
    # the id is the key to the conversation.
    from bot.record.download import downloadnaam

    return downloadnaam(gesprek_id, formaat.extensie)


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
