"""Bad input over REST to the real assistant: every message gets a clear
Dutch answer, the conversation stays usable, and nothing is stored that the
plan did not ask for."""

from __future__ import annotations

import requests
import pytest

from tests.e2e.conftest import Gesprek, teksten

pytestmark = pytest.mark.e2e

OPENING = "mijn cliënt heeft een mes en zegt dat hij zijn ex iets gaat aandoen"


def _tracker(assistent: str, gesprek: Gesprek) -> dict:
    antwoord = requests.get(f"{assistent}/conversations/{gesprek.id}/tracker",
                            timeout=60)
    antwoord.raise_for_status()
    return antwoord.json()


# The catalogue of bad input; the web chat test sends the same over socket.io
# (tests/e2e/test_slechte_invoer_web.py). (text, words the answer must hold)
SLECHTE_INVOER = [
    pytest.param("", "leeg bericht", id="empty"),
    pytest.param("   \n\t  ", "leeg bericht", id="whitespace"),
    pytest.param("😀😀🔪", "alleen woorden", id="emoji-only"),
    pytest.param("ja\x00\x07\x1b[31m", None, id="control-characters"),
    pytest.param("Can I share this with the police?", "alleen in het Nederlands",
                 id="english"),
    pytest.param("Czy mogę udostępnić te dane policji?", "alleen in het Nederlands",
                 id="polish"),
    pytest.param("هل يمكنني مشاركة البيانات مع الشرطة؟", "alleen in het Nederlands",
                 id="arabic-right-to-left"),
    pytest.param("<script>alert('x')</script>", None, id="script"),
    pytest.param("<img src=x onerror=alert(1)>", None, id="html"),
    pytest.param("'; DROP TABLE events; --", None, id="sql-like"),
    pytest.param("mes " * 25000, "te lang om te lezen", id="100000-characters"),
]


@pytest.mark.parametrize("tekst, verwacht", SLECHTE_INVOER)
def test_bad_input_gets_a_dutch_answer_and_the_conversation_goes_on(
    gesprek, tekst, verwacht
):
    antwoord = gesprek.zeg(tekst)
    assert teksten(antwoord).strip(), f"no answer to {tekst[:40]!r}"
    if verwacht:
        assert verwacht in teksten(antwoord)

    daarna = gesprek.zeg(OPENING)
    assert "Stap 1 van 4" in teksten(daarna) or "Welke beschrijving" in teksten(daarna)


def test_decomposed_unicode_is_read_as_the_same_word(gesprek):
    antwoord = gesprek.zeg("mijn cli\u0065\u0308nt heeft een mes, mag ik de politie bellen")
    assert "Stap 1 van 4 — Aangifte" in teksten(antwoord)


@pytest.mark.parametrize(
    "lichaam, verwacht",
    [
        pytest.param(b'{"sender": "x", "message": "\xff\xfe"}', "UTF-8",
                     id="invalid-utf8"),
        pytest.param(b'{"sender": "x", "mess', "JSON-object", id="malformed-json"),
        pytest.param(b"", "JSON-object", id="empty-body"),
        pytest.param(b'["ja"]', "JSON-object", id="json-list"),
        pytest.param(b'{"sender": "x", "message": ["ja"]}', "'message' moet tekst",
                     id="message-not-text"),
        pytest.param(b'{"sender": 7, "message": "ja"}', "'sender' moet tekst",
                     id="sender-not-text"),
        # Without a message Rasa's channel answered 200 [] and logged a stack
        # trace; without a sender every such client shared one conversation.
        pytest.param(b'{"sender": "x"}', "'message' moet tekst", id="no-message"),
        pytest.param(b'{"sender": "x", "message": null}', "'message' moet tekst",
                     id="message-null"),
        pytest.param(b'{"message": "ja"}', "'sender' moet tekst", id="no-sender"),
        pytest.param(b'{"sender": "", "message": "ja"}', "'sender' moet tekst",
                     id="empty-sender"),
        pytest.param(b'{"sender": "  ", "message": "ja"}', "'sender' moet tekst",
                     id="blank-sender"),
        pytest.param(b"{}", "'sender' moet tekst", id="empty-object"),
    ],
)
def test_a_broken_request_is_refused_in_dutch_and_the_server_stays_up(
        assistent, gesprek, lichaam, verwacht):
    antwoord = requests.post(f"{assistent}/webhooks/rest/webhook", data=lichaam,
                             headers={"Content-Type": "application/json"}, timeout=60)
    assert antwoord.status_code == 400
    assert antwoord.headers["Content-Type"].startswith("application/json")
    assert verwacht in antwoord.json()["fout"]
    assert "Stap 1 van 4" in teksten(gesprek.zeg(OPENING))


def test_a_hand_typed_payload_for_a_question_not_asked_sets_no_answer(assistent,
                                                                      gesprek):
    gesprek.zeg(OPENING)
    antwoord = gesprek.zeg('/kies{"optie":"onveilig"}')
    assert "niet goed plaatsen" in teksten(antwoord)

    slots = _tracker(assistent, gesprek)["slots"]
    assert slots["antwoorden"] == []
    assert slots["open_vraag"] == "s1_strafbaar_feit"


def test_a_request_without_sender_joins_no_shared_conversation(assistent):
    # Rasa's channel would have put it in the conversation "default".
    antwoord = requests.post(f"{assistent}/webhooks/rest/webhook",
                             json={"message": "mijn cliënt heeft een mes"}, timeout=60)
    assert antwoord.status_code == 400
    gebeurtenissen = requests.get(f"{assistent}/conversations/default/tracker",
                                  timeout=60).json()["events"]
    assert not [g for g in gebeurtenissen if g["event"] == "user"]
