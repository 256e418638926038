"""The outcome says for whom it holds when the professional named the
recipient at the opening; the legal outcome itself stays the engine's."""

from __future__ import annotations

import pytest

from actions.antwoord import ActionAntwoord
from actions.gesprek import ontvanger_naam
from actions.start import ActionStartPlan
from tests.actions.helpers import slots_na, tracker, voer_uit

# The last answer of this path reaches an outcome in the care plan.
ZORG_BIJNA_AANGIFTE = [("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja")]


def _uitkomst_na_laatste_antwoord(**extra):
    from actions.gesprek import regelset
    from bot.rules import loop

    stand = loop(regelset().plan("zorg"), ZORG_BIJNA_AANGIFTE)
    begin = {"plan": "zorg", "antwoorden": [list(a) for a in ZORG_BIJNA_AANGIFTE],
             "logboek": [], "open_vraag": stand.knoop.id, **extra}
    berichten, _ = voer_uit(ActionAntwoord(), tracker("nee", "ontkennen", [], begin))
    return next(b for b in berichten
                if str(b.get("response", "")).startswith("utter_uitkomst"))


def test_an_opening_naming_one_recipient_remembers_it(regels):
    _, events = voer_uit(ActionStartPlan(), tracker(
        "ik ben huisarts, mag ik de politie bellen over mijn patiënt?",
        intent="vraag_delen",
        entiteiten=[{"entity": "rol", "value": "huisarts"},
                    {"entity": "ontvanger", "value": "politie"}]))
    assert slots_na(events, {})["huidige_ontvanger"] == "politie"


def test_the_outcome_names_the_recipient_and_keeps_the_legal_outcome(regels):
    zonder = _uitkomst_na_laatste_antwoord()
    met = _uitkomst_na_laatste_antwoord(huidige_ontvanger="politie")

    assert zonder["response"] == "utter_uitkomst" and "ontvanger" not in zonder
    assert met["response"] == "utter_uitkomst_ontvanger"
    assert met["ontvanger"] == "de politie"
    for veld in ("soort", "uitkomst", "artikelen"):
        assert met[veld] == zonder[veld]


@pytest.mark.parametrize(
    "waarde, naam",
    [
        pytest.param("politie", "de politie", id="de-politie"),
        pytest.param("openbaar ministerie", "het Openbaar Ministerie", id="het-om"),
        pytest.param("veilig thuis", "Veilig Thuis", id="veilig-thuis-no-article"),
        pytest.param("psycholoog", "de psycholoog", id="role-term-not-listed"),
    ],
)
def test_a_recipient_is_named_with_its_article(waarde, naam):
    assert ontvanger_naam(waarde) == naam


def test_the_outcome_with_a_recipient_is_a_response_in_the_domain():
    import yaml

    from bot.rules.loader import DATA_DIR

    with (DATA_DIR.parent / "domain.yml").open(encoding="utf-8") as bestand:
        domein = yaml.safe_load(bestand)
    tekst = domein["responses"]["utter_uitkomst_ontvanger"][0]["text"]
    assert tekst.startswith("Uitkomst voor het delen met {ontvanger} — {soort}.\n")
