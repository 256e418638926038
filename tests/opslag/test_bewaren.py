"""Retention: whole conversations go once idle for the period, with their
codes and records; anything more recent stays."""

from __future__ import annotations

import os
import time
from dataclasses import replace

import sqlalchemy as sa
from rasa.shared.core.events import SlotSet, UserUttered

from bot.cli import main
from bot.opslag.bewaren import DAG, schoon_op
from bot.opslag.database import engine
from bot.opslag.zaakcodes import code_voor, gesprek_voor
from bot.record.opslag import bestandsnaam
from bot.settings import instellingen


def _gesprek(schrijf, gesprek_id, *tijden):
    events = []
    for tijd in tijden:
        events += [UserUttered("ja", timestamp=tijd),
                   SlotSet("plan", "zorg", timestamp=tijd)]
    schrijf(gesprek_id, events)


def _aantal(eng, gesprek_id):
    with eng.connect() as v:
        return v.execute(sa.text("select count(*) from events where sender_id = :g"),
                         {"g": gesprek_id}).scalar()


def test_only_conversations_idle_for_the_whole_period_are_deleted(
        db_url, schrijf_gesprek, tmp_path):
    nu = time.time()
    _gesprek(schrijf_gesprek, "oud", nu - 40 * DAG, nu - 35 * DAG)
    # Began long ago but still in use: kept whole, early events included.
    _gesprek(schrijf_gesprek, "lopend", nu - 60 * DAG, nu - 2 * DAG)
    _gesprek(schrijf_gesprek, "nieuw", nu - 60)
    eng = engine(db_url)
    oude_code, lopende_code = code_voor(eng, "oud"), code_voor(eng, "lopend")

    verslagen = tmp_path / "verslagen"
    verslagen.mkdir()
    oud_verslag = verslagen / f"{bestandsnaam('oud')}.json"
    oud_verslag.write_text("{}")
    los_verslag = verslagen / "los.md"
    los_verslag.write_text("#")
    os.utime(los_verslag, (nu - 31 * DAG, nu - 31 * DAG))
    vers_verslag = verslagen / f"{bestandsnaam('nieuw')}.md"
    vers_verslag.write_text("#")

    inst = replace(instellingen(), tracker_store_url=db_url, verslag_map=verslagen,
                   bewaartermijn_dagen=30)
    droog = schoon_op(inst, nu=nu, droog=True)
    assert (droog.gesprekken, droog.events, droog.zaakcodes, droog.verslagen) == \
        (1, 4, 1, 2)
    assert _aantal(eng, "oud") == 4

    uit = schoon_op(inst, nu=nu)
    assert (uit.gesprekken, uit.events, uit.zaakcodes, uit.verslagen) == (1, 4, 1, 2)
    assert _aantal(eng, "oud") == 0
    assert _aantal(eng, "lopend") == 4 and _aantal(eng, "nieuw") == 2
    assert gesprek_voor(eng, oude_code) is None
    assert gesprek_voor(eng, lopende_code) == "lopend"
    assert not oud_verslag.exists() and not los_verslag.exists()
    assert vers_verslag.exists()

    # Running again finds nothing more to do.
    assert schoon_op(inst, nu=nu).gesprekken == 0


def test_the_command_uses_the_settings(db_url, schrijf_gesprek, monkeypatch,
                                       tmp_path, capsys):
    _gesprek(schrijf_gesprek, "oud", time.time() - 10 * DAG)
    monkeypatch.setattr("bot.cli.instellingen", lambda: replace(
        instellingen(), tracker_store_url=db_url, verslag_map=tmp_path / "v"))
    assert main(["opschonen", "--dagen", "20"]) == 0
    assert "0 gesprekken" in capsys.readouterr().out
    assert main(["opschonen", "--dagen", "5"]) == 0
    assert "1 gesprekken (2 events)" in capsys.readouterr().out
