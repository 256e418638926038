"""Check that the data's references to the guide point at the right lines.

The guide's text is not part of this project; its location comes from the
setting ``DEELWIJZER_HANDREIKING`` (a path to the plain-text guide). Each
``bron`` with an ``anker`` must find those words within its line range.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from bot.rules.model import Bron, Regelset

STANDAARD_PAD = Path(__file__).resolve().parents[3] / "shared/seed/000_4c55ea64daf2bac7.txt"


def handreiking_pad() -> Optional[Path]:
    pad = Path(os.environ.get("DEELWIJZER_HANDREIKING", STANDAARD_PAD))
    return pad if pad.is_file() else None


def _vlak(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst).strip().lower()


def alle_bronnen(regels: Regelset) -> Iterator[Tuple[str, Bron]]:
    for artikel in regels.wetgeving.values():
        if artikel.bron:
            yield f"wetgeving/{artikel.sleutel}", artikel.bron
    for punt in regels.vastleggen.values():
        yield f"vastleggen/{punt.sleutel}", punt.bron
    for plan in regels.plannen.values():
        yield f"{plan.id}", plan.bron
        for knoop in plan.knopen.values():
            yield f"{plan.id}/{knoop.id}", knoop.bron


def controleer_ankers(regels: Regelset, pad: Path) -> List[str]:
    """Every reference whose anchor words are not within its line range."""
    lijnen = pad.read_text(encoding="utf-8").splitlines()
    fouten = []
    for waar, bron in alle_bronnen(regels):
        van, tot = bron.regels
        if not (1 <= van <= tot <= len(lijnen)):
            fouten.append(f"{waar}: regels {van}-{tot} vallen buiten de handreiking")
            continue
        if bron.anker and _vlak(bron.anker) not in _vlak(" ".join(lijnen[van - 1 : tot])):
            fouten.append(f"{waar}: '{bron.anker}' staat niet in regels {van}-{tot}")
    return fouten
