"""Signals whose meaning turns on one small word: consent and acute danger.

A bag-of-words classifier sees "geeft toestemming" and "geeft geen
toestemming" as nearly the same message. These signals are therefore read by
rule, per clause, with the negation in view, and returned as entity values
("ja" or "nee") that fill the slots ``toestemming_signaal`` and
``acuut_gevaar``. They work on the normal form of the text
(:mod:`bot.nlu.normaliseren`): lower case, no diacritics.

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
]
_TOESTEMMING_NEE = [r"weiger\w*", r"geweigerd", r"(?:is|zijn|was) er(?: \w+)? tegen\b",
                    r"verbiedt", r"verbood", r"verboden"]

_ACUUT_EXPLICIET = [
    r"acu(?:u|)t", r"acute", r"direct gevaar", r"onmiddellijk gevaar",
    r"levensgevaar", r"levensbedreigend", r"spoed",
]
_NU = [
    r"(?:staat|is|zit|loopt|komt|rijdt|gaat|zijn|staan) (?:\w+ )?nu\b",
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
    r"dreig\w*", r"bedreig\w*", r"molotov\w*", r"granaat", r"vuurwerkbom",
]

_ZIN = re.compile(r"[.!?;\n]+")
# A clause ends at a comma or at a conjunction that may start a new claim.
_BIJZIN = re.compile(r",|\b(?:maar|want|terwijl|alleen|echter|behalve)\b")


def _patroon(lijst: List[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(lijst) + r")\b")


TOESTEMMING = _patroon(_TOESTEMMING)
TOESTEMMING_NEE = _patroon(_TOESTEMMING_NEE)
ACUUT_EXPLICIET = _patroon(_ACUUT_EXPLICIET)
NU = _patroon(_NU)
GEVAAR = _patroon(_GEVAAR)


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
    speaks of it."""
    for zin_begin, zin in _delen(tekst, _ZIN):
        for begin, bijzin in _delen(zin, _BIJZIN, zin_begin):
            nee = TOESTEMMING_NEE.search(bijzin)
            ja = TOESTEMMING.search(bijzin)
            treffer = nee or ja
            if treffer is None:
                continue
            # "weigert" is itself the negative; "weigert niet" turns it back.
            negatief = bool(nee) != _ontkend(bijzin)
            return Signaal("toestemming_signaal", "nee" if negatief else "ja",
                           begin + treffer.start(), begin + treffer.end())
    return None


def acuut_gevaar(tekst: str) -> Optional[Signaal]:
    """Acute danger said ("ja") or denied ("nee").

    Explicit words ("acuut", "levensgevaar") count on their own. Otherwise a
    sense of now ("staat nu", "vanavond", "voor de deur") counts only in a
    sentence that also names violence or a weapon, so "wat moet ik nu?"
    does not raise an alarm.

    Shortcoming: "vannacht" and "vanavond" also speak of the night that has
    passed ("er was vannacht een schietpartij"); tense is not read, so such a
    report raises the alarm too. That errs on the side of 112.
    """
    for zin_begin, zin in _delen(tekst, _ZIN):
        for begin, bijzin in _delen(zin, _BIJZIN, zin_begin):
            treffer = ACUUT_EXPLICIET.search(bijzin)
            if treffer:
                waarde = "nee" if _ontkend(bijzin) else "ja"
                return Signaal("acuut_gevaar", waarde,
                               begin + treffer.start(), begin + treffer.end())
        treffer = NU.search(zin)
        if treffer and GEVAAR.search(zin):
            bijzin = next(b for s, b in reversed(_delen(zin, _BIJZIN, zin_begin))
                          if s <= zin_begin + treffer.start())
            waarde = "nee" if _ontkend(bijzin) else "ja"
            return Signaal("acuut_gevaar", waarde, zin_begin + treffer.start(),
                           zin_begin + treffer.end())
    return None


def signalen(tekst: str) -> List[Signaal]:
    return [s for s in (toestemming(tekst), acuut_gevaar(tekst)) if s is not None]
