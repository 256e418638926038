"""Negation must not be lost, and roles must not be confused with recipients.

Minimal pairs: one small word apart, different slot values. These run on the
rules and the lookup tables from data/nlu without training a model; the same
pairs go through the trained model in test_nlu_rapport.py.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.entiteiten import Lexicon, _gevaar_voorrang, herken
from bot.nlu.normaliseren import normaliseer
from bot.nlu.signalen import (acuut_gevaar, gevaar_niet_nu, omgekeerd_antwoord,
                              toestemming)
from bot.settings import PROJECT

# (text, slot, value): each pair differs in one negation, or in the time it
# speaks of (None: no signal, a past or supposed threat is not acute).
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
    ("hij staat met een mes voor de deur", "acuut_gevaar", "ja"),
    ("vorig jaar stond hij met een mes voor de deur", "acuut_gevaar", None),
    ("hij is met een pistool onderweg", "acuut_gevaar", "ja"),
    ("gisteren was hij met een pistool onderweg", "acuut_gevaar", None),
    ("ze gaan vanavond schieten", "acuut_gevaar", "ja"),
    ("stel dat ze vanavond gaan schieten", "acuut_gevaar", None),
    ("hij staat nu met een mes voor de deur", "acuut_gevaar", "ja"),
    ("als hij nu met een mes voor de deur zou staan", "acuut_gevaar", None),
    ("er is acuut gevaar", "acuut_gevaar", "ja"),
    ("vorige week was er acuut gevaar", "acuut_gevaar", None),
    ("hij heeft gedreigd en staat nu voor de deur", "acuut_gevaar", "ja"),
    ("hij heeft ooit gedreigd", "acuut_gevaar", None),
    ("zo meteen komt hij met een mes", "acuut_gevaar", "ja"),
    ("twee jaar geleden kwam hij met een mes", "acuut_gevaar", None),
]


def _signaal(tekst: str, slot: str):
    functie = toestemming if slot == "toestemming_signaal" else acuut_gevaar
    return functie(normaliseer(tekst))


@pytest.mark.parametrize("tekst, slot, waarde", MINIMALE_PAREN)
def test_minimal_pairs_end_in_different_values(tekst, slot, waarde):
    signaal = _signaal(tekst, slot)
    assert (signaal.waarde if signaal else None) == waarde


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


@pytest.mark.parametrize("tekst, waarde", [
    pytest.param("vorig jaar had hij een mes en nu staat hij voor de deur", "ja",
                 id="past-weapon-then-at-the-door-now"),
    pytest.param("als hij een mes zou hebben en voor de deur stond", None,
                 id="supposition-carries-over-en"),
    pytest.param("Mijn cliënt heeft een mes bij zich. Hij staat nu voor de deur "
                 "van zijn ex. Mag ik de politie bellen?", "ja",
                 id="weapon-and-now-in-neighbouring-sentences"),
    pytest.param("Hij had vorig jaar een mes. Wat moet ik nu?", None,
                 id="no-now-cue-in-the-next-sentence"),
    pytest.param("toen ik binnenkwam stond hij met een mes voor de deur", None,
                 id="toen-is-past"),
    pytest.param("ik stel de vraag omdat hij nu met een mes voor de deur staat",
                 "ja", id="stel-without-dat-supposes-nothing"),
])
def test_the_time_of_the_threat_is_read(tekst, waarde):
    signaal = _signaal(tekst, "acuut_gevaar")
    assert (signaal.waarde if signaal else None) == waarde


@pytest.mark.parametrize("tekst, slot, waarde", [
    pytest.param("mag ik de school bellen? ze wil het niet", "toestemming_signaal",
                 "nee", id="she-does-not-want-it-is-no-consent"),
    pytest.param("hij wil niet dat zijn vader het hoort", "toestemming_signaal",
                 "nee", id="not-wanting-someone-to-hear-is-no-consent"),
    pytest.param("moet ik toestemming vragen aan de ouders", "toestemming_signaal",
                 None, id="asking-whether-consent-is-needed-is-no-signal"),
    pytest.param("ik wil mijn antwoord over de toestemming aanpassen",
                 "toestemming_signaal", None, id="the-consent-question-named"),
    pytest.param("mijn antwoord op de vraag over acuut gevaar klopt niet",
                 "acuut_gevaar", None, id="the-danger-question-named"),
    pytest.param("hij heeft nu een mes in zijn hand", "acuut_gevaar", "ja",
                 id="has-a-knife-now"),
    pytest.param("hij heeft net een pistool gepakt", "acuut_gevaar", "ja",
                 id="has-just-taken-a-gun"),
    pytest.param("vorige week heeft hij net een mes gekocht", "acuut_gevaar", None,
                 id="just-in-a-past-week-is-not-now"),
])
def test_what_the_question_is_about_and_what_happens_now(tekst, slot, waarde):
    signaal = _signaal(tekst, slot)
    assert (signaal.waarde if signaal else None) == waarde


@pytest.mark.xfail(strict=True, reason="known limits of reading the time, stated "
                   "in bot.nlu.signalen.acuut_gevaar")
@pytest.mark.parametrize("tekst, waarde", [
    pytest.param("er was vannacht een schietpartij", None,
                 id="vannacht-also-the-night-that-passed"),
    pytest.param("hij zei dat hij zou schieten als ze vanavond niet betaalt", "ja",
                 id="conditional-threat-for-tonight-reads-as-supposed"),
])
def test_known_limits_of_the_time_of_the_threat(tekst, waarde):
    signaal = _signaal(tekst, "acuut_gevaar")
    assert (signaal.waarde if signaal else None) == waarde


@pytest.mark.parametrize("tekst, niet_nu", [
    pytest.param("vorig jaar had hij een mes", True, id="past-weapon"),
    pytest.param("hij heeft ooit gedreigd", True, id="ooit-threatened"),
    pytest.param("als hij een mes zou hebben", True, id="supposed-weapon"),
    pytest.param("hij staat nu met een mes voor de deur", False, id="now"),
    pytest.param("de jongen staat buiten met een machete", False,
                 id="no-time-said-left-to-the-classifier"),
    pytest.param("Hij had vorig jaar een mes. Nu heeft hij een geweer.", False,
                 id="one-sentence-without-past"),
    pytest.param("wat moet ik doen", False, id="no-violence"),
])
def test_violence_only_in_the_past_or_supposed(tekst, niet_nu):
    assert gevaar_niet_nu(normaliseer(tekst)) is niet_nu


@pytest.mark.parametrize("tekst, intent", [
    pytest.param("vorig jaar stond hij met een mes voor de deur", "vraag_delen",
                 id="past-threat-is-no-danger-intent"),
    pytest.param("hij staat nu met een mes voor de deur", "meld_gevaar",
                 id="present-threat-stays"),
    pytest.param("de jongen staat buiten met een machete", "meld_gevaar",
                 id="no-time-said-classifier-stays"),
])
def test_the_danger_intent_follows_the_time_of_the_threat(tekst, intent):
    """The classifier learnt danger words, not their time: its meld_gevaar
    gives way when the signal places the threat in the past."""
    tekst = normaliseer(tekst)
    bericht = Message(data={TEXT: tekst})
    ranking = [{"name": "meld_gevaar", "confidence": 0.9},
               {"name": "vraag_delen", "confidence": 0.1}]
    bericht.set(INTENT, dict(ranking[0]))
    bericht.set(INTENT_RANKING_KEY, ranking)
    _gevaar_voorrang(bericht, herken(tekst, lexicon()))
    assert bericht.get(INTENT)["name"] == intent


@pytest.mark.parametrize("tekst, omgekeerd", [
    pytest.param("nee, er is geen andere manier", True, id="no-then-no-other-way"),
    pytest.param("Nee. Er is geen alternatief.", True, id="no-own-sentence"),
    pytest.param("ja, het kan niet anders", True, id="yes-then-not-otherwise"),
    pytest.param("ja, er is geen andere manier", True, id="yes-then-no-other-way"),
    pytest.param("nee, dat is niet zo", False, id="plain-reinforcing-no"),
    pytest.param("nee hoor", False, id="plain-no"),
    pytest.param("ja", False, id="plain-yes"),
    pytest.param("er is geen andere manier", False, id="no-yes-or-no-at-the-start"),
])
def test_a_yes_or_no_turned_around_by_the_opposite_words(tekst, omgekeerd):
    assert omgekeerd_antwoord(normaliseer(tekst)) is omgekeerd


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
