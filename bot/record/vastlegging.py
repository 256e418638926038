"""The vastlegging: one canonical JSON document per consultation.

Every rendering (Markdown now) is made from this document. It is built from
the consultation's answers and log by re-walking the plan, so the outcome and
citations in a record are the engine's, never a copy of what a chat said.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.record.maskering import maskeer, maskeer_velden, namen_model, teksten
from bot.rules import Regelset, loop, verklaar
from bot.rules.model import Stappenplan

# Version 2 added the asker's role, the plan's diagram, corrections per
# question and the masking of free text.
FORMAAT = "deelwijzer-vastlegging/2"

# Log entries that take back or change an answer: shown as corrections.
# A change made by naming the question (ActionWijzig) is logged as
# "correctie" with van_waarde/naar_waarde; the record calls it "wijzig".
CORRECTIE_SOORTEN = ("terug", "wijzig", "correctie")
# Longest node label in the diagram; the full text is in the questions list.
LABEL_LENGTE = 60


def maak_vastlegging(
    regels: Regelset,
    plan_id: str,
    antwoorden: Sequence[Tuple[str, str]],
    logboek: Sequence[Mapping[str, Any]],
    motivaties: Mapping[str, str],
    gesprek_id: str,
    tijdstip: str,
    rol: Optional[str] = None,
    nlp: Any = None,
) -> Dict[str, Any]:
    """The canonical record. ``tijdstip`` is ISO 8601; its date pins the links
    to the version of each law in force that day. ``rol`` is the asker's role
    as recognised from their words, if any. Free text (the motivations, and
    any text in the log) is masked here as well as where it was typed, so a
    record never depends on the caller having masked it. ``nlp`` is the spaCy
    pipeline that finds names (default: nl_core_news_sm when installed; False
    for none)."""
    plan = regels.plan(plan_id)
    stand = loop(plan, antwoorden)
    datum = tijdstip[:10]
    # None: the installed name model, if any; False: no name masking.
    nlp = namen_model() if nlp is None else (None if nlp is False else nlp)
    verloop = [maskeer_velden(dict(regel)) for regel in logboek]
    correcties = _correcties(plan, verloop)
    document: Dict[str, Any] = {
        "formaat": FORMAAT,
        "gesprek": gesprek_id,
        "tijdstip": tijdstip,
        "regelset": {"handreiking": regels.editie, "versie": regels.versie},
        "plan": {
            "id": plan.id,
            "titel": plan.titel,
            "voor_wie": " ".join(plan.voor_wie.split()),
            "rol": rol,
        },
        "vragen": [
            {
                "knoop": s.knoop.id,
                "stap": plan.voortgang(s.knoop.id),
                "vraag": s.knoop.tekst,
                "antwoord": s.optie.label,
                "waarde": s.optie.waarde,
                "eerder_gegeven": [
                    c["ingetrokken"] for c in correcties if c["knoop"] == s.knoop.id
                ],
            }
            for s in stand.pad
        ],
        "correcties": correcties,
        "meldingen": meldingen(verloop, plan),
        "verloop": verloop,
        "schema": _schema(plan),
        "pad": [s.knoop.id for s in stand.pad] + ([stand.knoop.id] if stand.klaar
                                                   else []),
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
                "antwoord": _gemaskeerd(motivaties.get(sleutel), nlp),
            }
            for sleutel in stand.vastleggen()
        ],
        "maskering": {"namen": nlp is not None},
    }
    document["inhoud_hash"] = inhoud_hash(document)
    return document


def rol_uit(logboek: Sequence[Mapping[str, Any]],
            events: Sequence[Mapping[str, Any]] = ()) -> Optional[str]:
    """The asker's role: from the log's start line when it names one, else the
    first role the NLU recognised in the user's messages."""
    for regel in logboek:
        if regel.get("soort") == "start" and regel.get("rol"):
            return str(regel["rol"])
    for event in events:
        if event.get("event") != "user":
            continue
        for entiteit in (event.get("parse_data") or {}).get("entities") or []:
            if entiteit.get("entity") == "rol" and entiteit.get("value"):
                return str(entiteit["value"])
    return None


def _gemaskeerd(tekst: Optional[str], nlp: Any) -> Optional[str]:
    return None if tekst is None else maskeer(tekst, nlp).tekst


