"""Rasa's REST channel, behind a token when the server is reachable from
other machines.

Rasa's ``--auth-token`` protects its HTTP API, not the channel webhooks, so
anyone who reaches ``/webhooks/rest/webhook`` could talk to, and read the
replies of, any conversation whose id they know or guess. On loopback only
this machine can; on any other interface this channel asks for
``Authorization: Bearer <DEELWIJZER_REST_TOKEN>`` and refuses to start
without a token. A token that is set is asked for on loopback too.

A body that is not a JSON object in UTF-8, or one without a conversation id
(``sender``, a non-empty string) or without a ``message`` string, gets a Dutch
JSON error (400) from this channel, instead of Sanic's English one, a 500 from
deep inside Rasa's channel, an empty answer with a stack trace in the log (no
message), or a place in one conversation shared by everyone ("default", no
sender). An empty message is fine: the assistant answers that itself.

Cross-site writes: a web page on another site can make a browser POST here
without a CORS preflight when the body is ``text/plain`` or a form. CORS only
stops the page reading the answer, not the message being handled. So a POST
must say ``Content-Type: application/json`` (415 otherwise), which a browser
only sends cross-site after a preflight that CORS refuses; and a POST that
carries an ``Origin`` outside the CORS origins (``DEELWIJZER_CORS_ORIGINS``)
is refused (403). Clients that are no browser page send no Origin.

Shortcoming: when handling a message raises anything that the server guards
(bot/storing.py, bot/opslag/onbereikbaar.py) do not catch, Rasa's own
``receive`` logs the error with the user's text ("rest.message.received.
failure") and answers an empty list.

Not ours, left as is: a CORS preflight (OPTIONS) never reaches this channel.
The webhook route takes only POST, so Sanic-CORS answers the preflight from
Sanic's error handler; when the client sent ``Content-Length: 0`` (Python's
requests does, browsers do not) Sanic 21.12 then logs "[ERROR] <Request:
OPTIONS /webhooks/rest/webhook> body not consumed." The answer itself is
right (tests/e2e/test_cors.py).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import instellingen, kanaal_instellingen

logger = logging.getLogger(__name__)

ONLEESBAAR = ("Het verzoek is niet te lezen: stuur een JSON-object in UTF-8, "
              'zoals {"sender": "gesprek-1", "message": "Mag ik dit delen?"}.')


GEEN_AFZENDER = ("Het veld 'sender' moet tekst zijn die het gesprek aanduidt, "
                 'niet leeg, zoals "gesprek-1".')
GEEN_BERICHT = ("Het veld 'message' moet tekst zijn: het bericht aan de assistent "
                "(leeg mag).")
GEEN_JSON = ("Stuur het verzoek als JSON, met de kop 'Content-Type: "
             "application/json'.")
ANDERE_SITE = ("Dit verzoek komt van een webpagina die deze assistent niet mag "
               "gebruiken.")


def verzoek_fout(lichaam: bytes) -> Optional[str]:
    """Why a webhook body cannot be handled (Dutch), or None when it can."""
    try:
        gegevens = json.loads(lichaam.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ONLEESBAAR
    if not isinstance(gegevens, dict):
        return ONLEESBAAR
    afzender = gegevens.get("sender")
    if not isinstance(afzender, str) or not afzender.strip():
        return GEEN_AFZENDER
    if not isinstance(gegevens.get("message"), str):
        return GEEN_BERICHT
    return None


def is_json(content_type: str) -> bool:
    """``application/json``, with or without parameters such as charset."""
    return content_type.split(";", 1)[0].strip().lower() == "application/json"


def origin_toegestaan(origin: Optional[str]) -> bool:
    """No Origin (no browser page), or one of the origins CORS allows. In the
    Rasa server ``DEELWIJZER_CORS_ORIGINS`` holds exactly what ``--cors`` got
    (bot/runtime.py), so this channel and the CORS headers agree."""
    if origin is None:
        return True
    toegestaan = instellingen().cors_origins(kanaal_instellingen().publieke_url)
    return "*" in toegestaan or origin.rstrip("/") in toegestaan


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class BeveiligdeRest(RestInput):
    """In credentials.yml as ``bot.channels.rest.BeveiligdeRest``."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(
        cls, credentials: Optional[Dict[Text, Any]]
    ) -> "BeveiligdeRest":
        return cls(kanaal_instellingen().rest_token, instellingen().rasa_host)

    def __init__(self, token: str = "", host: str = "127.0.0.1") -> None:
        if not token and not is_loopback(host):
            raise ValueError(
                f"De Rasa-server luistert op {host}, niet alleen op deze machine: "
                "zet DEELWIJZER_REST_TOKEN in .env (bijv. de uitvoer van "
                "'openssl rand -hex 32'), of DEELWIJZER_RASA_HOST=127.0.0.1.")
        self.token = token

    def toegestaan(self, request: Request) -> bool:
        if not self.token:
            return True
        kop = request.headers.get("Authorization", "")
        gegeven = kop[len("Bearer "):].strip() if kop.startswith("Bearer ") else ""
        return hmac.compare_digest(gegeven.encode("utf-8"), self.token.encode("utf-8"))

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> Blueprint:
        bp = super().blueprint(on_new_message)

        @bp.middleware("request")
        async def controleer(request: Request) -> Optional[HTTPResponse]:
            if request.method == "GET":
                return None  # the health check; it reveals nothing
            if not origin_toegestaan(request.headers.get("Origin")):
                logger.warning("REST-verzoek geweigerd (403): pagina van een andere "
                               "origin")
                return response.json({"fout": ANDERE_SITE}, status=403)
            if not self.toegestaan(request):
                return response.json({"fout": "token ontbreekt of klopt niet"},
                                     status=401, headers={"WWW-Authenticate": "Bearer"})
            if not is_json(request.headers.get("Content-Type", "")):
                logger.warning("REST-verzoek geweigerd (415): geen JSON")
                return response.json({"fout": GEEN_JSON}, status=415)
            fout = verzoek_fout(request.body)
            if fout:
                # Nothing of the body is logged: it may hold the user's words.
                logger.warning("REST-verzoek geweigerd (400): onleesbare of "
                               "onvolledige inhoud")
                return response.json({"fout": fout}, status=400)
            return None

        return bp
