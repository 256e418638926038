"""Masking personal data in free text. Every name and number here is invented;
the BSNs are made up to pass (or fail) the 11-check."""

from __future__ import annotations

import pytest
import spacy

from bot.record.maskering import is_bsn, maskeer, maskeer_velden

TABEL = [
    # (typed text, masked text)
    ("Zijn BSN is 111222333.", "Zijn BSN is [BSN]."),
    ("bsn 123456782", "bsn [BSN]"),
    ("BSN: 1234.56.782", "BSN: [BSN]"),
    ("burgerservicenummer 123 456 782", "burgerservicenummer [BSN]"),
    # Nine digits that fail the 11-check are not a BSN: left alone.
    ("dossiernummer 123456789", "dossiernummer 123456789"),
    ("kenmerk 111222334", "kenmerk 111222334"),
    ("000000000", "000000000"),
    ("bel 06-12345678", "bel [telefoonnummer]"),
    ("mobiel 06 1234 5678 of 0612345678.",
     "mobiel [telefoonnummer] of [telefoonnummer]."),
    ("+31 6 12345678", "[telefoonnummer]"),
    ("+31 (0)6 1234 5678", "[telefoonnummer]"),
    ("0031 6 12 34 56 78", "[telefoonnummer]"),
    ("praktijk 020-1234567 of (010) 123 45 67",
     "praktijk [telefoonnummer] of [telefoonnummer]"),
    ("0512-123456", "[telefoonnummer]"),
    ("06 12 34 56 78 2 keer gebeld", "[telefoonnummer] 2 keer gebeld"),
    ("mail naar p.jansen@voorbeeld.nl", "mail naar [e-mailadres]"),
    ("woont op 1234 AB 12a in Utrecht", "woont op [adres] in Utrecht"),
    ("Kerkstraat 12, 3511 CD Utrecht", "[adres], [adres] Utrecht"),
    ("postcode 9999zz", "postcode [adres]"),
    ("geboren op 12-05-2008", "geboren op [geboortedatum]"),
    ("geb. 3 maart 2009", "geb. [geboortedatum]"),
    ("geboortedatum: 01/02/2007", "geboortedatum: [geboortedatum]"),
    ("op 14-02-2025 kwam hij met een mes", "op [datum] kwam hij met een mes"),
    ("sinds 2024-11-30", "sinds [datum]"),
    # What is not personal data of the person concerned stays.
    ("om 12.30 uur, 3 keer, stap 2 van 4", "om 12.30 uur, 3 keer, stap 2 van 4"),
    ("zaak 2024-00123, 1234 en 5678", "zaak 2024-00123, 1234 en 5678"),
    ("art. 7:457 lid 1 BW en art. 272 Sr", "art. 7:457 lid 1 BW en art. 272 Sr"),
    ("een mes, 15 jaar oud", "een mes, 15 jaar oud"),
    ("ëïé — geen gegevens", "ëïé — geen gegevens"),
]


@pytest.mark.parametrize("invoer, verwacht", TABEL, ids=[t[0] for t in TABEL])
def test_masking_table(invoer, verwacht):
    assert maskeer(invoer, nlp=None).tekst == verwacht


def test_the_11_check():
    assert is_bsn("111222333") and is_bsn("123456782")
    assert not is_bsn("123456789") and not is_bsn("000000000")
    assert not is_bsn("12345678")


def test_what_was_masked_is_reported_once_per_kind():
    uit = maskeer("bel 06-12345678 of 06-87654321, bsn 111222333", nlp=None)
    assert uit.soorten == ("telefoon", "bsn")
    assert uit.gewijzigd
    assert not maskeer("niets bijzonders", nlp=None).gewijzigd


def _namen_pipeline():
    """A tiny spaCy pipeline whose EntityRuler marks invented names as PER,
    standing in for nl_core_news_sm (not installable here). It tests the code
    path, not how well the real model finds names."""
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PER", "pattern": [{"LOWER": "jan"}, {"LOWER": "de"},
                                     {"LOWER": "vries"}]},
        {"label": "PERSON", "pattern": "Fatima"},
        {"label": "LOC", "pattern": "Utrecht"},
    ])
    return nlp


def test_names_are_masked_when_a_pipeline_finds_persons():
    uit = maskeer("Jan de Vries dreigde Fatima in Utrecht, bel 06-12345678",
                  nlp=_namen_pipeline())
    assert uit.tekst == "[naam] dreigde [naam] in Utrecht, bel [telefoonnummer]"
    assert "naam" in uit.soorten


def test_without_a_pipeline_names_stay_and_the_record_says_so(regels):
    from bot.record import maak_vastlegging

    assert maskeer("Jan de Vries", nlp=None).tekst == "Jan de Vries"
    document = maak_vastlegging(regels, "zorg", [], [], {}, "g", "2025-01-01T00:00:00",
                                nlp=False)
    assert document["maskering"] == {"namen": False}


def test_nested_values_are_masked_but_identifiers_and_times_are_not():
    regel = {"soort": "antwoord", "tijd": "2025-03-01T10:00:00+00:00",
             "knoop": "s1", "tekst": "bel 06-12345678", "lijst": ["111222333"]}
    assert maskeer_velden(regel) == {
        "soort": "antwoord", "tijd": "2025-03-01T10:00:00+00:00", "knoop": "s1",
        "tekst": "bel [telefoonnummer]", "lijst": ["[BSN]"]}
