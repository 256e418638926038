"""Rasa's known, harmless warnings stay out of the terminal where Deelwijzer
runs Rasa; any other warning still shows."""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path

import pytest
import yaml

from bot import runtime, waarschuwingen

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def rasa_zonder_onze_lijst(monkeypatch):
    """Rasa's own list of expected warnings, as before installeer()."""
    from rasa.utils import common

    monkeypatch.setattr(common, "EXPECTED_WARNINGS", [
        w for w in common.EXPECTED_WARNINGS
        if w not in waarschuwingen.BEKENDE_WAARSCHUWINGEN])


def _getoond(bericht: str, niveau: int = logging.WARNING) -> bool:
    """Whether Rasa, set up as its command line does, shows this warning."""
    from rasa.utils.common import _filter_warnings

    with warnings.catch_warnings(record=True) as gezien:
        warnings.simplefilter("always")
        _filter_warnings(log_level=niveau)
        warnings.warn(bericht, UserWarning)
    return bool(gezien)


@pytest.mark.parametrize("bericht", [
    pytest.param("The utterance 'utter_verslag' is not used in any story or rule.",
                 id="response-sent-by-an-action"),
    pytest.param("The intent 'leeg' is listed in the domain file, but is not found "
                 "in the NLU training data.", id="intent-set-by-a-component"),
    pytest.param("You have defined synonyms in your training data, but your NLU "
                 "configuration does not include an 'EntitySynonymMapper'. To map "
                 "synonyms, add an 'EntitySynonymMapper' to your configuration.",
                 id="synonyms-read-by-our-extractor"),
    pytest.param("You have defined training data consisting of entity examples, but "
                 "your NLU configuration does not include an entity extractor "
                 "trained on your training data.", id="entity-examples-read-by-ours"),
    pytest.param("You have defined training data consisting of lookup tables, but "
                 "your NLU configuration does not include any components that uses "
                 "the features created from the lookup table.",
                 id="lookup-tables-read-by-ours"),
])
def test_a_known_harmless_warning_is_silenced(bericht):
    assert _getoond(bericht), "Rasa alone shows it"
    waarschuwingen.installeer()
    assert not _getoond(bericht)
    assert _getoond(bericht, logging.DEBUG), "with --debug it still shows"


@pytest.mark.parametrize("bericht", [
    pytest.param("The intent 'vraag_delen' is listed in the domain file, but is not "
                 "found in the NLU training data.", id="an-intent-that-needs-examples"),
    pytest.param("Something else entirely.", id="any-other-warning"),
])
def test_other_warnings_still_show(bericht):
    waarschuwingen.installeer()
    assert _getoond(bericht)


def test_training_runs_rasa_through_the_filter(monkeypatch, tmp_path):
    opgeroepen = []
    monkeypatch.setattr(runtime, "bereid_voor", lambda *a: ("basis", None))
    monkeypatch.setattr(runtime.subprocess, "run",
                        lambda args, **kw: opgeroepen.append(args))
    from dataclasses import replace

    runtime.train(replace(runtime.instellingen(), model_map=tmp_path))
    assert opgeroepen[0][1:4] == ["-m", "bot.waarschuwingen", "train"]


def test_every_response_is_used_so_silencing_unused_ones_hides_nothing():
    """Rasa's 'not used in any story or rule' is silenced: a response that is
    really unused must be found here instead."""
    domein = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))
    bronnen = [*PROJECT.joinpath("actions").rglob("*.py"),
               *PROJECT.joinpath("bot").rglob("*.py"),
               *PROJECT.joinpath("data").rglob("*.yml")]
    tekst = "\n".join(p.read_text(encoding="utf-8") for p in bronnen)
    # utter_default is sent by Rasa's own action_default_fallback.
    ongebruikt = [naam for naam in domein["responses"]
                  if naam != "utter_default"
                  and not re.search(rf"\b{re.escape(naam)}\b", tekst)]
    assert ongebruikt == []
