"""Terms a professional may ask about, loaded from ``data/begrippen.yml``.

Each term carries a plain-Dutch explanation, the articles it rests on (keys
in ``wetgeving.yml``) and its place in the guide. Loading refuses unsound data
with every problem listed, like the step plans. No Rasa import here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

from bot.rules.engine import normaliseer
from bot.rules.loader import DATA_DIR, PlanFout, _bron, _tuple
from bot.rules.model import Bron, Regelset


@dataclass(frozen=True)
class Begrip:
    sleutel: str
    term: str
    ook: Tuple[str, ...]
    uitleg: str
    citeer: Tuple[str, ...]
    bron: Bron
    zie_ook: Tuple[str, ...] = ()

    def vormen(self) -> Tuple[str, ...]:
        """Every way of writing the term, the term itself first."""
        return (self.term, *self.ook)


def laad_begrippen(
    regels: Regelset, pad: Optional[Path] = None
) -> Mapping[str, Begrip]:
    """Load and check the terms against the rule set's article register."""
    pad = pad or DATA_DIR / "begrippen.yml"
    with pad.open(encoding="utf-8") as bestand:
        ruw = (yaml.safe_load(bestand) or {}).get("begrippen") or {}
    problemen: List[str] = []
    begrippen: Dict[str, Begrip] = {}
    for sleutel, item in ruw.items():
        waar = f"begrippen.yml/{sleutel}"
        item = item or {}
        if not sleutel.isascii():
            problemen.append(f"{waar}: sleutel moet ASCII zijn")
        for veld in ("term", "uitleg", "citeer", "bron"):
            if not item.get(veld):
                problemen.append(f"{waar}: '{veld}' ontbreekt")
        for citaat in _tuple(item.get("citeer")):
            if citaat not in regels.wetgeving:
                problemen.append(
                    f"{waar}: citaat {citaat!r} staat niet in wetgeving.yml")
        begrippen[sleutel] = Begrip(
            sleutel=sleutel,
            term=str(item.get("term", "")),
            ook=_tuple(item.get("ook")),
            uitleg=" ".join(str(item.get("uitleg", "")).split()),
            citeer=_tuple(item.get("citeer")),
            bron=_bron(item.get("bron"), waar, problemen),
            zie_ook=_tuple(item.get("zie_ook")),
        )
    problemen.extend(_controleer(begrippen))
    if problemen:
        raise PlanFout(problemen)
    return begrippen


def _controleer(begrippen: Mapping[str, Begrip]) -> List[str]:
    """Cross-references resolve, and no spelling points at two terms: an
    ambiguous spelling would make the assistant explain the wrong thing."""
    problemen: List[str] = []
    eigenaar: Dict[str, str] = {}
    for begrip in begrippen.values():
        for ander in begrip.zie_ook:
            if ander not in begrippen:
                problemen.append(f"begrippen.yml/{begrip.sleutel}: zie_ook "
                                 f"{ander!r} bestaat niet")
        for vorm in begrip.vormen():
            schoon = normaliseer(vorm)
            if not schoon:
                problemen.append(f"begrippen.yml/{begrip.sleutel}: lege vorm")
            elif schoon in eigenaar and eigenaar[schoon] != begrip.sleutel:
                problemen.append(f"begrippen.yml: '{vorm}' hoort bij "
                                 f"{eigenaar[schoon]} en {begrip.sleutel}")
            eigenaar.setdefault(schoon, begrip.sleutel)
    return problemen


def vind_begrippen(begrippen: Mapping[str, Begrip], tekst: str) -> List[Begrip]:
    """The terms ``tekst`` names, longest spelling first, each once.

    A longer spelling wins over a shorter one inside it ("afgeleid
    beroepsgeheim" is not also "beroepsgeheim"), so the explanation matches
    what the professional asked.
    """
    schoon = f" {normaliseer(tekst)} "
    vormen = sorted(
        ((normaliseer(v), b) for b in begrippen.values() for v in b.vormen()),
        key=lambda paar: -len(paar[0]),
    )
    gevonden: List[Begrip] = []
    for vorm, begrip in vormen:
        if vorm and f" {vorm} " in schoon:
            schoon = schoon.replace(f" {vorm} ", "  ")
            if begrip not in gevonden:
                gevonden.append(begrip)
    return gevonden


def nlu_tabel(
    begrippen: Mapping[str, Begrip],
) -> Tuple[List[str], Dict[str, List[str]]]:
    """The lookup table (every spelling, lower case) and the synonyms (every
    spelling mapped to the term's key) that ``data/nlu/uitleg.yml`` must hold."""
    lookup: List[str] = []
    synoniemen: Dict[str, List[str]] = {}
    for begrip in begrippen.values():
        for vorm in begrip.vormen():
            vorm = vorm.lower()
            if vorm not in lookup:
                lookup.append(vorm)
            if vorm != begrip.sleutel:
                synoniemen.setdefault(begrip.sleutel, []).append(vorm)
    return lookup, synoniemen


def als_ruw(begrippen: Mapping[str, Begrip]) -> Dict[str, Any]:
    """Plain data, for the outline and for tests."""
    return {s: {"term": b.term, "citeer": list(b.citeer)} for s, b in begrippen.items()}


def ankerfouten(begrippen: Mapping[str, Begrip], handreiking: Path) -> List[str]:
    """Every term whose anchor words are not within its line range of the
    guide, checked as ``bot/rules/handreiking.py`` checks the plans."""
    from bot.rules.handreiking import _vlak

    lijnen = handreiking.read_text(encoding="utf-8").splitlines()
    fouten = []
    for begrip in begrippen.values():
        van, tot = begrip.bron.regels
        if not (1 <= van <= tot <= len(lijnen)):
            fouten.append(
                f"begrippen/{begrip.sleutel}: regels {van}-{tot} buiten de tekst")
        elif not begrip.bron.anker:
            fouten.append(f"begrippen/{begrip.sleutel}: geen anker")
        elif _vlak(begrip.bron.anker) not in _vlak(" ".join(lijnen[van - 1 : tot])):
            fouten.append(f"begrippen/{begrip.sleutel}: '{begrip.bron.anker}' staat "
                          f"niet in regels {van}-{tot}")
    return fouten
