"""Negation must not be lost, and roles must not be confused with recipients.

Minimal pairs: one small word apart, different slot values. These run on the
rules and the lookup tables from data/nlu without training a model; the same
pairs go through the trained model in test_nlu_rapport.py.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from bot.nlu.entiteiten import Lexicon, herken
from bot.nlu.normaliseren import normaliseer
from bot.nlu.signalen import acuut_gevaar, toestemming
from bot.settings import PROJECT

# (text, slot, value): each pair differs in one negation.
MINIMALE_PAREN = [
    ("de jongere geeft toestemming", "toestemming_signaal", "ja"),
    ("de jongere geeft geen toestemming", "toestemming_signaal", "nee"),
    ("er is acuut gevaar", "acuut_gevaar", "ja"),
    ("er is geen acuut gevaar", "acuut_gevaar", "nee"),
    ("hij wil dat ik het deel", "toestemming_signaal", "ja"),
    ("hij wil niet dat ik het deel", "toestemming_signaal", "nee"),
    ("ze heeft ermee ingestemd", "toestemming_signaal", "ja"),
    ("ze weigert", "toestemming_signaal", "nee"),
    ("ze weigert niet", "toestemming_signaal", "ja"),
    ("vanavond gaat hij schieten", "acuut_gevaar", "ja"),
    ("vanavond gaat hij niet schieten", "acuut_gevaar", "nee"),
    ("het is acuut", "acuut_gevaar", "ja"),
    ("het is niet acuut", "acuut_gevaar", "nee"),
]


def _signaal(tekst: str, slot: str):
    functie = toestemming if slot == "toestemming_signaal" else acuut_gevaar
    return functie(normaliseer(tekst))


@pytest.mark.parametrize("tekst, slot, waarde", MINIMALE_PAREN)
def test_minimal_pairs_end_in_different_values(tekst, slot, waarde):
    signaal = _signaal(tekst, slot)
    assert signaal is not None and signaal.waarde == waarde


@pytest.mark.parametrize("tekst", [
    "hij staat nu voor de deur met een mes",
    "Vanavond gaat hij schieten!",
    "mijn cliënt zit nu in de wachtkamer met een pistool",
    "ze komen eraan om hem in elkaar te slaan",
])
def test_acute_danger_is_heard(tekst):
    assert _signaal(tekst, "acuut_gevaar").waarde == "ja"


@pytest.mark.parametrize("tekst", [
    "mijn cliënt heeft een mes en zegt dat hij zijn ex iets gaat aandoen, "
    "mag ik de politie bellen?",
    "wat moet ik nu met een leerling die een mes had",
    "ik wil nu iets vragen over gegevens delen",
])
def test_no_alarm_without_a_sense_of_now_and_violence(tekst):
    assert _signaal(tekst, "acuut_gevaar") is None


def test_consent_in_one_clause_is_not_undone_by_the_next():
    assert _signaal("ze gaf toestemming, maar de ouders niet",
                    "toestemming_signaal").waarde == "ja"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon.uit_trainingsdata(load_data(str(PROJECT / "data" / "nlu")))


def entiteiten(tekst: str):
    return sorted((e["entity"], e["value"])
                  for e in herken(normaliseer(tekst), lexicon()))


@pytest.mark.parametrize("tekst, verwacht", [
    ("ik werk bij de politie", [("rol", "politie")]),
    ("mag ik de politie bellen", [("ontvanger", "politie")]),
    ("als wijkagent bel ik de school",
     [("ontvanger", "school"), ("rol", "wijkagent")]),
    ("de wijkagent belt mij", [("ontvanger", "wijkagent")]),
    ("vanuit de burgemeester", [("rol", "burgemeester")]),
    ("ik heb het de burgemeester verteld", [("ontvanger", "burgemeester")]),
    ("ik ben bang dat de politie komt", [("ontvanger", "politie")]),
    ("huisarts hier", [("rol", "huisarts")]),
    ("mijn cliënt", [("rol", "hulpverlener")]),
    ("mijn client", [("rol", "hulpverlener")]),
    ("mijn leerling", [("rol", "onderwijsmedewerker")]),
    ("als ovj", [("rol", "officier van justitie")]),
    ("als officier van justitie", [("rol", "officier van justitie")]),
    ("mag ik b&w informeren", [("ontvanger", "college van b&w")]),
    ("mag ik vt bellen", [("ontvanger", "veilig thuis")]),
    ("mag ik de rvdk inlichten", [("ontvanger", "raad voor de kinderbescherming")]),
    ("als zorgcoördinator", [("rol", "zorgcoordinator")]),
    ("mag ik het zvh inlichten", [("ontvanger", "zorg- en veiligheidshuis")]),
])
def test_roles_recipients_and_abbreviations(tekst, verwacht):
    assert entiteiten(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    # "om" is the Dutch "in order to" ...
    ("mag ik dit delen om geweld te voorkomen", [("situatie", "geweld")]),
    ("ik bel om het te melden", []),
    # ... and the OM only as "OM" or after "het" or "als".
    ("mag ik het OM bellen", [("ontvanger", "openbaar ministerie")]),
    ("wij als om willen delen", [("rol", "openbaar ministerie")]),
])
def test_om_is_only_the_openbaar_ministerie_when_it_says_so(tekst, verwacht):
    assert entiteiten(tekst) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("mijn clint", [("rol", "hulpverlener")]),
    ("mag ik de polite bellen", [("ontvanger", "politie")]),
    ("als leerplichtambtenar", [("rol", "leerplichtambtenaar")]),
    ("een oudere jongen", []),
    ("de politiek", []),
])
def test_one_typing_error_is_forgiven_in_long_words_only(tekst, verwacht):
    assert entiteiten(tekst) == verwacht
