"""The faster response check of the Rasa server accepts and rejects exactly
what Rasa's own check does."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.utils.endpoints import EndpointConfig

from bot.versnelling import installeer

GOED = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "antwoorden", "value": [["a", "ja"]]},
                {"event": "action", "name": "action_listen"}],
     "responses": [{"text": "Hallo", "buttons": [{"title": "ja", "payload": "/ja"}]}]},
]
FOUT = [
    {"events": [{"name": "zonder soort"}], "responses": []},
    {"events": "geen lijst"},
    {"events": [{"event": 3}], "responses": []},
    {"events": [], "responses": "geen lijst"},
    {"events": [{"event": "slot", "name": "x", "value": 1, "timestamp": "nu"}]},
]


# Rasa's own check, taken before the faster one is installed.
RASA = RemoteAction._validate_action_result
RASA_EVENT = Event.resolve_by_type


def _oordeel(controle, antwoord):
    actie = RemoteAction("action_x", EndpointConfig("http://127.0.0.1:1/webhook"))
    try:
        return controle(actie, antwoord)
    except ValidationError as fout:
        return fout.message


@pytest.mark.parametrize("antwoord", GOED + FOUT)
def test_same_verdict_as_rasa(antwoord):
    installeer()
    assert RemoteAction._validate_action_result is not RASA
    verwacht = _oordeel(RASA, antwoord)
    assert _oordeel(RemoteAction._validate_action_result, antwoord) == verwacht
    assert (verwacht is True) == (antwoord in GOED)


def test_events_resolve_to_the_same_classes():
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    namen = {k.type_name for k in all_subclasses(Event)}
    verwacht = {n: RASA_EVENT(n) for n in namen}
    installeer()
    assert Event.resolve_by_type is not RASA_EVENT
    assert {n: Event.resolve_by_type(n) for n in namen} == verwacht
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("onbekend", default=Event) is Event
    with pytest.raises(ValueError):
        Event.resolve_by_type("onbekend")


def test_skops_is_imported_before_and_without_tensorflow():
    # In a fresh interpreter, as the server starts: the point is the order.
    import subprocess
    import sys

    uit = subprocess.run(
        [sys.executable, "-c",
         "import sys; from bot.versnelling import skops_vooraf; skops_vooraf(); "
         "print('skops.io' in sys.modules, 'tensorflow' in sys.modules)"],
        capture_output=True, text=True, timeout=300, check=True)
    assert uit.stdout.split() == ["True", "False"]
