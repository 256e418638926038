"""Rasa's own checks on the training data and the dialogue: `rasa data
validate` and `rasa test core` on the test stories, with the trained model."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot import runtime
from bot.settings import PROJECT

pytestmark = pytest.mark.e2e


def test_rasa_data_validate_finds_no_errors():
    uitvoer = subprocess.run(
        [sys.executable, "-m", "rasa", "data", "validate"],
        cwd=PROJECT, capture_output=True, text=True,
    )
    assert uitvoer.returncode == 0, uitvoer.stdout[-3000:] + uitvoer.stderr[-3000:]


def test_rasa_test_stories_pass(tmp_path):
    model = runtime.train()
    uitvoer = subprocess.run(
        [sys.executable, "-m", "rasa", "test", "core", "--model", str(model),
         "--stories", "tests/stories", "--out", str(tmp_path), "--fail-on-prediction-errors"],
        cwd=PROJECT, capture_output=True, text=True,
    )
    assert uitvoer.returncode == 0, uitvoer.stdout[-3000:] + uitvoer.stderr[-3000:]
