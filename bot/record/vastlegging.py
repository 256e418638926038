"""The vastlegging: one canonical JSON document per consultation.

Every rendering (Markdown now) is made from this document. It is built from
the consultation's answers and log by re-walking the plan, so the outcome and
citations in a record are the engine's, never a copy of what a chat said.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.rules import Regelset, loop, verklaar

FORMAAT = "deelwijzer-vastlegging/1"


def maak_vastlegging(
    regels: Regelset,
    plan_id: str,
    antwoorden: Sequence[Tuple[str, str]],
    logboek: Sequence[Mapping[str, Any]],
    motivaties: Mapping[str, str],
    gesprek_id: str,
    tijdstip: str,
) -> Dict[str, Any]:
    """The canonical record. ``tijdstip`` is ISO 8601; its date pins the links
    to the version of each law in force that day."""
    plan = regels.plan(plan_id)
    stand = loop(plan, antwoorden)
    datum = tijdstip[:10]
    document: Dict[str, Any] = {
        "formaat": FORMAAT,
        "gesprek": gesprek_id,
        "tijdstip": tijdstip,
        "regelset": {"handreiking": regels.editie, "versie": regels.versie},
        "plan": {"id": plan.id, "titel": plan.titel},
        "vragen": [
            {
                "knoop": s.knoop.id,
                "stap": plan.voortgang(s.knoop.id),
                "vraag": s.knoop.tekst,
                "antwoord": s.optie.label,
                "waarde": s.optie.waarde,
            }
            for s in stand.pad
        ],
        "verloop": [dict(regel) for regel in logboek],
        "uitkomst": _uitkomst(stand),
        "citaten": [
            {
                "sleutel": a.sleutel,
                "aanduiding": a.aanduiding(),
                "wet": a.wet,
                "titel": a.titel,
                "link": a.link(datum),
                "afwijking_handreiking": a.afwijking_handreiking,
            }
            for a in (regels.wetgeving[s] for s in stand.citaten())
        ],
        "verklaring": verklaar(stand, regels),
        "eigen_afweging": [
            {
                "punt": sleutel,
                "vraag": regels.vastleggen[sleutel].vraag,
                "antwoord": motivaties.get(sleutel),
            }
            for sleutel in stand.vastleggen()
        ],
    }
    document["inhoud_hash"] = inhoud_hash(document)
    return document


def _uitkomst(stand: Any) -> Optional[Dict[str, str]]:
    if not stand.klaar:
        return None
    return {
        "knoop": stand.knoop.id,
        "soort": stand.knoop.uitkomst,
        "tekst": stand.knoop.tekst,
    }


def inhoud_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of the record without its hash."""
    kern = {k: v for k, v in document.items() if k != "inhoud_hash"}
    return hashlib.sha256(canoniek(kern).encode("utf-8")).hexdigest()


def canoniek(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)


def controleer(document: Mapping[str, Any], regels: Regelset) -> List[str]:
    """What is wrong with a stored record: a changed file, or a rule set that
    no longer gives the same outcome. Empty means: intact and reproducible."""
    problemen = []
    if document.get("inhoud_hash") != inhoud_hash(document):
        problemen.append("de inhoud is gewijzigd na het opstellen (hash klopt niet)")
    if document.get("regelset", {}).get("versie") != regels.versie:
        problemen.append(
            "opgesteld met regelset %s; nu geldt %s"
            % (document.get("regelset", {}).get("versie"), regels.versie)
        )
        return problemen
    antwoorden = [(v["knoop"], v["waarde"]) for v in document.get("vragen", [])]
    opnieuw = loop(regels.plan(document["plan"]["id"]), antwoorden)
    if _uitkomst(opnieuw) != document.get("uitkomst"):
        problemen.append("dezelfde antwoorden geven nu een andere uitkomst")
    if [c["sleutel"] for c in document.get("citaten", [])] != list(opnieuw.citaten()):
        problemen.append("dezelfde antwoorden geven nu andere wetsartikelen")
    return problemen
