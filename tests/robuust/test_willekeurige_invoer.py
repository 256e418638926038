"""Property-based: whatever text a professional types, at whatever point in
whatever plan, every turn gets a reply and no exception escapes.

The actions run against the real engine and law data; the NLU test parses
with the real trained model (loaded in-process through Rasa's Agent).
"""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.antwoord import ActionAntwoord, ActionTerug, ActionWaarom, ActionWeetNiet
from actions.start import ActionStartPlan
from bot.rules import alle_paden, laad_regelset
from tests.actions.helpers import tracker, voer_uit

REGELS = laad_regelset()
INTENTS = [None, "nlu_fallback", "bevestigen", "ontkennen", "kies", "vraag_delen",
           "weet_niet", "waarom", "terug"]
TEKST = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400
) | st.sampled_from(["", " ", "ja", "nee", "<script>x</script>", "😀" * 50,
                     "cli\u0065\u0308nt", "'; DROP TABLE events; --"])


@st.composite
def stand_in_een_plan(draw):
    """Slots of a consultation stopped at a random point of a random plan."""
    plan_id = draw(st.sampled_from(sorted(REGELS.plannen)))
    paden = alle_paden(REGELS.plan(plan_id))
    pad = paden[draw(st.integers(0, min(len(paden), 500) - 1))]
    lengte = draw(st.integers(0, len(pad)))
    return {"plan": plan_id, "antwoorden": [list(a) for a in pad[:lengte]],
            "logboek": []}


ACTIES = [ActionAntwoord(), ActionStartPlan(), ActionWaarom(), ActionWeetNiet(),
          ActionTerug()]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(tekst=TEKST, intent=st.sampled_from(INTENTS), slots=stand_in_een_plan(),
       actie=st.sampled_from(ACTIES),
       optie=st.one_of(st.none(), st.text(max_size=30)))
def test_every_action_answers_any_text_at_any_point(tekst, intent, slots, actie, optie):
    entiteiten = [{"entity": "optie", "value": optie}] if optie is not None else []
    berichten, events = voer_uit(actie, tracker(tekst, intent, entiteiten, slots))

    assert berichten, f"{actie.name()} gave no reply to {tekst!r}"
    assert all(isinstance(e, dict) and "event" in e for e in events)


@pytest.fixture(scope="module")
def agent():
    from rasa.core.agent import Agent

    from bot import runtime

    return Agent.load(str(runtime.train()))


@pytest.mark.e2e
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(tekst=TEKST)
def test_the_nlu_parses_any_text_into_a_known_intent(agent, tekst):
    uitkomst = asyncio.run(agent.parse_message(tekst))
    intents = set(agent.domain.intents) | {"nlu_fallback"}
    assert uitkomst["intent"]["name"] in intents | {None}
    assert isinstance(uitkomst["entities"], list)
