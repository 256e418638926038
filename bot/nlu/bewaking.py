"""Guards that keep bad input from stopping the NLU pipeline.

* :class:`LengteBewaker`, first in the pipeline: a message longer than
  ``max_tekens`` is cut before any other component sees it (some of them take
  time that grows faster than the length) and marked, so that
  :class:`bot.nlu.taal.TaalBewaker` answers it with the intent ``te_lang``.
* :class:`VeiligeLogistischeRegressie`: Rasa's LogisticRegressionClassifier
  raises on a message that has no features at all (empty, or nothing left
  after normalising), which leaves the user without any answer. This one
  gives such a message no intent, so the fallback and the dialogue answer it.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import (
    LogisticRegressionClassifier,
)
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

TE_LANG = "deelwijzer_te_lang"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False
)
class LengteBewaker(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_tekens": 2000}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._max = int(config.get("max_tekens", 2000))

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LengteBewaker":
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            tekst = message.get(TEXT) or ""
            if len(tekst) > self._max:
                logger.debug("bericht van %d tekens ingekort", len(tekst))
                message.set(TEXT, tekst[: self._max])
                message.set(TE_LANG, True)
        return messages


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class VeiligeLogistischeRegressie(LogisticRegressionClassifier):
    def process(self, messages: List[Message]) -> List[Message]:
        met_kenmerken = [m for m in messages if self._heeft_kenmerken(m)]
        if met_kenmerken:
            super().process(met_kenmerken)
        for message in messages:
            if message not in met_kenmerken:
                message.set(INTENT, {"name": None, "confidence": 0.0},
                            add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages

    @staticmethod
    def _heeft_kenmerken(message: Message) -> bool:
        # Any text feature with a column; asking Message for the combined
        # features would stack the sparse matrices only to look at a shape.
        return any(f.attribute == TEXT and f.features.shape[-1] > 0
                   for f in message.features)