def _optie_label(plan: Stappenplan, knoop_id: str, waarde: Any) -> str:
    knoop = plan.knopen.get(knoop_id)
    optie = knoop.optie(str(waarde)) if knoop is not None else None
    return optie.label if optie is not None else str(waarde)


def _correcties(plan: Stappenplan, verloop: Sequence[Mapping[str, Any]]
                ) -> List[Dict[str, Any]]:
    """Every answer that was taken back or changed, in order, with the text
    the record shows for it."""
    sjablonen = teksten()["verloop"]
    lijst = []
    for positie, regel in enumerate(verloop):
        soort = regel.get("soort")
        if soort not in CORRECTIE_SOORTEN:
            continue
        van, naar = regel.get("ingetrokken", ""), regel.get("waarde", "")
        if soort == "correctie":
            soort = "wijzig"
            van, naar = regel.get("van_waarde", ""), regel.get("naar_waarde", "")
        knoop_id = str(regel.get("knoop", ""))
        if soort == "terug":
            naar = _volgend_antwoord(verloop[positie + 1:], knoop_id)
        if naar is not None and str(van) == str(naar):
            # The same answer again (taken back and given anew, or "changed"
            # to what it was) changes nothing: not a correction. The log in
            # the record's JSON ('verloop') still has every line.
            continue
        knoop = plan.knopen.get(knoop_id)
        velden = {
            "vraag": knoop.tekst if knoop is not None else knoop_id,
            "ingetrokken": _optie_label(plan, knoop_id, van),
            "antwoord": _optie_label(plan, knoop_id, naar),
        }
        lijst.append({
            "tijd": regel.get("tijd", ""),
            "soort": soort,
            "knoop": knoop_id,
            "ingetrokken": velden["ingetrokken"],
            "omschrijving": sjablonen[soort].format(**velden),
        })
    return lijst


def _volgend_antwoord(verloop: Sequence[Mapping[str, Any]], knoop_id: str
                     ) -> Optional[Any]:
    """The next answer given to ``knoop_id`` in this part of the log, or None
    when the question was not answered again."""
    for regel in verloop:
        if regel.get("soort") == "antwoord" and str(regel.get("knoop", "")) == knoop_id:
            return regel.get("waarde")
    return None


def meldingen(verloop: Sequence[Mapping[str, Any]], plan: Stappenplan
              ) -> List[Dict[str, str]]:
    """The other notable lines of the log ('weet ik niet', outages, a 112
    notice) as text."""
    sjablonen = teksten()["verloop"]
    lijst = []
    for regel in verloop:
        soort = regel.get("soort")
        if soort in CORRECTIE_SOORTEN or soort not in sjablonen:
            continue
        if soort == "acuut_gevaar" and regel.get("antwoord_genomen"):
            soort = "acuut_gevaar_antwoord"
        knoop = plan.knopen.get(str(regel.get("knoop", "")))
        velden = {"vraag": knoop.tekst if knoop else regel.get("knoop", ""),
                  "melding": regel.get("melding", ""),
                  "uur": _uur(str(regel.get("tijd", "")))}
        lijst.append({"tijd": regel.get("tijd", ""),
                      "omschrijving": sjablonen[soort].format(**velden)})
    return lijst


def _uur(tijd: str) -> str:
    """HH:MM in UTC of a log time (ISO 8601); the text itself if it is none."""
    try:
        moment = datetime.fromisoformat(tijd)
    except ValueError:
        return tijd
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%H:%M")


def _kort(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= LABEL_LENGTE else tekst[:LABEL_LENGTE - 1] + "…"


def _schema(plan: Stappenplan) -> Dict[str, Any]:
    """The plan as a graph, so the diagram is drawn from the record alone."""
    knopen = []
    pijlen = []
    for knoop in plan.knopen.values():
        knopen.append({
            "id": knoop.id,
            "soort": knoop.soort,
            "stap": plan.stappen[knoop.stap].nummer,
            "label": _kort(knoop.tekst),
        })
        for optie in knoop.opties:
            pijlen.append({"van": knoop.id, "naar": optie.volgende,
                           "antwoord": optie.label})
    return {"knopen": knopen, "pijlen": pijlen}


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
