"""The Rasa-server side guard (bot/storing.py): a failing or slow action
gives the Dutch notice and a log line, never silence. Against Rasa's own
RemoteAction, domain and response generator; the whole server is in
tests/e2e/test_storing_rest.py."""

from __future__ import annotations

import asyncio
import socket

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.settings import PROJECT
from bot.storing import BewaakteActie, bewaakt


def _omgeving():
    domain = Domain.load(str(PROJECT / "domain.yml"))
    tracker = DialogueStateTracker.from_events(
        "storing-test", [SlotSet("logboek", [{"soort": "start"}])], slots=domain.slots)
    return domain, tracker, TemplatedNaturalLanguageGenerator(domain.responses)


def _dichte_poort() -> int:
    # A port that was free a moment ago and has nothing listening.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _voer_uit(actie, timeout=30.0):
    domain, tracker, nlg = _omgeving()
    bewaking = BewaakteActie(actie, timeout)
    events = asyncio.run(bewaking.run(CollectingOutputChannel(), nlg, tracker, domain))
    return bewaking, events


def test_an_unreachable_action_server_gives_the_dutch_notice_and_a_log_line():
    actie = RemoteAction("action_antwoord",
                         EndpointConfig(f"http://127.0.0.1:{_dichte_poort()}/webhook"))
    assert bewaakt(actie)
    bewaking, events = _voer_uit(actie)

    assert bewaking.fout is not None
    melding = [e for e in events if isinstance(e, BotUttered)][0]
    assert melding.text.startswith("Er is een storing: ik kan nu geen advies geven")
    logboek = [e for e in events if isinstance(e, SlotSet)][0].value
    assert logboek[0] == {"soort": "start"}
    assert {k: logboek[1][k] for k in ("soort", "actie")} == {
        "soort": "storing", "actie": "action_antwoord"}


class _Hangt:
    """An action whose server never answers."""

    def name(self):
        return "action_antwoord"

    async def run(self, *args):
        await asyncio.Event().wait()


def test_an_action_that_never_answers_is_cut_off_with_the_notice():
    bewaking, events = _voer_uit(_Hangt(), timeout=0.01)
    assert isinstance(bewaking.fout, asyncio.TimeoutError)
    assert [e for e in events if isinstance(e, SlotSet)][0].value[-1]["fout"] == \
        "te traag"


class _Weigert:
    def name(self):
        return "motivatie_form"

    async def run(self, *args):
        raise ActionExecutionRejection("motivatie_form")


def test_a_form_that_did_not_get_its_slot_is_normal_flow_not_a_fault():
    try:
        _voer_uit(_Weigert())
    except ActionExecutionRejection:
        pass
    else:
        raise AssertionError("the rejection must reach Rasa's rules")
