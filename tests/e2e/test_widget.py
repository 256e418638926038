"""The web chat in a real browser: headless Chromium driven by Playwright,
against the real Rasa server and action server on loopback.

Needs Chromium (Debian: ``apt-get install -y chromium``; installed here when
missing and the tests run as root, as in CI) and the socket.io client from
web/ (``npm ci``, run here when needed). Playwright's own browser download is
never used. Waits are bounded (``expect`` with a timeout), nothing is timed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import pytest
import requests

from bot.web import installeer, sleutel
from tests.e2e.conftest import Gesprek

pytestmark = pytest.mark.e2e
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright ontbreekt: pip install -e '.[test]'")
expect = sync_api.expect

ANTWOORD = 60_000  # ms: bound on waiting for the assistant's reply
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
OPENING = ("mijn cliënt heeft een mes en zegt dat hij zijn ex iets gaat aandoen, "
           "mag ik de politie bellen?")


def chromium() -> str:
    """The system's Chromium; installed with apt when missing and allowed."""
    pad = os.environ.get("DEELWIJZER_CHROMIUM") or shutil.which("chromium")
    if pad:
        return pad
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        omgeving = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for stap in (["apt-get", "install", "-y", "chromium"],
                     ["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
            subprocess.run(stap, env=omgeving, check=False, timeout=1200,
                           stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            if shutil.which("chromium"):
                return shutil.which("chromium")
    pytest.skip("Chromium ontbreekt; installeer het (Debian: apt-get install -y "
                "chromium) of zet DEELWIJZER_CHROMIUM")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    installeer.installeer()  # npm ci in web/ when package-lock.json changed
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def pagina(browser, assistent):
    context = browser.new_context(accept_downloads=True, locale="nl-NL")
    page = context.new_page()
    fouten = []
    page.on("pageerror", lambda fout: fouten.append(str(fout)))
    page.goto(f"{assistent}/chat/")
    yield page
    context.close()
    assert not fouten, f"JavaScript-fouten op de pagina: {fouten}"


def vraag(page, tekst: str) -> None:
    """Wait until the assistant asks a question containing ``tekst``, with
    its answer buttons."""
    expect(page.locator(".bericht.assistent").last).to_contain_text(tekst,
                                                                    timeout=ANTWOORD)
    expect(page.locator(".knoppen")).to_have_count(1, timeout=ANTWOORD)


def kies(page, titel: str) -> None:
    page.locator(".knoppen").last.get_by_role("button", name=titel, exact=True).click()


def zeg(page, tekst: str) -> None:
    page.get_by_label("Uw bericht").fill(tekst)
    page.keyboard.press("Enter")


def sessie(page) -> dict:
    return page.evaluate("JSON.parse(localStorage.getItem('deelwijzer.gesprek'))")


def download(page, formaat: str) -> bytes:
    if not page.locator("#verslag-menu").is_visible():
        page.get_by_role("button", name="Verslag downloaden", exact=True).click()
    with page.expect_download(timeout=ANTWOORD) as bestand:
        page.locator("#verslag-menu").get_by_role(
            "button", name=f"Verslag downloaden als {formaat}").click()
    return Path(bestand.value.path()).read_bytes()


def test_a_care_worker_reaches_an_outcome_and_downloads_the_record(pagina, assistent):
    page = pagina
    log = page.get_by_role("log", name="Gesprek met Deelwijzer")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log).to_contain_text("Ik ben Deelwijzer", timeout=ANTWOORD)

    # Keyboard only: type, Enter; answer buttons are reached with (Shift+)Tab.
    page.get_by_label("Uw bericht").focus()
    zeg(page, OPENING)
    vraag(page, "Gaat het om een strafbaar feit?")
    expect(page.locator("#voortgang")).to_have_text("Stap 1 van 4 — Aangifte")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.locator(":focus")).to_have_text(
        "Nee, er is (nog) geen strafbaar feit gepleegd")
    page.keyboard.press("Enter")
    vraag(page, "Welke beschrijving past bij u?")
    # After a button, focus moves to the next question's first answer.
    expect(page.locator(".knoppen button").first).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    vraag(page, "toestemming gegeven")
    expect(page.locator("#voortgang")).to_contain_text("Stap 3 van 4")

    # A reload in the middle: the same conversation, redrawn, continues.
    voor = sessie(page)
    page.reload()
    vraag(page, "toestemming gegeven")
    assert sessie(page) == voor
    expect(log).to_contain_text(OPENING)
    expect(log).to_contain_text("Andere hulpverlener")  # the clicked title
    expect(page.locator("#voortgang")).to_contain_text("Stap 3 van 4")
    kies(page, "Nee")
    vraag(page, "wettelijk verplicht")

    # A dropped connection: the page reconnects to the same conversation.
    page.context.set_offline(True)
    expect(page.locator("#status")).to_contain_text("verbroken", timeout=ANTWOORD)
    page.context.set_offline(False)
    expect(page.locator("#status")).to_contain_text("gaat verder", timeout=ANTWOORD)
    assert sessie(page) == voor

    for titel, volgende in [
        ("Nee", "meldrecht"),
        ("Nee, geen meldrecht", "gewetensnood"),
        ("Ja", "ernstige schade"),
        ("Ja", "geprobeerd toestemming"),
        ("Nee, vragen is niet veilig", "vrijwel zeker"),
        ("Ja", "enige manier"),
        ("Ja", "Stap 4 van 4"),
        ("Ja", "verhouding"),
        ("Ja", "minst ingrijpende"),
        ("Ja", "alleen de gegevens die nodig zijn"),
    ]:
        kies(page, titel)
        vraag(page, volgende)
    kies(page, "Ja")

    artikelen = page.locator(".kaart.artikelen")
    expect(artikelen).to_be_visible(timeout=ANTWOORD)
    links = artikelen.get_by_role("link")
    expect(links.first).to_be_visible()
    assert links.count() >= 3
    for i in range(links.count()):
        link = links.nth(i)
        # Dutch law on wetten.overheid.nl, the AVG on EUR-Lex.
        assert link.get_attribute("href").startswith(
            ("https://wetten.overheid.nl/", "https://eur-lex.europa.eu/"))
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in link.get_attribute("rel")
    sr_272 = artikelen.get_by_role("link", name="art. 272 Sr")
    expect(sr_272).to_have_count(1)
    assert sr_272.get_attribute("href").startswith(
        "https://wetten.overheid.nl/jci1.3:c:BWBR0001854&artikel=272")
    expect(log).to_contain_text("Met welk doel", timeout=ANTWOORD)

    # The weighing, in the professional's words. Markup is shown as text.
    motivaties = ["<img src=x onerror=alert(1)><b>Voorkomen</b> dat de ex wordt "
                  "aangevallen.",
                  "Dat hij een mes heeft en dreigt; alleen dat.",
                  "De dreiging is concreet en ernstig.",
                  "Een gesprek met de cliënt maakt het gevaarlijker.",
                  "Vragen zou de ex in gevaar brengen."]
    for nummer, tekst in enumerate(motivaties, start=2):
        zeg(page, tekst)
        expect(page.locator(".bericht.gebruiker").last).to_contain_text(tekst[-20:])
        expect(page.locator("#status")).to_have_text("Verbonden.", timeout=ANTWOORD)
    expect(log).to_contain_text("Wat wilt u nu doen", timeout=ANTWOORD)
    assert page.locator("#log img, #log b").count() == 0
    expect(page.locator(".bericht.gebruiker").filter(has_text="<b>Voorkomen</b>")
           ).to_have_count(1)

    # The record: PDF and Markdown, from the download action.
    pdf = download(page, "PDF")
    assert pdf.startswith(b"%PDF")
    markdown = download(page, "Markdown").decode("utf-8")
    assert "art. 272 Sr" in markdown
    assert "Stappenplan zorg- en hulpverleners" in markdown
    assert "onerror" not in markdown or "&lt;" in markdown or "\\<" in markdown

    # Asked for in the chat, the record comes with its download buttons too.
    zeg(page, "geef me het verslag")
    expect(page.locator(".kaart.verslag")).to_be_visible(timeout=ANTWOORD)


def test_the_record_is_only_given_with_the_key_of_its_own_conversation(
        pagina, assistent):
    page = pagina
    expect(page.locator(".bericht.assistent").first).to_contain_text(
        "Ik ben Deelwijzer", timeout=ANTWOORD)
    zeg(page, OPENING)
    vraag(page, "Gaat het om een strafbaar feit?")
    eigen = sessie(page)

    ander = Gesprek(assistent)
    ander.zeg("een patiënt heeft mij bedreigd, mag ik aangifte doen?")

    def haal(gesprek: str, sleutel_: str) -> requests.Response:
        query = urlencode({"gesprek": gesprek, "sleutel": sleutel_})
        return requests.get(f"{assistent}/chat/verslag/md?{query}", timeout=60)

    assert haal(eigen["session_id"], eigen["sleutel"]).status_code == 200
    assert haal(ander.id, sleutel.sleutel(ander.id)).status_code == 200
    # Another conversation's key, a made-up key, no key: all 404, alike.
    assert haal(ander.id, eigen["sleutel"]).status_code == 404
    assert haal(eigen["session_id"], uuid.uuid4().hex).status_code == 404
    assert requests.get(f"{assistent}/chat/verslag/md?gesprek={ander.id}",
                        timeout=60).status_code == 404
    geschiedenis = requests.get(f"{assistent}/chat/gesprek", timeout=60, params={
        "gesprek": ander.id, "sleutel": eigen["sleutel"]})
    assert geschiedenis.status_code == 404
    # A page cannot take over a conversation by naming its id.
    assert not sleutel.klopt(ander.id, eigen["sleutel"])


def test_wiping_the_conversation_starts_a_new_one(pagina, assistent):
    page = pagina
    expect(page.locator(".bericht.assistent").first).to_contain_text(
        "Ik ben Deelwijzer", timeout=ANTWOORD)
    zeg(page, OPENING)
    vraag(page, "Gaat het om een strafbaar feit?")
    oud = sessie(page)

    page.get_by_role("button", name="Wis dit gesprek").click()
    dialoog = page.get_by_role("dialog", name="Dit gesprek wissen?")
    expect(dialoog).to_be_visible()
    dialoog.get_by_role("button", name="Ja, wis het gesprek").click()

    expect(page.locator(".bericht.melding")).to_contain_text("gewist", timeout=ANTWOORD)
    expect(page.locator(".bericht.assistent").last).to_contain_text(
        "Ik ben Deelwijzer", timeout=ANTWOORD)
    nieuw = sessie(page)
    assert nieuw["session_id"] != oud["session_id"]
    expect(page.get_by_role("log")).not_to_contain_text(OPENING)
    # Gone on the server as well: no record for the old conversation.
    antwoord = requests.get(f"{assistent}/chat/verslag/md", timeout=60, params={
        "gesprek": oud["session_id"], "sleutel": oud["sleutel"]})
    assert antwoord.status_code == 404
