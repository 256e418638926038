"""A failing or slow action server must never look like an answer.

Rasa 3.6 logs a failed custom action ("Bot will continue, but the actions
events are lost") and goes on predicting: the professional sees nothing, or a
next step that was never computed. Rasa 3.6 has no hook for this (its plugin
manager only loads the commercial edition) and no setting for the action
server's timeout (five minutes, hard-coded). So the Rasa server is started
through this module (``python -m bot.storing run ...``, see
``bot/runtime.py``), which wraps ``MessageProcessor._run_action`` before
Rasa's own command line takes over:

* every action that calls the action server (custom actions, and the form,
  which calls its validation and question actions) gets a time limit,
  ``DEELWIJZER_ACTIE_TIMEOUT`` seconds (default 20);
* when it fails or times out, the professional gets the Dutch response
  ``utter_storing`` (domain.yml), a ``storing`` line goes into the ``logboek``
  slot, the turn ends there (``action_listen``), and no answer is taken: the
  open question stays open, and the next message is handled as if the failed
  turn had not happened;
* a failing custom ``action_session_start`` falls back to Rasa's own, so a
  new session still starts with the slots carried over.

The wrapper only adds events Rasa itself would log (a bot message, a slot, a
listen); the tracker stays a plain Rasa tracker.

Shortcoming: ``_run_action`` is a private method of Rasa 3.6.21 (pinned in
pyproject.toml); an upgrade must re-check its signature and behaviour
(tests/actions/test_storing.py and tests/e2e/test_storing_rest.py do).
A late answer of a timed-out action is ignored here, but its side effects on
the action server (e.g. a stored record) may still happen.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from datetime import datetime, timezone
from typing import Any, List, Optional

logger = logging.getLogger(__name__)

STANDAARD_TIMEOUT = 20.0
STORING_RESPONSE = "utter_storing"

_origineel: Optional[Any] = None


def actie_timeout() -> float:
    """Seconds an action may take before the professional is told."""
    try:
        return float(os.environ.get("DEELWIJZER_ACTIE_TIMEOUT", STANDAARD_TIMEOUT))
    except ValueError:
        return STANDAARD_TIMEOUT


def bewaakt(actie: Any) -> bool:
    """Actions that depend on the action server."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.actions.loops import LoopAction

    return isinstance(actie, (RemoteAction, LoopAction))


async def storingsevents(
    actie_naam: str, tracker: Any, nlg: Any, output_channel: Any, fout: BaseException
) -> List[Any]:
    """The Dutch message and the log line for a failed action."""
    from rasa.core.actions.action import create_bot_utterance
    from rasa.shared.core.events import SlotSet

    events: List[Any] = []
    bericht = await nlg.generate(STORING_RESPONSE, tracker, output_channel.name())
    if bericht:
        events.append(create_bot_utterance(bericht))
    if "logboek" in tracker.slots:
        logboek = list(tracker.get_slot("logboek") or [])
        logboek.append({
            "soort": "storing",
            "tijd": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "actie": actie_naam,
            "fout": "te traag" if isinstance(fout, asyncio.TimeoutError)
            else type(fout).__name__,
        })
        events.append(SlotSet("logboek", logboek))
    return events


class BewaakteActie:
    """Runs an action with a time limit; on failure returns the storing
    events instead of raising, and remembers that it failed."""

    def __init__(self, actie: Any, timeout: float) -> None:
        self._actie = actie
        self._timeout = timeout
        self.fout: Optional[BaseException] = None

    def __getattr__(self, naam: str) -> Any:
        # Everything else (event_for_successful_execution, ...) is the
        # wrapped action's own.
        return getattr(self._actie, naam)

    def name(self) -> str:
        return self._actie.name()

    async def run(self, output_channel: Any, nlg: Any, tracker: Any, domain: Any
                  ) -> List[Any]:
        from rasa.core.actions.action import ActionExecutionRejection

        try:
            return await asyncio.wait_for(
                self._actie.run(output_channel, nlg, tracker, domain), self._timeout)
        except ActionExecutionRejection:
            # A form that did not get its slot: normal Rasa flow, not a fault.
            raise
        except Exception as fout:  # noqa: BLE001 - every failure must be told
            self.fout = fout
            logger.error("actie %s mislukt (%s): de gebruiker krijgt de "
                         "storingsmelding", self.name(), type(fout).__name__)
            if self.name() == "action_session_start":
                from rasa.core.actions.action import ActionSessionStart

                # Rasa's own session start still carries the slots over.
                return await ActionSessionStart().run(
                    output_channel, nlg, tracker, domain)
            return await storingsevents(self.name(), tracker, nlg, output_channel,
                                        fout)


async def _run_action_bewaakt(
    self: Any, action: Any, tracker: Any, output_channel: Any, nlg: Any,
    prediction: Any,
) -> bool:
    assert _origineel is not None
    if not bewaakt(action):
        return await _origineel(self, action, tracker, output_channel, nlg, prediction)
    wacht = BewaakteActie(action, actie_timeout())
    verder = await _origineel(self, wacht, tracker, output_channel, nlg, prediction)
    if wacht.fout is None or action.name() == "action_session_start":
        return verder
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import ActionExecuted

    # End the turn here: nothing predicted after a failed action can rest on
    # what that action should have computed.
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
    return False


def installeer() -> None:
    """Wrap Rasa's processor once (idempotent)."""
    global _origineel
    from rasa.core.processor import MessageProcessor

    if _origineel is None:
        _origineel = MessageProcessor._run_action
        MessageProcessor._run_action = _run_action_bewaakt  # type: ignore[assignment]


def main() -> None:
    from bot import waarschuwingen
    from bot.opslag import onbereikbaar

    installeer()
    # An unreachable tracker store: a Dutch reply instead of an error.
    onbereikbaar.installeer()
    # Rasa's known, harmless warnings out of the log (see that module).
    waarschuwingen.installeer()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    try:
        rasa_main()
    except onbereikbaar.OpslagOnbereikbaar as fout:
        # At start-up: the reason, not a traceback (bot/runtime.py reads the
        # exit status).
        logger.error("%s", fout)
        print(fout, file=sys.stderr)
        sys.exit(onbereikbaar.OPSLAG_EXIT)


if __name__ == "__main__":
    main()
