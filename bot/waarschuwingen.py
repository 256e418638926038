"""Rasa's warnings that are known and harmless in Deelwijzer, kept out of the
terminal where Deelwijzer runs Rasa (training, the server).

Each one is listed below with the reason it is harmless. They are added to
Rasa's own list of expected warnings (``rasa.utils.common.EXPECTED_WARNINGS``),
which Rasa filters unless the log level is DEBUG: ``--debug`` still shows
them, and ``rasa data validate`` (run by the test suite) still lists them all.
Any other warning still shows.

Rasa's command line is run through this module:
``python -m bot.waarschuwingen train ...``.
"""

from __future__ import annotations

import sys
from typing import List, Tuple, Type

# (category, regular expression for the start of the message). Rasa matches
# each as ".*<expression>", case-insensitively.
BEKENDE_WAARSCHUWINGEN: List[Tuple[Type[Warning], str]] = [
    # Rasa's validator looks for responses in stories and rules only. Most of
    # ours are sent by the custom actions (dispatcher.utter_message(
    # response=...)); tests/test_waarschuwingen.py checks that every response
    # in the domain is used somewhere.
    (UserWarning, r"The utterance 'utter_\w+' is not used in any story or rule\."),
    # Intents no example can teach: 'leeg', 'te_lang' and 'andere_taal' are set
    # by bot.nlu.taal.TaalBewaker, 'kies_plan' comes only from buttons.
    (UserWarning, r"The intent '(leeg|te_lang|andere_taal|kies_plan)' is listed in "
                  r"the domain file, but is not found in the NLU training data\."),
    # Synonyms are applied by bot.nlu.entiteiten.DeelwijzerEntiteiten, which
    # reads them from the training data itself; Rasa's mapper is not needed.
    (UserWarning, r"You have defined synonyms in your training data, but your NLU "
                  r"configuration does not include an 'EntitySynonymMapper'\."),
    # Rasa cannot see that DeelwijzerEntiteiten extracts entities from the
    # lookup tables (rol, ontvanger, gegevens, situatie, formaat) and the
    # annotated examples: "You have defined training data consisting of
    # entity examples, but ... no entity extractor trained" and "... lookup
    # tables, but ... no components that uses the features".
    (UserWarning, r"You have defined training data consisting of entity examples"),
    (UserWarning, r"You have defined training data consisting of lookup tables, but "
                  r"your NLU configuration does not include"),
]


def installeer() -> None:
    """Add the known warnings to Rasa's expected ones (idempotent)."""
    from rasa.utils import common

    for waarschuwing in BEKENDE_WAARSCHUWINGEN:
        if waarschuwing not in common.EXPECTED_WARNINGS:
            common.EXPECTED_WARNINGS.append(waarschuwing)


def main() -> None:
    installeer()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
