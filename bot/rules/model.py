"""Immutable shapes of the law as data: articles, step plans, nodes, outcomes.

Nothing here knows about Rasa. The loader (``loader.py``) builds these objects
from ``data/``; the engine (``engine.py``) walks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Tuple

# The exits the guide itself uses. A plan may only end in one of these.
UITKOMST_SOORTEN: Mapping[str, str] = {
    "mag_delen": "U mag de gegevens delen",
    "niet_delen": "U mag de gegevens niet delen",
    "moet_delen": "U moet de gegevens verstrekken",
    "aangifte": "U kunt aangifte doen",
    "ander_stappenplan": "Volg een ander stappenplan",
    "overleg": "Overleg eerst (leidinggevende, privacyfunctionaris of FG)",
    "eigen_afweging": "Uw eigen afweging is nodig",
}


@dataclass(frozen=True)
class Bron:
    """Where in the guide a node, option or article comes from."""

    kop: str
    regels: Tuple[int, int]
    # A few words that stand in the guide within ``regels``; the tests check
    # this, so a wrong line range cannot go unnoticed.
    anker: Optional[str] = None

    def label(self) -> str:
        return f"Handreiking, '{self.kop}' (regels {self.regels[0]}-{self.regels[1]})"


@dataclass(frozen=True)
class Artikel:
    """One cited provision, defined once in ``data/wetgeving.yml``."""

    sleutel: str
    wet: str
    afkorting: str
    titel: str
    bron_id: Optional[str] = None
    artikel: Optional[str] = None
    lid: Optional[str] = None
    boek: Optional[str] = None
    onderdeel: Optional[str] = None
    gecontroleerd: Optional[str] = None
    afwijking_handreiking: Optional[str] = None
    bron: Optional[Bron] = None

    def aanduiding(self) -> str:
        """Dutch citation as a lawyer writes it, e.g. 'art. 7:457 lid 1 BW'."""
        if self.bron_id is None:
            return f"{self.afkorting} ({self.wet})"
        if self.artikel is None:
            return self.afkorting
        nummer = f"{self.boek}:{self.artikel}" if self.boek else self.artikel
        tekst = f"art. {nummer}"
        if self.lid:
            tekst += f" lid {self.lid}"
        if self.onderdeel:
            tekst += f" onder {self.onderdeel}"
        return f"{tekst} {self.afkorting}"

    def link(self, datum: Optional[str] = None) -> Optional[str]:
        """Link to the official text; pinned to the version in force on ``datum``.

        Dutch regulations use the Juriconnect form on wetten.overheid.nl, with
        the zichtdatum (z) and geldigheidsdatum (g) both set to the decision
        date. EU law (CELEX ids) links to the Dutch text on EUR-Lex, which has
        no stable article anchor, so the article is named in the link text.
        """
        if self.bron_id is None:
            return None
        if self.bron_id.startswith("CELEX:"):
            return (
                "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri="
                + self.bron_id
            )
        delen = [f"https://wetten.overheid.nl/jci1.3:c:{self.bron_id}"]
        if self.boek:
            delen.append(f"boek={self.boek}")
        if self.artikel:
            delen.append(f"artikel={self.artikel}")
        if self.lid:
            delen.append(f"lid={self.lid}")
        if datum:
            delen.append(f"z={datum}")
            delen.append(f"g={datum}")
        return "&".join(delen)


@dataclass(frozen=True)
class Optie:
    """One answer to a question, and where it leads."""

    waarde: str
    label: str
    volgende: str
    herken: Tuple[str, ...] = ()
    citeer: Tuple[str, ...] = ()
    vastleggen: Tuple[str, ...] = ()
    melding: Optional[str] = None


@dataclass(frozen=True)
class Knoop:
    """A question (``soort == 'vraag'``) or an outcome (``'uitkomst'``)."""

    id: str
    soort: str
    stap: str
    bron: Bron
    tekst: str
    waarom: Optional[str] = None
    weet_niet: Optional[str] = None
    opties: Tuple[Optie, ...] = ()
    uitkomst: Optional[str] = None
    citeer: Tuple[str, ...] = ()
    vastleggen: Tuple[str, ...] = ()
    opmerking: Optional[str] = None
    # On an outcome of kind 'ander_stappenplan': the id of the plan of ours
    # that the guide sends the professional to, so the conversation can start
    # it. None where the guide points outside our plans (AVG, another guide).
    doorverwijzen: Optional[str] = None

    @property
    def is_vraag(self) -> bool:
        return self.soort == "vraag"

    def optie(self, waarde: str) -> Optional[Optie]:
        for optie in self.opties:
            if optie.waarde == waarde:
                return optie
        return None


@dataclass(frozen=True)
class Stap:
    """A labelled stage of a plan, used for the progress line."""

    id: str
    nummer: int
    titel: str


@dataclass(frozen=True)
class Stappenplan:
    id: str
    titel: str
    voor_wie: str
    start: str
    stappen: Mapping[str, Stap]
    knopen: Mapping[str, Knoop]
    bron: Bron

    def voortgang(self, knoop_id: str) -> str:
        """'Stap 2 van 3 — Doorbreken van het beroepsgeheim'."""
        stap = self.stappen[self.knopen[knoop_id].stap]
        return f"Stap {stap.nummer} van {len(self.stappen)} — {stap.titel}"


@dataclass(frozen=True)
class VastlegPunt:
    """Something the guide says the professional must record at an outcome."""

    sleutel: str
    vraag: str
    bron: Bron


@dataclass(frozen=True)
class Regelset:
    """Everything the engine needs, with a version that pins it."""

    editie: str
    versie: str
    plannen: Mapping[str, Stappenplan]
    wetgeving: Mapping[str, Artikel]
    vastleggen: Mapping[str, VastlegPunt] = field(default_factory=dict)

    def plan(self, plan_id: str) -> Stappenplan:
        return self.plannen[plan_id]
