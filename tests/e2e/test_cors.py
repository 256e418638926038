"""CORS on the real Rasa server: a page from another origin gets no
Access-Control-Allow-Origin (its browser then refuses to read the answer),
the web chat's own origins do; the chat's socket refuses another origin."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
import socketio

pytestmark = pytest.mark.e2e

VREEMD = "https://kwaadwillend.example"


def _verzoeken(assistent: str, origin: str):
    """Requests a page could make: REST, Rasa's API, a preflight, socket.io."""
    kop = {"Origin": origin}
    yield "rest", requests.post(
        f"{assistent}/webhooks/rest/webhook", headers=kop, timeout=60,
        json={"sender": "cors-test", "message": "/begroeten"})
    yield "api", requests.get(f"{assistent}/version", headers=kop, timeout=60)
    yield "preflight", requests.options(
        f"{assistent}/webhooks/rest/webhook", timeout=60,
        headers={**kop, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"})


def _eigen_origins(assistent: str):
    poort = urlsplit(assistent).port
    return [assistent, f"http://localhost:{poort}"]


def test_a_foreign_origin_is_not_allowed(assistent):
    for route, antwoord in _verzoeken(assistent, VREEMD):
        assert "Access-Control-Allow-Origin" not in antwoord.headers, route


@pytest.mark.parametrize("welke", [0, 1], ids=["127.0.0.1", "localhost"])
def test_the_web_chats_own_origin_is_allowed(assistent, welke):
    origin = _eigen_origins(assistent)[welke]
    for route, antwoord in _verzoeken(assistent, origin):
        assert antwoord.headers.get("Access-Control-Allow-Origin") == origin, route


def test_the_chat_socket_refuses_a_page_from_another_origin(assistent):
    # A browser applies no CORS to a WebSocket: the server must check.
    def verbind(origin: str) -> socketio.Client:
        client = socketio.Client(reconnection=False)
        client.connect(assistent, socketio_path="/socket.io", transports=["polling"],
                       headers={"Origin": origin}, wait_timeout=60)
        return client

    with pytest.raises(socketio.exceptions.ConnectionError):
        verbind(VREEMD).disconnect()
    eigen = verbind(assistent)
    assert eigen.connected
    eigen.disconnect()
