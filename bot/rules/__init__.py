"""The law as data and the engine that walks it. No Rasa import here."""

from bot.rules.engine import (
    OngeldigAntwoord,
    Stand,
    alle_paden,
    herken_optie,
    loop,
    terug,
    verklaar,
    wijzig,
)
from bot.rules.loader import PlanFout, laad_regelset
from bot.rules.model import UITKOMST_SOORTEN, Regelset

__all__ = [
    "OngeldigAntwoord",
    "PlanFout",
    "Regelset",
    "Stand",
    "UITKOMST_SOORTEN",
    "alle_paden",
    "herken_optie",
    "laad_regelset",
    "loop",
    "terug",
    "verklaar",
    "wijzig",
]
