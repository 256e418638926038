"""Shared fixtures: the real law data, loaded once."""

from __future__ import annotations

import pytest

from bot.rules import Regelset, laad_regelset


@pytest.fixture(scope="session")
def regels() -> Regelset:
    return laad_regelset()
