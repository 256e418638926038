"""Case codes: format, reading them from a message, and the table."""

from __future__ import annotations

from rasa.shared.core.events import Restarted, SlotSet, UserUttered

from bot.opslag.database import engine, slot_waarden
from bot.opslag.zaakcodes import (
    ALFABET,
    code_voor,
    gesprek_voor,
    normaliseer,
    verplaats,
)


def test_a_code_is_three_and_three_characters_without_look_alikes(db_url):
    code = code_voor(engine(db_url), "gesprek-1")
    links, rechts = code.split("-")
    assert len(links) == len(rechts) == 3
    assert set(links + rechts) <= set(ALFABET)
    assert not set("01OIL") & set(code)


def test_a_conversation_keeps_its_code_and_codes_are_unique(db_url):
    eng = engine(db_url)
    codes = {code_voor(eng, f"gesprek-{n}") for n in range(50)}
    assert len(codes) == 50
    code = code_voor(eng, "gesprek-7")
    assert code_voor(eng, "gesprek-7") == code
    assert gesprek_voor(eng, code) == "gesprek-7"
    assert gesprek_voor(eng, "ZZZ-999") is None


def test_the_code_is_found_in_what_people_type():
    assert normaliseer("ik wil verder met zaak K7Q-3MX") == "K7Q-3MX"
    assert normaliseer("zaak k7q 3mx graag") == "K7Q-3MX"
    assert normaliseer("verder met k7q3mx") == "K7Q-3MX"
    assert normaliseer("ABC-DEF") == "ABC-DEF"
    # Ordinary six-letter words are not codes.
    assert normaliseer("ik wil verder gaan") is None
    assert normaliseer("") is None


def test_slot_values_are_replayed_as_rasa_does(db_url, schrijf_gesprek):
    schrijf_gesprek("g1", [
        UserUttered("hoi"),
        SlotSet("plan", "zorg"),
        SlotSet("antwoorden", [["stap1", "nee"]]),
        Restarted(),
        SlotSet("plan", "politie"),
        SlotSet("antwoorden", [["p1", "ja"]]),
        SlotSet("antwoorden", [["p1", "ja"], ["p2", "nee"]]),
    ])
    slots = slot_waarden(engine(db_url), "g1")
    assert slots == {"plan": "politie", "antwoorden": [["p1", "ja"], ["p2", "nee"]]}
    assert slot_waarden(engine(db_url), "onbekend") is None


def test_a_code_follows_the_consultation_to_where_it_goes_on(db_url):
    eng = engine(db_url)
    code = code_voor(eng, "eerst")
    code_voor(eng, "later")  # the new chat had asked for a code of its own
    verplaats(eng, code, "later")
    assert gesprek_voor(eng, code) == "later"
    assert code_voor(eng, "later") == code
