"""Empty messages and questions in another language are recognised; Dutch,
also with an English term or a short answer, never is."""

from __future__ import annotations

import pytest

from bot.nlu.taal import andere_taal, is_leeg, zonder_woorden


@pytest.mark.parametrize(
    "tekst",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n\t ", id="whitespace"),
        pytest.param("\x00\x07\x1b", id="control-characters"),
        pytest.param("😀🔪😡", id="emoji-only"),
        pytest.param("?!...", id="punctuation-only"),
    ],
)
def test_messages_without_words_are_empty(tekst):
    assert is_leeg(tekst)


@pytest.mark.parametrize(
    "tekst, verwacht",
    [
        pytest.param("😀🔪😡", True, id="emoji-only"),
        pytest.param("?!...", True, id="punctuation-only"),
        pytest.param("   \n\t ", False, id="whitespace"),
        pytest.param("", False, id="empty"),
        pytest.param("ja 😀", False, id="a-word-with-emoji"),
    ],
)
def test_signs_without_words_are_told_apart_from_blank(tekst, verwacht):
    assert zonder_woorden(tekst) is verwacht


@pytest.mark.parametrize(
    "tekst, taal",
    [
        pytest.param("Can I share this with the police?", "en", id="english"),
        pytest.param("My client has a knife, what should I do", "en",
                     id="english-informal"),
        pytest.param("Czy mogę udostępnić te dane policji?", "pl", id="polish"),
        pytest.param("هل يمكنني مشاركة البيانات مع الشرطة؟", "anders", id="arabic"),
        pytest.param("Могу ли я поделиться данными с полицией?", "anders",
                     id="russian"),
    ],
)
def test_questions_in_another_language_are_recognised(tekst, taal):
    assert andere_taal(tekst) == taal


@pytest.mark.parametrize(
    "tekst",
    [
        pytest.param("mag ik dit delen met de school?", id="dutch"),
        pytest.param("ok", id="short-answer"),
        pytest.param("yes", id="short-english-answer"),
        pytest.param("is er sprake van need-to-know bij de politie", id="english-term"),
        pytest.param("mijn cli\u0065\u0308nt heeft een mes", id="decomposed-unicode"),
        pytest.param("<script>alert(1)</script>", id="html"),
        pytest.param("mijn client wil wraak, kan ik de police bellen", id="one-slip"),
    ],
)
def test_dutch_is_never_turned_away(tekst):
    assert not is_leeg(tekst)
    assert andere_taal(tekst) is None
