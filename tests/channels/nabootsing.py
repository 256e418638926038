"""A stand-in for Microsoft's side of a Teams bot, on loopback: the Entra ID
token endpoint (per tenant), the Bot Framework's OpenID metadata and signing
keys, and the connector that receives the bot's replies.

The tests post real activity JSON, signed with this stand-in's key, to the
Rasa server's webhook, and read the replies the connector recorded. Nothing
here talks to Microsoft.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from typing import Any, Dict, List, Optional

import jwt
import requests
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

# Invented registration: these ids belong to no real tenant or app.
APP_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
WACHTWOORD = "nabootsing-geheim-niet-echt"
TENANT = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
TOKEN = "nabootsing-toegangstoken"
KID = "nabootsing-sleutel-1"


def omgeving(poort: int) -> Dict[str, str]:
    """Settings that point the Rasa server's Teams channel at the stand-in."""
    basis = f"http://127.0.0.1:{poort}"
    return {
        "DEELWIJZER_TEAMS_APP_ID": APP_ID,
        "DEELWIJZER_TEAMS_APP_WACHTWOORD": WACHTWOORD,
        "DEELWIJZER_TEAMS_TENANT_ID": TENANT,
        "DEELWIJZER_TEAMS_LOGIN_URL": basis,
        "DEELWIJZER_TEAMS_OPENID_URL": f"{basis}/openid",
    }


class BotFrameworkNabootsing:
    def __init__(self, poort: int) -> None:
        self.poort = poort
        self.basis = f"http://127.0.0.1:{poort}"
        self.service_url = f"{self.basis}/"
        self.sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = RSAAlgorithm.to_jwk(self.sleutel.public_key(), as_dict=True)
        self.jwk = {**jwk, "kid": KID, "use": "sig", "endorsements": ["msteams"]}
        self.ontvangen: List[Dict[str, Any]] = []  # delivered replies, in order
        self.pogingen: List[str] = []  # every connector request: "200", "503", ...
        self.tenants: List[str] = []  # tenants tokens were asked from
        self.fouten: List[int] = []  # statuses to answer the next requests with
        self._conditie = threading.Condition()
        self._loop = asyncio.new_event_loop()
        self._draad = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: Optional[web.AppRunner] = None

    # -- the server ---------------------------------------------------------

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/openid", self._openid)
        app.router.add_get("/keys", self._keys)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_post("/v3/conversations/{conversatie}/activities",
                            self._activiteit)
        app.router.add_post("/v3/conversations/{conversatie}/activities/{antwoord_op}",
                            self._activiteit)
        return app

    async def _openid(self, request: web.Request) -> web.Response:
        return web.json_response({"issuer": "https://api.botframework.com",
                                  "jwks_uri": f"{self.basis}/keys"})

    async def _keys(self, request: web.Request) -> web.Response:
        return web.json_response({"keys": [self.jwk]})

    async def _token(self, request: web.Request) -> web.Response:
        form = await request.post()
        with self._conditie:
            self.tenants.append(request.match_info["tenant"])
        if (form.get("client_id"), form.get("client_secret")) != (APP_ID, WACHTWOORD) \
                or form.get("grant_type") != "client_credentials" \
                or form.get("scope") != "https://api.botframework.com/.default":
            return web.json_response({"error": "invalid_client"}, status=401)
        return web.json_response({"token_type": "Bearer", "expires_in": 3599,
                                  "access_token": TOKEN})

    async def _activiteit(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return web.json_response({"error": "Unauthorized"}, status=401)
        activiteit = await request.json()
        with self._conditie:
            if self.fouten:
                status = self.fouten.pop(0)
                self.pogingen.append(str(status))
                return web.json_response({"error": "nagebootst"}, status=status)
            self.pogingen.append("200")
            self.ontvangen.append({
                "conversatie": request.match_info["conversatie"],
                "antwoord_op": request.match_info.get("antwoord_op"),
                **activiteit,
            })
            self._conditie.notify_all()
        return web.json_response({"id": uuid.uuid4().hex})

    def start(self) -> "BotFrameworkNabootsing":
        self._draad.start()

        async def op() -> None:
            self._runner = web.AppRunner(self._app())
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", self.poort).start()

        asyncio.run_coroutine_threadsafe(op(), self._loop).result(timeout=30)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(),
                                             self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._draad.join(timeout=30)

    # -- what a test does ---------------------------------------------------

    def token(self, **anders: Any) -> str:
        nu = int(time.time())
        claims = {"iss": "https://api.botframework.com", "aud": APP_ID,
                  "nbf": nu - 10, "exp": nu + 600, "serviceUrl": self.service_url,
                  **anders}
        return jwt.encode(claims, self.sleutel, algorithm="RS256",
                          headers={"kid": KID})

    def activiteit(self, conversatie: str, tekst: str, *,
                   van: str = "29:1fictieve-gebruiker-a",
                   **velden: Any) -> Dict[str, Any]:
        """A message as Teams sends it, in a group chat with an @mention."""
        return {
            "type": "message",
            "id": str(int(time.time() * 1000)) + uuid.uuid4().hex[:4],
            "timestamp": "2026-12-03T10:00:00.000Z",
            "serviceUrl": self.service_url,
            "channelId": "msteams",
            "from": {"id": van, "name": "Fictieve Gebruiker"},
            "conversation": {"id": conversatie, "conversationType": "groupChat",
                             "isGroup": True, "tenantId": TENANT},
            "recipient": {"id": f"28:{APP_ID}", "name": "Deelwijzer"},
            "text": tekst,
            "textFormat": "plain",
            "locale": "nl-NL",
            "channelData": {"tenant": {"id": TENANT}},
            **velden,
        }

    def stuur(self, rasa_url: str, activiteit: Dict[str, Any],
              token: Optional[str] = None) -> requests.Response:
        return requests.post(
            f"{rasa_url}/webhooks/botframework/webhook", json=activiteit,
            headers={"Authorization": f"Bearer {token or self.token()}"}, timeout=30)

    def van(self, conversatie: str) -> List[Dict[str, Any]]:
        with self._conditie:
            return [a for a in self.ontvangen if a["conversatie"] == conversatie]

    def wacht_op(self, conversatie: str, vanaf: int, tekst: str,
                 seconden: float = 90) -> List[Dict]:
        """The replies in this conversation from number ``vanaf`` up to and
        including the first that contains ``tekst`` (bounded wait)."""
        einde = time.monotonic() + seconden
        with self._conditie:
            while True:
                lijst = [a for a in self.ontvangen if a["conversatie"] == conversatie]
                for i in range(vanaf, len(lijst)):
                    if tekst in (lijst[i].get("text") or ""):
                        return lijst[vanaf:i + 1]
                rest = einde - time.monotonic()
                if rest <= 0:
                    raise AssertionError(
                        f"geen antwoord met {tekst!r}: {lijst[vanaf:]}")
                self._conditie.wait(rest)

    def wacht(self, conversatie: str, aantal: int, seconden: float = 90) -> List[Dict]:
        """The first ``aantal`` replies in this conversation; fails when they
        do not come within ``seconden`` (a bound, not a timing assertion)."""
        einde = time.monotonic() + seconden
        with self._conditie:
            while True:
                lijst = [a for a in self.ontvangen if a["conversatie"] == conversatie]
                if len(lijst) >= aantal:
                    return lijst
                rest = einde - time.monotonic()
                if rest <= 0:
                    raise AssertionError(
                        f"{len(lijst)} van {aantal} antwoorden ontvangen: {lijst}")
                self._conditie.wait(rest)
