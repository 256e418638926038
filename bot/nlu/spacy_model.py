"""The spaCy pipeline Rasa's SpacyNLP loads, from a folder in the project.

``config.yml`` names the folder ``var/spacy/nl``. Before training or serving,
:func:`bereid_voor` fills it with

* ``nl_core_news_sm`` when that package is installed (setting ``auto`` or
  ``nl_core_news_sm``), or
* the embedded default: a blank Dutch pipeline with spaCy's lookup
  lemmatizer, whose tables come from the ``spacy-lookups-data`` package, so it
  works on a machine that cannot download models.

It says which one is in use, and rebuilds the folder only when the choice
changes.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import shutil
from pathlib import Path
from typing import Tuple

logger = logging.getLogger(__name__)

ECHT_MODEL = "nl_core_news_sm"
BASIS_NAAM = "deelwijzer_basis"


def echt_model_beschikbaar() -> bool:
    return importlib.util.find_spec(ECHT_MODEL) is not None


def kies(instelling: str) -> str:
    """Which pipeline to use: ECHT_MODEL or BASIS_NAAM."""
    if instelling == "basis":
        return BASIS_NAAM
    if instelling == ECHT_MODEL:
        if not echt_model_beschikbaar():
            raise RuntimeError(
                f"DEELWIJZER_SPACY_MODEL={ECHT_MODEL}, maar dat spaCy-model is niet "
                "geïnstalleerd. Zie de README, of gebruik 'auto'."
            )
        return ECHT_MODEL
    return ECHT_MODEL if echt_model_beschikbaar() else BASIS_NAAM


def bouw_basis():
    """The embedded default: blank Dutch with the lookup lemmatizer."""
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta["name"] = BASIS_NAAM
    nlp.meta["description"] = "Lege Nederlandse pipeline met lookup-lemmatizer"
    return nlp


def _huidig(map_: Path) -> str:
    meta = map_ / "meta.json"
    if not meta.is_file():
        return ""
    gegevens = json.loads(meta.read_text(encoding="utf-8"))
    return f"{gegevens.get('lang')}_{gegevens.get('name')}"


def beschrijving(map_: Path) -> str:
    """In words, which pipeline lies in ``map_``: for the start-up message."""
    huidig = _huidig(map_)
    if huidig == f"nl_{BASIS_NAAM}":
        return (f"ingebouwde standaard ({BASIS_NAAM}: lege Nederlandse pipeline met "
                "lookup-lemmatizer); nl_core_news_sm is niet geïnstalleerd")
    if huidig:
        return f"{huidig} (geïnstalleerd spaCy-model)"
    return "nog niet klaargezet"


def bereid_voor(map_: Path, instelling: str = "auto") -> Tuple[str, bool]:
    """Make ``map_`` hold the chosen pipeline. Returns (name, rebuilt)."""
    import spacy

    keuze = kies(instelling)
    if keuze == ECHT_MODEL:
        nlp = spacy.load(ECHT_MODEL)
    else:
        nlp = None
    gewenst = f"nl_{nlp.meta['name']}" if nlp is not None else f"nl_{BASIS_NAAM}"
    if _huidig(map_) == gewenst:
        logger.info("spaCy-pipeline in gebruik: %s", keuze)
        return keuze, False
    if map_.exists():
        shutil.rmtree(map_)
    map_.parent.mkdir(parents=True, exist_ok=True)
    (nlp or bouw_basis()).to_disk(map_)
    logger.info("spaCy-pipeline in gebruik: %s (opnieuw klaargezet)", keuze)
    return keuze, True
