"""The channels' own logic, without servers: Teams text handling, REST token,
conversation keys and the web chat's history."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.channels import rest, teams
from bot.web import sleutel, verslag


@pytest.fixture(autouse=True)
def geheim(monkeypatch):
    monkeypatch.setenv("DEELWIJZER_WEB_GEHEIM", "test-geheim-" + "x" * 40)
    sleutel.geheim.cache_clear()
    yield
    sleutel.geheim.cache_clear()


def test_mentions_are_removed_and_a_button_press_uses_its_payload():
    assert teams.schone_tekst({"text": "<at>Deelwijzer</at> mag ik&nbsp;delen?"}) \
        == "mag ik delen?"
    assert teams.schone_tekst({"text": "Ja", "value": {"deelwijzer": "/bevestigen"}}) \
        == "/bevestigen"
    assert teams.schone_tekst({"text": "<AT id='0'>Deel\nwijzer</AT>"}) == ""


def test_teams_text_keeps_line_breaks_and_lists():
    assert teams.teams_tekst("Stap 1 van 4\nVraag?") == "Stap 1 van 4\n\nVraag?"
    assert teams.teams_tekst("Dit rust op:\n- a\n- b") == "Dit rust op:\n\n- a\n- b"


def test_long_texts_are_cut_in_order_at_boundaries():
    tekst = "\n\n".join(f"Alinea {i} " + "woord " * 300 for i in range(5))
    delen = teams.stukken(tekst, 2000)
    assert all(len(d) <= 2000 for d in delen)
    assert " ".join(" ".join(delen).split()) == " ".join(tekst.split())
    assert delen[0].startswith("Alinea 0")


def test_buttons_become_message_back_actions():
    knop = teams.kaartknop({"title": "Ja", "payload": "/bevestigen"})
    assert knop == {"type": "messageBack", "title": "Ja", "displayText": "Ja",
                    "text": "/bevestigen", "value": {"deelwijzer": "/bevestigen"}}


def test_record_links_carry_the_key_of_their_conversation():
    (naam, url), = teams.verslag_links("https://dw.example.nl/", "teams:19:a@thread",
                                       ["pdf"])
    assert naam == "PDF"
    assert url.startswith("https://dw.example.nl/chat/verslag/pdf?gesprek=teams%3A19")
    assert url.endswith("sleutel=" + sleutel.sleutel("teams:19:a@thread"))


def test_a_key_opens_only_its_own_conversation():
    a, b = sleutel.sleutel("a" * 32), sleutel.sleutel("b" * 32)
    assert a != b and len(a) == 32
    assert sleutel.klopt("a" * 32, a)
    assert not sleutel.klopt("b" * 32, a)
    assert not sleutel.klopt("a" * 32, "")


def test_the_rest_channel_needs_a_token_beyond_loopback():
    assert rest.is_loopback("127.0.0.1") and rest.is_loopback("::1")
    assert not rest.is_loopback("0.0.0.0")
    with pytest.raises(ValueError, match="DEELWIJZER_REST_TOKEN"):
        rest.BeveiligdeRest("", "0.0.0.0")
    kanaal = rest.BeveiligdeRest("geheim-token", "0.0.0.0")

    def verzoek(kop):
        return SimpleNamespace(headers={"Authorization": kop} if kop else {})

    assert kanaal.toegestaan(verzoek("Bearer geheim-token"))
    assert not kanaal.toegestaan(verzoek("Bearer fout"))
    assert not kanaal.toegestaan(verzoek(None))
    assert rest.BeveiligdeRest("", "127.0.0.1").toegestaan(verzoek(None))


def test_history_shows_clicked_titles_and_leaves_out_the_greeting():
    def gebruiker(tekst):
        return SimpleNamespace(type_name="user", text=tekst)

    def bot(tekst=None, **data):
        return SimpleNamespace(type_name="bot", text=tekst, data=data)

    tracker = SimpleNamespace(events=[
        gebruiker("/begroeten"),
        bot("Goedendag."),
        gebruiker("mijn cliënt heeft een mes"),
        bot("Stap 1 van 4\nVraag?",
            buttons=[{"title": "Ja", "payload": "/bevestigen"}]),
        gebruiker("/bevestigen"),
        bot(custom={"deelwijzer": {"citaten": []}}),
    ])
    assert verslag.geschiedenis(tracker) == [
        {"van": "assistent", "text": "Goedendag."},
        {"van": "gebruiker", "text": "mijn cliënt heeft een mes"},
        {"van": "assistent", "text": "Stap 1 van 4\nVraag?", "quick_replies": [
            {"content_type": "text", "title": "Ja", "payload": "/bevestigen"}]},
        {"van": "gebruiker", "text": "Ja"},
        {"van": "assistent", "custom": {"deelwijzer": {"citaten": []}}},
    ]
