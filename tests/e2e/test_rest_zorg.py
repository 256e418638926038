"""Whole conversations over REST with the real servers on loopback."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import custom, teksten

pytestmark = pytest.mark.e2e


def test_threat_with_a_knife_leads_to_conflict_of_duties_and_a_record(gesprek):
    eerste = gesprek.zeg("mijn cliënt heeft een mes en zegt dat hij zijn ex iets gaat "
                         "aandoen, mag ik de politie bellen?")
    assert "Stap 1 van 4 — Aangifte" in teksten(eerste)
    assert "ondersteun uw eigen professionele afweging" in teksten(eerste)

    for antwoord, verwacht in [
        ("nee", "Uw beroepsgeheim"),
        ('/kies{"optie":"overig"}', "toestemming gegeven"),
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
    ]:
        assert verwacht in teksten(gesprek.zeg(antwoord)), antwoord

    slot = gesprek.zeg("ja")
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "mag_delen"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == [
        "evrm_8", "gw_10", "sr_272", "conflict_van_plichten", "avg_5_1_c"]
    assert "art. 272 Sr" in teksten(slot)
    assert "Met welk doel" in teksten(slot)

    motivaties = ["Voorkomen dat de ex wordt aangevallen.",
                  "Dat hij een mes heeft en dreigt; alleen dat.",
                  "De dreiging is concreet en ernstig.",
                  "Een gesprek met de cliënt maakt het gevaarlijker.",
                  "Vragen zou de ex in gevaar brengen."]
    for tekst in motivaties[:-1]:
        gesprek.zeg(tekst)
    afsluiting = gesprek.zeg(motivaties[-1])
    assert "Wat wilt u nu doen" in teksten(afsluiting)

    verslag = gesprek.zeg("geef me het verslag")
    document = custom(verslag, "deelwijzer_verslag")["json"]
    assert document["plan"]["id"] == "zorg"
    assert document["uitkomst"]["soort"] == "mag_delen"
    assert len(document["vragen"]) == 14
    assert {p["antwoord"] for p in document["eigen_afweging"]} == set(motivaties)
    assert "https://wetten.overheid.nl/jci1.3:c:BWBR0001854&artikel=272" in \
        teksten(verslag)


def test_a_threatened_care_worker_lands_in_step_1_and_may_report(gesprek):
    eerste = gesprek.zeg("een patiënt heeft mij bedreigd, mag ik aangifte doen?")
    assert "Stap 1 van 4 — Aangifte" in teksten(eerste)

    gesprek.zeg("ja, tegen mij")
    gesprek.zeg("ja")
    slot = gesprek.zeg("nee")
    uitkomst = custom(slot, "deelwijzer")
    assert uitkomst["uitkomst"] == "aangifte"
    assert [c["sleutel"] for c in uitkomst["citaten"]] == ["sv_161"]


def test_an_unclear_answer_is_asked_again_not_guessed(gesprek):
    gesprek.zeg("mijn cliënt vertelde dat hij iemand heeft neergestoken")
    herhaald = gesprek.zeg("ja")
    assert "niet goed plaatsen" in teksten(herhaald)
    assert "Stap 1 van 4" in teksten(herhaald)
