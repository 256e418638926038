"""Free Dutch over REST with the real servers: entry routing, negation into
slots, acute danger at any turn, pasted text, and a message NLU cannot
place."""

from __future__ import annotations

import pytest
import requests

from tests.e2e.conftest import Gesprek, teksten

pytestmark = pytest.mark.e2e


def slots(gesprek: Gesprek) -> dict:
    basis = gesprek.url.split("/webhooks/")[0]
    antwoord = requests.get(f"{basis}/conversations/{gesprek.id}/tracker", timeout=60)
    antwoord.raise_for_status()
    return antwoord.json()["slots"]


def knoppen(berichten):
    return [k["payload"] for b in berichten for k in (b.get("buttons") or [])]


@pytest.mark.parametrize("opening, plan", [
    ("als boa zag ik een jongen met een mes, mag ik zijn school bellen?", "politie"),
    ("ik ben mentor en een leerling heeft een mes bij zich, wat mag ik delen", "onderwijs"),
    ("vanuit de burgemeester wil ik de politie informeren over een jeugdgroep",
     "gemeenten"),
    ("als ovj wil ik de gemeente informeren over een schietpartij", "justitie"),
    ("mijn patiënt heeft een pistool, mag ik de huisarts bellen?", "zorg"),
])
def test_the_opening_chooses_the_plan_and_starts_at_its_start(assistent, opening, plan):
    gesprek = Gesprek(assistent)
    gesprek.zeg(opening)
    waarden = slots(gesprek)
    assert waarden["plan"] == plan
    assert waarden["antwoorden"] == []  # no legal question pre-answered


def test_the_opening_fills_recipient_data_and_situation(gesprek):
    gesprek.zeg("ik ben huisarts, mag ik het adres van mijn patiënt met een mes "
                "aan veilig thuis geven?")
    waarden = slots(gesprek)
    assert waarden["ontvanger"] == ["veilig thuis"]
    assert waarden["gegevens"] == ["persoonsgegevens"]
    assert waarden["situatie"] == ["wapen"]


def test_an_opening_without_a_role_asks_with_buttons(gesprek):
    berichten = gesprek.zeg("mag ik iets doorgeven aan de politie?")
    assert "Welke beschrijving past het best" in teksten(berichten)
    assert '/kies_plan{"plan":"zorg"}' in knoppen(berichten)
    assert slots(gesprek)["plan"] is None
    # The next message may name the role in words instead of a button.
    gesprek.zeg("ik ben wijkagent")
    assert slots(gesprek)["plan"] == "politie"


def test_a_message_nlu_cannot_place_says_so_and_offers_the_choices(gesprek):
    berichten = gesprek.zeg("qwerty zxcv bnm")
    assert "begreep ik niet" in teksten(berichten)
    assert '/kies_plan{"plan":"onderwijs"}' in knoppen(berichten)


@pytest.mark.parametrize("ja, nee, slot", [
    ("de jongere geeft toestemming", "de jongere geeft geen toestemming",
     "toestemming_signaal"),
    ("hij wil dat ik het deel", "hij wil niet dat ik het deel", "toestemming_signaal"),
    ("er is acuut gevaar", "er is geen acuut gevaar", "acuut_gevaar"),
])
def test_negation_ends_in_a_different_slot_value(assistent, ja, nee, slot):
    eerste, tweede = Gesprek(assistent), Gesprek(assistent)
    eerste.zeg("mijn cliënt heeft een mes, mag ik de politie bellen?")
    tweede.zeg("mijn cliënt heeft een mes, mag ik de politie bellen?")
    eerste.zeg(ja)
    tweede.zeg(nee)
    assert slots(eerste)[slot] == "ja"
    assert slots(tweede)[slot] == "nee"


def test_acute_danger_mid_plan_says_112_logs_it_and_asks_the_question_again(gesprek):
    eerste = gesprek.zeg("mijn cliënt vertelde dat hij iemand wil neersteken, "
                         "mag ik de politie bellen?")
    assert "Stap 1 van 4" in teksten(eerste)
    voor = slots(gesprek)

    berichten = gesprek.zeg("hij staat nu voor de deur met een mes")
    tekst = teksten(berichten)
    assert "112" in tekst
    assert "Stap 1 van 4" in tekst  # the open question again
    na = slots(gesprek)
    assert na["open_vraag"] == voor["open_vraag"]
    assert na["antwoorden"] == voor["antwoorden"]
    regel = [r for r in na["logboek"] if r["soort"] == "acuut_gevaar"][-1]
    assert regel["plan"] == "zorg" and regel["knoop"] == voor["open_vraag"]
    assert na["acuut_gevaar"] == "ja"


