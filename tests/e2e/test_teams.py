"""Teams end to end, without Microsoft: real activity JSON, signed by a local
stand-in for the Bot Framework (tests/channels/nabootsing.py), posted to the
real Rasa server's webhook; the stand-in's connector records the replies."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Dict, Iterator, List
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from bot.settings import PROJECT
from tests.channels.nabootsing import APP_ID, TENANT, BotFrameworkNabootsing

pytestmark = pytest.mark.e2e

OPENING = ("<at>Deelwijzer</at> mijn cliënt heeft een mes en zegt dat hij zijn ex "
           "iets gaat aandoen, mag ik de politie bellen?")


@pytest.fixture(scope="module")
def bf(botframework_poort) -> Iterator[BotFrameworkNabootsing]:
    nabootsing = BotFrameworkNabootsing(botframework_poort).start()
    try:
        yield nabootsing
    finally:
        nabootsing.stop()


@pytest.fixture
def conversatie() -> str:
    return f"19:fictief-{uuid.uuid4().hex[:12]}@thread.v2"


def teksten(activiteiten: List[Dict]) -> List[str]:
    return [a.get("text") or "" for a in activiteiten]


def knoppen(activiteit: Dict) -> List[Dict]:
    return [k for bijlage in activiteit.get("attachments") or []
            for k in bijlage["content"].get("buttons") or []]


class Teams:
    """One Teams conversation: say something, wait for the reply that says
    what is expected; replies are read in the order they were delivered."""

    def __init__(self, bf: BotFrameworkNabootsing, rasa_url: str, conversatie: str):
        self.bf, self.rasa_url, self.conversatie = bf, rasa_url, conversatie
        # The connector's path, as the stand-in decoded it.
        self.pad = conversatie
        self.gezien = 0

    def stuur(self, tekst: str, **velden) -> None:
        antwoord = self.bf.stuur(self.rasa_url,
                                 self.bf.activiteit(self.conversatie, tekst, **velden))
        assert antwoord.status_code == 200, antwoord.text

    def tot(self, verwacht: str) -> List[Dict]:
        nieuw = self.bf.wacht_op(self.pad, self.gezien, verwacht)
        self.gezien += len(nieuw)
        return nieuw

    def zeg(self, tekst: str, verwacht: str, **velden) -> List[Dict]:
        self.stuur(tekst, **velden)
        return self.tot(verwacht)

    def druk(self, activiteit: Dict, titel: str, verwacht: str) -> List[Dict]:
        """Press a card button as Teams does for messageBack."""
        knop = next(k for k in knoppen(activiteit) if k["title"] == titel)
        assert knop["type"] == "messageBack"
        return self.zeg(knop["text"], verwacht, value=knop["value"],
                        van="29:1fictieve-gebruiker-b")


def test_a_group_chat_walks_the_care_plan_with_buttons_and_gets_a_link(
        bf, assistent, conversatie):
    teams = Teams(bf, assistent, conversatie)
    eerste = teams.zeg(OPENING, "Gaat het om")
    alles = "\n".join(teksten(eerste))
    # In order, each awaited: support line, the plan, the first question.
    assert alles.index("ondersteun uw eigen") < alles.index("We volgen het") \
        < alles.index("Stap 1 van 4")
    vraag = eerste[-1]
    assert vraag["text"].startswith("Stap 1 van 4 — Aangifte\n\nGaat het om")
    assert vraag["textFormat"] == "markdown"
    assert [k["title"] for k in knoppen(vraag)][-1] == "Weet ik niet"
    assert all(a["replyToId"] for a in eerste)
    assert all(a["from"]["id"] == f"28:{APP_ID}" for a in eerste)
    # The token came from the app's own tenant, not botframework.com.
    assert set(bf.tenants) == {TENANT}

    # Another member of the chat answers: the same consultation goes on.
    stap2 = teams.druk(vraag, "Nee, er is (nog) geen strafbaar feit gepleegd",
                       "Stap 2 van 4")[-1]

    # The connector fails once: the reply is retried and arrives once.
    pogingen = len(bf.pogingen)
    bf.fouten.append(503)
    stap3 = teams.druk(stap2, "Andere hulpverlener (maatschappelijk werk, wijkteam, "
                              "gezinscoach, jongerenwerk)", "toestemming gegeven")
    assert bf.pogingen[pogingen:pogingen + 2] == ["503", "200"]
    assert len(stap3) == 1

    # Two messages right after one another: replies in the order asked.
    teams.stuur("/ontkennen")
    teams.stuur("/ontkennen")
    twee = "\n".join(teksten(teams.tot("meldrecht")))
    assert "wettelijk verplicht" in twee
    assert twee.index("wettelijk verplicht") < twee.index("meldrecht")

    for payload, verwacht in [
        ('/kies{"optie":"geen"}', "gewetensnood"),
        ("/bevestigen", "ernstige schade"),
        ("/bevestigen", "geprobeerd toestemming"),
        ('/kies{"optie":"onveilig"}', "vrijwel zeker"),
        ("/bevestigen", "enige manier"),
        ("/bevestigen", "Stap 4 van 4"),
        ("/bevestigen", "verhouding"),
        ("/bevestigen", "minst ingrijpende"),
        ("/bevestigen", "alleen de gegevens die nodig zijn"),
    ]:
        teams.zeg(payload, verwacht)
    slot = "\n".join(teksten(teams.zeg("/bevestigen", "Met welk doel")))
    # The opening asked about the police: the outcome says it is for them.
    assert "Uitkomst voor het delen met de politie — " in slot
    assert "art. 272 Sr" in slot
    assert "https://wetten.overheid.nl/" in slot

    for tekst in ["Voorkomen dat de ex wordt aangevallen.",
                  "Dat hij een mes heeft en dreigt; alleen dat.",
                  "De dreiging is concreet en ernstig.",
                  "Een gesprek met de cliënt maakt het gevaarlijker."]:
        teams.zeg(tekst, "?")
    teams.zeg("Vragen zou de ex in gevaar brengen.", "Wat wilt u nu doen")

    verslag = teams.zeg("<at>Deelwijzer</at> geef me het verslag",
                        "Download uw vastlegging")
    # A link, not the whole record as a chat message.
    assert "## Vragen en antwoorden" not in "\n".join(teksten(verslag))
    link = verslag[-1]
    urls = {k["title"]: k["value"] for k in knoppen(link)}
    assert urls and all(k["type"] == "openUrl" for k in knoppen(link))
    pdf_url = urls["Verslag (PDF)"]
    assert pdf_url.startswith(f"{assistent}/chat/verslag/pdf?")
    assert parse_qs(urlparse(pdf_url).query)["gesprek"] == [f"teams:{conversatie}"]
    pdf = requests.get(pdf_url, timeout=120)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    markdown = requests.get(urls["Verslag (Markdown)"], timeout=120)
    assert markdown.status_code == 200 and "art. 272 Sr" in markdown.text
    vals = pdf_url.replace("sleutel=", "sleutel=0")
    assert requests.get(vals, timeout=60).status_code == 404


def test_a_reply_that_cannot_be_delivered_is_logged_and_the_next_turn_works(
        bf, assistent, conversatie):
    teams = Teams(bf, assistent, conversatie)
    pogingen = len(bf.pogingen)
    bf.fouten.extend([500, 500, 500])
    teams.stuur(OPENING)
    # The next turn is sent once the failed one gave up (turns are serial).
    volgende = teams.zeg("/weet_niet", "")
    assert bf.pogingen[pogingen:pogingen + 3] == ["500", "500", "500"]
    # Nothing of the failed turn arrived after it was given up.
    assert "ondersteun uw eigen" not in volgende[0]["text"]
    # Reported in the log by a hash of the conversation, never its id.
    hash_ = hashlib.sha256(f"teams:{conversatie}".encode()).hexdigest()[:12]
    log = (PROJECT / "var" / "log" / "rasa.log").read_text(encoding="utf-8",
                                                            errors="replace")
    assert f"Teams-antwoord niet afgeleverd (gesprek {hash_})" in log


@pytest.mark.parametrize("geval", ["zonder", "vreemde_sleutel", "andere_service",
                                   "ander_publiek"])
def test_an_activity_not_signed_by_the_bot_framework_is_refused(
        bf, assistent, conversatie, geval):
    activiteit = bf.activiteit(conversatie, "hallo")
    kop = {
        "zonder": "",
        "vreemde_sleutel": "Bearer " + BotFrameworkNabootsing(0).token(),
        # A token for another service URL must not make the bot send its
        # access token there.
        "andere_service": "Bearer " + bf.token(serviceUrl="http://127.0.0.1:9/"),
        "ander_publiek": "Bearer " + bf.token(aud="een-andere-bot"),
    }[geval]
    antwoord = requests.post(f"{assistent}/webhooks/botframework/webhook",
                             data=json.dumps(activiteit), timeout=30,
                             headers={"Authorization": kop,
                                      "Content-Type": "application/json"})
    assert antwoord.status_code == 401
    assert not bf.van(conversatie)
