"""Infer the asker's step plan from their words, or say that we cannot.

Pure Python, no Rasa. The table lives in ``data/routering.yml``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import yaml

from bot.rules.engine import normaliseer
from bot.rules.loader import DATA_DIR


@lru_cache(maxsize=4)
def routering(pad: Path = DATA_DIR / "routering.yml") -> Dict[str, dict]:
    with pad.open(encoding="utf-8") as bestand:
        return yaml.safe_load(bestand)["plannen"]


def passende_plannen(
    tekst: str, rollen: Iterable[str], beschikbaar: Iterable[str]
) -> List[str]:
    """Every available plan that the words or recognised roles point to."""
    schoon = f" {normaliseer(tekst)} "
    rollen = {normaliseer(r).replace(" ", "_") for r in rollen}
    gevonden = []
    for plan_id in beschikbaar:
        regels = routering().get(plan_id)
        if not regels:
            continue
        woord_treffer = any(
            f" {normaliseer(w)} " in schoon for w in regels.get("woorden", ())
        )
        rol_treffer = bool(rollen & set(regels.get("rollen", ())))
        if woord_treffer or rol_treffer:
            gevonden.append(plan_id)
    return gevonden


def kies_plan(
    tekst: str, rollen: Iterable[str], beschikbaar: Iterable[str]
) -> Optional[str]:
    """The plan when exactly one fits; None means: ask the user."""
    plannen = passende_plannen(tekst, rollen, list(beschikbaar))
    return plannen[0] if len(plannen) == 1 else None


def knop_tekst(plan_id: str) -> str:
    return routering().get(plan_id, {}).get("knop", plan_id)
