"""Routing between plans in conversation: the special askers the guide names,
and an outcome that refers to another plan, which starts at its start while
the finished walk is kept."""

from __future__ import annotations

import pytest

from actions.antwoord import ActionAntwoord
from actions.start import ActionKiesPlan, ActionStartPlan, bijzondere_rol
from tests.actions.helpers import slots_na, tracker, voer_uit


def _responses(berichten):
    return [b.get("response") for b in berichten]


@pytest.mark.parametrize(
    "tekst, plan, uitleg",
    [
        pytest.param("ik werk in het wijkteam van de gemeente en een jongen heeft een "
                     "mes, mag ik de politie bellen?", "zorg",
                     "utter_rol_hulpverlener_gemeente", id="wijkteam-gemeente-zorg"),
        pytest.param("als wijkteammedewerker bij de gemeente hoor ik van een "
                     "steekpartij", "zorg", "utter_rol_hulpverlener_gemeente",
                     id="wijkteammedewerker-zorg"),
        pytest.param("ik ben boa bij de gemeente en zag een jongen met een mes, mag "
                     "ik dat aan de school doorgeven?", "politie",
                     "utter_rol_boa_gemeente", id="boa-gemeente-politie"),
        pytest.param("als gemeentelijke handhaver wil ik de wijkagent informeren",
                     "politie", "utter_rol_boa_gemeente", id="handhaver-gemeente"),
        pytest.param("ik ben forensisch arts bij de politie, mag ik het letsel van een "
                     "arrestant aan de recherche geven?", "zorg",
                     "utter_rol_medisch_politie", id="forensisch-arts-eerst-zorg"),
    ],
)
def test_the_askers_the_guide_names_reach_their_plan(regels, tekst, plan, uitleg):
    berichten, events = voer_uit(ActionStartPlan(), tracker(tekst, "vraag_delen"))
    slots = slots_na(events, {})
    assert slots["plan"] == plan
    assert slots["open_vraag"] == regels.plan(plan).start
    assert uitleg in _responses(berichten)


@pytest.mark.parametrize(
    "tekst",
    [
        # The boa or the municipality is the recipient here, not the asker.
        "mag ik als leerkracht de boa informeren over een leerling met een mes",
        "de gemeente vraagt of een cliënt bij het wijkteam bekend is",
    ],
)
def test_a_recipient_is_not_taken_for_the_asker(tekst):
    assert bijzondere_rol(tekst) is None


def test_online_research_is_pointed_to_the_separate_guide(regels):
    berichten, _ = voer_uit(ActionStartPlan(), tracker(
        "mag ik als gemeente open bronnen gebruiken om een jeugdgroep in kaart te "
        "brengen?", "vraag_delen"))
    assert "utter_online_bronnen" in _responses(berichten)


def _aan_het_eind_van(plan_id, antwoorden, regels):
    from bot.rules import loop

    stand = loop(regels.plan(plan_id), antwoorden[:-1])
    return {"plan": plan_id, "antwoorden": [list(a) for a in antwoorden[:-1]],
            "logboek": [{"soort": "start", "plan": plan_id}],
            "open_vraag": stand.knoop.id}


def test_a_referral_offers_the_plan_and_asks_no_weighing(regels):
    begin = _aan_het_eind_van("gemeenten", [("g0_rol", "zorg")], regels)
    berichten, events = voer_uit(ActionAntwoord(), tracker(
        '/kies{"optie":"zorg"}', "kies", [{"entity": "optie", "value": "zorg"}], begin))
    slots = slots_na(events, begin)

    assert slots["uitkomst"] == "u_ander_zorg"
    assert slots["fase"] == "klaar"
    assert slots["vastleg_open"] == []
    assert "utter_eigen_afweging" not in _responses(berichten)
    aanbod = [b for b in berichten if b.get("response") == "utter_doorverwijzing"][0]
    assert aanbod["buttons"][0]["payload"] == '/kies_plan{"plan":"zorg"}'
    assert "zorg- en hulpverleners" in aanbod["buttons"][0]["title"]


def test_an_outcome_without_a_plan_to_start_offers_none(regels):
    begin = _aan_het_eind_van(
        "politie", [("p1_bevoegde_autoriteit", "ontvanger")], regels)
    berichten, events = voer_uit(ActionAntwoord(), tracker(
        '/kies{"optie":"ontvanger"}', "kies",
        [{"entity": "optie", "value": "ontvanger"}], begin))
    assert slots_na(events, begin)["uitkomst"] == "u_p1_geen_bevoegde_autoriteit"
    assert "utter_doorverwijzing" not in _responses(berichten)


def test_following_the_referral_starts_the_new_plan_and_keeps_the_old_walk(regels):
    na_uitkomst = {
        "plan": "politie",
        "antwoorden": [["p1_bevoegde_autoriteit", "bevoegde_autoriteit"],
                       ["p1_bevoegd_verstrekken", "ja"],
                       ["p1_medisch_beroepsgeheim", "ja"]],
        "logboek": [{"soort": "start", "plan": "politie"},
                    {"soort": "uitkomst", "knoop": "u_p1_eerst_zorg"}],
        "open_vraag": None,
        "uitkomst": "u_p1_eerst_zorg",
        "afgeronde_uitkomsten": None,
    }
    trk = tracker('/kies_plan{"plan":"zorg"}', "kies_plan",
                  [{"entity": "plan", "value": "zorg"}], na_uitkomst)
    berichten, events = voer_uit(ActionKiesPlan(), trk)
    slots = slots_na(events, na_uitkomst)

    assert slots["plan"] == "zorg"
    assert slots["antwoorden"] == []
    assert slots["open_vraag"] == "s1_strafbaar_feit"
    assert slots["uitkomst"] is None
    assert slots["fase"] == "vragen"
    assert slots["afgeronde_uitkomsten"] == [
        {"plan": "politie", "antwoorden": na_uitkomst["antwoorden"],
         "uitkomst": "u_p1_eerst_zorg"}]
    soorten = [r["soort"] for r in slots["logboek"]]
    assert soorten == ["start", "uitkomst", "doorverwezen", "start"]
    assert slots["logboek"][2]["van"] == "politie"
    assert "utter_doorverwezen" in _responses(berichten)


def test_a_plan_under_way_is_not_left_for_another(regels):
    bezig = _aan_het_eind_van(
        "politie", [("p1_bevoegde_autoriteit", "bevoegde_autoriteit"),
                    ("p1_bevoegd_verstrekken", "ja")], regels)
    trk = tracker('/kies_plan{"plan":"zorg"}', "kies_plan",
                  [{"entity": "plan", "value": "zorg"}], bezig)
    berichten, events = voer_uit(ActionKiesPlan(), trk)
    assert events == []
    assert _responses(berichten) == ["utter_al_bezig"]
