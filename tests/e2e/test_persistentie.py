"""Coming back to a consultation: with its case code in a new conversation,
at a question and in the middle of the professional's own weighing."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import Gesprek, custom, teksten

pytestmark = pytest.mark.e2e

# The care plan chosen with its button: which plan an opening sentence leads
# to is routing's business, tested elsewhere.
OPENING = '/kies_plan{"plan":"zorg"}'
# The care plan's conflict-of-duties path (as in test_rest_zorg.py), after
# the first two answers.
VERDER = [
    ("nee hoor", "wettelijk verplicht"),
    ("nee", "meldrecht"),
    ("nee", "gewetensnood"),
    ("ja", "ernstige schade"),
    ("klopt", "geprobeerd toestemming"),
    ("vragen is niet veilig", "vrijwel zeker"),
    ("ja", "enige manier"),
    ("ja", "Stap 4 van 4"),
    ("ja", "verhouding"),
    ("ja", "minst ingrijpende"),
    ("ja", "alleen de gegevens die nodig zijn"),
]
MOTIVATIES = ["Voorkomen dat de ex wordt aangevallen.",
              "Dat hij een mes heeft en dreigt; alleen dat.",
              "De dreiging is concreet en ernstig.",
              "Een gesprek met de cliënt maakt het gevaarlijker.",
              "Vragen zou de ex in gevaar brengen."]


def zaakcode(berichten) -> str:
    gevonden = re.search(r"zaakcode is ([A-Z0-9]{3}-[A-Z0-9]{3})", teksten(berichten))
    assert gevonden, teksten(berichten)
    return gevonden.group(1)


def test_a_consultation_continues_from_its_case_code(assistent):
    eerste = Gesprek(assistent)
    assert "Stap 1 van 4" in teksten(eerste.zeg(OPENING))
    eerste.zeg("nee")
    assert "toestemming gegeven" in teksten(eerste.zeg('/kies{"optie":"overig"}'))
    code = zaakcode(eerste.zeg("wat is mijn zaakcode?"))
    # Stopping gives the same code again, to write down.
    assert zaakcode(eerste.zeg("stop maar")) == code

    # Later, in another chat window: the answers so far and the open question.
    tweede = Gesprek(assistent)
    hervat = teksten(tweede.zeg(f"ik wil verder met zaak {code.lower()}"))
    assert f"We gaan verder met zaak {code}" in hervat
    assert "toestemming gegeven" in hervat
    for antwoord, verwacht in VERDER:
        assert verwacht in teksten(tweede.zeg(antwoord)), antwoord
    slot = tweede.zeg("ja")
    assert custom(slot, "deelwijzer")["uitkomst"] == "mag_delen"
    for tekst in MOTIVATIES[:2]:
        tweede.zeg(tekst)

    # And again, in the middle of the weighing: the code now leads to where
    # the consultation went on, and the third point is asked next.
    derde = Gesprek(assistent)
    hervat = teksten(derde.zeg(f"verder met zaak {code}"))
    assert "We gaan verder" in hervat
    for tekst in MOTIVATIES[2:-1]:
        derde.zeg(tekst)
    assert "Wat wilt u nu doen" in teksten(derde.zeg(MOTIVATIES[-1]))
    document = custom(derde.zeg("geef me het verslag"), "deelwijzer_verslag")["json"]
    assert document["uitkomst"]["soort"] == "mag_delen"
    assert len(document["vragen"]) == 14
    assert {p["antwoord"] for p in document["eigen_afweging"]} == set(MOTIVATIES)


def test_an_unknown_case_code_is_said_so(gesprek):
    assert "ken ik niet" in teksten(gesprek.zeg("ik wil verder met zaak ZZZ-999"))


def test_no_case_code_before_a_plan_has_started(gesprek):
    assert "nog geen stappenplan" in teksten(gesprek.zeg("wat is mijn zaakcode"))
