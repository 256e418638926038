"""Empty messages and messages in another language get a Dutch answer.

Deelwijzer works in Dutch. A question in English, Polish or Arabic would
otherwise be read as a Dutch opening and answered with a step plan the asker
cannot follow; an empty message would get no answer at all. This component
runs last in the NLU pipeline and overrides the intent in those two cases
only: ``te_lang`` for a message that :class:`bot.nlu.bewaking.LengteBewaker`
cut, ``leeg`` for a message without letters or digits, ``andere_taal`` (with
the entity ``taal``) for a message that is clearly not Dutch.

"Clearly" is deliberately strict: a short answer ("ok", "yes") or a message
with as many Dutch as foreign function words stays Dutch, so a professional
who mixes in an English term is never turned away. The word lists are
matching vocabulary, not text shown to users.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.bewaking import TE_LANG

logger = logging.getLogger(__name__)

NEDERLANDS = set(
    "de het een en ik mijn is niet van met mag dit dat wat hij zij ze die er op "
    "te voor naar heeft hebben geen ja nee bij om ook aan maar wil kan moet hoe "
    "waarom wie waar deze mijn onze u uw je jij we wij als of dan nog wel zijn "
    "was wordt worden gaat delen politie school client clienten patient leerling "
    "gegevens informatie".split()
)
ENGELS = set(
    "the and is are can could i my to of with this that what should may he she "
    "not have has a an it be do does how why who where we you your our if or "
    "share sharing data information police school client patient would please "
    "about allowed".split()
)
POOLS = set(
    "czy moge mozna sie nie jest to i w z na dane policji co jak ze udostepnic "
    "moj moja mojego jego jej ktory ktora prosze dziekuje szkoly klienta".split()
)
POOLSE_LETTERS = set("ąęłńśźżćó")
WOORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _ascii(woord: str) -> str:
    gevouwen = unicodedata.normalize("NFKD", woord.replace("ł", "l"))
    return "".join(t for t in gevouwen if not unicodedata.combining(t)).lower()


def _is_latijns(letter: str) -> bool:
    return "LATIN" in unicodedata.name(letter, "")


def is_leeg(tekst: Optional[str]) -> bool:
    """No letter or digit at all: empty, spaces, control characters, emoji."""
    return not any(t.isalnum() for t in (tekst or ""))


def zonder_woorden(tekst: Optional[str]) -> bool:
    """Empty in the sense of :func:`is_leeg`, yet not blank: emoji, symbols or
    punctuation were sent. The reply must not call that an empty message."""
    return is_leeg(tekst) and any(
        t.isprintable() and not t.isspace() for t in (tekst or ""))


def andere_taal(tekst: Optional[str]) -> Optional[str]:
    """'en', 'pl' or 'anders' when the text is clearly not Dutch, else None."""
    letters = [t for t in (tekst or "") if t.isalpha()]
    if len(letters) < 4:
        return None
    niet_latijns = sum(1 for t in letters if not _is_latijns(t))
    if niet_latijns / len(letters) > 0.5:
        return "anders"

    woorden = [_ascii(w) for w in WOORD.findall(tekst or "")]
    nl = sum(w in NEDERLANDS for w in woorden)
    en = sum(w in ENGELS and w not in NEDERLANDS for w in woorden)
    pl = sum(w in POOLS for w in woorden)
    if any(t in POOLSE_LETTERS for t in (tekst or "").lower()) and pl >= 1 and nl == 0:
        return "pl"
    for taal, telling in (("en", en), ("pl", pl)):
        if telling >= 2 and telling > 2 * nl:
            return taal
    return None


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class TaalBewaker(GraphComponent):
    """Sets intent ``leeg`` or ``andere_taal``; leaves every other message."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TaalBewaker":
        return cls()

    def process_training_data(self, training_data: Any) -> Any:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            tekst = message.get(TEXT)
            if message.get(TE_LANG):
                self._zet(message, "te_lang", None)
            elif is_leeg(tekst):
                self._zet(message, "leeg", None)
            else:
                taal = andere_taal(tekst)
                if taal:
                    self._zet(message, "andere_taal", taal)
        return messages

    @staticmethod
    def _zet(message: Message, intent: str, taal: Optional[str]) -> None:
        logger.debug("intent overschreven: %s", intent)
        message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}],
                    add_to_output=True)
        if taal:
            entiteit = {"entity": "taal", "value": taal, "start": 0,
                        "end": len(message.get(TEXT) or ""), "extractor": "TaalBewaker"}
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), entiteit],
                        add_to_output=True)
