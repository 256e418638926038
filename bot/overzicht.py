"""A step plan as a readable outline, for a lawyer reviewing the data."""

from __future__ import annotations

import textwrap
from typing import List

from bot.rules.model import UITKOMST_SOORTEN, Regelset, Stappenplan


def overzicht(plan: Stappenplan, regels: Regelset) -> str:
    regels_uit: List[str] = [f"{plan.titel} ({plan.id})", "=" * len(plan.titel), ""]
    for stap in sorted(plan.stappen.values(), key=lambda s: s.nummer):
        regels_uit.append(f"Stap {stap.nummer}: {stap.titel}")
        for knoop in plan.knopen.values():
            if knoop.stap != stap.id:
                continue
            regels_uit.extend(_knoop(knoop, regels))
        regels_uit.append("")
    return "\n".join(regels_uit)


def _knoop(knoop, regels: Regelset) -> List[str]:
    bron = f"[{knoop.bron.label()}]"
    if knoop.is_vraag:
        uit = [f"  ? {knoop.id}: {knoop.tekst}", f"      {bron}"]
        for optie in knoop.opties:
            citaten = ", ".join(regels.wetgeving[c].aanduiding() for c in optie.citeer)
            regel = f"      - {optie.label} -> {optie.volgende}"
            uit.append(regel + (f"  ({citaten})" if citaten else ""))
    else:
        citaten = ", ".join(regels.wetgeving[c].aanduiding() for c in knoop.citeer)
        soort = UITKOMST_SOORTEN[knoop.uitkomst]
        uit = [f"  = {knoop.id}: {soort.upper()}  ({citaten})", f"      {bron}"]
        uit.extend(textwrap.wrap(knoop.tekst, 84, initial_indent="      ",
                                 subsequent_indent="      "))
        if knoop.doorverwijzen:
            uit.append(f"      -> start stappenplan {knoop.doorverwijzen}")
    if knoop.opmerking:
        uit.extend(textwrap.wrap("Let op: " + " ".join(knoop.opmerking.split()), 84,
                                 initial_indent="      ! ", subsequent_indent="        "))
    return uit
