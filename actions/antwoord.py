"""Answers to the open question: yes, no, a choice, free text, don't know,
and going back. The engine decides what comes next; nothing here does law."""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.gesprek import (
    antwoorden_uit,
    huidige_stand,
    logboek_uit,
    logregel,
    meld_uitkomst,
    regelset,
    stel_vraag,
    zet_stand,
)
from actions.start import ActionStartPlan, bied_doorverwijzing
from bot.nlu.signalen import omgekeerd_antwoord
from bot.nlu.taal import zonder_woorden
from bot.rules import Stand, herken_optie, loop, terug, verklaar, wijzig
from bot.rules.correctie import zoek_verwijzing
from bot.rules.model import Knoop, Optie

logger = logging.getLogger(__name__)

INTENT_NAAR_WAARDE = {"bevestigen": "ja", "ontkennen": "nee"}


def gekozen_optie(knoop: Knoop, tracker: Tracker) -> Optional[Optie]:
    """The option the latest message chose, only if it belongs to the open
    question. A hand-typed payload for another question sets nothing."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent in INTENT_NAAR_WAARDE and knoop.optie(INTENT_NAAR_WAARDE[intent]):
        return knoop.optie(INTENT_NAAR_WAARDE[intent])
    if intent == "kies":
        waarde = next(tracker.get_latest_entity_values("optie"), None)
        if waarde:
            return knoop.optie(str(waarde))
    return herken_optie(knoop, tracker.latest_message.get("text") or "")


class ActionAntwoord(Action):
    def name(self) -> Text:
        return "action_antwoord"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        stand = huidige_stand(tracker)
        if stand is None:
            # No plan yet: free text is most likely the opening question.
            events = await ActionStartPlan().run(dispatcher, tracker, domain)
            return [*events, SlotSet("fase", "vragen")]
        if stand.klaar:
            intent = (tracker.latest_message.get("intent") or {}).get("name")
            if intent == "bevestigen" and tracker.get_slot("ontvangers_wachtrij"):
                # 'Ja' to the offer to go on with the next recipient. Imported
                # here because actions.sessie builds on this module.
                from actions.sessie import volgende_ontvanger

                return volgende_ontvanger(dispatcher, tracker)
            dispatcher.utter_message(response="utter_al_klaar")
            return [SlotSet("fase", "klaar")]

        tekst = (tracker.latest_message.get("tekst_genormaliseerd")
                 or (tracker.latest_message.get("text") or "").lower())
        if tracker.latest_message.get("intent", {}).get("name") in INTENT_NAAR_WAARDE \
                and omgekeerd_antwoord(tekst):
            # "nee, er is geen andere manier": a no that means yes. Asked
            # back with the buttons instead of guessed.
            dispatcher.utter_message(response="utter_antwoord_omgekeerd")
            stel_vraag(dispatcher, stand)
            return [SlotSet("fase", "vragen")]
        optie = gekozen_optie(stand.knoop, tracker)
        if optie is None:
            dispatcher.utter_message(response="utter_antwoord_onduidelijk")
            stel_vraag(dispatcher, stand)
            return [SlotSet("fase", "vragen")]
        return neem_antwoord(dispatcher, tracker, stand, optie, logboek_uit(tracker))


def neem_antwoord(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    stand: Stand,
    optie: Optie,
    logboek: List[Dict[str, Any]],
) -> List[EventType]:
    """Answer the open question with ``optie``: log it, say the option's
    notice, and go on to the next question or the outcome."""
    antwoorden = antwoorden_uit(tracker) + [(stand.knoop.id, optie.waarde)]
    logboek = logboek + [
        logregel(
            "antwoord",
            knoop=stand.knoop.id,
            vraag=stand.knoop.tekst,
            antwoord=optie.label,
            waarde=optie.waarde,
        )
    ]
    if optie.melding:
        dispatcher.utter_message(text=optie.melding.strip())
    nieuw = loop(regelset().plan(stand.plan.id), antwoorden)
    return volgende_stap(dispatcher, antwoorden, logboek, nieuw,
                         tracker.get_slot("huidige_ontvanger"))


def volgende_stap(
    dispatcher: CollectingDispatcher,
    antwoorden: List[Any],
    logboek: List[Dict[str, Any]],
    stand: Any,
    ontvanger: Optional[str] = None,
) -> List[EventType]:
    """Ask the next question, or give the outcome (for ``ontvanger``, the
    recipient named at the opening, if any) and start the record."""
    events: List[EventType] = list(zet_stand(antwoorden, logboek, stand))
    if not stand.klaar:
        stel_vraag(dispatcher, stand)
        return [*events, SlotSet("fase", "vragen")]
    meld_uitkomst(dispatcher, stand, ontvanger)
    logboek = logboek + [logregel("uitkomst", knoop=stand.knoop.id,
                                  uitkomst=stand.knoop.uitkomst)]
    punten = list(stand.vastleggen())
    events.append(SlotSet("logboek", logboek))
    # An outcome that sends the professional to another of our plans decides
    # nothing to weigh: offer to start that plan instead of asking a weighing.
    if not punten and bied_doorverwijzing(dispatcher, stand):
        return [*events, SlotSet("vastleg_open", []), SlotSet("motivaties", {}),
                SlotSet("fase", "klaar")]
    events.append(SlotSet("vastleg_open", punten))
    events.append(SlotSet("motivaties", {}))
    # Points are announced only when there are points to ask (a "niet delen"
    # outcome may have none).
    dispatcher.utter_message(response="utter_eigen_afweging" if punten
                             else "utter_eigen_afweging_zonder_punten")
    events.append(SlotSet("fase", "afweging"))
    return events


def form_actief(tracker: Tracker) -> bool:
    """Whether the weighing form is running; it asks its own question again
    after a digression, so the actions must not."""
    return (tracker.active_loop or {}).get("name") == "motivatie_form"


def heropen(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """After a digression: the open question again, unless the form will ask
    its own point or no question is open."""
    if form_actief(tracker):
        return
    stand = huidige_stand(tracker)
    if stand is not None and not stand.klaar:
        stel_vraag(dispatcher, stand)


def _afweging_vervalt(tracker: Tracker) -> Dict[str, Any]:
    """What the professional wrote for an outcome that no longer holds, for
    the log: a correction must never silently lose their words."""
    motivaties = tracker.get_slot("motivaties") or {}
    return {"vervallen_afweging": motivaties} if motivaties else {}


def _uit_form(tracker: Tracker) -> List[EventType]:
    """Leave the weighing form when the outcome it weighs is gone."""
    if not form_actief(tracker):
        return []
    return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionWeetNiet(Action):
    """'Weet ik niet': what to find out and from whom, then the same question.
    During the weighing: how to write down what is still unknown."""

    def name(self) -> Text:
        return "action_weet_niet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        stand = huidige_stand(tracker)
        if stand is not None and stand.klaar and tracker.get_slot("vastleg_open"):
            dispatcher.utter_message(response="utter_weet_niet_afweging")
            punt = (tracker.get_slot("vastleg_open") or [None])[0]
            logboek = logboek_uit(tracker) + [logregel("weet_niet", punt=punt)]
            return [SlotSet("logboek", logboek)]
        if stand is None or stand.klaar:
            dispatcher.utter_message(response="utter_geen_open_vraag")
            return []
        if stand.knoop.weet_niet:
            dispatcher.utter_message(response="utter_weet_niet",
                                     advies=stand.knoop.weet_niet)
        else:
            dispatcher.utter_message(response="utter_weet_niet_algemeen")
        stel_vraag(dispatcher, stand)
        logboek = logboek_uit(tracker) + [logregel("weet_niet", knoop=stand.knoop.id)]
        return [SlotSet("logboek", logboek)]


def artikelen_per_optie(knoop: Knoop) -> str:
    """'- Ja: art. 7:457 lid 1 BW' for every answer that relies on an article."""
    regels = regelset()
    return "\n".join(
        f"- {o.label}: " + ", ".join(regels.wetgeving[c].aanduiding() for c in o.citeer)
        for o in knoop.opties if o.citeer
    )


class ActionWaarom(Action):
    """'Waarom vraag je dit?': why the open question decides the outcome and
    which articles its answers rest on. After an outcome: the path to it."""

    def name(self) -> Text:
        return "action_waarom"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        stand = huidige_stand(tracker)
        if stand is None:
            dispatcher.utter_message(response="utter_geen_open_vraag")
            return []
        if stand.klaar:
            dispatcher.utter_message(
                response="utter_pad", pad="\n".join(verklaar(stand, regelset()))
            )
            return []
        dispatcher.utter_message(response="utter_waarom", uitleg=stand.knoop.waarom)
        artikelen = artikelen_per_optie(stand.knoop)
        if artikelen:
            dispatcher.utter_message(response="utter_waarom_artikelen",
                                     artikelen=artikelen)
        stel_vraag(dispatcher, stand)
        return []


class ActionTerug(Action):
    """Take back the last answer and ask that question again."""

    def name(self) -> Text:
        return "action_terug"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        antwoorden = antwoorden_uit(tracker)
        plan_id = tracker.get_slot("plan")
        if not plan_id or not antwoorden:
            dispatcher.utter_message(response="utter_niets_terug")
            heropen(dispatcher, tracker)
            # The phase is always set, so the rules know what follows.
            fase = tracker.get_slot("fase")
            return [SlotSet("fase", "klaar" if fase == "klaar" else "vragen")]
        ingetrokken = antwoorden[-1]
        antwoorden = list(terug(antwoorden))
        stand = loop(regelset().plan(plan_id), antwoorden)
        logboek = logboek_uit(tracker) + [
            logregel("terug", knoop=ingetrokken[0], ingetrokken=ingetrokken[1],
                     **_afweging_vervalt(tracker))
        ]
        dispatcher.utter_message(response="utter_terug")
        stel_vraag(dispatcher, stand)
        return [*_uit_form(tracker), *zet_stand(antwoorden, logboek, stand),
                SlotSet("vastleg_open", None), SlotSet("motivaties", {}),
                SlotSet("fase", "vragen")]


def _waarde_uit_knop(tracker: Tracker) -> Optional[str]:
    """The new answer from a button the assistant offered (intent 'wijzig'
    with an 'optie'); typed text is matched by the engine instead."""
    waarde = next(tracker.get_latest_entity_values("optie"), None)
    return str(waarde) if waarde is not None else None


class ActionWijzig(Action):
    """Change an earlier answer by naming it ("ik bedoelde toch nee bij
    toestemming"): find the question, recompute from there, log the change.
    Never guesses: an unclear question or answer is asked with buttons."""

    def name(self) -> Text:
        return "action_wijzig"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        from actions.uitleg import begrippen

        stand = huidige_stand(tracker)
        # The phase is always set, so the rules know what follows.
        blijf = [SlotSet("fase", tracker.get_slot("fase") or "vragen")]
        if stand is None or not stand.pad:
            dispatcher.utter_message(response="utter_niets_te_wijzigen")
            heropen(dispatcher, tracker)
            return blijf

        knoop_id = next(tracker.get_latest_entity_values("knoop"), None)
        verwijzing = zoek_verwijzing(
            stand, tracker.latest_message.get("text") or "", begrippen(),
            knoop_id=str(knoop_id) if knoop_id else None,
            waarde=_waarde_uit_knop(tracker) if knoop_id else None,
        )
        gegeven = dict(stand.antwoorden)
        if not verwijzing.eenduidig:
            dispatcher.utter_message(
                response="utter_wijzig_welke",
                buttons=[{"title": f"{k.tekst} (nu: {k.optie(gegeven[k.id]).label})",
                          "payload": f'/wijzig{{"knoop":"{k.id}"}}'}
                         for k in verwijzing.kandidaten],
            )
            return blijf
        knoop = verwijzing.kandidaten[0]
        if verwijzing.optie is None:
            dispatcher.utter_message(
                response="utter_wijzig_nieuw", vraag=knoop.tekst,
                huidig=knoop.optie(gegeven[knoop.id]).label,
                buttons=[{"title": o.label, "payload": "/wijzig" + json.dumps(
                    {"knoop": knoop.id, "optie": o.waarde}, separators=(",", ":"))}
                    for o in knoop.opties],
            )
            return blijf
        van = knoop.optie(gegeven[knoop.id])
        naar = verwijzing.optie
        if naar.waarde == van.waarde:
            dispatcher.utter_message(response="utter_wijzig_gelijk", antwoord=van.label)
            heropen(dispatcher, tracker)
            return blijf

        nieuw = wijzig(stand.plan, stand.antwoorden, knoop.id, naar.waarde)
        positie = [k for k, _ in stand.antwoorden].index(knoop.id)
        logboek = logboek_uit(tracker) + [
            logregel("correctie", knoop=knoop.id, vraag=knoop.tekst,
                     van=van.label, naar=naar.label,
                     van_waarde=van.waarde, naar_waarde=naar.waarde,
                     vervallen=[k for k, _ in stand.antwoorden[positie + 1:]],
                     **_afweging_vervalt(tracker))
        ]
        dispatcher.utter_message(response="utter_gewijzigd", vraag=knoop.tekst,
                                 van=van.label, naar=naar.label)
        if naar.melding:
            dispatcher.utter_message(text=naar.melding.strip())
        events = volgende_stap(dispatcher, list(nieuw.antwoorden), logboek, nieuw,
                               tracker.get_slot("huidige_ontvanger"))
        if nieuw.klaar:
            return events
        return [*_uit_form(tracker), SlotSet("vastleg_open", None),
                SlotSet("motivaties", {}), *events]


class ActionHerhaalVraag(Action):
    """Back to the open question after a digression."""

    def name(self) -> Text:
        return "action_herhaal_vraag"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        heropen(dispatcher, tracker)
        return []


class ActionLeeg(Action):
    """An empty message: say so in words that fit what is on screen. With an
    open question its buttons come with it, so the reply mentions them;
    otherwise there are none to choose from."""

    def name(self) -> Text:
        return "action_leeg"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[EventType]:
        stand = None if form_actief(tracker) else huidige_stand(tracker)
        # Only emoji or symbols is not an empty message: say that words are
        # needed.
        tekst = tracker.latest_message.get("text")
        emoji = zonder_woorden(tekst)
        if stand is None or stand.klaar:
            dispatcher.utter_message(
                response="utter_geen_woorden" if emoji else "utter_leeg")
            return []
        dispatcher.utter_message(
            response="utter_geen_woorden_knoppen" if emoji else "utter_leeg_knoppen")
        stel_vraag(dispatcher, stand)
        return []
