"""Rasa's REST channel, behind a token when the server is reachable from
other machines.

Rasa's ``--auth-token`` protects its HTTP API, not the channel webhooks, so
anyone who reaches ``/webhooks/rest/webhook`` could talk to, and read the
replies of, any conversation whose id they know or guess. On loopback only
this machine can; on any other interface this channel asks for
``Authorization: Bearer <DEELWIJZER_REST_TOKEN>`` and refuses to start
without a token. A token that is set is asked for on loopback too.

A body that is not a JSON object in UTF-8 gets a Dutch JSON error (400) from
this channel, instead of Sanic's English one or, for an empty body or a JSON
list, a 500 from deep inside Rasa's channel.

Shortcoming: when handling a message raises anything that the server guards
(bot/storing.py, bot/opslag/onbereikbaar.py) do not catch, Rasa's own
``receive`` logs the error with the user's text ("rest.message.received.
failure") and answers an empty list.
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


def verzoek_fout(lichaam: bytes) -> Optional[str]:
    """Why a webhook body cannot be handled (Dutch), or None when it can."""
    try:
        gegevens = json.loads(lichaam.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ONLEESBAAR
    if not isinstance(gegevens, dict):
        return ONLEESBAAR
    for veld in ("sender", "message"):
        if veld in gegevens and not isinstance(gegevens[veld], str):
            return f"Het veld '{veld}' moet tekst zijn."
    return None


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
            if not self.toegestaan(request):
                return response.json({"fout": "token ontbreekt of klopt niet"},
                                     status=401, headers={"WWW-Authenticate": "Bearer"})
            fout = verzoek_fout(request.body)
            if fout:
                # Nothing of the body is logged: it may hold the user's words.
                logger.warning("REST-verzoek geweigerd (400): onleesbare inhoud")
                return response.json({"fout": fout}, status=400)
            return None

        return bp
