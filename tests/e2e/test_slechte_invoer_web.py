"""The bad-input catalogue of tests/e2e/test_slechte_invoer.py, sent over the
web chat's socket.io channel as the page sends it: every message gets a
Dutch answer and the conversation stays usable afterwards.

A socket.io client (python-socketio, which Rasa installs) talks to the real
Rasa server over long polling, the transport the page starts with (its
websocket transport would need websocket-client, or a newer aiohttp than Rasa
3.6 pins). The server handles a message the same whichever transport brought
it. One socket serves the whole module, as one open page does; each case asks
for a new conversation on it. Waits are bounded, nothing is timed.
"""

from __future__ import annotations

import threading
from typing import Callable, Iterator, List, Optional

import pytest
import socketio

from tests.e2e.test_slechte_invoer import OPENING, SLECHTE_INVOER

pytestmark = pytest.mark.e2e

WACHT = 60.0  # seconds: bound on waiting for the assistant's reply


class WebChat:
    """The page's side of the socket: its conversation, its key, what arrived."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sio = socketio.Client(reconnection=False)
        self.berichten: List[dict] = []
        self.sessie: Optional[dict] = None
        self._nieuw = threading.Condition()

        @self.sio.on("deelwijzer_sessie")
        def sessie(data: dict) -> None:
            with self._nieuw:
                self.sessie = data
                self._nieuw.notify_all()

        @self.sio.on("bot_uttered")
        def bericht(data: dict) -> None:
            with self._nieuw:
                if self.sessie is not None:
                    self.berichten.append(data)
                self._nieuw.notify_all()

    def open(self) -> None:
        self.sio.connect(self.url, socketio_path="/socket.io",
                         transports=["polling"], wait_timeout=WACHT)

    def nieuw_gesprek(self) -> None:
        """As the page's "Wis dit gesprek" does: a fresh conversation."""
        with self._nieuw:
            self.sessie, self.berichten = None, []
        self.sio.emit("session_request", {})
        self._wacht_op(lambda: self.sessie is not None)

    def zeg(self, tekst: str) -> int:
        """Send a message; the number of messages that had arrived before it."""
        assert self.sessie
        with self._nieuw:
            eerder = len(self.berichten)
        self.sio.emit("user_uttered", {
            "message": tekst, "session_id": self.sessie["session_id"],
            "sleutel": self.sessie["sleutel"]})
        return eerder

    def wacht_op_tekst(self, *woorden: str, vanaf: int = 0) -> str:
        """The texts that arrived from message ``vanaf`` on, once one of them
        holds one of ``woorden`` (any text at all when none are given)."""
        def gevonden() -> bool:
            tekst = self.teksten(vanaf)
            return bool(tekst.strip()) and (
                not woorden or any(w in tekst for w in woorden))

        self._wacht_op(gevonden)
        return self.teksten(vanaf)

    def teksten(self, vanaf: int = 0) -> str:
        return "\n".join(b.get("text", "") for b in self.berichten[vanaf:])

    def _wacht_op(self, klaar: Callable[[], bool]) -> None:
        with self._nieuw:
            if not self._nieuw.wait_for(klaar, timeout=WACHT):
                raise AssertionError(f"geen passend antwoord binnen {WACHT:.0f} s: "
                                     f"{self.teksten()!r}")

    def sluit(self) -> None:
        self.sio.disconnect()


@pytest.fixture(scope="module")
def webchat(assistent) -> Iterator[WebChat]:
    chat = WebChat(assistent)
    chat.open()
    try:
        yield chat
    finally:
        chat.sluit()


@pytest.mark.parametrize("tekst, verwacht", SLECHTE_INVOER)
def test_bad_input_over_the_web_chat_gets_a_dutch_answer_and_the_conversation_goes_on(
        webchat, tekst, verwacht):
    webchat.nieuw_gesprek()
    webchat.zeg(tekst)
    antwoord = webchat.wacht_op_tekst(*([verwacht] if verwacht else []))
    assert antwoord.strip(), f"no answer to {tekst[:40]!r}"

    # The server handles one conversation's messages in order: whatever else
    # the bad message caused arrives before the answer to the next one.
    eerder = webchat.zeg(OPENING)
    webchat.wacht_op_tekst("Stap 1 van 4", "Welke beschrijving", vanaf=eerder)
