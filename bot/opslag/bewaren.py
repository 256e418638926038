"""Retention: delete conversations, their case codes and their records a
number of days after the conversation's last message.

A conversation is deleted as a whole once it has been idle for the retention
period, never event by event: dropping the early events of a consultation
that is still going on would drop its plan and answers with them.
Run by ``./deelwijzer opschonen``, by hand or from cron.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import sqlalchemy as sa

from bot.opslag.database import EVENTS, engine, heeft_events_tabel, in_stukken
from bot.opslag.zaakcodes import ZAAKCODES, maak_tabel
from bot.record.opslag import bestandsnaam
from bot.settings import Instellingen

logger = logging.getLogger(__name__)

DAG = 24 * 3600


@dataclass
class Opgeschoond:
    gesprekken: int = 0
    events: int = 0
    zaakcodes: int = 0
    verslagen: int = 0


def _verouderde_gesprekken(verbinding: sa.engine.Connection, grens: float) -> List[str]:
    laatste = sa.func.max(EVENTS.c.timestamp)
    query = (sa.select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
             .having(laatste < grens))
    return [rij[0] for rij in verbinding.execute(query)]


def schoon_op(inst: Instellingen, nu: Optional[float] = None,
              droog: bool = False) -> Opgeschoond:
    """Delete what is older than ``inst.bewaartermijn_dagen``. ``droog``:
    count only."""
    if inst.bewaartermijn_dagen < 1:
        raise ValueError("DEELWIJZER_BEWAARTERMIJN_DAGEN moet minstens 1 zijn")
    grens = (nu if nu is not None else time.time()) - inst.bewaartermijn_dagen * DAG
    eng = engine(inst.tracker_store_url)
    maak_tabel(eng)
    uit = Opgeschoond()
    gesprekken: List[str] = []
    with eng.begin() as verbinding:
        if heeft_events_tabel(eng):
            gesprekken = _verouderde_gesprekken(verbinding, grens)
            uit.gesprekken = len(gesprekken)
            for stuk in in_stukken(gesprekken):
                wissen = EVENTS.delete().where(EVENTS.c.sender_id.in_(stuk))
                if droog:
                    uit.events += verbinding.execute(
                        sa.select(sa.func.count()).select_from(EVENTS)
                        .where(EVENTS.c.sender_id.in_(stuk))).scalar() or 0
                else:
                    uit.events += verbinding.execute(wissen).rowcount or 0
        # Codes of deleted conversations, and codes that were handed out but
        # whose conversation never got stored and is long gone.
        met_events = sa.select(EVENTS.c.sender_id) if heeft_events_tabel(eng) else None
        voorwaarde = ZAAKCODES.c.aangemaakt < grens
        if met_events is not None:
            voorwaarde = voorwaarde & ZAAKCODES.c.gesprek_id.not_in(met_events)
        for stuk in in_stukken(gesprekken):
            voorwaarde = voorwaarde | ZAAKCODES.c.gesprek_id.in_(stuk)
        if droog:
            uit.zaakcodes = verbinding.execute(
                sa.select(sa.func.count()).select_from(ZAAKCODES).where(voorwaarde)
            ).scalar() or 0
        else:
            uit.zaakcodes = verbinding.execute(
                ZAAKCODES.delete().where(voorwaarde)).rowcount or 0
    uit.verslagen = _verslagen_opruimen(inst.verslag_map, gesprekken, grens, droog)
    logger.info("opgeschoond (termijn %d dagen%s): %s", inst.bewaartermijn_dagen,
                ", droog" if droog else "", uit)
    return uit


def _verslagen_opruimen(map_: Path, gesprekken: List[str], grens: float,
                        droog: bool) -> int:
    """Records of deleted conversations, and any record not written to for the
    whole period (a record is rewritten each time it is asked for)."""
    if not map_.is_dir():
        return 0
    namen = {bestandsnaam(g) for g in gesprekken}
    weg = [p for p in map_.iterdir()
           if p.is_file() and p.suffix in {".json", ".md"}
           and (p.stem in namen or p.stat().st_mtime < grens)]
    if not droog:
        for pad in weg:
            pad.unlink(missing_ok=True)
    return len(weg)
