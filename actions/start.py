"""Entry: choose the step plan from the first message, or ask which fits; and
start the plan an outcome refers to ('volg een ander stappenplan')."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.gesprek import (
    antwoorden_uit,
    huidige_stand,
    logboek_uit,
    logregel,
    regelset,
    stel_vraag,
    zet_stand,
)
from actions.gevaar import acuut_gemeld, gevaar_voor_start, meld_acuut_gevaar
from bot.routering import kies_plan, knop_tekst
from bot.rules import Stand, loop
from bot.rules.engine import normaliseer

logger = logging.getLogger(__name__)

# Askers whose employer's words point to the wrong plan, with the plan the
# guide gives them and the response that says why. They are checked before
# the general table in data/routering.yml, where "gemeente" or "politie" would
# also match. Only phrases that say who the asker is: "de boa informeren" names
# a recipient and must not count.
BIJZONDERE_ROLLEN: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = (
    # A care worker employed by the municipality keeps his professional
    # secrecy: it follows from the relation with the client, not from the
    # employer (care plan, guide lines 273-290; municipal plan, 4513-4519).
    ("zorg", "utter_rol_hulpverlener_gemeente", (
        "wijkteam van de gemeente", "wijkteam bij de gemeente",
        "gemeentelijk wijkteam", "gemeentelijke wijkteam", "wijkteammedewerker",
        "ik werk in het wijkteam", "ik werk bij het wijkteam",
        "ik zit in het wijkteam", "als hulpverlener bij de gemeente",
        "hulpverlener in dienst van de gemeente",
        "maatschappelijk werker bij de gemeente",
        "maatschappelijk werker van de gemeente",
        "jeugdhulpverlener bij de gemeente", "wmo consulent",
    )),
    # A boa employed by the municipality processes police data: the police
    # plan (municipal plan, guide lines 4519-4523).
    ("politie", "utter_rol_boa_gemeente", (
        "boa bij de gemeente", "boa van de gemeente", "boa in dienst van de gemeente",
        "gemeente boa", "gemeentelijke boa", "gemeentelijk boa",
        "handhaver bij de gemeente", "handhaver van de gemeente",
        "gemeentelijk handhaver", "gemeentelijke handhaver", "gemeente handhaver",
        "handhaving van de gemeente",
    )),
    # A police officer with medical secrecy: the guide advises the care plan
    # first (police plan, guide lines 1215-1222).
    ("zorg", "utter_rol_medisch_politie", (
        "forensisch arts", "forensisch geneeskundige", "forensisch verpleegkundige",
        "forensische arts", "arrestantenzorg", "politiearts", "arts bij de politie",
        "verpleegkundige bij de politie", "arts van de politie",
    )),
)

# Searching open online sources is not sharing: the guide points to a
# separate guide for it (lines 118-127). Said before anything else, so the
# professional who came for that knows at once.
ONLINE_BRONNEN = (
    "open bronnen", "online bronnen", "online onderzoek", "osint",
    "online zoeken", "op internet zoeken", "googelen", "googlen",
    "social media bekijken", "social media checken", "social media doorzoeken",
    "sociale media bekijken", "sociale media doorzoeken", "profiel bekijken",
    "instagram bekijken", "tiktok bekijken", "facebook bekijken",
)


def _noemt(tekst: str, woorden: Tuple[str, ...]) -> bool:
    schoon = f" {normaliseer(tekst)} "
    return any(f" {normaliseer(w)} " in schoon for w in woorden)


def bijzondere_rol(tekst: str) -> Optional[Tuple[str, str]]:
    """(plan, response) when the message names exactly one special asker."""
    treffers = {(plan, uitleg) for plan, uitleg, woorden in BIJZONDERE_ROLLEN
                if _noemt(tekst, woorden)}
    return treffers.pop() if len(treffers) == 1 else None


def start_plan(
    dispatcher: CollectingDispatcher, plan_id: str, logboek: List[Dict[str, Any]]
) -> List[EventType]:
    plan = regelset().plan(plan_id)
    stand = loop(plan, [])
    logboek = logboek + [logregel("start", plan=plan_id, titel=plan.titel)]
    dispatcher.utter_message(response="utter_start_plan", plan=plan.titel)
    stel_vraag(dispatcher, stand)
    logger.debug("plan=%s gestart op knoop=%s", plan_id, stand.knoop.id)
    return [SlotSet("plan", plan_id), SlotSet("fase", "vragen"),
            *zet_stand([], logboek, stand)]


def bied_doorverwijzing(dispatcher: CollectingDispatcher, stand: Stand) -> bool:
    """At an outcome that refers to another of our plans, offer to start it.
    False when the outcome refers to nothing we can start."""
    doel = stand.knoop.doorverwijzen if stand.klaar else None
    if not doel or doel not in regelset().plannen:
        return False
    titel = regelset().plan(doel).titel
    dispatcher.utter_message(
        response="utter_doorverwijzing",
        plan=titel,
        buttons=[
            {"title": f"Start het {titel}",
             "payload": f'/kies_plan{{"plan":"{doel}"}}'},
            {"title": "Geef me het verslag", "payload": "/verslag"},
            {"title": "Nieuwe vraag", "payload": "/opnieuw"},
        ],
    )
    return True


def afgeronde_wandeling(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The walk that reached an outcome, as {plan, antwoorden, uitkomst}, or
    None when no plan has reached one."""
    stand = huidige_stand(tracker)
    if stand is None or not stand.klaar:
        return None
    return {"plan": stand.plan.id,
            "antwoorden": [list(a) for a in antwoorden_uit(tracker)],
            "uitkomst": stand.knoop.id}


