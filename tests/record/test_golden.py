"""Golden records: one consultation in each step plan, compared field by field
with the record stored in golden/ (the moment of drawing up and the hash
aside, since they differ on every run).

A golden file holds the inputs (answers, log, motivations) and the record. A
change in the plans or the law data that changes a record shows up here; when
it is intended, rewrite the files with

    DEELWIJZER_GOLDEN=schrijf ./deelwijzer test tests/record/test_golden.py

and review the diff as a lawyer would.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.record import canoniek
from bot.rules import alle_paden, loop
from tests.record.helpers import MOTIVATIE, consult, vastlegging

GOLDEN = Path(__file__).resolve().parent / "golden"
PLANNEN = ["zorg", "politie", "justitie", "gemeenten", "onderwijs"]
NIET_VERGELEKEN = {"tijdstip", "inhoud_hash"}
# Preferred outcomes for the golden path: the ones with the most to record.
VOORKEUR = ["mag_delen", "moet_delen", "eigen_afweging"]


def _kies_pad(regels, plan_id):
    plan = regels.plan(plan_id)
    paden = alle_paden(plan)
    for soort in VOORKEUR:
        geschikt = [p for p in paden if loop(plan, p).knoop.uitkomst == soort]
        if geschikt:
            return max(geschikt, key=len)
    return max(paden, key=len)


@pytest.mark.parametrize("plan_id", PLANNEN)
def test_golden_record(regels, plan_id):
    pad = GOLDEN / f"{plan_id}.json"
    if os.environ.get("DEELWIJZER_GOLDEN") == "schrijf":
        invoer = consult(regels, plan_id, _kies_pad(regels, plan_id))
        invoer["rol"] = None
        pad.write_text(canoniek({"invoer": invoer,
                                 "vastlegging": vastlegging(regels, invoer)}) + "\n",
                       encoding="utf-8")
    golden = json.loads(pad.read_text(encoding="utf-8"))
    verwacht = golden["vastlegging"]
    nu = vastlegging(regels, golden["invoer"])

    assert set(nu) == set(verwacht), "andere velden"
    # The rule-set version is a hash of all plan and law data: any edit to any
    # plan changes it. What the edit does to this record shows in the fields.
    for document in (nu, verwacht):
        document["regelset"] = {k: v for k, v in document["regelset"].items()
                                if k != "versie"}
    for veld in sorted(set(verwacht) - NIET_VERGELEKEN):
        assert nu[veld] == verwacht[veld], (
            f"veld {veld!r} wijkt af van golden/{pad.name}; bedoeld? Schrijf opnieuw "
            "met DEELWIJZER_GOLDEN=schrijf (zie boven in dit bestand)")


@pytest.mark.parametrize("plan_id", PLANNEN)
def test_golden_records_show_the_correction_and_mask_the_motivation(regels, plan_id):
    golden = json.loads((GOLDEN / f"{plan_id}.json").read_text(encoding="utf-8"))
    document = golden["vastlegging"]
    assert document["plan"]["id"] == plan_id
    assert document["uitkomst"] is not None
    assert document["citaten"], "een uitkomst zonder wetsartikel"
    assert all("z=" in c["link"] and "g=" in c["link"]
               for c in document["citaten"]
               if "wetten.overheid.nl" in (c["link"] or ""))
    tweede = document["vragen"][1]
    assert tweede["eerder_gegeven"], "de correctie van het tweede antwoord ontbreekt"
    assert [c["knoop"] for c in document["correcties"]] == [tweede["knoop"]]
    tekst = canoniek(document)
    for gegeven in ("06-12345678", "111222333", "12-05-1990"):
        assert gegeven not in tekst
    # A number that fails the 11-check is not a BSN and stays.
    if document["eigen_afweging"]:
        assert golden["invoer"]["motivaties"][document["eigen_afweging"][0]["punt"]] \
            == MOTIVATIE
        assert "123456789" in document["eigen_afweging"][0]["antwoord"]
