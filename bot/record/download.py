"""The record of a conversation as a file, for an HTTP download endpoint.

For the web server that mounts the download (web widget, Teams):

    from bot.record.download import verslag_download, GeenVerslag

    # in an async handler; store: the agent's tracker store, or None for the
    # one in the settings
    inhoud, content_type = await verslag_download(gesprek_id, "pdf", store)

or, outside an event loop, ``verslag_bestand(gesprek_id, "pdf")``.
``formaat`` is one of ``pdf``, ``html``, ``md``, ``json`` (also accepted:
``markdown``, upper case). Raises :class:`GeenVerslag` (a LookupError: answer
404) when the conversation has no step plan, :class:`OnbekendFormaat` (a
ValueError: answer 400) for another format, and :class:`BeschadigdVerslag`
when the stored record no longer matches its hash. ``downloadnaam()`` gives a
file name for Content-Disposition that does not contain the conversation id.
Drawing a PDF takes about a second of CPU: an async server had better run
``render`` in an executor when many users download at once.

The conversation id is the only key: the caller must make sure that the person
asking is the one in that conversation (e.g. the id belongs to their widget
session), because ids can be guessed or leaked.

The source is the record stored when the user asked for it in the chat (so the
file shows the same hash as the chat did); when there is none, the record is
built from the tracker store, all sessions, and stored.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, Optional, Tuple

from bot.record import opslag
from bot.record.vastlegging import inhoud_hash
from bot.record.weergave import CONTENT_TYPES, formaat_van, render


class GeenVerslag(LookupError):
    """No record for this conversation (unknown id, or no plan walked)."""


class OnbekendFormaat(ValueError):
    pass


class BeschadigdVerslag(RuntimeError):
    """The stored record was changed after it was made."""


async def document_voor(gesprek_id: str, store: Any = None) -> Dict[str, Any]:
    document: Optional[Dict[str, Any]] = opslag.laad(gesprek_id)
    if document is None:
        from bot.export import vastlegging_van

        document = await vastlegging_van(gesprek_id, store)
        if document is None:
            raise GeenVerslag(gesprek_id)
        opslag.bewaar(document)
    if document.get("inhoud_hash") != inhoud_hash(document):
        raise BeschadigdVerslag(opslag.bestandsnaam(gesprek_id))
    return document


async def verslag_download(gesprek_id: str, formaat: str, store: Any = None
                           ) -> Tuple[bytes, str]:
    """The record of conversation ``gesprek_id`` as (bytes, content type)."""
    soort = formaat_van(formaat)
    if soort is None:
        raise OnbekendFormaat(formaat)
    document = await document_voor(gesprek_id, store)
    return render(document, soort), CONTENT_TYPES[soort]


def verslag_bestand(gesprek_id: str, formaat: str, store: Any = None
                    ) -> Tuple[bytes, str]:
    """As :func:`verslag_download`, for callers without an event loop."""
    return asyncio.run(verslag_download(gesprek_id, formaat, store))


def downloadnaam(gesprek_id: str, formaat: str) -> str:
    soort = formaat_van(formaat) or "bin"
    return f"vastlegging-{opslag.bestandsnaam(gesprek_id)[:12]}.{soort}"
