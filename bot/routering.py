"""Infer the asker's step plan from their words, or say that we cannot.

Pure Python, no Rasa. The table lives in ``data/routering.yml``. The input is
what NLU found: the text and the values of the entity ``rol``. Three tiers,
each used only when the one before found nothing:

1. roles the asker names ("ik ben huisarts", "als boa");
2. hints that give the role away ("mijn cliënt", "mijn leerling");
3. words in the text (``woorden``).

A tier that points to more than one plan ends the search with no plan: the
assistant then asks, it never guesses.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set

import yaml

from bot.rules.engine import normaliseer
from bot.rules.loader import DATA_DIR

ROUTERING = DATA_DIR / "routering.yml"


@lru_cache(maxsize=4)
def _tabel(pad: Path = ROUTERING) -> Dict[str, Any]:
    with pad.open(encoding="utf-8") as bestand:
        return yaml.safe_load(bestand)


def routering(pad: Path = ROUTERING) -> Dict[str, dict]:
    return _tabel(pad)["plannen"]


def aanwijzingen(pad: Path = ROUTERING) -> Set[str]:
    return {normaliseer(a) for a in _tabel(pad).get("aanwijzingen", ())}


def rollen_uit(entiteiten: Iterable[Dict[str, Any]]) -> List[str]:
    """The values of the entity ``rol`` in an NLU parse result."""
    return [str(e.get("value")) for e in entiteiten
            if e.get("entity") == "rol" and e.get("value")]


def _plannen_voor_rollen(rollen: Set[str], beschikbaar: List[str]) -> List[str]:
    return [p for p in beschikbaar
            if rollen & {normaliseer(r) for r in routering().get(p, {}).get("rollen", ())}]


def passende_plannen(
    tekst: str, rollen: Iterable[str], beschikbaar: Iterable[str]
) -> List[str]:
    """The plans of the first tier that points anywhere (see module doc)."""
    beschikbaar = [p for p in beschikbaar if p in routering()]
    rollen = {normaliseer(r) for r in rollen}
    hints = aanwijzingen()
    for laag in (rollen - hints, rollen & hints):
        plannen = _plannen_voor_rollen(laag, beschikbaar)
        if plannen:
            return plannen
    schoon = f" {normaliseer(tekst)} "
    return [p for p in beschikbaar
            if any(f" {normaliseer(w)} " in schoon
                   for w in routering()[p].get("woorden", ()) if normaliseer(w))]


def kies_plan(
    tekst: str, rollen: Iterable[str], beschikbaar: Iterable[str]
) -> Optional[str]:
    """The plan when exactly one fits; None means: ask the user."""
    plannen = passende_plannen(tekst, rollen, list(beschikbaar))
    return plannen[0] if len(plannen) == 1 else None


def knop_tekst(plan_id: str) -> str:
    return routering().get(plan_id, {}).get("knop", plan_id)
