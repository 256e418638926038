"""The texts around the weighing say what happens: points are announced only
when the guide asks points for the outcome, and the closing says a weighing
was added to the record only when one was written down."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.afsluiten import ActionAfsluiten
from actions.antwoord import volgende_stap
from actions.gesprek import regelset
from bot.rules import loop
from tests.actions.helpers import tracker, voer_uit

ZORG_NIET_DELEN = [("s1_strafbaar_feit", "via_hulpverlening"),
                   ("bg_grondslag", "medisch"), ("s2a_toestemming", "nee"),
                   ("s2b_wettelijke_plicht", "nee"), ("s2c_meldrecht", "geen"),
                   ("s2d_gewetensnood", "nee")]
ZORG_AANGIFTE = [("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
                 ("s1_ziektesymptoom", "nee")]


def _uitkomst(plan_id, antwoorden):
    dispatcher = CollectingDispatcher()
    stand = loop(regelset().plan(plan_id), antwoorden)
    events = volgende_stap(dispatcher, antwoorden, [], stand)
    return [b.get("response") for b in dispatcher.messages], events, stand


def test_niet_delen_without_points_announces_none(regels):
    responses, events, stand = _uitkomst("zorg", ZORG_NIET_DELEN)

    assert stand.knoop.uitkomst == "niet_delen" and not list(stand.vastleggen())
    assert "utter_eigen_afweging" not in responses
    assert responses[-1] == "utter_eigen_afweging_zonder_punten"


def test_an_outcome_with_points_announces_them(regels):
    responses, _, stand = _uitkomst("zorg", ZORG_AANGIFTE)

    assert list(stand.vastleggen())
    assert responses[-1] == "utter_eigen_afweging"


@pytest.mark.parametrize(
    "motivaties, verwacht",
    [
        pytest.param({}, "utter_afsluiten_zonder_afweging", id="nothing-weighed"),
        pytest.param({"doel": "Om een steekpartij te voorkomen."}, "utter_afsluiten",
                     id="weighing-written-down"),
    ],
)
def test_the_closing_claims_a_weighing_only_when_there_is_one(motivaties, verwacht):
    berichten, _ = voer_uit(ActionAfsluiten(),
                            tracker("", slots={"motivaties": motivaties}))

    assert berichten[0].get("response") == verwacht


def test_the_texts_without_points_do_not_promise_or_claim_them():
    import yaml

    from bot.rules.loader import DATA_DIR

    with (DATA_DIR.parent / "domain.yml").open(encoding="utf-8") as bestand:
        antwoorden = yaml.safe_load(bestand)["responses"]
    zonder = antwoorden["utter_eigen_afweging_zonder_punten"][0]["text"]
    slot = antwoorden["utter_afsluiten_zonder_afweging"][0]["text"]
    assert "Ik vraag u" not in zonder
    assert "afweging is bij" not in slot
