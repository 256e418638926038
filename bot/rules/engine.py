"""Walk a step plan from given answers. Pure and deterministic.

The state of a consultation is nothing but the ordered answers given so far:
``[("s1_strafbaar_feit", "geen"), ("s2a_toestemming", "nee"), ...]``. Every
call re-walks the plan from its start, so going back or correcting an earlier
answer is just a shorter or changed list, and the same answers always give the
same outcome and citations.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from bot.rules.model import Artikel, Knoop, Optie, Regelset, Stappenplan

logger = logging.getLogger(__name__)

Antwoord = Tuple[str, str]


class OngeldigAntwoord(ValueError):
    """An answer does not fit the question that is open at that point."""


@dataclass(frozen=True)
class Schrede:
    """One question on the path, the answer given and what it triggered."""

    knoop: Knoop
    optie: Optie


@dataclass(frozen=True)
class Stand:
    """Where a walk through a plan stands after the given answers."""

    plan: Stappenplan
    pad: Tuple[Schrede, ...]
    knoop: Knoop

    @property
    def klaar(self) -> bool:
        return not self.knoop.is_vraag

    @property
    def uitkomst(self) -> Optional[Knoop]:
        return None if self.knoop.is_vraag else self.knoop

    @property
    def antwoorden(self) -> Tuple[Antwoord, ...]:
        return tuple((s.knoop.id, s.optie.waarde) for s in self.pad)

    def citaten(self) -> Tuple[str, ...]:
        """Citation keys of the path and the outcome, in order, each once."""
        sleutels: List[str] = []
        for schrede in self.pad:
            sleutels.extend(schrede.optie.citeer)
        sleutels.extend(self.knoop.citeer)
        return tuple(dict.fromkeys(sleutels))

    def vastleggen(self) -> Tuple[str, ...]:
        """What the professional must record, gathered along the path."""
        # The outcome's own points (purpose, data, necessity) come first; the
        # points of the route taken (consent, conflict of duties) follow.
        punten: List[str] = list(self.knoop.vastleggen) if self.klaar else []
        for schrede in self.pad:
            punten.extend(schrede.optie.vastleggen)
        return tuple(dict.fromkeys(punten))

    def voortgang(self) -> str:
        return self.plan.voortgang(self.knoop.id)


def loop(plan: Stappenplan, antwoorden: Sequence[Antwoord]) -> Stand:
    """Walk ``plan`` with ``antwoorden``; raise :class:`OngeldigAntwoord` when
    an answer is for another question than the one open, or is not an option.
    """
    knoop = plan.knopen[plan.start]
    pad: List[Schrede] = []
    for knoop_id, waarde in antwoorden:
        if not knoop.is_vraag:
            raise OngeldigAntwoord(f"de uitkomst {knoop.id!r} is al bereikt")
        if knoop_id != knoop.id:
            raise OngeldigAntwoord(f"open vraag is {knoop.id!r}, niet {knoop_id!r}")
        optie = knoop.optie(waarde)
        if optie is None:
            raise OngeldigAntwoord(f"{waarde!r} is geen antwoord op {knoop.id!r}")
        pad.append(Schrede(knoop=knoop, optie=optie))
        logger.debug("plan=%s knoop=%s antwoord=%s citeer=%s",
                     plan.id, knoop.id, waarde, ",".join(optie.citeer))
        knoop = plan.knopen[optie.volgende]
    if not knoop.is_vraag:
        logger.debug("plan=%s uitkomst=%s citeer=%s",
                     plan.id, knoop.id, ",".join(knoop.citeer))
    return Stand(plan=plan, pad=tuple(pad), knoop=knoop)


def terug(antwoorden: Sequence[Antwoord]) -> Tuple[Antwoord, ...]:
    """The answers with the last one taken back."""
    return tuple(antwoorden[:-1])


def wijzig(
    plan: Stappenplan, antwoorden: Sequence[Antwoord], knoop_id: str, waarde: str
) -> Stand:
    """Change the answer to an earlier question; the answers after it are
    dropped, because they may no longer be asked."""
    posities = [i for i, (k, _) in enumerate(antwoorden) if k == knoop_id]
    if not posities:
        raise OngeldigAntwoord(f"de vraag {knoop_id!r} is niet beantwoord")
    behouden = list(antwoorden[: posities[0]])
    return loop(plan, behouden + [(knoop_id, waarde)])


def normaliseer(tekst: str) -> str:
    """Lower case, accents folded, punctuation to spaces."""
    tekst = unicodedata.normalize("NFKD", tekst)
    tekst = "".join(t for t in tekst if not unicodedata.combining(t)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", tekst).split())


def herken_optie(knoop: Knoop, tekst: str) -> Optional[Optie]:
    """The option that free text names unambiguously, else None.

    Only the option's own value, label and listed phrases count, and only when
    exactly one option matches: the engine never guesses an answer.
    """
    schoon = f" {normaliseer(tekst)} "
    if not schoon.strip():
        return None
    treffers = []
    for optie in knoop.opties:
        woorden = (optie.label, *optie.herken)
        if any(f" {normaliseer(w)} " in schoon for w in woorden if normaliseer(w)):
            treffers.append(optie)
    return treffers[0] if len(treffers) == 1 else None


def verklaar(stand: Stand, regels: Regelset) -> List[str]:
    """The path that led to where the walk stands, one Dutch line a step."""
    regels_uit: List[str] = []
    for nummer, schrede in enumerate(stand.pad, start=1):
        artikelen = _aanduidingen(schrede.optie.citeer, regels)
        regel = f"{nummer}. {schrede.knoop.tekst} — {schrede.optie.label}"
        if artikelen:
            regel += f" ({artikelen})"
        regels_uit.append(regel)
    if stand.klaar:
        artikelen = _aanduidingen(stand.knoop.citeer, regels)
        regels_uit.append(f"Uitkomst: {stand.knoop.tekst} ({artikelen})")
    return regels_uit


def _aanduidingen(sleutels: Sequence[str], regels: Regelset) -> str:
    return ", ".join(regels.wetgeving[s].aanduiding() for s in sleutels)


def artikelen(stand: Stand, regels: Regelset) -> List[Artikel]:
    return [regels.wetgeving[s] for s in stand.citaten()]


def alle_paden(plan: Stappenplan) -> List[Tuple[Antwoord, ...]]:
    """Every answer sequence from the start to an outcome (for tests and the
    outline)."""
    paden: List[Tuple[Antwoord, ...]] = []

    def volg(knoop_id: str, pad: Tuple[Antwoord, ...]) -> None:
        knoop = plan.knopen[knoop_id]
        if not knoop.is_vraag:
            paden.append(pad)
            return
        for optie in knoop.opties:
            volg(optie.volgende, pad + ((knoop.id, optie.waarde),))

    volg(plan.start, ())
    return paden
