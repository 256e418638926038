"""Speed of the Rasa server, without changing what it does.

Profiling a conversation (``bench/run.py --profiel``) showed the Rasa server
spending more than half of its time on one thing: checking every response of
the action server against Rasa's response schema with ``jsonschema.validate``,
which first validates the *schema itself* against the JSON Schema meta-schema,
on every call (jsonschema 4.17, the version Rasa 3.6 pins). The schema is a
constant, so it is checked once here and the validator is reused; responses
are validated exactly as before, with the same error.

Second: every event read back from the tracker store (all events of the
session, for every message) looks up its class by walking all subclasses of
``Event`` and asking ``inspect.isabstract`` of each; about a seventh of the
time after the first fix. The classes do not change while the server runs, so
the lookup table is built once; a name not in it still goes the original way.

Third, at start-up: the intent classifier is loaded with skops, whose import
builds a table of trusted types by searching every loaded module for each
type's home. After TensorFlow (which Rasa imports first) that is thousands
of modules, about a quarter of the start-up time; imported before it, skops
takes a few seconds (measured 18.5 s against 4.4 s on a busy two-core
machine). Nothing else changes: the same table, the same checks on load.

The Rasa server is started as ``python -m bot.versnelling run ...``: this
installs the change and hands over to ``bot.storing`` (which wraps the
actions) and from there to Rasa's own command line.
"""

from __future__ import annotations

from typing import Any, Dict, Text

_geinstalleerd = False


def installeer() -> None:
    global _geinstalleerd
    if _geinstalleerd:
        return
    from jsonschema import ValidationError, exceptions, validators
    from rasa.core.actions.action import RemoteAction

    origineel = RemoteAction._validate_action_result
    schema = RemoteAction.action_response_format_spec()
    klasse = validators.validator_for(schema)
    klasse.check_schema(schema)
    validator = klasse(schema)

    def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
        # As jsonschema.validate does, minus re-checking the constant schema.
        fout = exceptions.best_match(validator.iter_errors(result))
        if fout is None:
            return True
        if not isinstance(fout, ValidationError):
            raise fout
        # Rasa's own message for an invalid response.
        return origineel(self, result)

    RemoteAction._validate_action_result = _validate_action_result  # type: ignore
    _events_op_naam()
    _geinstalleerd = True


def _events_op_naam() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    origineel = Event.resolve_by_type
    tabel: Dict[str, Any] = {}

    def vul() -> None:
        tabel.clear()
        for klasse in all_subclasses(Event):
            # The first match wins, as in Rasa's own loop.
            tabel.setdefault(klasse.type_name, klasse)

    def resolve_by_type(type_name: Text, default: Any = None) -> Any:
        if type_name in tabel:
            return tabel[type_name]
        gevonden = origineel(type_name, default)
        if gevonden is not None and gevonden is not default:
            vul()  # an Event class defined after start-up
        return gevonden

    vul()
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore


def skops_vooraf() -> None:
    """Import skops before anything imports TensorFlow (see above)."""
    import skops.io  # noqa: F401


def main() -> None:
    skops_vooraf()
    installeer()
    from bot.storing import main as storing_main

    storing_main()


if __name__ == "__main__":
    main()
