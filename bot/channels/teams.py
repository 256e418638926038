"""Microsoft Teams through the Bot Framework, on Rasa's botframework channel.

In credentials.yml as ``bot.channels.teams.TeamsKanaal``; the webhook stays
``/webhooks/botframework/webhook``. Settings (app id, password, tenant id)
come from ``.env`` through ``bot.settings.kanaal_instellingen``, never from
credentials.yml, which is committed.

What Rasa 3.6's ``BotFrameworkInput`` does that does not work for Teams, and
what this channel does instead:

- Tokens come from the ``botframework.com`` tenant; new bots are registered
  single-tenant, and their token must come from their own tenant.
- Every message is a conversation of its own *user*; in a group chat or a
  channel the conversation is the Teams conversation, whoever speaks.
- ``<at>Deelwijzer</at>`` mentions stay in the text and confuse the NLU.
- Buttons are sent as Rasa's ``{"title", "payload"}``, which Teams does not
  understand as card actions.
- Replies are posted with blocking ``requests`` calls, failures are logged
  once and dropped, and the key set is fetched at start-up (a Rasa server
  without internet access does not start at all).
- The JWT is checked for audience only; the Bot Framework also requires the
  issuer, the ``serviceUrl`` claim (else a forged activity could send the
  bot's token to any address) and the key's endorsement for the channel.

Replies of one turn are collected and sent in order, one request after the
other, each awaited, with a bounded retry; turns of one conversation are
sent one after another. Shortcoming: that order holds within one Rasa
server. With several servers behind one address, two quick messages of one
conversation handled by different servers can interleave their replies.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
import re
import time
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple
from urllib.parse import quote, urlencode

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm
from rasa.core.channels.botframework import BotFrameworkInput
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import KanaalInstellingen, kanaal_instellingen
from bot.web import sleutel as sleutels
from bot.web.verslag import NAMEN

logger = logging.getLogger(__name__)

BOTFRAMEWORK_ISSUER = "https://api.botframework.com"
SCOPE = "https://api.botframework.com/.default"
# Clock skew the Bot Framework allows between its servers and ours.
SPELING = 300
# Teams refuses activities above about 28 KB; stay well below in characters.
MAX_TEKST = 4000
POGINGEN = 3
WACHTTIJDEN = (0.5, 1.5)
OPNIEUW_BIJ = {429, 500, 502, 503, 504}
VERLOOP_MARGE = 300

AT = re.compile(r"<at\b[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def schone_tekst(activiteit: Dict[str, Any]) -> str:
    """The user's words: mentions of the bot removed, HTML entities decoded.

    A button press arrives as ``value.deelwijzer`` (the payload), which is
    preferred over the text, which Teams may have shaped for display.
    """
    waarde = activiteit.get("value")
    if isinstance(waarde, dict) and isinstance(waarde.get("deelwijzer"), str):
        return waarde["deelwijzer"].strip()
    tekst = str(activiteit.get("text") or "")
    tekst = AT.sub(" ", tekst)
    tekst = TAG.sub(" ", tekst)
    return " ".join(html.unescape(tekst).split())


def teams_tekst(tekst: str) -> str:
    """Teams renders markdown and joins single lines into one paragraph: keep
    a line break as a paragraph break, except between list items."""
    regels = tekst.split("\n")
    uit: List[str] = []
    for i, regel in enumerate(regels):
        uit.append(regel)
        if i + 1 < len(regels):
            lijst = regels[i + 1].lstrip().startswith("- ") and (
                regel.lstrip().startswith("- ") or not regel.strip())
            uit.append("\n" if lijst else "\n\n")
    return "".join(uit).replace("\n\n\n\n", "\n\n")


def stukken(tekst: str, maximum: int = MAX_TEKST) -> List[str]:
    """A long text in parts of at most ``maximum`` characters, cut at
    paragraph, then line, then word boundaries."""
    delen: List[str] = []
    rest = tekst.strip()
    while len(rest) > maximum:
        knip = -1
        for scheiding in ("\n\n", "\n", " "):
            knip = rest.rfind(scheiding, 0, maximum)
            if knip > 0:
                break
        if knip <= 0:
            knip = maximum
        delen.append(rest[:knip].rstrip())
        rest = rest[knip:].lstrip()
    if rest:
        delen.append(rest)
    return delen


def kaartknop(knop: Dict[str, Any]) -> Dict[str, Any]:
    """A Rasa button as a Teams messageBack action: the title shows in the
    chat as the user's answer, the payload goes to the bot unseen."""
    titel = str(knop.get("title", ""))
    payload = str(knop.get("payload", titel))
    return {"type": "messageBack", "title": titel, "displayText": titel,
            "text": payload, "value": {"deelwijzer": payload}}


