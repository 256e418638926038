"""The law data as a whole: sound, traceable to the guide, deterministic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.rules import PlanFout, alle_paden, laad_regelset, loop
from bot.rules.handreiking import controleer_ankers, handreiking_pad
from bot.rules.loader import DATA_DIR


def test_every_reference_to_the_guide_points_at_the_right_lines(regels):
    pad = handreiking_pad()
    # The guide's text lives beside the project; without it the references
    # cannot be checked, and that must not pass silently.
    assert pad is not None, "set DEELWIJZER_HANDREIKING to the guide's text file"
    assert controleer_ankers(regels, pad) == []


def test_every_node_and_article_names_its_place_in_the_guide(regels):
    for plan in regels.plannen.values():
        for knoop in plan.knopen.values():
            assert knoop.bron.anker, f"{plan.id}/{knoop.id} has no anchor"
    for artikel in regels.wetgeving.values():
        assert artikel.bron and artikel.bron.anker, artikel.sleutel


def test_every_cited_article_is_used_and_has_a_link(regels):
    gebruikt = set()
    for plan in regels.plannen.values():
        for knoop in plan.knopen.values():
            gebruikt.update(knoop.citeer)
            for optie in knoop.opties:
                gebruikt.update(optie.citeer)
    for sleutel, artikel in regels.wetgeving.items():
        assert sleutel in gebruikt, f"{sleutel} is in the register but cited nowhere"
        if artikel.bron_id:
            assert artikel.link("2026-12-03").startswith("https://")


PLANNEN = sorted(p.stem for p in (DATA_DIR / "stappenplannen").glob("*.yml"))


@pytest.mark.parametrize("plan_id", PLANNEN)
def test_every_edge_is_walked_and_every_path_ends_in_an_outcome(regels, plan_id):
    plan = regels.plan(plan_id)
    gelopen = set()
    for pad in alle_paden(plan):
        stand = loop(plan, pad)
        assert stand.klaar
        assert stand.citaten(), f"{plan_id}: outcome {stand.knoop.id} cites nothing"
        gelopen.update(pad)
    alle_takken = {(k.id, o.waarde) for k in plan.knopen.values() for o in k.opties}
    assert gelopen == alle_takken


@pytest.mark.parametrize("plan_id", PLANNEN)
def test_the_same_answers_give_the_same_outcome(regels, plan_id):
    plan = regels.plan(plan_id)
    for pad in alle_paden(plan)[:50]:
        eerst, dan = loop(plan, pad), loop(plan, pad)
        assert (eerst.knoop.id, eerst.citaten()) == (dan.knoop.id, dan.citaten())


def _kopie_van_data(tmp_path: Path) -> Path:
    doel = tmp_path / "data"
    shutil.copytree(DATA_DIR, doel)
    return doel


def _wijzig_plan(data: Path, plan: str, wijziging) -> None:
    pad = data / "stappenplannen" / f"{plan}.yml"
    inhoud = yaml.safe_load(pad.read_text(encoding="utf-8"))
    wijziging(inhoud["knopen"])
    pad.write_text(yaml.safe_dump(inhoud, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    "wijziging, melding",
    [
        pytest.param(
            lambda k: k["s2a_toestemming"]["ja"].update(volgende="bestaat_niet"),
            "onbekende knoop 'bestaat_niet'",
            id="edge-to-unknown-node",
        ),
        pytest.param(
            lambda k: k["s3_minimaal"]["nee"].update(volgende="s2a_toestemming"),
            "kringloop",
            id="cycle",
        ),
        pytest.param(
            lambda k: k["u_mag_delen"].update(citeer=["avg_99"]),
            "citaat 'avg_99' staat niet in wetgeving.yml",
            id="unknown-citation",
        ),
        pytest.param(
            lambda k: k.update(los={"soort": "uitkomst", "uitkomst": "niet_delen",
                                    "stap": "stap3", "tekst": "x", "citeer": ["sr_272"],
                                    "bron": {"kop": "x", "regels": [1, 2]}}),
            "knoop 'los' is onbereikbaar",
            id="unreachable-node",
        ),
        pytest.param(
            lambda k: k["u_mag_delen"].update(uitkomst="misschien"),
            "onbekende uitkomst 'misschien'",
            id="unknown-outcome-kind",
        ),
        pytest.param(
            lambda k: k["s3_minimaal"].pop("nee"),
            "mist tak 'nee'",
            id="yes-no-question-without-no",
        ),
    ],
)
def test_unsound_data_is_refused_with_a_clear_message(tmp_path, wijziging, melding):
    data = _kopie_van_data(tmp_path)
    _wijzig_plan(data, "zorg", wijziging)
    with pytest.raises(PlanFout) as fout:
        laad_regelset(data)
    assert melding in str(fout.value)


def test_the_version_changes_when_the_data_changes(tmp_path, regels):
    data = _kopie_van_data(tmp_path)
    assert laad_regelset(data).versie == regels.versie
    _wijzig_plan(data, "zorg", lambda k: k["u_mag_delen"].update(tekst="Anders."))
    assert laad_regelset(data).versie != regels.versie
