"""Normalise a message before NLU, and give the user's own text back after.

Professionals paste from Word, Outlook and Teams: text arrives decomposed
("cli" + "e" + U+0308 + "nt"), with Teams mention markup (``<at>Deelwijzer
</at>``), HTML entities, typographic quotes, double spaces and capitals.
Training data and lookup tables are written in plain Dutch, with and without
diaeresis. Folding both sides to one form makes "cliënt", "client" and
"Cliënt" the same word for the classifier and the entity extractor.

Two graph components:

* :class:`TekstNormalisator` goes first in the pipeline. It replaces the
  message text by its normal form and keeps the original text and, for every
  character of the normal form, its position in the original.
* :class:`OrigineleTekst` goes last. It puts the original text back and maps
  entity positions onto it, so the tracker, the record and the slot filled
  from the text hold exactly what the professional typed, and a normalised
  copy is in the parse result as ``tekst_genormaliseerd``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

ORIGINEEL = "tekst_origineel"
KAART = "tekst_kaart"
GENORMALISEERD = "tekst_genormaliseerd"

# A Teams mention names the bot (or a colleague); it carries no meaning for
# the question and would otherwise look like a name to the classifier.
_MENTION = re.compile(r"<at\b[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{1,200}>")
_ENTITEIT = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")

# Characters that NFKD does not fold to what people type on a keyboard.
_VERVANG = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u00b4": "'",
    "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2013": "-",
    "\u2014": "-", "\u2212": "-", "\u00ad": "", "\u200b": "", "\u200c": "",
    "\u200d": "", "\u2060": "", "\ufeff": "",
}


def _stukken(tekst: str) -> List[Tuple[str, int]]:
    """(replacement, original position) for markup, entities and the rest."""
    stukken: List[Tuple[str, int]] = []
    positie = 0
    patroon = re.compile(f"{_MENTION.pattern}|{_TAG.pattern}|{_ENTITEIT.pattern}",
                         re.IGNORECASE | re.DOTALL)
    for treffer in patroon.finditer(tekst):
        stukken.extend((teken, positie + i)
                       for i, teken in enumerate(tekst[positie:treffer.start()]))
        gevonden = treffer.group(0)
        if gevonden.startswith("&"):
            stukken.append((html.unescape(gevonden), treffer.start()))
        else:
            # A tag may separate two words (</p><p>): keep a space.
            stukken.append((" ", treffer.start()))
        positie = treffer.end()
    stukken.extend((teken, positie + i) for i, teken in enumerate(tekst[positie:]))
    return stukken


def normaliseer_met_kaart(tekst: str) -> Tuple[str, List[int]]:
    """The normal form of ``tekst`` and, per character of it, the position of
    the original character it came from.

    Normal form: markup removed, Unicode composed and then folded (no
    diacritics, compatibility forms unfolded), lower case, typographic
    quotes and dashes made plain, every run of white space one space.
    """
    tekens: List[str] = []
    kaart: List[int] = []
    # NFC first, per piece, so a decomposed "e" + U+0308 is one character
    # with one original position: the combining mark then maps onto the "e".
    for stuk, positie in _stukken(tekst):
        for teken in stuk:
            teken = _VERVANG.get(teken, teken)
            for deel in unicodedata.normalize("NFKD", teken):
                if unicodedata.combining(deel):
                    continue
                for klein in deel.lower():
                    if klein.isspace():
                        klein = " "
                    if klein == " " and (not tekens or tekens[-1] == " "):
                        continue
                    tekens.append(klein)
                    kaart.append(positie)
    while tekens and tekens[-1] == " ":
        tekens.pop()
        kaart.pop()
    return "".join(tekens), kaart


def normaliseer(tekst: str) -> str:
    return normaliseer_met_kaart(tekst)[0]


def naar_origineel(kaart: List[int], origineel: str, begin: int, eind: int
                   ) -> Tuple[int, int]:
    """Map a span [begin, eind) of the normal form onto the original text."""
    if not kaart or begin >= len(kaart):
        return len(origineel), len(origineel)
    nieuw_begin = kaart[begin]
    laatste = kaart[min(eind, len(kaart)) - 1]
    # The end is just after the last original character that contributed,
    # including the combining marks that followed it.
    nieuw_eind = laatste + 1
    while nieuw_eind < len(origineel) and unicodedata.combining(origineel[nieuw_eind]):
        nieuw_eind += 1
    return nieuw_begin, nieuw_eind


def _normaliseer_bericht(bericht: Message, bewaar_origineel: bool) -> None:
    tekst = bericht.get(TEXT)
    if not tekst:
        return
    normaal, kaart = normaliseer_met_kaart(tekst)
    if bewaar_origineel:
        bericht.set(ORIGINEEL, tekst)
        bericht.set(KAART, kaart)
    else:
        # Training examples: annotated entity positions follow the text.
        for entiteit in bericht.get(ENTITIES) or []:
            if "start" in entiteit and "end" in entiteit:
                entiteit["start"], entiteit["end"] = _naar_normaal(
                    kaart, entiteit["start"], entiteit["end"])
    bericht.set(TEXT, normaal)


def _naar_normaal(kaart: List[int], begin: int, eind: int) -> Tuple[int, int]:
    nieuw_begin = next((i for i, p in enumerate(kaart) if p >= begin), len(kaart))
    nieuw_eind = next((i for i, p in enumerate(kaart) if p >= eind), len(kaart))
    return nieuw_begin, nieuw_eind


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False
)
class TekstNormalisator(GraphComponent):
    """First in the pipeline: the message text in its normal form."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TekstNormalisator":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for bericht in training_data.training_examples:
            _normaliseer_bericht(bericht, bewaar_origineel=False)
        # Lookup tables and synonyms must speak the same normal form as the
        # messages they are matched against.
        for tabel in training_data.lookup_tables:
            if isinstance(tabel.get("elements"), list):
                tabel["elements"] = sorted(
                    {normaliseer(e) for e in tabel["elements"] if normaliseer(e)})
        training_data.entity_synonyms = {
            normaliseer(k): v for k, v in training_data.entity_synonyms.items()
        }
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for bericht in messages:
            _normaliseer_bericht(bericht, bewaar_origineel=True)
        return messages


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class OrigineleTekst(GraphComponent):
    """Last in the pipeline: the user's own text back, entities mapped onto it."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "OrigineleTekst":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for bericht in messages:
            origineel: Optional[str] = bericht.get(ORIGINEEL)
            if origineel is None:
                continue
            kaart = bericht.get(KAART) or []
            for entiteit in bericht.get(ENTITIES) or []:
                if "start" in entiteit and "end" in entiteit:
                    entiteit["start"], entiteit["end"] = naar_origineel(
                        kaart, origineel, entiteit["start"], entiteit["end"])
            bericht.set(GENORMALISEERD, bericht.get(TEXT), add_to_output=True)
            bericht.set(TEXT, origineel)
        return messages
