"""Case codes: a short code such as ``K7Q-3MX`` that stands for one
conversation, so a professional can continue the consultation later from any
chat ("ik wil verder met zaak K7Q-3MX").

Kept in a small table in the tracker store's database. The code gives access
to the answers of that consultation (never names: the assistant asks for none)
and is deleted with the conversation at the end of the retention period.
"""

from __future__ import annotations

import re
import secrets
import time
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

# No 0/O, 1/I/L: a code is read aloud and typed over from paper.
ALFABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PATROON = re.compile(
    rf"\b([{ALFABET}]{{3}})[\s-]?([{ALFABET}]{{3}})\b", re.IGNORECASE
)
POGINGEN = 8
# Shortcoming: nothing limits how many codes one chat may try. With ~900
# million codes and a few thousand live consultations a guess succeeds about
# once in 10^5 tries; a rate limit per sender (Redis) would close this.

metadata = sa.MetaData()
ZAAKCODES = sa.Table(
    "deelwijzer_zaakcodes",
    metadata,
    sa.Column("code", sa.String(7), primary_key=True),
    sa.Column("gesprek_id", sa.String(255), nullable=False, unique=True),
    sa.Column("aangemaakt", sa.Float, nullable=False),
)


def maak_tabel(eng: Engine) -> None:
    try:
        metadata.create_all(eng)
    except (OperationalError, ProgrammingError, IntegrityError):
        # Two action servers starting together may both try to create it;
        # the second finds it made by the first.
        if not sa.inspect(eng).has_table(ZAAKCODES.name):
            raise


def nieuwe_code() -> str:
    tekens = "".join(secrets.choice(ALFABET) for _ in range(6))
    return f"{tekens[:3]}-{tekens[3:]}"


def normaliseer(tekst: str) -> Optional[str]:
    """The case code in a message ("zaak k7q 3mx" -> "K7Q-3MX"), or None."""
    for gevonden in CODE_PATROON.finditer(tekst or ""):
        links, rechts = gevonden.group(1).upper(), gevonden.group(2).upper()
        # Plain words of six letters ("verder") also fit the alphabet; a code
        # has a digit or a dash between its halves.
        if "-" in gevonden.group(0) or re.search(r"\d", links + rechts):
            return f"{links}-{rechts}"
    return None


def code_voor(eng: Engine, gesprek_id: str) -> str:
    """The conversation's case code, made on first request."""
    maak_tabel(eng)
    with eng.begin() as verbinding:
        bestaand = verbinding.execute(
            sa.select(ZAAKCODES.c.code).where(ZAAKCODES.c.gesprek_id == gesprek_id)
        ).scalar()
    if bestaand:
        return bestaand
    for _ in range(POGINGEN):
        code = nieuwe_code()
        try:
            with eng.begin() as verbinding:
                verbinding.execute(ZAAKCODES.insert().values(
                    code=code, gesprek_id=gesprek_id, aangemaakt=time.time()))
            return code
        except IntegrityError:
            # Either the random code was taken (1 in ~900 million per code
            # in use) or another request gave this conversation a code first.
            with eng.begin() as verbinding:
                bestaand = verbinding.execute(
                    sa.select(ZAAKCODES.c.code)
                    .where(ZAAKCODES.c.gesprek_id == gesprek_id)
                ).scalar()
            if bestaand:
                return bestaand
    raise RuntimeError("geen vrije zaakcode gevonden")


def gesprek_voor(eng: Engine, code: str) -> Optional[str]:
    """The conversation id behind a case code, or None."""
    maak_tabel(eng)
    with eng.connect() as verbinding:
        return verbinding.execute(
            sa.select(ZAAKCODES.c.gesprek_id).where(ZAAKCODES.c.code == code)
        ).scalar()


def verplaats(eng: Engine, code: str, gesprek_id: str) -> None:
    """From now on the code stands for ``gesprek_id``: the consultation goes
    on there, so coming back with the same code again must land there too,
    not in the conversation where it was left off before."""
    maak_tabel(eng)
    with eng.begin() as verbinding:
        verbinding.execute(ZAAKCODES.delete().where(
            (ZAAKCODES.c.gesprek_id == gesprek_id) & (ZAAKCODES.c.code != code)))
        verbinding.execute(ZAAKCODES.update().where(ZAAKCODES.c.code == code)
                           .values(gesprek_id=gesprek_id))
