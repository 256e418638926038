"""A consultation with (invented) personal data leaves none of it in the log
files or in the stored conversation."""

from __future__ import annotations

import json

import pytest
import requests

from bot.settings import PROJECT
from tests.e2e.conftest import teksten

pytestmark = pytest.mark.e2e

# Invented: the BSN passes the 11-check; the phone number, e-mail address,
# postcode and date of birth belong to no one.
BSN = "111222333"
TELEFOON = "06-12345678"
EMAIL = "p.de.vries.test@example.org"
POSTCODE = "1234 AB 56"
GEBOORTEDATUM = "12-03-2008"


def test_personal_data_is_in_no_log_and_not_in_the_stored_conversation(assistent,
                                                                       gesprek):
    logs = sorted((PROJECT / "var" / "log").glob("*.log"))
    begin = {pad: pad.stat().st_size for pad in logs}

    gesprek.zeg(f"mijn cliënt (bsn {BSN}, tel {TELEFOON}) heeft een mes, mag ik "
                f"de politie bellen?")
    gesprek.zeg("tegen mij")
    gesprek.zeg("ja")
    antwoord = gesprek.zeg("nee")
    assert "Uitkomst" in teksten(antwoord)
    gesprek.zeg(f"Naam en adres ({POSTCODE}), geboren {GEBOORTEDATUM}, mail {EMAIL}")

    opgeslagen = requests.get(f"{assistent}/conversations/{gesprek.id}/tracker",
                              timeout=60).json()
    tekst = json.dumps(opgeslagen, ensure_ascii=False)
    nieuw_in_logs = "".join(
        pad.read_text(encoding="utf-8", errors="replace")[begin.get(pad, 0):]
        for pad in sorted((PROJECT / "var" / "log").glob("*.log"))
    )
    for gegeven in (BSN, TELEFOON, EMAIL, "1234 AB", GEBOORTEDATUM):
        assert gegeven not in tekst, f"{gegeven} stored in the tracker"
        assert gegeven not in nieuw_in_logs, f"{gegeven} in a log file"