def verslag_links(publieke_url: str, gesprek_id: str,
                  formaten: List[str]) -> List[Tuple[str, str]]:
    basis = publieke_url.rstrip("/")
    query = urlencode({"gesprek": gesprek_id, "sleutel": sleutels.sleutel(gesprek_id)})
    return [(NAMEN.get(f, f.upper()), f"{basis}/chat/verslag/{f}?{query}")
            for f in formaten]


def _kort(gesprek_id: str) -> str:
    """A conversation in the log: a hash, never the Teams id."""
    return hashlib.sha256(gesprek_id.encode("utf-8")).hexdigest()[:12]


class AfleverFout(Exception):
    """A reply could not be delivered to the Bot Framework."""


class Verzamelaar(CollectingOutputChannel):
    @classmethod
    def name(cls) -> Text:
        # Rasa picks channel-specific responses by this name.
        return "botframework"

    async def send_text_message(
        self, recipient_id: Text, text: Text, **kwargs: Any
    ) -> None:
        # One message per text: Rasa's collector cuts texts at blank lines,
        # which sends an outcome apart from its articles and the record as
        # dozens of messages. Long texts are cut for Teams in ``stukken``.
        await self._persist_message(self._message(recipient_id, text=text))


class TeamsUitvoer:
    """Sends one turn's replies to one Teams conversation, in order."""

    _tokens: Dict[Tuple[str, str, str], Tuple[str, float]] = {}
    _token_slot: Optional[asyncio.Lock] = None

    def __init__(self, inst: KanaalInstellingen, sessie: aiohttp.ClientSession,
                 activiteit: Dict[str, Any], gesprek_id: str) -> None:
        self.inst = inst
        self.sessie = sessie
        self.activiteit = activiteit
        self.gesprek_id = gesprek_id
        service = str(activiteit["serviceUrl"]).rstrip("/")
        conversatie = quote(str(activiteit["conversation"]["id"]), safe="")
        self.url = f"{service}/v3/conversations/{conversatie}/activities"
        if activiteit.get("id"):
            self.url += "/" + quote(str(activiteit["id"]), safe="")

    # -- the token ----------------------------------------------------------

    def _token_sleutel(self) -> Tuple[str, str, str]:
        return (self.inst.teams_login_url, self.inst.teams_tenant_id,
                self.inst.teams_app_id)

    async def _token(self, vernieuw: bool = False) -> str:
        if TeamsUitvoer._token_slot is None:
            TeamsUitvoer._token_slot = asyncio.Lock()
        async with TeamsUitvoer._token_slot:
            sleutel = self._token_sleutel()
            bewaard = TeamsUitvoer._tokens.get(sleutel)
            if bewaard and not vernieuw and bewaard[1] > time.monotonic():
                return bewaard[0]
            # The app's own tenant: single-tenant bots get no token from the
            # botframework.com tenant Rasa uses.
            url = (f"{self.inst.teams_login_url.rstrip('/')}/"
                   f"{quote(self.inst.teams_tenant_id, safe='')}/oauth2/v2.0/token")
            async with self.sessie.post(url, data={
                "grant_type": "client_credentials",
                "client_id": self.inst.teams_app_id,
                "client_secret": self.inst.teams_app_wachtwoord,
                "scope": SCOPE,
            }) as antwoord:
                if antwoord.status != 200:
                    raise AfleverFout(
                        f"geen token van de tenant (HTTP {antwoord.status}): "
                        f"{(await antwoord.text())[:200]}")
                data = await antwoord.json()
            geldig = max(60, int(data.get("expires_in", 3600)) - VERLOOP_MARGE)
            TeamsUitvoer._tokens[sleutel] = (data["access_token"],
                                             time.monotonic() + geldig)
            return data["access_token"]

    # -- one activity -------------------------------------------------------

    async def _post(self, activiteit: Dict[str, Any]) -> None:
        """Deliver one activity; retry a few times on throttling, server
        errors and lost connections, once with a new token on 401."""
        vernieuw = False
        laatste = ""
        for poging in range(POGINGEN):
            if poging:
                await asyncio.sleep(WACHTTIJDEN[min(poging - 1, len(WACHTTIJDEN) - 1)])
            try:
                token = await self._token(vernieuw)
                async with self.sessie.post(
                        self.url, json=activiteit,
                        headers={"Authorization": f"Bearer {token}"}) as antwoord:
                    if antwoord.status < 300:
                        return
                    laatste = f"HTTP {antwoord.status}: {(await antwoord.text())[:200]}"
                    if antwoord.status == 401 and not vernieuw:
                        vernieuw = True
                        continue
                    if antwoord.status not in OPNIEUW_BIJ:
                        break
            except (aiohttp.ClientError, asyncio.TimeoutError) as fout:
                laatste = f"{fout.__class__.__name__}: {fout}"
            logger.warning("Teams-bericht niet afgeleverd (poging %d van %d, gesprek "
                           "%s): %s", poging + 1, POGINGEN, _kort(self.gesprek_id),
                           laatste)
        raise AfleverFout(laatste)

    def _activiteit(self, **velden: Any) -> Dict[str, Any]:
        return {
            "type": "message",
            "from": self.activiteit.get("recipient"),
            "recipient": self.activiteit.get("from"),
            "conversation": self.activiteit.get("conversation"),
            "replyToId": self.activiteit.get("id"),
            **velden,
        }

    # -- a turn ---------------------------------------------------------------

    def activiteiten(self, berichten: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Rasa's collected messages as Bot Framework activities, in order."""
        from bot.web.verslag import formaten

        uit: List[Dict[str, Any]] = []
        verslag = _verslag_markdown(berichten)
        for bericht in berichten:
            tekst = bericht.get("text") or ""
            if verslag is not None and _is_verslag(tekst, verslag):
                # The whole record as a chat message is unreadable in Teams:
                # the link to the download below replaces it.
                continue
            knoppen = bericht.get("buttons") or []
            delen = stukken(teams_tekst(tekst)) if tekst else []
            for i, deel in enumerate(delen):
                velden: Dict[str, Any] = {"text": deel, "textFormat": "markdown"}
                if knoppen and i == len(delen) - 1:
                    velden["attachments"] = [_kaart([kaartknop(k) for k in knoppen])]
                uit.append(self._activiteit(**velden))
            if knoppen and not delen:
                uit.append(self._activiteit(
                    attachments=[_kaart([kaartknop(k) for k in knoppen])]))
            if bericht.get("image"):
                uit.append(self._activiteit(attachments=[{
                    "contentType": "application/vnd.microsoft.card.hero",
                    "content": {"images": [{"url": bericht["image"]}]}}]))
            custom = bericht.get("custom") or {}
            if "deelwijzer_verslag" in custom:
                links = verslag_links(self.inst.publieke_url, self.gesprek_id,
                                      list(formaten()))
                regels = "\n".join(f"- [{naam}]({url})" for naam, url in links)
                uit.append(self._activiteit(
                    text=f"Download uw vastlegging:\n{regels}",
                    textFormat="markdown",
                    attachments=[_kaart([
                        {"type": "openUrl", "title": f"Verslag ({naam})", "value": url}
                        for naam, url in links[:2]])],
                ))
            # Other custom payloads (the outcome's citations) are for the web
            # chat; the outcome's text already names the articles with links.
        return uit

    async def verstuur(self, berichten: List[Dict[str, Any]]) -> int:
        """Send a turn's replies in order; stop at the first that cannot be
        delivered, so Teams never shows a later reply without an earlier one.
        Returns how many were delivered; the failure is logged as an error."""
        activiteiten = self.activiteiten(berichten)
        for nummer, activiteit in enumerate(activiteiten):
            try:
                await self._post(activiteit)
            except AfleverFout as fout:
                logger.error(
                    "Teams-antwoord niet afgeleverd (gesprek %s): %d van %d berichten "
                    "niet verstuurd. %s", _kort(self.gesprek_id),
                    len(activiteiten) - nummer, len(activiteiten), fout)
                return nummer
        return len(activiteiten)


def _kaart(knoppen: List[Dict[str, Any]]) -> Dict[str, Any]:
    # A hero card, not suggested actions: Teams shows suggested actions only
    # in one-to-one chats, and card buttons everywhere.
    return {"contentType": "application/vnd.microsoft.card.hero",
            "content": {"buttons": knoppen}}


def _is_verslag(tekst: str, verslag: str) -> bool:
    """Whether a text is the record in Markdown: equal, or (when the
    rendering differs in a detail, e.g. a date drawn up a second later) the
    same title line and about the same length."""
    tekst, verslag = tekst.strip(), verslag.strip()
    if tekst == verslag:
        return True
    eerste = verslag.split("\n", 1)[0]
    return bool(eerste) and tekst.split("\n", 1)[0] == eerste and \
        abs(len(tekst) - len(verslag)) < len(verslag) // 10


def _verslag_markdown(berichten: List[Dict[str, Any]]) -> Optional[str]:
    for bericht in berichten:
        verslag = (bericht.get("custom") or {}).get("deelwijzer_verslag")
        if not isinstance(verslag, dict):
            continue
        if verslag.get("formaat") == "md" and isinstance(verslag.get("inhoud"), str):
            return verslag["inhoud"]
        if isinstance(verslag.get("json"), dict):
            try:
                from bot.record import naar_markdown

                return naar_markdown(verslag["json"])
            except Exception:  # noqa: BLE001 - then the text is simply sent
                logger.debug("verslag niet opnieuw op te maken", exc_info=True)
    return None


class Sleutelbos:
    """The Bot Framework's signing keys, fetched when first needed and again
    daily or when a token names a key we do not have (at most every 5 min)."""

    def __init__(self, openid_url: str) -> None:
        self.openid_url = openid_url
        self.sleutels: Dict[str, Dict[str, Any]] = {}
        self.opgehaald = 0.0
        self.slot = asyncio.Lock()

    async def sleutel(self, sessie: aiohttp.ClientSession, kid: str) -> Dict[str, Any]:
        async with self.slot:
            leeftijd = time.monotonic() - self.opgehaald
            if leeftijd > 86400 or (kid not in self.sleutels and leeftijd > 300):
                async with sessie.get(self.openid_url) as antwoord:
                    antwoord.raise_for_status()
                    jwks_uri = (await antwoord.json())["jwks_uri"]
                async with sessie.get(jwks_uri) as antwoord:
                    antwoord.raise_for_status()
                    lijst = (await antwoord.json())["keys"]
                self.sleutels = {k["kid"]: k for k in lijst}
                self.opgehaald = time.monotonic()
        if kid not in self.sleutels:
            raise jwt.InvalidKeyError(f"onbekende sleutel {kid}")
        return self.sleutels[kid]


class TeamsKanaal(BotFrameworkInput):
    """The Bot Framework channel for Teams (see the module's docstring)."""

    @classmethod
    def name(cls) -> Text:
        return "botframework"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TeamsKanaal":
        return cls(kanaal_instellingen())

    def __init__(self, inst: KanaalInstellingen) -> None:  # noqa: D107
        # Rasa's constructor fetches the key set over the internet; do not.
        self.inst = inst
        self.app_id = inst.teams_app_id
        self.app_password = inst.teams_app_wachtwoord
        self.sleutelbos = Sleutelbos(inst.teams_openid_url)
        self._sessie: Optional[aiohttp.ClientSession] = None
        self._sloten: Dict[str, Tuple[asyncio.Lock, int]] = {}
        self._taken: set = set()
        if not self.ingesteld:
            logger.info("Teams niet ingesteld (DEELWIJZER_TEAMS_APP_ID, "
                        "..._WACHTWOORD, ..._TENANT_ID); de webhook weigert berichten")

    @property
    def ingesteld(self) -> bool:
        return bool(self.inst.teams_app_id and self.inst.teams_app_wachtwoord
                    and self.inst.teams_tenant_id)

    def sessie(self) -> aiohttp.ClientSession:
        if self._sessie is None or self._sessie.closed:
            self._sessie = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=30))
        return self._sessie

    # -- authentication -------------------------------------------------------

    async def controleer(self, kop: Optional[str],
                         activiteit: Dict[str, Any]) -> Optional[str]:
        """None when the request comes from the Bot Framework, else why not."""
        if not kop or not kop.startswith("Bearer "):
            return "geen Bearer-token"
        token = kop[len("Bearer "):].strip()
        try:
            kopregel = jwt.get_unverified_header(token)
            if kopregel.get("alg") != "RS256":
                return "onverwacht algoritme"
            jwk = await self.sleutelbos.sleutel(self.sessie(), str(kopregel.get("kid")))
            claims = jwt.decode(
                token, key=RSAAlgorithm.from_jwk(jwk), algorithms=["RS256"],
                audience=self.app_id, issuer=BOTFRAMEWORK_ISSUER, leeway=SPELING,
                options={"require": ["exp", "iss", "aud"]},
            )
        except (jwt.PyJWTError, aiohttp.ClientError, KeyError, ValueError) as fout:
            return f"token ongeldig: {fout.__class__.__name__}: {fout}"
        if claims.get("serviceUrl") != activiteit.get("serviceUrl"):
            return "serviceUrl van het token past niet bij de activiteit"
        bekrachtigd = jwk.get("endorsements")
        if bekrachtigd is not None and activiteit.get("channelId") not in bekrachtigd:
            return "sleutel niet bekrachtigd voor dit kanaal"
        return None

    # -- one conversation at a time -------------------------------------------

    async def _beurt(self, gesprek_id: str,
                     werk: Callable[[], Awaitable[None]]) -> None:
        slot, wachtend = self._sloten.get(gesprek_id, (asyncio.Lock(), 0))
        self._sloten[gesprek_id] = (slot, wachtend + 1)
        try:
            async with slot:
                await werk()
        finally:
            slot, wachtend = self._sloten[gesprek_id]
            if wachtend <= 1:
                del self._sloten[gesprek_id]
            else:
                self._sloten[gesprek_id] = (slot, wachtend - 1)

    async def _verwerk(self, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                       activiteit: Dict[str, Any], gesprek_id: str, tekst: str) -> None:
        async def werk() -> None:
            verzamelaar = Verzamelaar()
            try:
                await on_new_message(UserMessage(
                    tekst, verzamelaar, gesprek_id, input_channel=self.name()))
            except Exception:  # noqa: BLE001 - logged, and the user is told
                logger.exception("Teams-bericht niet verwerkt (gesprek %s)",
                                 _kort(gesprek_id))
                verzamelaar.messages.append({"text": (
                    "Er is een storing: ik kon uw bericht niet verwerken. Probeer "
                    "het over een paar minuten opnieuw.")})
            uitvoer = TeamsUitvoer(self.inst, self.sessie(), activiteit, gesprek_id)
            await uitvoer.verstuur(verzamelaar.messages)

        await self._beurt(gesprek_id, werk)

    def _start(self, coro: Awaitable[None]) -> None:
        taak = asyncio.ensure_future(coro)
        self._taken.add(taak)
        taak.add_done_callback(self._taken.discard)

    # -- the webhook ------------------------------------------------------------

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        bp = Blueprint("deelwijzer_teams", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json(
                {"status": "ok" if self.ingesteld else "niet ingesteld"})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.ingesteld:
                return response.text("Teams is niet ingesteld.", status=503)
            activiteit = request.json if isinstance(request.json, dict) else None
            if activiteit is None:
                return response.text("Geen activiteit.", status=400)
            reden = await self.controleer(request.headers.get("Authorization"),
                                          activiteit)
            if reden:
                logger.warning("Teams-verzoek geweigerd: %s", reden)
                return response.text("Niet toegestaan.", status=401)
            conversatie = activiteit.get("conversation") or {}
            if not conversatie.get("id") or not activiteit.get("serviceUrl"):
                return response.text("Activiteit zonder gesprek.", status=400)
            # One conversation per Teams conversation: in a group chat or a
            # channel thread everyone continues the same consultation.
            gesprek_id = f"teams:{conversatie['id']}"
            soort = activiteit.get("type")
            if soort == "message":
                tekst = schone_tekst(activiteit)
                if tekst:
                    self._start(self._verwerk(on_new_message, activiteit,
                                              gesprek_id, tekst))
            elif soort == "conversationUpdate" and _bot_toegevoegd(activiteit):
                if conversatie.get("conversationType", "personal") == "personal":
                    self._start(self._verwerk(on_new_message, activiteit,
                                              gesprek_id, "/begroeten"))
            # Answer at once: the Bot Framework retries a webhook that takes
            # longer than 15 seconds, which would run the turn twice.
            return response.text("", status=200)

        return bp


def _bot_toegevoegd(activiteit: Dict[str, Any]) -> bool:
    bot_id = (activiteit.get("recipient") or {}).get("id")
    return any(lid.get("id") == bot_id for lid in activiteit.get("membersAdded") or [])

