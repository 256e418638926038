"""How well Deelwijzer understands free Dutch, in numbers.

Parses every utterance of the evaluation set (``tests/nlu/testset.yml``,
written apart from the training data) with the real trained Rasa model and
reports

* intent precision, recall and F1 per intent, and the macro F1;
* entity precision, recall and F1 per entity, counted on (entity, value)
  pairs per utterance, so positions do not matter but the canonical value
  does;
* entry-routing accuracy: :func:`bot.routering.kies_plan` on the parse
  result against the expected plan, where ``null`` means the assistant must
  ask;
* the confusion pairs of intents and of plans.

The report goes to ``var/nlu/rapport.json`` and ``var/nlu/rapport.md``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from bot.nlu.normaliseren import normaliseer
from bot.routering import kies_plan, rollen_uit
from bot.settings import PROJECT

TESTSET = PROJECT / "tests" / "nlu" / "testset.yml"
# Every evaluation set, none of them training data. The first was written
# apart from the training data but the data was tuned while it was looked
# at. The others were written without sight of the data (or of each other);
# each was measured once blind and may then become a development set. The
# newest one that nobody has tuned on gives the honest figure.
SETS = {
    "testset": "evaluatieset, gebruikt bij het bouwen",
    "blindset": "blind geschreven, daarna gebruikt als ontwikkelset",
    "blindset2": "blind geschreven, eenmaal blind gemeten, daarna ontwikkelset",
    "blindset3": "blind geschreven en alleen gemeten",
}
RAPPORT_MAP = PROJECT / "var" / "nlu"
MODEL_MAP = RAPPORT_MAP / "modellen"
ENTITEITEN = ("rol", "ontvanger", "gegevens", "situatie", "toestemming_signaal",
              "acuut_gevaar")
PLANNEN = ("zorg", "politie", "justitie", "gemeenten", "onderwijs")
GEEN_PLAN = "vragen"  # the assistant asks which plan fits

# The thresholds the test suite holds the model to, and the targets.
MIN_ROUTERING = 0.90
MIN_INTENT_F1 = 0.90
DOEL = {"intent_macro_f1": 0.95, "entiteit_f1": 0.90, "routering": 0.95}


@dataclass
class Voorbeeld:
    tekst: str
    intent: str
    entiteiten: Dict[str, List[str]] = field(default_factory=dict)
    plan: Optional[str] = None
    routeren: bool = False  # whether the expected plan is part of the set


def laad_testset(pad: Path = TESTSET) -> List[Voorbeeld]:
    gegevens = yaml.safe_load(pad.read_text(encoding="utf-8"))
    voorbeelden = []
    for groep in gegevens["groepen"]:
        for regel in groep["voorbeelden"]:
            if isinstance(regel, str):
                regel = {"tekst": regel}
            if not isinstance(regel.get("tekst"), str):
                # YAML reads an unquoted yes, no, on or off as a boolean.
                raise ValueError(f"{pad.name}: tekst is geen tekst: {regel!r}; "
                                 "zet hem tussen aanhalingstekens")
            entiteiten = {k: [str(w) for w in (v if isinstance(v, list) else [v])]
                          for k, v in (regel.get("entiteiten") or {}).items()}
            routeren = "plan" in regel or "plan" in groep
            voorbeelden.append(Voorbeeld(
                tekst=regel["tekst"],
                intent=regel.get("intent", groep.get("intent")),
                entiteiten=entiteiten,
                plan=regel.get("plan", groep.get("plan")),
                routeren=routeren,
            ))
    return voorbeelden


def _prf(tp: int, fp: int, fn: int) -> Dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precisie": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "steun": tp + fn}


def intent_scores(verwacht: Sequence[str], voorspeld: Sequence[str]
                  ) -> Tuple[Dict[str, Dict[str, float]], float]:
    labels = sorted(set(verwacht))
    per = {}
    for label in labels:
        tp = sum(1 for v, p in zip(verwacht, voorspeld) if v == label and p == label)
        fp = sum(1 for v, p in zip(verwacht, voorspeld) if v != label and p == label)
        fn = sum(1 for v, p in zip(verwacht, voorspeld) if v == label and p != label)
        per[label] = _prf(tp, fp, fn)
    macro = sum(s["f1"] for s in per.values()) / len(per) if per else 0.0
    return per, round(macro, 4)


def entiteit_scores(paren: Iterable[Tuple[Dict[str, List[str]], Dict[str, List[str]]]]
                    ) -> Tuple[Dict[str, Dict[str, float]], Dict[str, float]]:
    tellers = {e: Counter() for e in ENTITEITEN}
    for verwacht, voorspeld in paren:
        for entiteit in ENTITEITEN:
            v = Counter(verwacht.get(entiteit, []))
            p = Counter(voorspeld.get(entiteit, []))
            tp = sum((v & p).values())
            tellers[entiteit]["tp"] += tp
            tellers[entiteit]["fp"] += sum(p.values()) - tp
            tellers[entiteit]["fn"] += sum(v.values()) - tp
    per = {e: _prf(t["tp"], t["fp"], t["fn"]) for e, t in tellers.items()}
    totaal = _prf(*(sum(t[k] for t in tellers.values()) for k in ("tp", "fp", "fn")))
    return per, totaal


def entiteiten_uit(parse: Dict[str, Any]) -> Dict[str, List[str]]:
    uit: Dict[str, List[str]] = {}
    for e in parse.get("entities") or []:
        if e.get("entity") in ENTITEITEN:
            uit.setdefault(e["entity"], []).append(str(e.get("value")))
    return uit


def parse_alles(model: Path, teksten: Sequence[str]) -> List[Dict[str, Any]]:
    """Parse with the real trained model, as the Rasa server does."""
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Rasa logs every parse with its text at debug level; the report is the
    # output here.
    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))

    async def alles() -> List[Dict[str, Any]]:
        return [await agent.parse_message(t) for t in teksten]

    return asyncio.run(alles())


def evalueer(model: Path, voorbeelden: Sequence[Voorbeeld]) -> Dict[str, Any]:
    begin = time.monotonic()
    parses = parse_alles(model, [v.tekst for v in voorbeelden])
    duur = time.monotonic() - begin
    voorspeld = [(p.get("intent") or {}).get("name") or "geen" for p in parses]
    verwacht = [v.intent for v in voorbeelden]
    per_intent, macro = intent_scores(verwacht, voorspeld)
    per_entiteit, entiteit_totaal = entiteit_scores(
        (v.entiteiten, entiteiten_uit(p)) for v, p in zip(voorbeelden, parses))

    from bot.rules import laad_regelset

    beschikbaar = [p for p in PLANNEN if p in laad_regelset().plannen]
    routering = []
    for v, p in zip(voorbeelden, parses):
        if not v.routeren:
            continue
        plan = kies_plan(p.get("text") or v.tekst, rollen_uit(p.get("entities") or []),
                         beschikbaar)
        routering.append((v, plan or GEEN_PLAN))
    goed = sum(1 for v, plan in routering if (v.plan or GEEN_PLAN) == plan)

    fouten = [
        {"tekst": v.tekst, "verwacht": v.intent, "voorspeld": i,
         "zekerheid": round(float((p.get("intent") or {}).get("confidence") or 0), 3)}
        for v, p, i in zip(voorbeelden, parses, voorspeld) if v.intent != i
    ]
    entiteit_fouten = [
        {"tekst": v.tekst, "verwacht": v.entiteiten, "voorspeld": entiteiten_uit(p)}
        for v, p in zip(voorbeelden, parses)
        if {k: sorted(w) for k, w in v.entiteiten.items()}
        != {k: sorted(w) for k, w in entiteiten_uit(p).items()}
    ]
    return {
        "model": model.name,
        "utterances": len(voorbeelden),
        "parse_seconden": round(duur, 1),
        "intent": {"macro_f1": macro, "per_intent": per_intent},
        "entiteiten": {"totaal": entiteit_totaal, "per_entiteit": per_entiteit},
        "routering": {
            "accuratesse": round(goed / len(routering), 4) if routering else 0.0,
            "aantal": len(routering),
            "verwarring": _paren((v.plan or GEEN_PLAN, plan) for v, plan in routering),
            "fouten": [{"tekst": v.tekst, "verwacht": v.plan or GEEN_PLAN,
                        "gekozen": plan}
                       for v, plan in routering if (v.plan or GEEN_PLAN) != plan],
        },
        "intent_verwarring": _paren(zip(verwacht, voorspeld)),
        "intent_fouten": fouten,
        "entiteit_fouten": entiteit_fouten,
        "voorspeld_intent": voorspeld,
    }


def _paren(paren: Iterable[Tuple[str, str]]) -> List[Dict[str, Any]]:
    tellingen = Counter((v, p) for v, p in paren if v != p)
    return [{"verwacht": v, "voorspeld": p, "aantal": n}
            for (v, p), n in sorted(tellingen.items(), key=lambda x: (-x[1], x[0]))]


def markdown(rapport: Dict[str, Any]) -> str:
    r = rapport
    regels = [
        "# NLU-rapport Deelwijzer", "",
        f"Model `{r['model']}`, {r['utterances']} uitingen uit "
        f"`tests/nlu/{r.get('set', 'testset')}.yml` "
        f"({SETS.get(r.get('set', 'testset'), '')}); "
        f"{r.get('gelijk_aan_training', 0)} regels die ook trainingszin zijn, "
        f"tellen niet mee."
        + (f" Training: {r['training_seconden']} s." if r.get("training_seconden")
           else ""), "",
        "| maat | waarde | doel |", "|---|---|---|",
        f"| intent macro-F1 | {r['intent']['macro_f1']:.3f} | "
        f"{DOEL['intent_macro_f1']} |",
        f"| entiteiten F1 (alle) | {r['entiteiten']['totaal']['f1']:.3f} | "
        f"{DOEL['entiteit_f1']} |",
        f"| routering bij de start | {r['routering']['accuratesse']:.3f} "
        f"({r['routering']['aantal']} openingen) | {DOEL['routering']} |", "",
        "## Intents", "", "| intent | precisie | recall | F1 | n |",
        "|---|---|---|---|---|",
    ]
    for naam, s in r["intent"]["per_intent"].items():
        regels.append(f"| {naam} | {s['precisie']:.3f} | {s['recall']:.3f} | "
                      f"{s['f1']:.3f} | {s['steun']} |")
    regels += ["", "## Entiteiten", "", "| entiteit | precisie | recall | F1 | n |",
               "|---|---|---|---|---|"]
    for naam, s in r["entiteiten"]["per_entiteit"].items():
        regels.append(f"| {naam} | {s['precisie']:.3f} | {s['recall']:.3f} | "
                      f"{s['f1']:.3f} | {s['steun']} |")
    regels += ["", "## Verwarringen (intent)", ""]
    regels += [f"- {p['verwacht']} → {p['voorspeld']}: {p['aantal']}"
               for p in r["intent_verwarring"]] or ["- geen"]
    regels += ["", "## Verwarringen (plan bij de start)", ""]
    regels += [f"- {p['verwacht']} → {p['voorspeld']}: {p['aantal']}"
               for p in r["routering"]["verwarring"]] or ["- geen"]
    regels += ["", "## Fout geclassificeerde uitingen", ""]
    regels += [f"- \"{f['tekst']}\": {f['verwacht']} → {f['voorspeld']} "
               f"({f['zekerheid']})" for f in r["intent_fouten"]] or ["- geen"]
    regels += ["", "## Fout gerouteerde openingen", ""]
    regels += [f"- \"{f['tekst']}\": {f['verwacht']} → {f['gekozen']}"
               for f in r["routering"]["fouten"]] or ["- geen"]
    regels += ["", "## Entiteiten anders dan verwacht", ""]
    regels += [f"- \"{f['tekst']}\": verwacht {f['verwacht']}, kreeg {f['voorspeld']}"
               for f in r["entiteit_fouten"]] or ["- geen"]
    return "\n".join(regels) + "\n"


def samenvatting(rapport: Dict[str, Any]) -> str:
    r = rapport
    per = ", ".join(f"{k} {v['f1']:.2f}"
                    for k, v in r["entiteiten"]["per_entiteit"].items())
    return (
        f"NLU-rapport {r.get('set', 'testset')} ({r['utterances']} uitingen"
        f" + {r.get('gelijk_aan_training', 0)} gelijk aan training, niet geteld, "
        f"model {r['model']}):\n"
        f"  intent macro-F1      {r['intent']['macro_f1']:.3f}\n"
        f"  entiteiten F1        {r['entiteiten']['totaal']['f1']:.3f} ({per})\n"
        f"  routering bij start  {r['routering']['accuratesse']:.3f} "
        f"({r['routering']['aantal']} openingen)\n"
        f"  fout: {len(r['intent_fouten'])} intents, "
        f"{len(r['routering']['fouten'])} routeringen, "
        f"{len(r['entiteit_fouten'])} uitingen met andere entiteiten"
    )


def schrijf(rapporten: Dict[str, Dict[str, Any]], map_: Path = RAPPORT_MAP) -> Path:
    """One JSON and one Markdown file per set, and ``rapport.md`` with all."""
    map_.mkdir(parents=True, exist_ok=True)
    for naam, rapport in rapporten.items():
        (map_ / f"rapport-{naam}.json").write_text(
            json.dumps({k: v for k, v in rapport.items() if k != "voorspeld_intent"},
                       ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (map_ / f"rapport-{naam}.md").write_text(markdown(rapport), encoding="utf-8")
    (map_ / "rapport.md").write_text(
        "\n".join(markdown(r).replace("# NLU-rapport Deelwijzer",
                                       f"# NLU-rapport Deelwijzer: {naam}")
                  for naam, r in rapporten.items()), encoding="utf-8")
    return map_ / "rapport.md"


def nlu_hash(spacy_keuze: str) -> str:
    """Fingerprint of everything that goes into the NLU model: the pipeline,
    the NLU data and the code of the custom components."""
    h = hashlib.sha256(spacy_keuze.encode("utf-8"))
    bestanden = [PROJECT / "config.yml",
                 *sorted((PROJECT / "data" / "nlu").rglob("*.yml")),
                 *sorted((PROJECT / "bot" / "nlu").glob("*.py"))]
    for bestand in bestanden:
        h.update(str(bestand.relative_to(PROJECT)).encode("utf-8"))
        h.update(bestand.read_bytes())
    return h.hexdigest()[:12]


def train_nlu(uit: Path = MODEL_MAP, cache: Optional[Path] = None
              ) -> Tuple[Path, float]:
    """An NLU-only model of the current data (reused when it exists).

    NLU alone: the numbers do not depend on the dialogue rules, and it trains
    faster. The pipeline is the one the served model uses. ``cache`` gives
    Rasa its own cache folder, so a training really runs. Returns the model
    and the seconds training took (0 when reused).
    """
    from bot.nlu.spacy_model import bereid_voor
    from bot.runtime import SPACY_MAP, python
    from bot.settings import instellingen

    keuze, _ = bereid_voor(SPACY_MAP, instellingen().spacy_model)
    naam = f"nlu-{nlu_hash(keuze)}"
    model = uit / f"{naam}.tar.gz"
    if model.is_file():
        return model, 0.0
    uit.mkdir(parents=True, exist_ok=True)
    omgeving = dict(os.environ)
    if cache is not None:
        omgeving["RASA_CACHE_DIRECTORY"] = str(cache)
    begin = time.monotonic()
    subprocess.run(
        [python(), "-m", "rasa", "train", "nlu", "--config", "config.yml",
         "--nlu", "data/nlu", "--out", str(uit), "--fixed-model-name", naam, "--quiet"],
        cwd=PROJECT, check=True, env=omgeving,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    return model, time.monotonic() - begin


def trainingszinnen() -> set:
    """Every training sentence of data/nlu, normalised as NLU sees it."""
    from rasa.shared.nlu.training_data.loading import load_data

    return {normaliseer(m.get("text")) for m in
            load_data(str(PROJECT / "data" / "nlu")).training_examples
            if m.get("text")}


def rapporteer(model: Optional[Path] = None) -> Dict[str, Dict[str, Any]]:
    """Train if the data changed (or use ``model``), evaluate every set that
    exists, write the reports; the reports by set name."""
    training = None
    if model is None:
        model, training = train_nlu()
    rapporten = {}
    geleerd = trainingszinnen()
    for naam in SETS:
        pad = TESTSET.with_name(f"{naam}.yml")
        if not pad.is_file():
            continue
        alle = laad_testset(pad)
        # A line that is also a training sentence says nothing about phrasing
        # the model has not seen: left out of the figures, and counted.
        voorbeelden = [v for v in alle if normaliseer(v.tekst) not in geleerd]
        rapport = evalueer(model, voorbeelden)
        rapport["set"] = naam
        rapport["gelijk_aan_training"] = len(alle) - len(voorbeelden)
        # Only a training that really ran says how long training takes.
        if training:
            rapport["training_seconden"] = round(training)
        rapporten[naam] = rapport
    schrijf(rapporten)
    return rapporten
