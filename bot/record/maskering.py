"""Mask personal data of the person concerned in free text before it is kept.

The assistant needs no names or numbers of the person a professional is
worried about. Whatever the professional types anyway (in the opening message
or the motivation of their weighing) is masked before it is stored in the
tracker store, logged or rendered in a record:

- BSN: nine digits (also written 123.456.782 or 1234 56 782) that pass the
  11-check. A number that looks like a BSN but fails the check is left alone:
  it is most likely a case or file number, and masking it would hide what the
  professional meant.
- Dutch phone numbers: mobile and landline, with 0, +31 or 0031.
- E-mail addresses.
- Postcodes (with a house number when one follows) and street + house number.
- Full dates (day, month and year). A date of birth cannot be told apart from
  other dates without context, so every full date is masked; a date after
  'geboren' or 'geboortedatum' is marked as a date of birth.
- Person names, only where a spaCy pipeline with named-entity recognition is
  available (nl_core_news_sm). Without it names are NOT masked; the record says
  which was the case.

Pure Python; no Rasa import, so the action server and the tracker store both
use it.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, List, Mapping, Optional, Tuple

import yaml

logger = logging.getLogger(__name__)

TEKSTEN = Path(__file__).resolve().parent / "teksten.yml"

# Entity labels for persons: 'PER' in WikiNER-style pipelines, 'PERSON' in
# nl_core_news_sm (OntoNotes-style labels).
PERSOON_LABELS = frozenset({"PER", "PERSON"})
NAMEN_MODEL = "nl_core_news_sm"


@lru_cache(maxsize=1)
def teksten() -> Mapping[str, Any]:
    with TEKSTEN.open(encoding="utf-8") as bestand:
        return yaml.safe_load(bestand)


def label(soort: str) -> str:
    return teksten()["maskering"][soort]


@dataclass(frozen=True)
class Gemaskeerd:
    tekst: str
    # Which kinds were masked, in order of first occurrence, each once.
    soorten: Tuple[str, ...]

    @property
    def gewijzigd(self) -> bool:
        return bool(self.soorten)


# --- BSN ----------------------------------------------------------------

def is_bsn(cijfers: str) -> bool:
    """The 11-check ('elfproef') for a BSN of nine digits."""
    if len(cijfers) != 9 or not cijfers.isdigit() or set(cijfers) == {"0"}:
        return False
    som = sum(int(c) * w for c, w in zip(cijfers, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return som % 11 == 0


_BSN = re.compile(
    r"(?<![\w.+-])"
    r"(\d{9}|\d{3}[ .-]\d{3}[ .-]\d{3}|\d{4}[ .-]\d{2}[ .-]\d{3})"
    r"(?![\w]|[.-]\d)"
)

# --- phone numbers ------------------------------------------------------

# A run that starts like a Dutch number; which digits of it form the number is
# decided in _telefoon() so that a following, unrelated number is not eaten.
_TELEFOON = re.compile(r"(?<![\w+])(?:(?:\+|00)31|\(?0)[\d\s().-]*\d")


def _telefoon_lengte(kandidaat: str) -> Optional[int]:
    """Length of the prefix of ``kandidaat`` that is a valid Dutch number."""
    genormaliseerd = ""
    for positie, teken in enumerate(kandidaat):
        if teken == "+":
            continue
        if not teken.isdigit():
            if teken in " \t\n().-":
                continue
            return None
        genormaliseerd += teken
        cijfers = genormaliseerd
        if cijfers.startswith("0031"):
            cijfers = "0" + cijfers[4:]
        elif cijfers.startswith("31") and kandidaat.lstrip().startswith("+"):
            cijfers = "0" + cijfers[2:]
        # "+31 (0)6 ...": the (0) is written but not dialled.
        if cijfers.startswith("00") and kandidaat.lstrip()[:1] in "+0":
            cijfers = cijfers[1:]
        if len(cijfers) == 10:
            if cijfers[0] == "0" and cijfers[1] != "0":
                return positie + 1
            return None
    return None


# --- e-mail, address, dates ----------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

_HUISNUMMER = r"\d{1,5}(?:\s?[a-zA-Z](?![a-zA-Z])|[-/][\w]{1,4})?"
_POSTCODE = re.compile(
    r"(?<!\w)[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|[a-z]{2})(?!\w)"
    rf"(?:\s*,?\s*{_HUISNUMMER}(?!\w))?"
)
_STRAAT = re.compile(
    r"(?<!\w)[A-Za-zÀ-ÿ'-]*"
    r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|"
    r"markt|baan|ring|erf|wal|dam|veld)"
    rf"\s+{_HUISNUMMER}(?!\w)",
    re.IGNORECASE,
)

_MAANDEN = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|"
    r"oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec)"
)
_DATUM = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1(?:\d{4}|\d{2})"
    rf"|(?:0?[1-9]|[12]\d|3[01])\s+{_MAANDEN}\.?\s+\d{{4}}"
    r"|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r")(?![\w/]|[.-]\d)",
    re.IGNORECASE,
)
_GEBOORTE = re.compile(
    r"(?:geboren|geb\.|geb|geboortedatum|geboortedag)\s*(?:op|:)?\s*$",
    re.IGNORECASE,
)


# --- masking ------------------------------------------------------------

def _vervang(
    tekst: str, patroon: re.Pattern, soort: Callable[[re.Match, str], Optional[str]],
    gevonden: List[str],
) -> str:
    delen: List[str] = []
    vorige = 0
    for treffer in patroon.finditer(tekst):
        naam = soort(treffer, tekst)
        if naam is None:
            continue
        delen.append(tekst[vorige:treffer.start()])
        delen.append(label(naam))
        vorige = treffer.end()
        gevonden.append(naam)
    delen.append(tekst[vorige:])
    return "".join(delen)


def _datum_soort(treffer: re.Match, tekst: str) -> str:
    ervoor = tekst[max(0, treffer.start() - 30):treffer.start()]
    return "geboortedatum" if _GEBOORTE.search(ervoor) else "datum"


def _bsn_soort(treffer: re.Match, tekst: str) -> Optional[str]:
    return "bsn" if is_bsn(re.sub(r"\D", "", treffer.group(0))) else None


def _telefoon_vervang(tekst: str, gevonden: List[str]) -> str:
    delen: List[str] = []
    vorige = 0
    for treffer in _TELEFOON.finditer(tekst):
        if treffer.start() < vorige:
            continue
        lengte = _telefoon_lengte(treffer.group(0))
        if lengte is None:
            continue
        einde = treffer.start() + lengte
        if einde < len(tekst) and tekst[einde].isdigit():
            continue
        delen.append(tekst[vorige:treffer.start()])
        delen.append(label("telefoon"))
        vorige = einde
        gevonden.append("telefoon")
    delen.append(tekst[vorige:])
    return "".join(delen)


def _namen(tekst: str, nlp: Any, gevonden: List[str]) -> str:
    doc = nlp(tekst)
    delen: List[str] = []
    vorige = 0
    for ent in doc.ents:
        # Never mask inside a placeholder another rule already put there.
        if ent.label_ not in PERSOON_LABELS or "[" in ent.text or "]" in ent.text:
            continue
        if ent.start_char < vorige:
            continue
        delen.append(tekst[vorige:ent.start_char])
        delen.append(label("naam"))
        vorige = ent.end_char
        gevonden.append("naam")
    delen.append(tekst[vorige:])
    return "".join(delen)


@lru_cache(maxsize=1)
def namen_model() -> Optional[Any]:
    """nl_core_news_sm with its entity recogniser, or None when not installed.

    Only the recogniser is needed; the other components are left out to keep
    loading and running cheap.
    """
    # Look before importing spaCy: importing it pulls in TensorFlow (through
    # thinc), seconds of start-up for nothing when the model is absent.
    if importlib.util.find_spec(NAMEN_MODEL) is None:
        logger.info("namen worden niet gemaskeerd: %s is niet geïnstalleerd",
                    NAMEN_MODEL)
        return None
    import spacy

    nlp = spacy.load(NAMEN_MODEL, exclude=["parser", "lemmatizer", "morphologizer",
                                            "tagger", "attribute_ruler"])
    return nlp if "ner" in nlp.pipe_names else None


_GEEN = object()


def maskeer(tekst: str, nlp: Any = _GEEN) -> Gemaskeerd:
    """Mask personal data in ``tekst``. ``nlp`` is a spaCy pipeline whose
    entities mark person names; by default nl_core_news_sm when installed,
    ``None`` for no name masking."""
    if nlp is _GEEN:
        nlp = namen_model()
    gevonden: List[str] = []
    if not tekst:
        return Gemaskeerd(tekst or "", ())
    uit = _vervang(tekst, _EMAIL, lambda t, s: "e-mail", gevonden)
    # Dates before phone numbers and BSNs: 12-05-2008 is a date, not digits.
    uit = _vervang(uit, _DATUM, _datum_soort, gevonden)
    uit = _telefoon_vervang(uit, gevonden)
    uit = _vervang(uit, _BSN, _bsn_soort, gevonden)
    uit = _vervang(uit, _STRAAT, lambda t, s: "adres", gevonden)
    uit = _vervang(uit, _POSTCODE, lambda t, s: "adres", gevonden)
    if nlp is not None:
        uit = _namen(uit, nlp, gevonden)
    return Gemaskeerd(uit, tuple(dict.fromkeys(gevonden)))


def maskeer_tekst(tekst: Any) -> Any:
    """Masked text, or the value unchanged when it is not text."""
    return maskeer(tekst).tekst if isinstance(tekst, str) else tekst


def maskeer_velden(
    waarde: Any, overslaan: Iterable[str] = ("tijd", "soort", "knoop", "waarde", "plan")
) -> Any:
    """Mask every text in a nested structure of dicts and lists, except the
    values of keys in ``overslaan`` (identifiers and timestamps, which a date
    pattern would otherwise mangle)."""
    overslaan = frozenset(overslaan)
    if isinstance(waarde, str):
        return maskeer(waarde).tekst
    if isinstance(waarde, list):
        return [maskeer_velden(w, overslaan) for w in waarde]
    if isinstance(waarde, dict):
        return {k: (v if k in overslaan else maskeer_velden(v, overslaan))
                for k, v in waarde.items()}
    return waarde
