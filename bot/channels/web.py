"""The web chat: Rasa's socket.io channel plus the page, its files, the record
download and the history, all under ``/chat`` on the Rasa server.

Why inside Rasa and not a server of its own: the page, the socket and the
download then share one origin (no CORS needed, a strict Content-Security-
Policy with only 'self'; the socket refuses pages from other origins), one
port to put behind a reverse proxy, and the download and history read the
conversation from the agent's own tracker store, the same one that stores
it, whatever its type. Teams links to the same download,
so one public address serves both.

Differences from Rasa's ``SocketIOInput``, and why:

- Conversation ids are issued by the server. A page may resume a
  conversation only with its key (``bot.web.sleutel``), so nobody can join
  or read a conversation by guessing or choosing an id, and a web
  conversation can never take over a REST or Teams conversation's id.
- Custom payloads reach the page: Rasa 3.6 passes a custom payload to
  ``sio.emit`` as keyword arguments, which fails for any payload that is not
  socket.io's own arguments (``{"deelwijzer": ...}`` raises TypeError).
- A text is sent as one message; the page keeps its line breaks. Rasa splits
  texts on blank lines, which breaks an outcome from its articles.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.settings import PROJECT, instellingen, kanaal_instellingen
from bot.web import sleutel as sleutels
from bot.web import verslag

logger = logging.getLogger(__name__)

WIDGET = PROJECT / "web" / "widget"
# Only these files are served; nothing else under web/ is reachable.
STATISCH = {
    "deelwijzer.js": "text/javascript; charset=utf-8",
    "deelwijzer.css": "text/css; charset=utf-8",
    "vendor/socket.io.min.js": "text/javascript; charset=utf-8",
}
GESPREK_ID = re.compile(r"^[0-9a-f]{32}$")
# A generous ceiling for one message; a motivation is cut at 4000 characters
# by the form, this only keeps pasted documents out of the tracker store.
MAX_TEKST = 8000

VEILIGHEID = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
NIET_GEVONDEN = "Niet gevonden."


class WebUitvoer(SocketIOOutput):
    """Messages to the page: ``{"text", "quick_replies"}`` or ``{"custom"}``,
    the shapes ``bot.web.verslag.geschiedenis`` rebuilds from the tracker."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    async def send_text_message(
        self, recipient_id: Text, text: Text, **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"text": text})

    async def send_text_with_buttons(
        self,
        recipient_id: Text,
        text: Text,
        buttons: List[Dict[Text, Any]],
        **kwargs: Any,
    ) -> None:
        await self._send_message(recipient_id, {
            "text": text,
            "quick_replies": [
                {"content_type": "text", "title": k["title"], "payload": k["payload"]}
                for k in buttons
            ],
        })

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class WebKanaal(SocketIOInput):
    """The web chat channel; in credentials.yml as ``bot.channels.web.WebKanaal``."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebKanaal":
        credentials = credentials or {}
        if not credentials.get("session_persistence", True):
            # Without it every reload and every reconnect starts a new
            # conversation and the page's resume cannot work.
            raise ValueError("WebKanaal vraagt session_persistence: true")
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            True,
            credentials.get("socketio_path", "/socket.io"),
        )

    def url_prefix(self) -> Text:
        # Rasa joins this onto /webhooks/; an absolute path puts the page at
        # /chat/, the address people are given.
        return "/chat"

    def get_output_channel(self) -> Optional[WebUitvoer]:
        if self.sio is None:
            return None
        return WebUitvoer(self.sio, self.bot_message_evt)

    # -- the socket ---------------------------------------------------------

    def _socket(self, sio: AsyncServer,
                on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        sessies: Dict[str, str] = {}  # socket id -> conversation id

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict,
                          auth: Optional[Dict] = None) -> bool:
            if origin_toegestaan(environ.get("HTTP_ORIGIN"), environ):
                return True
            logger.warning("webchat: verbinding vanaf een andere origin geweigerd")
            return False

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            sessies.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict] = None) -> None:
            data = data if isinstance(data, dict) else {}
            gevraagd = str(data.get("session_id") or "")
            if GESPREK_ID.match(gevraagd) and sleutels.klopt(
                    gevraagd, str(data.get("sleutel") or "")):
                gesprek, nieuw = gevraagd, False
            else:
                # Unknown, expired key or first visit: a fresh conversation.
                gesprek, nieuw = uuid.uuid4().hex, True
            vorige = sessies.get(sid)
            if vorige and vorige != gesprek:
                # A wiped conversation's late replies must not reach the new one.
                await _wacht(sio.leave_room(sid, vorige, namespace=self.namespace))
            sessies[sid] = gesprek
            await _wacht(sio.enter_room(sid, gesprek, namespace=self.namespace))
            await sio.emit("session_confirm", gesprek, room=sid,
                           namespace=self.namespace)
            await sio.emit("deelwijzer_sessie", {
                "session_id": gesprek,
                "sleutel": sleutels.sleutel(gesprek),
                "nieuw": nieuw,
                "formaten": [{"extensie": f.extensie, "naam": f.naam}
                             for f in verslag.formaten().values()],
            }, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Optional[Dict] = None) -> None:
            data = data if isinstance(data, dict) else {}
            gesprek = sessies.get(sid)
            if gesprek is None:
                # A message buffered during a reconnect can arrive before the
                # page has asked for its session again: accept it with its key.
                gevraagd = str(data.get("session_id") or "")
                if not sleutels.klopt(gevraagd, str(data.get("sleutel") or "")):
                    logger.warning("webbericht zonder geldige sessie genegeerd")
                    return
                gesprek = sessies[sid] = gevraagd
                await _wacht(sio.enter_room(sid, gesprek, namespace=self.namespace))
            # An empty message goes to the assistant too: it answers it in
            # Dutch, as over REST, instead of leaving the sender in silence.
            tekst = str(data.get("message") or "")[:MAX_TEKST]
            await on_new_message(UserMessage(
                tekst, WebUitvoer(sio, self.bot_message_evt), gesprek,
                input_channel=self.name(),
            ))

    # -- HTTP ---------------------------------------------------------------

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        # engine.io adds no CORS headers: Rasa's --cors (Sanic-CORS) does, for
        # every route; two would void each other. The origin is checked on
        # connect instead.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        self.sio = sio
        bp = SocketBlueprint(sio, self.socketio_path, "deelwijzer_web", __name__)
        self._socket(sio, on_new_message)

        @bp.route("/", methods=["GET"])
        async def pagina(request: Request) -> HTTPResponse:
            return _bestand(WIDGET / "index.html", "text/html; charset=utf-8")

        @bp.route("/static/<naam:path>", methods=["GET"])
        async def statisch(request: Request, naam: str) -> HTTPResponse:
            if naam not in STATISCH:
                return response.text(NIET_GEVONDEN, status=404, headers=VEILIGHEID)
            return _bestand(WIDGET / naam, STATISCH[naam])

        @bp.route("/gesprek", methods=["GET"])
        async def gesprek(request: Request) -> HTTPResponse:
            gesprek_id = _toegestaan(request)
            if gesprek_id is None:
                return response.json({"fout": NIET_GEVONDEN}, status=404,
                                     headers=VEILIGHEID)
            tracker = await _tracker(request, gesprek_id)
            return response.json({"berichten": verslag.geschiedenis(tracker)},
                                 headers=VEILIGHEID, dumps=verslag.als_json)

        @bp.route("/verslag/<extensie:str>", methods=["GET"])
        async def download(request: Request, extensie: str) -> HTTPResponse:
            formaat = verslag.formaten().get(extensie)
            gesprek_id = _toegestaan(request)
            # One answer for a wrong key and for an unknown conversation, so
            # a key check cannot be used to learn which conversations exist.
            if formaat is None or gesprek_id is None:
                return response.text(NIET_GEVONDEN, status=404, headers=VEILIGHEID)
            document = await verslag.document(
                gesprek_id, request.app.ctx.agent.tracker_store)
            if document is None:
                return response.text(
                    "Er is nog geen verslag: doorloop eerst een stappenplan.",
                    status=404, headers=VEILIGHEID)
            # A PDF can take a moment to lay out; keep the server answering.
            inhoud = await asyncio.get_running_loop().run_in_executor(
                None, formaat.maak, document)
            return response.raw(inhoud, content_type=formaat.mime, headers={
                **VEILIGHEID,
                "Content-Disposition": 'attachment; filename="{}"'.format(
                    verslag.bestandsnaam(gesprek_id, formaat)),
            })

        return bp


def origin_toegestaan(origin: Optional[str], environ: Dict[str, Any]) -> bool:
    """Whether a page from ``origin`` may open the socket. Browsers apply no
    CORS to a WebSocket, so the socket checks the page's Origin itself: this
    server's own address as the browser reached it (also behind a proxy that
    passes Host, or X-Forwarded-Host and -Proto) and the origins Rasa's
    --cors allows (``DEELWIJZER_CORS_ORIGINS``). A client that sends no Origin
    is no browser page and is not asked."""
    if not origin:
        return True
    host = environ.get("HTTP_X_FORWARDED_HOST") or environ.get("HTTP_HOST", "")
    schema = environ.get("HTTP_X_FORWARDED_PROTO") or environ.get(
        "wsgi.url_scheme", "http")
    eigen = f"{schema.split(',')[0].strip()}://{host.split(',')[0].strip()}"
    return origin == eigen or origin in instellingen().cors_origins(
        kanaal_instellingen().publieke_url)


async def _wacht(uitkomst: Any) -> None:
    """In the python-socketio Rasa installs (5.18) room changes are coroutines;
    Rasa 3.6 calls them without await, so its socket.io channel never enters
    the room and, with session persistence, no reply arrives."""
    if inspect.isawaitable(uitkomst):
        await uitkomst


def _toegestaan(request: Request) -> Optional[str]:
    gesprek_id = request.args.get("gesprek", "")
    if sleutels.klopt(gesprek_id, request.args.get("sleutel", "")):
        return gesprek_id
    return None


async def _tracker(request: Request, gesprek_id: str) -> Any:
    return await request.app.ctx.agent.tracker_store.retrieve_full_tracker(gesprek_id)


def _bestand(pad: Path, mime: str) -> HTTPResponse:
    if not pad.is_file():
        # The vendored socket.io client is missing when `npm ci` in web/ did
        # not run; say so instead of serving a page that silently fails.
        logger.error("webbestand ontbreekt: %s (draai ./deelwijzer opnieuw)", pad.name)
        return response.text(
            "De webchat is niet geïnstalleerd. Start Deelwijzer met ./deelwijzer "
            "start; die installeert de bestanden (npm ci in web/).",
            status=503, headers=VEILIGHEID)
    # The page and its scripts change with a release: revalidate, never stale.
    headers = {**VEILIGHEID, "Cache-Control": "no-cache"}
    return response.raw(pad.read_bytes(), content_type=mime, headers=headers)
