"""Load the law data from ``data/`` and refuse it when it is not sound.

A plan is sound when every edge resolves, every path ends in an outcome, every
citation and record key exists, there is no cycle and no node is unreachable.
All problems are collected and reported together, in Dutch, so a reviewer can
fix a data file in one go.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

import yaml

from bot.rules.model import (
    UITKOMST_SOORTEN,
    Artikel,
    Bron,
    Knoop,
    Optie,
    Regelset,
    Stap,
    Stappenplan,
    VastlegPunt,
)

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# Short answers that a yes/no question expands to.
JA_NEE_LABELS = {"ja": "Ja", "nee": "Nee"}


class PlanFout(ValueError):
    """The law data is not sound; the message lists every problem found."""

    def __init__(self, problemen: List[str]) -> None:
        self.problemen = problemen
        regels = "\n".join(f"  - {p}" for p in problemen)
        super().__init__(f"De regeldata is niet in orde:\n{regels}")


def _lees_yaml(pad: Path) -> Any:
    with pad.open(encoding="utf-8") as bestand:
        return yaml.safe_load(bestand)


def _bron(ruw: Any, waar: str, problemen: List[str]) -> Bron:
    if not isinstance(ruw, dict) or "kop" not in ruw or "regels" not in ruw:
        problemen.append(f"{waar}: 'bron' met 'kop' en 'regels' ontbreekt")
        return Bron(kop="?", regels=(0, 0))
    regels = ruw["regels"]
    if not (isinstance(regels, list) and len(regels) == 2 and regels[0] <= regels[1]):
        problemen.append(f"{waar}: 'regels' moet [van, tot] zijn")
        return Bron(kop=str(ruw["kop"]), regels=(0, 0))
    return Bron(
        kop=str(ruw["kop"]),
        regels=(int(regels[0]), int(regels[1])),
        anker=ruw.get("anker"),
    )


def _tuple(ruw: Optional[Iterable[Any]]) -> Tuple[str, ...]:
    return tuple(str(x) for x in (ruw or ()))


def laad_wetgeving(pad: Path, problemen: List[str]) -> Dict[str, Artikel]:
    ruw = _lees_yaml(pad) or {}
    artikelen: Dict[str, Artikel] = {}
    for sleutel, item in (ruw.get("artikelen") or {}).items():
        waar = f"wetgeving.yml/{sleutel}"
        verplicht = ["wet", "afkorting", "titel"]
        if item.get("soort") != "ongeschreven":
            verplicht.append("bron_id")
        ontbrekend = [v for v in verplicht if not item.get(v)]
        if ontbrekend:
            problemen.append(f"{waar}: ontbreekt {', '.join(ontbrekend)}")
            continue
        artikelen[sleutel] = Artikel(
            sleutel=sleutel,
            wet=item["wet"],
            afkorting=item["afkorting"],
            artikel=_optioneel(item.get("artikel")),
            titel=item["titel"],
            bron_id=_optioneel(item.get("bron_id")),
            lid=_optioneel(item.get("lid")),
            boek=_optioneel(item.get("boek")),
            onderdeel=_optioneel(item.get("onderdeel")),
            gecontroleerd=_optioneel(item.get("gecontroleerd")),
            afwijking_handreiking=item.get("afwijking_handreiking"),
            bron=_bron(item["bron"], waar, problemen) if "bron" in item else None,
        )
    return artikelen


def _optioneel(waarde: Any) -> Optional[str]:
    return None if waarde is None else str(waarde)


def laad_vastleggen(pad: Path, problemen: List[str]) -> Dict[str, VastlegPunt]:
    ruw = _lees_yaml(pad) or {}
    punten: Dict[str, VastlegPunt] = {}
    for sleutel, item in (ruw.get("punten") or {}).items():
        waar = f"vastleggen.yml/{sleutel}"
        if not item.get("vraag"):
            problemen.append(f"{waar}: 'vraag' ontbreekt")
            continue
        punten[sleutel] = VastlegPunt(
            sleutel=sleutel, vraag=item["vraag"], bron=_bron(item.get("bron"), waar, problemen)
        )
    return punten


def _opties(knoop_id: str, ruw: Dict[str, Any], problemen: List[str]) -> Tuple[Optie, ...]:
    if ruw.get("soort") == "janee":
        lijst = []
        for waarde in ("ja", "nee"):
            tak = ruw.get(waarde)
            if not isinstance(tak, dict):
                problemen.append(f"{knoop_id}: ja/nee-vraag mist tak '{waarde}'")
                continue
            lijst.append({"waarde": waarde, "label": JA_NEE_LABELS[waarde], **tak})
    else:
        lijst = ruw.get("opties") or []
    opties = []
    for item in lijst:
        if not item.get("waarde") or not item.get("volgende"):
            problemen.append(f"{knoop_id}: optie zonder 'waarde' of 'volgende'")
            continue
        opties.append(
            Optie(
                waarde=str(item["waarde"]),
                label=str(item.get("label") or item["waarde"]),
                volgende=str(item["volgende"]),
                herken=_tuple(item.get("herken")),
                citeer=_tuple(item.get("citeer")),
                vastleggen=_tuple(item.get("vastleggen")),
                melding=item.get("melding"),
            )
        )
    if len({o.waarde for o in opties}) != len(opties):
        problemen.append(f"{knoop_id}: twee opties met dezelfde waarde")
    return tuple(opties)


def _knoop(
    plan_id: str, knoop_id: str, ruw: Dict[str, Any], problemen: List[str]
) -> Knoop:
    soort = ruw.get("soort")
    waar = f"knoop {plan_id}/{knoop_id}"
    if soort not in ("vraag", "janee", "uitkomst"):
        problemen.append(f"{waar}: onbekende soort {soort!r}")
    is_uitkomst = soort == "uitkomst"
    if is_uitkomst and ruw.get("uitkomst") not in UITKOMST_SOORTEN:
        problemen.append(f"{waar}: onbekende uitkomst {ruw.get('uitkomst')!r}")
    if not ruw.get("tekst"):
        problemen.append(f"{waar}: 'tekst' ontbreekt")
    if not is_uitkomst and not ruw.get("waarom"):
        problemen.append(f"{waar}: 'waarom' ontbreekt bij een vraag")
    return Knoop(
        id=knoop_id,
        soort="uitkomst" if is_uitkomst else "vraag",
        stap=str(ruw.get("stap", "")),
        bron=_bron(ruw.get("bron"), waar, problemen),
        tekst=str(ruw.get("tekst", "")).strip(),
        waarom=(ruw.get("waarom") or "").strip() or None,
        weet_niet=(ruw.get("weet_niet") or "").strip() or None,
        opties=() if is_uitkomst else _opties(waar, ruw, problemen),
        uitkomst=ruw.get("uitkomst") if is_uitkomst else None,
        citeer=_tuple(ruw.get("citeer")),
        vastleggen=_tuple(ruw.get("vastleggen")),
        opmerking=ruw.get("opmerking"),
        doorverwijzen=_optioneel(ruw.get("doorverwijzen")),
    )


def laad_plan(pad: Path, problemen: List[str]) -> Stappenplan:
    ruw = _lees_yaml(pad) or {}
    plan_id = ruw.get("plan") or pad.stem
    stappen = {
        sid: Stap(id=sid, nummer=int(s["nummer"]), titel=str(s["titel"]))
        for sid, s in (ruw.get("stappen") or {}).items()
    }
    knopen = {
        kid: _knoop(plan_id, kid, k or {}, problemen)
        for kid, k in (ruw.get("knopen") or {}).items()
    }
    return Stappenplan(
        id=plan_id,
        titel=str(ruw.get("titel", plan_id)),
        voor_wie=str(ruw.get("voor_wie", "")).strip(),
        start=str(ruw.get("start", "")),
        stappen=stappen,
        knopen=knopen,
        bron=_bron(ruw.get("bron"), f"plan {plan_id}", problemen),
    )


def controleer_plan(
    plan: Stappenplan,
    artikelen: Mapping[str, Artikel],
    vastleggen: Mapping[str, VastlegPunt],
) -> List[str]:
    """Every structural problem of one plan, as Dutch sentences."""
    problemen: List[str] = []
    naam = f"plan {plan.id}"
    if plan.start not in plan.knopen:
        problemen.append(f"{naam}: startknoop {plan.start!r} bestaat niet")
        return problemen
    nummers = sorted(s.nummer for s in plan.stappen.values())
    if nummers != list(range(1, len(nummers) + 1)):
        problemen.append(f"{naam}: stappen zijn niet genummerd 1..n")

    for knoop in plan.knopen.values():
        waar = f"{naam}/{knoop.id}"
        if knoop.stap not in plan.stappen:
            problemen.append(f"{waar}: stap {knoop.stap!r} bestaat niet")
        sleutels = list(knoop.citeer) + [c for o in knoop.opties for c in o.citeer]
        for sleutel in sleutels:
            if sleutel not in artikelen:
                problemen.append(f"{waar}: citaat {sleutel!r} staat niet in wetgeving.yml")
        punten = list(knoop.vastleggen) + [v for o in knoop.opties for v in o.vastleggen]
        for punt in punten:
            if punt not in vastleggen:
                problemen.append(f"{waar}: vastlegpunt {punt!r} staat niet in vastleggen.yml")
        if knoop.is_vraag and not knoop.opties:
            problemen.append(f"{waar}: vraag zonder antwoorden")
        if not knoop.is_vraag and not knoop.citeer:
            problemen.append(f"{waar}: uitkomst zonder wetsartikel")
        for optie in knoop.opties:
            if optie.volgende not in plan.knopen:
                problemen.append(f"{waar}: antwoord {optie.waarde!r} wijst naar "
                                 f"onbekende knoop {optie.volgende!r}")

    problemen.extend(_controleer_graaf(plan))
    return problemen


def controleer_doorverwijzingen(
    plan: Stappenplan, plannen: Mapping[str, Stappenplan]
) -> List[str]:
    """A referral names another existing plan, and only an outcome that sends
    the professional to another plan may carry one: a referral on any other
    outcome would offer a second legal answer beside the first."""
    problemen: List[str] = []
    for knoop in plan.knopen.values():
        doel = knoop.doorverwijzen
        if doel is None:
            continue
        waar = f"plan {plan.id}/{knoop.id}"
        if knoop.is_vraag or knoop.uitkomst != "ander_stappenplan":
            problemen.append(f"{waar}: 'doorverwijzen' mag alleen bij een uitkomst "
                             "'ander_stappenplan'")
        if doel == plan.id:
            problemen.append(f"{waar}: verwijst door naar zijn eigen stappenplan")
        elif doel not in plannen:
            problemen.append(
                f"{waar}: verwijst door naar onbekend stappenplan {doel!r}")
    return problemen


def _controleer_graaf(plan: Stappenplan) -> List[str]:
    """No cycles, nothing unreachable, every path ends in an outcome."""
    problemen: List[str] = []
    bezocht: set = set()
    op_pad: set = set()

    def bezoek(kid: str, pad: Tuple[str, ...]) -> None:
        if kid not in plan.knopen:
            return
        if kid in op_pad:
            problemen.append(f"plan {plan.id}: kringloop {' -> '.join(pad + (kid,))}")
            return
        if kid in bezocht:
            return
        op_pad.add(kid)
        for optie in plan.knopen[kid].opties:
            bezoek(optie.volgende, pad + (kid,))
        op_pad.discard(kid)
        bezocht.add(kid)

    bezoek(plan.start, ())
    for kid in plan.knopen:
        if kid not in bezocht:
            problemen.append(f"plan {plan.id}: knoop {kid!r} is onbereikbaar")
    # With every edge resolving and no cycle, every path from the start ends in
    # a node without options; those must be outcomes (checked above), so every
    # path ends in an outcome.
    return problemen


def regelset_versie(bestanden: Iterable[Path]) -> str:
    """A short hash of the law data: two records with the same version were
    decided on exactly the same rules."""
    h = hashlib.sha256()
    for pad in sorted(bestanden):
        h.update(pad.name.encode("utf-8"))
        h.update(b"\0")
        h.update(pad.read_bytes())
    return h.hexdigest()[:16]


def laad_regelset(data_dir: Path = DATA_DIR) -> Regelset:
    """Load and validate all law data; raise :class:`PlanFout` when unsound."""
    problemen: List[str] = []
    wetgeving_pad = data_dir / "wetgeving.yml"
    vastleggen_pad = data_dir / "vastleggen.yml"
    plan_paden = sorted((data_dir / "stappenplannen").glob("*.yml"))
    artikelen = laad_wetgeving(wetgeving_pad, problemen)
    vastleggen = laad_vastleggen(vastleggen_pad, problemen)
    plannen = {}
    for pad in plan_paden:
        plan = laad_plan(pad, problemen)
        if plan.id in plannen:
            problemen.append(f"plan {plan.id} staat twee keer in de data")
        plannen[plan.id] = plan
    if not plannen:
        problemen.append(f"geen stappenplannen gevonden in {data_dir / 'stappenplannen'}")
    for plan in plannen.values():
        problemen.extend(controleer_plan(plan, artikelen, vastleggen))
        problemen.extend(controleer_doorverwijzingen(plan, plannen))
    if problemen:
        raise PlanFout(problemen)

    meta = _lees_yaml(wetgeving_pad) or {}
    versie = regelset_versie([wetgeving_pad, vastleggen_pad, *plan_paden])
    logger.debug("regelset geladen: %d plannen, versie %s", len(plannen), versie)
    return Regelset(
        editie=str(meta.get("handreiking", {}).get("editie", "onbekend")),
        versie=versie,
        plannen=plannen,
        wetgeving=artikelen,
        vastleggen=vastleggen,
    )
