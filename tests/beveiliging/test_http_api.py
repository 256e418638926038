"""Rasa's HTTP API is not open to the network without a token."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot import runtime
from bot.settings import instellingen, kanaal_instellingen


def test_on_loopback_the_api_needs_no_token():
    assert runtime._api_token(replace(instellingen(), rasa_host="127.0.0.1")) == []


def test_beyond_loopback_the_api_requires_the_token(monkeypatch):
    monkeypatch.setenv("DEELWIJZER_REST_TOKEN", "een-lang-geheim-token")
    kanaal_instellingen.cache_clear()
    try:
        vlaggen = runtime._api_token(replace(instellingen(), rasa_host="0.0.0.0"))
    finally:
        kanaal_instellingen.cache_clear()
    assert vlaggen == ["--auth-token", "een-lang-geheim-token"]


def test_beyond_loopback_without_a_token_the_server_refuses_to_start(monkeypatch):
    monkeypatch.setenv("DEELWIJZER_REST_TOKEN", "")
    kanaal_instellingen.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="DEELWIJZER_REST_TOKEN"):
            runtime._api_token(replace(instellingen(), rasa_host="192.0.2.10"))
    finally:
        kanaal_instellingen.cache_clear()
