"""CORS on the real Rasa server: a page from another origin gets no
Access-Control-Allow-Origin (its browser then refuses to read the answer),
the web chat's own origins do; the chat's socket refuses another origin.

CORS does not stop a page from *sending*: a form or a text/plain POST needs
no preflight. The REST webhook therefore takes only JSON, and nothing from a
page of another origin."""

from __future__ import annotations

from urllib.parse import urlsplit

import uuid

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
    # requests sends Content-Length: 0 with it, for which Sanic logs "body not
    # consumed" (see bot/channels/rest.py); a browser's preflight has none.
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


def _gebruikersberichten(assistent: str, gesprek: str) -> list:
    tracker = requests.get(f"{assistent}/conversations/{gesprek}/tracker", timeout=60)
    return [g for g in tracker.json()["events"] if g["event"] == "user"]


# Bodies a page's browser sends cross-site without a preflight, and a client
# that names no type. (Content-Type, body)
ZONDER_PREFLIGHT = [
    pytest.param("text/plain", '{"sender": "%s", "message": "ja"}', id="text-plain"),
    pytest.param("application/x-www-form-urlencoded",
                 '{"sender": "%s", "message": "ja"}', id="form-urlencoded"),
    pytest.param("multipart/form-data; boundary=x",
                 '{"sender": "%s", "message": "ja"}', id="multipart"),
    pytest.param(None, '{"sender": "%s", "message": "ja"}', id="no-content-type"),
]


@pytest.mark.parametrize("origin", [None, VREEMD], ids=["no-origin", "foreign-origin"])
@pytest.mark.parametrize("soort, lichaam", ZONDER_PREFLIGHT)
def test_a_post_that_is_not_json_is_refused_and_not_handled(assistent, soort,
                                                            lichaam, origin):
    gesprek = f"csrf-{uuid.uuid4().hex[:10]}"
    kop = {k: v for k, v in {"Content-Type": soort, "Origin": origin}.items() if v}
    antwoord = requests.post(f"{assistent}/webhooks/rest/webhook", timeout=60,
                             data=(lichaam % gesprek).encode("utf-8"), headers=kop)

    # A foreign page is refused for where it comes from, before its type.
    assert antwoord.status_code == (403 if origin else 415)
    assert antwoord.headers["Content-Type"].startswith("application/json")
    assert antwoord.json()["fout"]
    assert _gebruikersberichten(assistent, gesprek) == []


def test_json_from_a_foreign_origin_is_refused_and_not_handled(assistent):
    gesprek = f"csrf-{uuid.uuid4().hex[:10]}"
    antwoord = requests.post(f"{assistent}/webhooks/rest/webhook", timeout=60,
                             headers={"Origin": VREEMD},
                             json={"sender": gesprek, "message": "/begroeten"})
    assert antwoord.status_code == 403
    assert "webpagina" in antwoord.json()["fout"]
    assert _gebruikersberichten(assistent, gesprek) == []


@pytest.mark.parametrize("soort", ["application/json",
                                   "application/json; charset=utf-8",
                                   "Application/JSON;charset=UTF-8"])
def test_json_with_or_without_charset_is_handled(assistent, soort):
    gesprek = f"json-{uuid.uuid4().hex[:10]}"
    antwoord = requests.post(
        f"{assistent}/webhooks/rest/webhook", timeout=60,
        headers={"Content-Type": soort, "Origin": assistent},
        data=f'{{"sender": "{gesprek}", "message": "/begroeten"}}'.encode("utf-8"))
    assert antwoord.status_code == 200
    assert antwoord.json()
    assert len(_gebruikersberichten(assistent, gesprek)) == 1
