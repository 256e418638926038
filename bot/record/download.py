"""The record of a conversation as a file, for an HTTP download endpoint.

For the web server that mounts the download (web widget, Teams):

    from bot.record.download import verslag_bestand, GeenVerslag

    inhoud, content_type = verslag_bestand(gesprek_id, "pdf")

``formaat`` is one of ``pdf``, ``html``, ``md``, ``json`` (also accepted:
``markdown``, upper case). Raises :class:`GeenVerslag` (a LookupError: answer
404) when the conversation has no step plan, :class:`OnbekendFormaat` (a
ValueError: answer 400) for another format, and :class:`BeschadigdVerslag`
when the stored record no longer matches its hash. ``downloadnaam()`` gives a
file name for Content-Disposition that does not contain the conversation id.

The conversation id is the only key: the caller must make sure that the person
asking is the one in that conversation (e.g. the id belongs to their widget
session), because ids can be guessed or leaked.

The source is the record stored when the user asked for it in the chat (so the
file shows the same hash as the chat did); when there is none, the record is
built from the tracker store, all sessions, and stored.
"""

from __future__ import annotations

from typing import Any, Dict, Tuple

from bot.record import opslag
from bot.record.vastlegging import inhoud_hash
from bot.record.weergave import CONTENT_TYPES, formaat_van, render


class GeenVerslag(LookupError):
    """No record for this conversation (unknown id, or no plan walked)."""


class OnbekendFormaat(ValueError):
    pass


class BeschadigdVerslag(RuntimeError):
    """The stored record was changed after it was made."""


def document_voor(gesprek_id: str) -> Dict[str, Any]:
    document = opslag.laad(gesprek_id)
    if document is None:
        from bot.export import exporteer

        document, _ = exporteer(gesprek_id)
        if document is None:
            raise GeenVerslag(gesprek_id)
        opslag.bewaar(document)
    if document.get("inhoud_hash") != inhoud_hash(document):
        raise BeschadigdVerslag(opslag.bestandsnaam(gesprek_id))
    return document


def verslag_bestand(gesprek_id: str, formaat: str) -> Tuple[bytes, str]:
    """The record of conversation ``gesprek_id`` as (bytes, content type)."""
    soort = formaat_van(formaat)
    if soort is None:
        raise OnbekendFormaat(formaat)
    return render(document_voor(gesprek_id), soort), CONTENT_TYPES[soort]


def downloadnaam(gesprek_id: str, formaat: str) -> str:
    soort = formaat_van(formaat) or "bin"
    return f"vastlegging-{opslag.bestandsnaam(gesprek_id)[:12]}.{soort}"
