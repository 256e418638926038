"""The command line a lawyer and an operator use."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from bot.cli import main


def test_controleer_validates_and_prints_every_plan_as_an_outline(capsys):
    assert main(["controleer"]) == 0
    uitvoer = capsys.readouterr().out

    assert uitvoer.startswith("Regeldata in orde: ")
    for titel in ("Stappenplan zorg- en hulpverleners", "Stap 1: Aangifte"):
        assert titel in uitvoer
    assert "= u_mag_delen: U MAG DE GEGEVENS DELEN  (art. 5 lid 1 onder c AVG)" in uitvoer


def test_controleer_verslag_sees_a_changed_record(tmp_path, regels, capsys):
    from bot.record import canoniek, maak_vastlegging

    document = maak_vastlegging(
        regels, "zorg",
        [("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
         ("s1_ziektesymptoom", "nee")],
        [], {}, "cli-test", "2026-12-03T10:00:00+00:00")
    bestand = tmp_path / "verslag.json"
    bestand.write_text(canoniek(document), encoding="utf-8")
    assert main(["controleer-verslag", str(bestand)]) == 0
    assert "In orde" in capsys.readouterr().out

    document["uitkomst"]["tekst"] = "U mag alles delen."
    bestand.write_text(json.dumps(document), encoding="utf-8")
    assert main(["controleer-verslag", str(bestand)]) == 1
    uitvoer = capsys.readouterr().out
    assert "hash klopt niet" in uitvoer
    assert "andere uitkomst" in uitvoer


def test_the_terminal_chat_writes_a_record_file_it_receives(tmp_path, monkeypatch,
                                                            capsys):
    import base64

    from bot.cli import _toon

    monkeypatch.chdir(tmp_path)
    pdf = b"%PDF-1.4 vastlegging"
    _toon([{"text": "Hier is uw vastlegging als PDF."},
           {"custom": {"deelwijzer_verslag": {
               "formaat": "pdf", "bestandsnaam": "../vastlegging.pdf",
               "codering": "base64", "inhoud": base64.b64encode(pdf).decode()}}}])

    geschreven = tmp_path / "var" / "export" / "vastlegging.pdf"
    assert geschreven.read_bytes() == pdf
    assert f"Opgeslagen: {geschreven.resolve()}" in capsys.readouterr().out


def test_the_terminal_chat_shows_a_summary_of_the_record_not_its_markdown(
        tmp_path, monkeypatch, capsys, regels):
    from bot.cli import _toon
    from bot.record import maak_vastlegging, naar_markdown

    monkeypatch.chdir(tmp_path)
    document = maak_vastlegging(
        regels, "zorg",
        [("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
         ("s1_ziektesymptoom", "nee")],
        [], {}, "terminal-voorbeeld", "2026-12-03T10:00:00+00:00")
    markdown = naar_markdown(document)
    _toon([{"text": "Hier is uw vastlegging."},
           {"text": markdown},
           {"text": "U kunt de vastlegging ook als bestand krijgen.",
            "buttons": [{"title": "PDF", "payload": '/verslag{"formaat":"pdf"}'}]},
           {"custom": {"deelwijzer_verslag": {"json": document}}}])

    uitvoer = capsys.readouterr().out
    assert "| Gebruikte regels |" not in uitvoer
    assert "## Vragen en antwoorden" not in uitvoer
    assert "Stappenplan: Stappenplan zorg- en hulpverleners" in uitvoer
    assert f"Uitkomst: {document['uitkomst']['tekst']}" in uitvoer
    geschreven = sorted((tmp_path / "var" / "export").iterdir())
    assert [p.suffix for p in geschreven] == [".json", ".md"]
    assert geschreven[1].read_text(encoding="utf-8") == markdown
    for pad in geschreven:
        assert f"Opgeslagen: {pad.resolve()}" in uitvoer
    # The summary stands where the record was, before the format buttons.
    assert uitvoer.index("Uitkomst:") < uitvoer.index("[1] PDF")


def test_the_terminal_chat_saves_the_markdown_file_without_dumping_it(
        tmp_path, monkeypatch, capsys):
    from bot.cli import _toon

    monkeypatch.chdir(tmp_path)
    markdown = "# Vastlegging gegevensdeling — Stappenplan\n\n| | |\n|---|---|\n"
    _toon([{"text": "Hier is uw vastlegging als Markdown."},
           {"text": markdown},
           {"custom": {"deelwijzer_verslag": {
               "formaat": "md", "bestandsnaam": "vastlegging.md",
               "codering": "utf-8", "inhoud": markdown}}}])

    uitvoer = capsys.readouterr().out
    assert "# Vastlegging gegevensdeling" not in uitvoer
    assert "Opgeslagen: " in uitvoer


def _bereikbaar(url: str) -> bool:
    import requests

    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


@pytest.mark.e2e
@pytest.mark.parametrize("signaal", [signal.SIGTERM, signal.SIGHUP],
                         ids=["sigterm-service-manager", "sighup-terminal-closed"])
def test_a_stop_signal_to_deelwijzer_start_stops_both_servers(tmp_path, signaal):
    import psutil

    from bot.runtime import PROJECT
    from tests.e2e.conftest import vrije_poort

    rasa_poort, actie_poort = vrije_poort(), vrije_poort()
    omgeving = {**os.environ, "DEELWIJZER_RASA_POORT": str(rasa_poort),
                "DEELWIJZER_ACTIE_POORT": str(actie_poort),
                "DEELWIJZER_RASA_HOST": "127.0.0.1",
                "DEELWIJZER_TRACKER_STORE": f"sqlite:///{tmp_path / 'tracker.db'}",
                "DEELWIJZER_VERSLAG_MAP": str(tmp_path / "verslagen")}
    # As a service manager starts it: the wrapper, whose process it signals.
    start = subprocess.Popen([str(PROJECT / "deelwijzer"), "start", "--zonder-chat"],
                             cwd=PROJECT, env=omgeving, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    urls = [f"http://127.0.0.1:{actie_poort}/health",
            f"http://127.0.0.1:{rasa_poort}/status"]
    kinderen: list = []
    try:
        einde = time.monotonic() + 900  # may train a model first
        while not all(_bereikbaar(url) for url in urls):
            assert start.poll() is None, f"start stopte met code {start.returncode}"
            assert time.monotonic() < einde, "servers niet bereikbaar"
            time.sleep(1)
        kinderen = psutil.Process(start.pid).children(recursive=True)
        assert len(kinderen) >= 2

        start.send_signal(signaal)

        start.wait(timeout=30)
        _, levend = psutil.wait_procs(kinderen, timeout=5)
        assert levend == []
        assert not any(_bereikbaar(url) for url in urls)
    finally:
        # Whatever is left, also servers the start process left behind.
        if start.poll() is None:
            kinderen += psutil.Process(start.pid).children(recursive=True)
            start.kill()
        for kind in kinderen:
            if kind.is_running():
                kind.kill()
