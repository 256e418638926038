"""A record checked against its hash and against the current rules:
`./deelwijzer controleer-verslag FILE` says whether it is intact and whether
the same answers still give the same outcome and articles."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.record import canoniek, controleer, inhoud_hash
from bot.rules import loop
from tests.record.helpers import consult, vastlegging

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def document(regels):
    golden = json.loads((GOLDEN / "justitie.json").read_text(encoding="utf-8"))
    return vastlegging(regels, golden["invoer"])


def test_an_intact_record_is_reproducible(regels, document):
    assert controleer(document, regels) == []


def test_the_same_answers_give_the_same_outcome_and_citations(regels, document):
    antwoorden = [(v["knoop"], v["waarde"]) for v in document["vragen"]]
    nogmaals = vastlegging(regels, consult(regels, "justitie", antwoorden))
    assert nogmaals["uitkomst"] == document["uitkomst"]
    assert nogmaals["citaten"] == document["citaten"]
    # Same inputs and time: the same record, byte for byte, and the same hash.
    again = vastlegging(regels, consult(regels, "justitie", antwoorden))
    assert canoniek(again) == canoniek(nogmaals)


def test_a_changed_record_fails_its_hash(regels, document):
    vervalst = copy.deepcopy(document)
    vervalst["eigen_afweging"][0]["antwoord"] = "iets anders"
    assert any("hash" in p for p in controleer(vervalst, regels))


def test_a_record_whose_outcome_was_edited_with_a_new_hash_is_caught(regels, document):
    vervalst = copy.deepcopy(document)
    vervalst["uitkomst"]["tekst"] = "U mag alles delen."
    vervalst["inhoud_hash"] = inhoud_hash(vervalst)
    assert controleer(vervalst, regels) == [
        "dezelfde antwoorden geven nu een andere uitkomst"]


def test_a_record_under_another_rule_set_says_so(regels, document):
    ander = copy.deepcopy(document)
    ander["regelset"]["versie"] = "0000000000000000"
    ander["inhoud_hash"] = inhoud_hash(ander)
    assert "opgesteld met regelset 0000000000000000" in controleer(ander, regels)[0]


def test_the_command_reports_in_dutch(document, tmp_path, capsys):
    pad = tmp_path / "verslag.json"
    pad.write_text(canoniek(document) + "\n", encoding="utf-8")
    assert main(["controleer-verslag", str(pad)]) == 0
    assert "dezelfde uitkomst en wetsartikelen" in capsys.readouterr().out

    document["eigen_afweging"][0]["antwoord"] = "gewijzigd"
    pad.write_text(canoniek(document) + "\n", encoding="utf-8")
    assert main(["controleer-verslag", str(pad)]) == 1
    assert "NIET IN ORDE" in capsys.readouterr().out


def test_the_outcome_in_the_record_is_the_engines(regels, document):
    stand = loop(regels.plan("justitie"),
                 [(v["knoop"], v["waarde"]) for v in document["vragen"]])
    assert document["uitkomst"]["knoop"] == stand.knoop.id
    assert [c["sleutel"] for c in document["citaten"]] == list(stand.citaten())
