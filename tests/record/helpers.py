"""A consultation as the chat would log it, for the record tests. All personal
data in the motivations is invented."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple

from bot.rules import Regelset, loop

TIJDSTIP = "2025-03-14T09:30:00+00:00"

MOTIVATIE = ("Voorkomen dat de ex van cliënt (geb. 12-05-1990, tel. 06-12345678, "
             "BSN 111222333) wordt aangevallen; dossiernummer 123456789.")


def tijd(minuut: int) -> str:
    return f"2025-03-14T09:{minuut:02d}:00+00:00"


def consult(regels: Regelset, plan_id: str, antwoorden: Sequence[Tuple[str, str]]
            ) -> Dict[str, Any]:
    """Inputs of a record: the answers, and a log in which the second answer
    was first given differently and taken back, and the third question first
    got 'weet ik niet'."""
    plan = regels.plan(plan_id)
    logboek: List[Dict[str, Any]] = [
        {"soort": "start", "tijd": tijd(0), "plan": plan_id, "titel": plan.titel}]
    minuut = 1
    for i, (knoop_id, waarde) in enumerate(antwoorden):
        knoop = plan.knopen[knoop_id]
        anders = [o for o in knoop.opties if o.waarde != waarde]
        if i == 1 and anders:
            logboek.append({"soort": "antwoord", "tijd": tijd(minuut),
                            "knoop": knoop_id, "vraag": knoop.tekst,
                            "antwoord": anders[0].label, "waarde": anders[0].waarde})
            logboek.append({"soort": "terug", "tijd": tijd(minuut + 1),
                            "knoop": knoop_id, "ingetrokken": anders[0].waarde})
            minuut += 2
        if i == 2:
            logboek.append({"soort": "weet_niet", "tijd": tijd(minuut),
                            "knoop": knoop_id})
            minuut += 1
        optie = knoop.optie(waarde)
        logboek.append({"soort": "antwoord", "tijd": tijd(minuut), "knoop": knoop_id,
                        "vraag": knoop.tekst, "antwoord": optie.label,
                        "waarde": waarde})
        minuut += 1
    stand = loop(plan, antwoorden)
    if stand.klaar:
        logboek.append({"soort": "uitkomst", "tijd": tijd(minuut),
                        "knoop": stand.knoop.id, "uitkomst": stand.knoop.uitkomst})
    motivaties = {punt: MOTIVATIE if n == 0 else f"Punt {n + 1}: alleen het nodige."
                  for n, punt in enumerate(stand.vastleggen())}
    return {"plan": plan_id, "antwoorden": [list(a) for a in antwoorden],
            "logboek": logboek, "motivaties": motivaties}


def vastlegging(regels: Regelset, invoer: Dict[str, Any], **extra: Any
                ) -> Dict[str, Any]:
    from bot.record import maak_vastlegging

    return maak_vastlegging(
        regels, invoer["plan"], [tuple(a) for a in invoer["antwoorden"]],
        invoer["logboek"], invoer["motivaties"], "gesprek-voorbeeld", TIJDSTIP,
        rol=invoer.get("rol"), nlp=False, **extra)