@pytest.mark.parametrize("opening", [
    "mijn cliënt staat nu met een mes voor de deur van zijn ex, mag ik de politie "
    "bellen?",
    "Mijn cliënt heeft een mes bij zich. Hij staat nu voor de deur van zijn ex. "
    "Mag ik de politie bellen?",
])
def test_acute_danger_in_the_opening_gives_112_then_the_routed_plan(assistent,
                                                                    opening):
    gesprek = Gesprek(assistent)
    tekst = teksten(gesprek.zeg(opening))
    assert "112" in tekst
    assert tekst.index("112") < tekst.index("Stap 1 van 4")
    waarden = slots(gesprek)
    assert waarden["plan"] == "zorg" and waarden["antwoorden"] == []
    assert [r["soort"] for r in waarden["logboek"]] == ["acuut_gevaar", "start"]


def test_acute_danger_without_a_role_gives_112_then_the_choice_of_plan(gesprek):
    berichten = gesprek.zeg("hij staat nu voor de deur met een mes")
    assert "112" in teksten(berichten)
    assert '/kies_plan{"plan":"zorg"}' in knoppen(berichten)
    assert slots(gesprek)["plan"] is None

    gestart = gesprek.zeg('/kies_plan{"plan":"zorg"}')
    assert "Stap 1 van 4" in teksten(gestart)
    soorten = [r["soort"] for r in slots(gesprek)["logboek"]]
    assert soorten[:2] == ["acuut_gevaar", "start"]


def test_a_yes_with_acute_danger_gets_112_and_answers_nothing(gesprek):
    gesprek.zeg("mijn cliënt heeft een mes, mag ik de politie bellen?")
    gesprek.zeg('/kies{"optie":"tegen_mij"}')
    voor = slots(gesprek)

    tekst = teksten(gesprek.zeg("ja, hij heeft nu een mes bij zich en staat voor "
                                "de deur"))
    assert "112" in tekst
    na = slots(gesprek)
    assert na["antwoorden"] == voor["antwoorden"]
    assert na["open_vraag"] == voor["open_vraag"]
    assert [r["soort"] for r in na["logboek"]][-1] == "acuut_gevaar"


def test_a_no_turned_around_is_asked_back_not_taken(gesprek):
    gesprek.zeg("mijn cliënt heeft een mes, mag ik de politie bellen?")
    gesprek.zeg('/kies{"optie":"tegen_mij"}')
    voor = slots(gesprek)

    berichten = gesprek.zeg("nee, er is geen andere manier")
    assert "niet raden" in teksten(berichten)
    assert slots(gesprek)["antwoorden"] == voor["antwoorden"]
    gesprek.zeg("ja")
    assert slots(gesprek)["antwoorden"] == voor["antwoorden"] + [
        [voor["open_vraag"], "ja"]]


def test_a_past_threat_mid_plan_does_not_interrupt(gesprek):
    gesprek.zeg("mijn cliënt heeft een mes, mag ik de politie bellen?")
    berichten = gesprek.zeg("vorig jaar stond hij met een mes voor de deur")
    assert "112" not in teksten(berichten)
    assert slots(gesprek)["acuut_gevaar"] is None


def test_denied_danger_does_not_interrupt(gesprek):
    gesprek.zeg("mijn cliënt heeft een mes, mag ik de politie bellen?")
    berichten = gesprek.zeg("er is geen acuut gevaar")
    assert "112" not in teksten(berichten)


def test_pasted_teams_text_is_kept_as_typed(gesprek):
    tekst = "<at>Deelwijzer</at>  Mijn  CLI" + "E\u0308" + "NT heeft een mes, mag ik " \
            "de politie bellen?"
    berichten = gesprek.zeg(tekst)
    assert "Stap 1 van 4" in teksten(berichten)
    basis = gesprek.url.split("/webhooks/")[0]
    tracker = requests.get(f"{basis}/conversations/{gesprek.id}/tracker",
                           timeout=60).json()
    assert tracker["latest_message"]["text"] == tekst
