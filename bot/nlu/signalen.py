"""Signals whose meaning turns on one small word: consent and acute danger.

A bag-of-words classifier sees "geeft toestemming" and "geeft geen
toestemming" as nearly the same message. These signals are therefore read by
rule, per clause, with the negation in view, and returned as entity values
("ja" or "nee") that fill the slots ``toestemming_signaal`` and
``acuut_gevaar``. Acute danger is also read with its time: a threat told of
a past time or a supposed situation is not acute. They work on the normal
form of the text (:mod:`bot.nlu.normaliseren`): lower case, no diacritics.

The word lists are matching vocabulary, not text shown to users.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

WOORD = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")

# Words that turn a clause around. "weiger*" is a negative consent trigger on
# its own, see _TOESTEMMING_NEE.
ONTKENNING = {"geen", "niet", "nooit", "niets", "niks", "zonder", "nergens"}

_TOESTEMMING = [
    r"toestemming", r"akkoord", r"instemming", r"ingestemd",
    r"stem(?:t|de|den)? (?:\w+ )?in\b", r"goedkeuring", r"goedgekeurd",
    r"(?:vindt|vond|vinden) (?:het|dat) (?:\w+ )?(?:goed|prima|oke|ok)\b",
    r"(?:mee|ermee|daarmee) eens", r"wil(?:de|len)? (?:\w+ ){0,3}dat (?:ik|we|wij)\b",
    r"mag (?:\w+ )?van (?:hem|haar|hen|ze|de jongere|de ouders)\b",
    r"(?:geeft|gaf|geven|gegeven) (?:\w+ )?(?:het )?(?:ok|oke|groen licht)\b",
    # Read with the "niet" in its clause: "hij wil dat niet", "ze wil niet dat
    # haar ouders het te weten komen".
    r"wil(?:de|len)? (?:dat|het) niet\b",
    r"wil(?:de|len)? niet dat (?:\w+ ){0,3}(?:het )?(?:te )?"
    r"(?:weten|weet|horen|hoort)\b",
]
# Consent as the subject of a question, not a signal: "moet ik toestemming
# vragen", "mijn antwoord over de toestemming".
_TOESTEMMING_ALS_ONDERWERP = [
    r"toestemming (?:\w+ )?(?:vragen|nodig)",
    r"over (?:de |het |mijn |haar |zijn )?toestemming",
]
_TOESTEMMING_NEE = [r"weiger\w*", r"geweigerd", r"(?:is|zijn|was) er(?: \w+)? tegen\b",
                    r"verbiedt", r"verbood", r"verboden"]

_ACUUT_EXPLICIET = [
    r"acu(?:u|)t", r"acute", r"direct gevaar", r"onmiddellijk gevaar",
    r"levensgevaar", r"levensbedreigend", r"spoed",
]
_NU = [
    r"(?:staat|is|zit|loopt|komt|rijdt|gaat|zijn|staan) (?:\w+ )?nu\b",
    r"(?:heeft|hebben|houdt|draagt) (?:\w+ )?nu\b", r"(?:heeft|hebben) net\b",
    r"\bnu (?:voor|bij|in|op|aan|hier|buiten|binnen|onderweg|bezig)\b",
    r"op dit (?:moment|ogenblik)", r"vanavond", r"vannacht", r"straks",
    r"zo ?meteen", r"dadelijk", r"(?:binnen|over) (?:een|1|twee|2) uur",
    r"vandaag nog", r"onderweg", r"op weg naar", r"voor de deur", r"aan de deur",
    r"staat hier", r"staan hier", r"kom(?:t|en) eraan", r"nu meteen", r"help",
    r"in de wachtkamer", r"buiten te wachten", r"staat te wachten",
]
_GEVAAR = [
    r"mes(?:sen)?", r"\w*wapen\w*", r"pistool", r"geweer", r"machete", r"bijl",
    r"bom", r"explosie\w*", r"schiet\w*", r"neer ?(?:te )?(?:schieten|steken)",
    r"(?:steekt|steken|steek)", r"vermoord\w*", r"dood\w*", r"aanval\w*",
    r"in elkaar", r"brand\w*", r"iets aan ?(?:te )?doen", r"aandoen",
    r"wurg\w*", r"ontvoer\w*", r"gijzel\w*", r"vecht\w*", r"sla(?:an|at)\b",
    r"dreig\w*", r"bedreig\w*", r"gedreigd", r"molotov\w*", r"granaat",
    r"vuurwerkbom",
]

# When a now-cue does not speak of now. A past time ("vorig jaar stond hij met
# een mes voor de deur") or a supposed situation ("stel dat hij nu voor de
# deur staat") turns the cue off; the danger words themselves carry no tense.
# Past time: read in the part of the clause up to the next "en", so "vorig
# jaar had hij een mes en nu staat hij voor de deur" still speaks of now.
_VERLEDEN = [
    r"vorig(?:e)? (?:jaar|week|maand|keer|weekend|zomer|winter|schooljaar)",
    r"vorige (?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)",
    r"afgelopen (?:jaar|week|maand|weekend|zomer|winter|nacht|keer)",
    r"gisteren", r"gisteravond", r"gisternacht", r"eergisteren",
    r"(?:\w+ )?geleden", r"ooit", r"vroeger", r"destijds", r"toen",
    r"in het verleden", r"eerder", r"laatst", r"onlangs", r"recent(?:elijk)?",
    r"in (?:19|20)\d\d",
]
# A supposed situation: read in the whole clause, because the condition
# carries over "en" ("als hij een mes zou hebben en voor de deur stond").
_HYPOTHETISCH = [
    r"stel dat", r"stel je voor", r"gesteld dat", r"wat (?:nou )?als",
    r"mocht(?:en)?", r"indien", r"in het geval dat", r"hypothetisch\w*",
    r"theoretisch\w*", r"in theorie", r"bijvoorbeeld",
]
# "als" with "zou"/"zouden" in one clause: a condition, not a report. Neither
# word is enough alone: "als boa zag ik ..." is a role, and "hij zei dat hij
# vanavond zou komen" is a threat for tonight.
_ALS = {"als"}
_ZOU = {"zou", "zouden"}
# The part of a clause in which a past time holds.
_TIJDVAK = re.compile(r"\ben\b")

# A yes or a no that opens a message as a word of its own ("nee, er is geen
# andere manier"; see omgekeerd_antwoord). Longer phrases first, so "zeker niet" is not read as "zeker". Words that
# also open other sentences ("klopt het dat ...", "zeker als ...") count only
# when a punctuation mark or the end follows them (_LOS).
_LOS = r"(?=\s*(?:[,.!:;]|$))"
_JA_NEE = {
    "nee": [r"dat klopt niet" + _LOS, r"klopt niet" + _LOS, r"zeker niet" + _LOS,
            r"nee hoor", r"neen", r"nee"],
    "ja": [r"dat klopt" + _LOS, r"klopt" + _LOS, r"inderdaad" + _LOS,
           r"zeker" + _LOS, r"ja hoor", r"jazeker", r"jawel", r"ja"],
}
_ZIN = re.compile(r"[.!?;\n]+")
# A clause ends at a comma or at a conjunction that may start a new claim.
_BIJZIN = re.compile(r",|\b(?:maar|want|terwijl|alleen|echter|behalve)\b")


def _patroon(lijst: List[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(lijst) + r")\b")


JA_NEE = {waarde: re.compile(r"\s*(?:" + "|".join(woorden) + r")\b")
          for waarde, woorden in _JA_NEE.items()}
TOESTEMMING = _patroon(_TOESTEMMING)
TOESTEMMING_NEE = _patroon(_TOESTEMMING_NEE)
TOESTEMMING_ALS_ONDERWERP = _patroon(_TOESTEMMING_ALS_ONDERWERP)
# "de vraag over acuut gevaar": the question named, no danger stated.
OVER_ERVOOR = re.compile(r"\bover (?:het |de )?$")
ACUUT_EXPLICIET = _patroon(_ACUUT_EXPLICIET)
NU = _patroon(_NU)
GEVAAR = _patroon(_GEVAAR)
VERLEDEN = _patroon(_VERLEDEN)
HYPOTHETISCH = _patroon(_HYPOTHETISCH)


@dataclass(frozen=True)
class Signaal:
    soort: str  # toestemming_signaal or acuut_gevaar
    waarde: str  # ja or nee
    begin: int
    eind: int


def _delen(tekst: str, scheider: re.Pattern, begin: int = 0
           ) -> List[Tuple[int, str]]:
    delen, vorige = [], 0
    for treffer in scheider.finditer(tekst):
        delen.append((begin + vorige, tekst[vorige:treffer.start()]))
        vorige = treffer.end()
    delen.append((begin + vorige, tekst[vorige:]))
    return [(b, d) for b, d in delen if d.strip()]


def _ontkend(bijzin: str) -> bool:
    return any(w in ONTKENNING for w in WOORD.findall(bijzin))


def toestemming(tekst: str) -> Optional[Signaal]:
    """Consent given ("ja") or not given / refused ("nee"), first clause that
    speaks of it. A clause that asks about consent ("moet ik toestemming
    vragen") gives none."""
    for zin_begin, zin in _delen(tekst, _ZIN):
        for begin, bijzin in _delen(zin, _BIJZIN, zin_begin):
            nee = TOESTEMMING_NEE.search(bijzin)
            ja = TOESTEMMING.search(bijzin)
            treffer = nee or ja
            if treffer is None:
                continue
            if not nee and TOESTEMMING_ALS_ONDERWERP.search(bijzin):
                continue
            # "weigert" is itself the negative; "weigert niet" turns it back.
            negatief = bool(nee) != _ontkend(bijzin)
            return Signaal("toestemming_signaal", "nee" if negatief else "ja",
                           begin + treffer.start(), begin + treffer.end())
    return None


def _verondersteld(tekst: str) -> bool:
    """A supposed situation: "stel dat ...", "als hij ... zou ..."."""
    woorden = set(WOORD.findall(tekst))
    return bool(HYPOTHETISCH.search(tekst) or (woorden & _ALS and woorden & _ZOU))


def _nu_bedoeld(bijzin: str, positie: int) -> bool:
    """Whether the cue at ``positie`` in the clause speaks of now: the clause
    supposes nothing, and no past time stands in its part of the clause."""
    if _verondersteld(bijzin):
        return False
    tijdvak = next((d for b, d in reversed(_delen(bijzin, _TIJDVAK)) if b <= positie),
                   bijzin)
    return VERLEDEN.search(tijdvak) is None


def _bijzin_bij(zin: str, zin_begin: int, positie: int) -> Tuple[int, str]:
    """The clause of ``zin`` in which the absolute ``positie`` falls."""
    delen = _delen(zin, _BIJZIN, zin_begin)
    return next(((b, d) for b, d in reversed(delen) if b <= positie), delen[0])


def acuut_gevaar(tekst: str) -> Optional[Signaal]:
    """Acute danger said ("ja") or denied ("nee").

    Explicit words ("acuut", "levensgevaar") count on their own. Otherwise a
    sense of now ("staat nu", "vanavond", "voor de deur") counts only when
    the same sentence, or the sentence just before or after it, names
    violence or a weapon, so "wat moet ik nu?" does not raise an alarm and
    "Hij heeft een mes. Hij staat nu voor de deur." does. A cue in a past
    time or a supposed situation does not count (``_VERLEDEN``,
    ``_HYPOTHETISCH``): "vorig jaar stond hij met een mes voor de deur".

    Shortcomings, each erring on the side of 112 unless said otherwise:

    * "vannacht" and "vanavond" also speak of the night that has passed ("er
      was vannacht een schietpartij"); such a report raises the alarm.
    * A past verb alone is not read as past: "hij stond met een mes voor de
      deur" raises the alarm, because reported speech puts the present in
      the past tense ("ze belde dat hij onderweg was").
    * The danger words carry no tense: "vorige week dreigde hij haar neer te
      steken; nu staat hij voor de deur" raises the alarm.
    * Not on the side of 112: a threat made conditional with "als ... zou"
      ("hij zei dat hij zou schieten als ze vanavond niet betaalt") reads as
      a supposed situation and raises no alarm.
    """
    zinnen = _delen(tekst, _ZIN)
    for i, (zin_begin, zin) in enumerate(zinnen):
        for begin, bijzin in _delen(zin, _BIJZIN, zin_begin):
            treffer = ACUUT_EXPLICIET.search(bijzin)
            if treffer and OVER_ERVOOR.search(bijzin[:treffer.start()]):
                continue
            if treffer and _nu_bedoeld(bijzin, treffer.start()):
                waarde = "nee" if _ontkend(bijzin) else "ja"
                return Signaal("acuut_gevaar", waarde,
                               begin + treffer.start(), begin + treffer.end())
        omgeving = " ".join(z for _, z in zinnen[max(i - 1, 0):i + 2])
        if not GEVAAR.search(omgeving):
            continue
        for treffer in NU.finditer(zin):
            start = zin_begin + treffer.start()
            begin, bijzin = _bijzin_bij(zin, zin_begin, start)
            if not _nu_bedoeld(bijzin, start - begin):
                continue
            waarde = "nee" if _ontkend(bijzin) else "ja"
            return Signaal("acuut_gevaar", waarde, start, zin_begin + treffer.end())
    return None


def gevaar_niet_nu(tekst: str) -> bool:
    """Whether the text names violence or a weapon only in sentences about a
    past time or a supposed situation ("vorig jaar had hij een mes", "als hij
    een mes zou hebben"): then it reports no acute danger, whatever a
    classifier trained on danger words makes of it."""
    if acuut_gevaar(tekst) is not None:
        return False
    met_geweld = [z for _, z in _delen(tekst, _ZIN) if GEVAAR.search(z)]
    return bool(met_geweld) and all(VERLEDEN.search(z) or _verondersteld(z)
                                    for z in met_geweld)


# After a yes or no, words that say the opposite of the question's own words:
# at "Is dit de enige manier?", "nee, er is geen andere manier" means yes. A
# plain reinforcing negation ("nee, dat is niet zo") is not among them.
_OMGEKEERD = [
    r"geen andere?", r"geen alternatief", r"geen alternatieven", r"niet anders",
    r"niets anders", r"niks anders", r"geen minder \w+", r"geen lichtere?",
    r"geen betere?", r"geen andere? (?:manier|mogelijkheid|optie|weg)",
]
OMGEKEERD = _patroon(_OMGEKEERD)


def omgekeerd_antwoord(tekst: str) -> bool:
    """Whether a message opens with a yes or no and then turns it around with
    the opposite of the question's words ("nee, er is geen andere manier"):
    which of the two is meant is then not for the assistant to guess."""
    for patroon in JA_NEE.values():
        treffer = patroon.match(tekst)
        if treffer is not None:
            return bool(OMGEKEERD.search(tekst[treffer.end():]))
    return False


def signalen(tekst: str) -> List[Signaal]:
    return [s for s in (toestemming(tekst), acuut_gevaar(tekst)) if s is not None]
