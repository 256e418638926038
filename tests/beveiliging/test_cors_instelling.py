"""Which origins the Rasa server's --cors and the web chat's socket allow."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.settings import instellingen


@pytest.mark.parametrize(
    "host, tekst, publiek, verwacht",
    [
        pytest.param("127.0.0.1", "", "", ["http://127.0.0.1:5005",
                                            "http://localhost:5005"],
                     id="loopback-default-both-names"),
        pytest.param("127.0.0.1", "", "https://deelwijzer.example.nl/",
                     ["http://127.0.0.1:5005", "http://localhost:5005",
                      "https://deelwijzer.example.nl"],
                     id="public-address-behind-a-proxy"),
        pytest.param("0.0.0.0", "https://intranet.example.nl, https://a.example.nl",
                     "", ["https://intranet.example.nl", "https://a.example.nl"],
                     id="given-origins-replace-the-default"),
    ],
)
def test_cors_origins(host, tekst, publiek, verwacht):
    inst = replace(instellingen(), rasa_host=host, rasa_poort=5005,
                   cors_origins_tekst=tekst)
    assert inst.cors_origins(publiek) == verwacht