def open_gesprek(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    gevaar: List[Dict[str, Any]],
) -> List[EventType]:
    """Route the opening message: start the plan its words point to, or ask
    which plan fits. ``gevaar`` holds the log line of a 112 notice this
    message got, if any; the new plan's log starts with every such line said
    before it."""
    # After a 112 notice the same words without their own line about 112.
    ondersteuning = "utter_acuut_daarna" if gevaar else "utter_ondersteuning"
    logboek = gevaar_voor_start(tracker) + gevaar
    # Several recipients ("de school en de wijkagent"): one walk each,
    # in turn. Imported here because actions.sessie builds on this module.
    from actions.sessie import meerdere_ontvangers

    ontvangers = meerdere_ontvangers(dispatcher, tracker)
    tekst = tracker.latest_message.get("text") or ""
    rollen = [
        e.get("value") for e in tracker.latest_message.get("entities", [])
        if e.get("entity") == "rol"
    ]
    beschikbaar = list(regelset().plannen)
    if _noemt(tekst, ONLINE_BRONNEN):
        dispatcher.utter_message(response="utter_online_bronnen")
    bijzonder = bijzondere_rol(tekst)
    if bijzonder and bijzonder[0] in beschikbaar:
        plan_id, uitleg = bijzonder
        dispatcher.utter_message(response=ondersteuning)
        dispatcher.utter_message(response=uitleg)
        logger.debug("bijzondere rol herkend: plan=%s", plan_id)
        return [*ontvangers, *start_plan(dispatcher, plan_id, logboek)]
    plan_id = kies_plan(tekst, rollen, beschikbaar)
    dispatcher.utter_message(response=ondersteuning)
    if plan_id is None:
        # Below the NLU threshold the message may not be an opening at
        # all: say so rather than pretend, and offer the same choice.
        onzeker = (tracker.latest_message.get("intent") or {}).get("name") \
            == "nlu_fallback"
        dispatcher.utter_message(
            response="utter_niet_begrepen_plan" if onzeker else "utter_welk_plan",
            buttons=[
                {"title": knop_tekst(p), "payload": f'/kies_plan{{"plan":"{p}"}}'}
                for p in beschikbaar
            ],
        )
        # The 112 notice waits in the log for the plan chosen next
        # (ActionKiesPlan starts its log with it).
        bewaar = [SlotSet("logboek", logboek_uit(tracker) + gevaar)] if gevaar else []
        return [SlotSet("plan", None), *bewaar, *ontvangers]
    return [*ontvangers, *start_plan(dispatcher, plan_id, logboek)]


class ActionStartPlan(Action):
    """First question about sharing: infer the plan, or ask the role. When
    the message also states acute danger, 112 comes first."""

    def name(self) -> Text:
        return "action_start_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        # The danger signal decides, not the intent: a stated danger that
        # reached this action as an opening still gets the 112 notice first.
        gevaar = meld_acuut_gevaar(dispatcher, tracker) if acuut_gemeld(tracker) \
            else []
        if tracker.get_slot("open_vraag"):
            # A plan is already under way: a new opening question must not
            # wipe the answers. Repeat the open question instead.
            dispatcher.utter_message(response="utter_al_bezig")
            stand = huidige_stand(tracker)
            if stand and not stand.klaar:
                stel_vraag(dispatcher, stand)
            return [SlotSet("logboek", logboek_uit(tracker) + gevaar)] if gevaar else []
        return open_gesprek(dispatcher, tracker, gevaar)


class ActionKiesPlan(Action):
    """The user chose a plan with a button: at the start, or to follow the
    referral of an outcome. A referral carries nothing legal over: the new
    plan starts at its start. The finished walk is kept, in
    ``afgeronde_uitkomsten`` and in the log that goes into the record."""

    def name(self) -> Text:
        return "action_kies_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        plan_id = next(tracker.get_latest_entity_values("plan"), None)
        if plan_id not in regelset().plannen:
            dispatcher.utter_message(response="utter_onbekend_plan")
            return []
        if tracker.get_slot("open_vraag"):
            dispatcher.utter_message(response="utter_al_bezig")
            return []
        vorige = afgeronde_wandeling(tracker)
        if vorige is None:
            return start_plan(dispatcher, plan_id, gevaar_voor_start(tracker))

        afgerond = list(tracker.get_slot("afgeronde_uitkomsten") or []) + [vorige]
        logboek = logboek_uit(tracker) + [
            logregel("doorverwezen", van=vorige["plan"], naar=plan_id,
                     uitkomst=vorige["uitkomst"], antwoorden=vorige["antwoorden"])
        ]
        dispatcher.utter_message(response="utter_doorverwezen")
        logger.debug("doorverwezen van plan=%s naar plan=%s", vorige["plan"], plan_id)
        return [SlotSet("afgeronde_uitkomsten", afgerond),
                SlotSet("vastleg_open", None), SlotSet("motivaties", {}),
                *start_plan(dispatcher, plan_id, logboek)]
