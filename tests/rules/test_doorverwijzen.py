"""Referrals between plans: an outcome 'volg een ander stappenplan' names the
plan of ours the guide sends the professional to, and the loader refuses a
referral that cannot be followed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.rules import PlanFout, laad_regelset
from bot.rules.loader import DATA_DIR

# Where the guide itself names one of our plans as the one to follow.
VERWIJZINGEN = [
    pytest.param("politie", "u_p1_eerst_zorg", "zorg",
                 id="politie-met-medisch-beroepsgeheim-eerst-zorg"),
    pytest.param("gemeenten", "u_ander_zorg", "zorg",
                 id="hulpverlener-in-dienst-van-gemeente-naar-zorg"),
    pytest.param("gemeenten", "u_ander_politie", "politie",
                 id="boa-in-dienst-van-gemeente-naar-politie"),
    pytest.param("onderwijs", "u_ander_zorg", "zorg",
                 id="hulpverlener-op-school-naar-zorg"),
    pytest.param("justitie", "u_j1_geen_wjsg", "politie",
                 id="geen-wjsg-gegevens-eerst-kijken-of-de-wpg-geldt"),
]


@pytest.mark.parametrize("plan_id, knoop_id, doel", VERWIJZINGEN)
def test_the_guide_s_referrals_name_the_plan_to_start(regels, plan_id, knoop_id, doel):
    knoop = regels.plan(plan_id).knopen[knoop_id]
    assert knoop.uitkomst == "ander_stappenplan"
    assert knoop.doorverwijzen == doel


@pytest.mark.parametrize(
    "plan_id, knoop_id",
    [
        # Someone who only receives police data: the AVG, not one of our plans.
        pytest.param("politie", "u_p1_geen_bevoegde_autoriteit", id="ontvanger-avg"),
        pytest.param("politie", "u_p2_avg", id="apv-of-bedrijfsvoering-avg"),
        # The receiver of data does not walk the provider's plan.
        pytest.param("gemeenten", "u_ontvangen", id="gemeente-ontvangt"),
        pytest.param("onderwijs", "u_ontvangen_hulpverlener", id="school-ontvangt"),
    ],
)
def test_where_the_guide_points_outside_our_plans_nothing_is_started(
    regels, plan_id, knoop_id
):
    assert regels.plan(plan_id).knopen[knoop_id].doorverwijzen is None


def test_only_referral_outcomes_carry_a_referral(regels):
    for plan in regels.plannen.values():
        for knoop in plan.knopen.values():
            if knoop.doorverwijzen:
                assert knoop.uitkomst == "ander_stappenplan", f"{plan.id}/{knoop.id}"
                assert knoop.doorverwijzen in regels.plannen


def _kopie_van_data(tmp_path: Path) -> Path:
    doel = tmp_path / "data"
    shutil.copytree(DATA_DIR, doel)
    return doel


def _wijzig_knoop(data: Path, plan: str, knoop: str, **velden) -> None:
    pad = data / "stappenplannen" / f"{plan}.yml"
    inhoud = yaml.safe_load(pad.read_text(encoding="utf-8"))
    inhoud["knopen"][knoop].update(velden)
    pad.write_text(yaml.safe_dump(inhoud, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    "plan, knoop, doel, melding",
    [
        pytest.param("gemeenten", "u_ander_zorg", "huisartsen",
                     "verwijst door naar onbekend stappenplan 'huisartsen'",
                     id="unknown-plan"),
        pytest.param("gemeenten", "u_ander_zorg", "gemeenten",
                     "verwijst door naar zijn eigen stappenplan", id="own-plan"),
        pytest.param("gemeenten", "u_mag_delen", "zorg",
                     "'doorverwijzen' mag alleen bij een uitkomst 'ander_stappenplan'",
                     id="on-a-sharing-outcome"),
        pytest.param("gemeenten", "g0_rol", "zorg",
                     "'doorverwijzen' mag alleen bij een uitkomst 'ander_stappenplan'",
                     id="on-a-question"),
    ],
)
def test_a_referral_that_cannot_be_followed_is_refused(tmp_path, plan, knoop, doel,
                                                        melding):
    data = _kopie_van_data(tmp_path)
    _wijzig_knoop(data, plan, knoop, doorverwijzen=doel)
    with pytest.raises(PlanFout) as fout:
        laad_regelset(data)
    assert melding in str(fout.value)
