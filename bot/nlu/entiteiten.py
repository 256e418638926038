"""Entities for Deelwijzer: who asks, who receives, what data, what happens.

Rasa's RegexEntityExtractor turns each lookup table into one alternation: it
returns every overlapping match ("officier" inside "officier van justitie"),
cannot tell "ik werk bij de politie" (the asker's role) from "mag ik de
politie bellen" (the recipient), and would read the Dutch word "om" as the
Openbaar Ministerie. This extractor uses the same lookup tables and synonyms
from ``data/nlu`` but

* matches whole words on the normal form of the text, longest first, without
  overlaps, and forgives one typing error in a long name of a person, an
  organisation or data (a wrong key only when it is the key next to the
  right one);
* decides role or recipient from the words just before a term ("als",
  "ik ben", "ik werk bij", "vanuit", "namens", "wij (politie)" make it the
  asker's role; "zijn" or "haar" make it someone else's, so a recipient; a
  role after "een", as in "dreigde een leraar te slaan", is neither);
* gives each value once per message, however often it is named (a hint
  value once per hint);
* accepts "om" only as "OM" or after "het" or "als";
* adds the negation-aware signals of :mod:`bot.nlu.signalen`;
* lets a stated acute danger outrank the classifier's intent, and takes the
  intent away when the danger is explicitly denied, because a bag of words
  cannot see "geen".

It is deterministic; the only thing it learns is the tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import signalen
from bot.nlu.normaliseren import KAART, ORIGINEEL, naar_origineel, normaliseer

ROL, ONTVANGER = "rol", "ontvanger"
# "formaat" is the file format asked for with the record ("als pdf").
SOORTEN = (ROL, ONTVANGER, "gegevens", "situatie", "formaat")
GEVAAR_INTENT = "meld_gevaar"

# Words before a term that make it the asker's own role. Between the cue and
# the term only the filler words below may stand: "ik ben bang dat de
# politie ..." is not a role.
ROL_AANWIJZERS = {"als", "ben", "werk", "werken", "werkzaam", "vanuit", "namens",
                  "zit", "zitten"}
ROL_AANWIJZERS_TWEE = {("wij", "zijn"), ("we", "zijn"), ("wij", "van"),
                       ("we", "van"), ("hier", "van"), ("opdracht", "van")}
# A job title right before a term names the asker's own post: "medewerker
# veilig thuis", "ambtenaar oov".
FUNCTIE_WOORDEN = {"medewerker", "medewerkster", "ambtenaar", "beleidsmedewerker"}
# "zijn mentor", "haar huisarts": someone else's, so a recipient. After "wij"
# or "we", "zijn" is the verb ("wij zijn jeugdhulp"), unless a verb came
# first ("mogen we zijn mentor bellen").
BEZITTELIJK = {"zijn", "haar", "hun", "diens"}
INVERSIE = {"mogen", "moeten", "kunnen", "willen", "zullen", "gaan", "mochten",
            "moesten", "konden", "wilden", "zouden", "hoeven", "durven"}
ONTVANGER_AANWIJZERS = {"met", "aan", "naar", "inlichten", "informeren", "bellen"}
VULWOORDEN = {"de", "het", "een", "bij", "in", "op", "voor", "van", "team",
              "afdeling", "zelf", "ook", "hier", "dus", "momenteel", "nu",
              "sinds", "kort", "al", "jaren", "als", "ik", "wij", "we", "in",
              "dienst", "werkzaam", "een", "onze", "organisatie", "loco",
              "dienstdoend", "dienstdoende"}
# "om" is the OM only here; elsewhere it is the Dutch "in order to".
OM_NA = {"het", "als", "vanuit", "bij"}
OM_NIET_VOOR = {"te", "hem", "haar", "hen", "het", "de", "een", "dit", "dat",
                "die", "deze", "zijn", "mijn", "ons", "onze", "wat", "hoe"}
# Long words that one typing error would turn into a lexicon word.
GEEN_TYPFOUT = {"politiek", "politici", "scholen", "gemeenten", "oudere", "ouder",
                "college", "collega", "schoot", "agenda", "wapent", "mensen",
                "schoten"}
# A wrong letter counts as a typing error only when its key lies next to the
# right one: "schoten" is not a mistyped "scholen", nor "mensen" "messen".
TOETSENBORD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# A typing error is forgiven in a word of at least 5 letters, against a
# lexicon word of at least 6: shorter words are too close to each other.
MIN_TYPFOUT_WOORD = 5
MIN_TYPFOUT_LENGTE = 6
# Hint values name no one: they can never be the recipient.
HINT_WAARDEN = {"hulpverlener", "onderwijsmedewerker", "openbare orde"}
# "veiligheidsadviseur bij de gemeente", "openbare orde voor de burgemeester":
# right after the asker's role, these words introduce the employer.
WERKGEVER_AANWIJZERS = {"bij", "van", "voor"}
# After a term that opens the message, these make it the asker's role:
# "huisarts hier", "jeugdhulp: ...", "docent op een middelbare school".
OPENING_NA = {"hier", "op", "bij", "in", "van", "en"}
# Words of the opening that may stand between the term and its colon or
# comma, as in "docent nederlands, ..." or "boa openbaar vervoer: ...", but a
# verb there makes the term the subject of a sentence: "politie vraagt, ...".
OPENING_MAX_TUSSEN = 2
OPENING_WERKWOORDEN = {"wil", "wilde", "vraagt", "vroeg", "belt", "belde", "zegt",
                       "zei", "heeft", "had", "is", "was", "mag", "moet", "kan",
                       "weet", "meldt", "meldde", "denkt", "stuurt", "gaat"}
# Words that may stand before a term that opens the message: a greeting
# ("goedemiddag, wijkagent ...") or a word of the post itself ("dienstdoend
# agent.").
OPENING_VOOR = {"hallo", "hoi", "hey", "dag", "goedemorgen", "goedemiddag",
                "goedenavond", "beste", "dienstdoend", "dienstdoende", "loco"}
# "wij (politie) willen ...": the term in brackets right after these names
# the asker.
HAAKJE_NA = {"ik", "wij", "we"}
# Where "school" is a place and not the recipient: "op een middelbare
# school", "na school", "op weg naar school".
SCHOOL_PLAATS_NA = {"op", "na"}
SCHOOL_PLAATS_TUSSEN = {"een", "de", "het", "middelbare", "basis", "andere", "mbo",
                       "vmbo", "havo", "vwo", "lagere", "speciale"}
# Idioms that hold a lexicon word without meaning it: "bedreigingen aan het
# adres van zijn buurman" gives no address, former pupils make no teacher.
IDIOMEN = {("aan", "het", "adres", "van"), ("oud", "leerling"), ("oud", "leerlingen")}


@dataclass(frozen=True)
class Woord:
    tekst: str
    begin: int
    eind: int


def woorden(tekst: str) -> List[Woord]:
    return [Woord(t.group(0), t.start(), t.end())
            for t in signalen.WOORD.finditer(tekst)]


def _buren(x: str, y: str) -> bool:
    """Two letters on neighbouring keys of a QWERTY keyboard."""
    for r, rij in enumerate(TOETSENBORD):
        if x in rij:
            for s, andere in enumerate(TOETSENBORD):
                if y in andere and abs(r - s) <= 1:
                    return abs(rij.index(x) - andere.index(y)) <= 1
    return False


def _een_fout(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance exactly one (one typing error)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        verschil = [i for i in range(len(a)) if a[i] != b[i]]
        if len(verschil) == 1:
            return _buren(a[verschil[0]], b[verschil[0]])
        return (len(verschil) == 2 and verschil[1] == verschil[0] + 1
                and a[verschil[0]] == b[verschil[1]]
                and a[verschil[1]] == b[verschil[0]])
    kort, lang = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(lang)):
        if lang[:i] + lang[i + 1:] == kort:
            return True
    return False


class Lexicon:
    """Terms (as word tuples) with, per entity kind, their canonical value."""

    def __init__(self, termen: Dict[Tuple[str, ...], Dict[str, str]]) -> None:
        self.termen = termen
        self.max_lengte = max((len(t) for t in termen), default=1)
        # Only names of people, organisations and data are forgiven a typing
        # error. The situation words are ordinary Dutch with real neighbours:
        # "gestolen" is no mistyped "gestoken".
        self.lange_woorden = sorted(
            t[0] for t, soorten in termen.items()
            if len(t) == 1 and len(t[0]) >= MIN_TYPFOUT_LENGTE
            and set(soorten) - {"situatie"})

    @classmethod
    def uit_trainingsdata(cls, data: TrainingData) -> "Lexicon":
        synoniemen = {normaliseer(k): v for k, v in data.entity_synonyms.items()}
        termen: Dict[Tuple[str, ...], Dict[str, str]] = {}
        for tabel in data.lookup_tables:
            soort = tabel.get("name")
            if soort not in SOORTEN or not isinstance(tabel.get("elements"), list):
                continue
            for element in tabel["elements"]:
                normaal = normaliseer(element)
                sleutel = tuple(w.tekst for w in woorden(normaal))
                if sleutel:
                    waarde = synoniemen.get(normaal, normaal)
                    termen.setdefault(sleutel, {})[soort] = waarde
        return cls(termen)

    def als_json(self) -> List[Any]:
        return [[list(k), v] for k, v in sorted(self.termen.items())]

    @classmethod
    def uit_json(cls, gegevens: List[Any]) -> "Lexicon":
        return cls({tuple(k): v for k, v in gegevens})

    def zoek(self, ws: Sequence[Woord], i: int) -> Optional[Tuple[int, Dict[str, str]]]:
        """Longest term starting at word i: (number of words, kinds)."""
        for n in range(min(self.max_lengte, len(ws) - i), 0, -1):
            sleutel = tuple(w.tekst for w in ws[i:i + n])
            if sleutel in self.termen:
                return n, self.termen[sleutel]
        woord = ws[i].tekst
        if len(woord) >= MIN_TYPFOUT_WOORD and woord not in GEEN_TYPFOUT:
            for kandidaat in self.lange_woorden:
                if kandidaat[0] == woord[0] and _een_fout(woord, kandidaat):
                    return 1, self.termen[(kandidaat,)]
        return None


def _aanwijzer(ws: Sequence[Woord], i: int, aanwijzers: set, twee: set = frozenset()
               ) -> bool:
    """A cue before word i, with only filler words in between."""
    j = i - 1
    while j >= 0 and i - j <= 5:
        woord = ws[j].tekst
        if woord in aanwijzers or (j > 0 and (ws[j - 1].tekst, woord) in twee):
            return True
        if woord not in VULWOORDEN:
            return False
        j -= 1
    return False


def _opent_bericht(tekst: str, ws: Sequence[Woord], i: int, n: int) -> bool:
    """The term opens the message and stands alone, or is followed by a word
    like "hier" or "op", or, within a few words that hold no verb, by a colon
    or a comma, or the full stop of a sentence of its own ("leerplichtambtenaar
    jansen."). A greeting may come first. After "de" or "het" only "hier"
    will do: "het om hier"."""
    if i == 1 and ws[0].tekst in ("de", "het"):
        return i + n < len(ws) and ws[i + n].tekst == "hier"
    if i != 0 and not (i == 1 and ws[0].tekst in OPENING_VOOR):
        return False
    if i + n >= len(ws):
        return True
    if ws[i + n].tekst in OPENING_NA:
        return True
    for k in range(i + n, min(i + n + OPENING_MAX_TUSSEN, len(ws) - 1) + 1):
        tussen = tekst[ws[k - 1].eind:ws[k].begin]
        if ":" in tussen or "," in tussen or "." in tussen:
            return True
        if ws[k].tekst in OPENING_WERKWOORDEN:
            return False
    return False


def _bezittelijk(ws: Sequence[Woord], i: int) -> bool:
    """Someone else's: "zijn mentor", "mogen we zijn mentor bellen", but not
    "wij zijn jeugdbescherming"."""
    if i == 0 or ws[i - 1].tekst not in BEZITTELIJK:
        return False
    if ws[i - 1].tekst == "zijn" and i >= 2 and ws[i - 2].tekst in ("wij", "we"):
        return i >= 3 and ws[i - 3].tekst in INVERSIE
    return True


def _tussen_haakjes(tekst: str, ws: Sequence[Woord], i: int) -> bool:
    """"wij (politie)", "we (OM)": the asker names their organisation."""
    return (i > 0 and ws[i - 1].tekst in HAAKJE_NA
            and "(" in tekst[ws[i - 1].eind:ws[i].begin])


def _school_als_plaats(ws: Sequence[Woord], i: int) -> bool:
    """Whether "school" names a place here, not the recipient."""
    j = i - 1
    while j >= 0 and i - j <= 3 and ws[j].tekst in SCHOOL_PLAATS_TUSSEN:
        j -= 1
    if j < 0:
        return False
    if ws[j].tekst in SCHOOL_PLAATS_NA:
        return True
    return (j == i - 1 and j >= 2 and ws[j].tekst == "naar"
            and (ws[j - 2].tekst, ws[j - 1].tekst) == ("op", "weg"))


def kies_soort(tekst: str, ws: Sequence[Woord], i: int, n: int,
               soorten: Dict[str, str], vorige_rol_eind: int) -> Optional[str]:
    """Which entity a term is here. Role and recipient depend on context."""
    for soort in ("gegevens", "situatie", "formaat"):
        if soort in soorten:
            return soort
    actor = ROL in soorten or ONTVANGER in soorten
    if not actor:
        return None
    if soorten.get(ROL) in HINT_WAARDEN:
        return ROL
    if soorten.get(ONTVANGER) == "school" and _school_als_plaats(ws, i):
        return None
    if _bezittelijk(ws, i):
        return ONTVANGER
    if ROL in soorten and (
            (i > 0 and ws[i - 1].tekst in FUNCTIE_WOORDEN)
            or _tussen_haakjes(tekst, ws, i)
            or _aanwijzer(ws, i, ROL_AANWIJZERS, ROL_AANWIJZERS_TWEE)
            or _opent_bericht(tekst, ws, i, n)):
        return ROL
    # The employer right after the asker's role.
    tussen = [w.tekst for w in ws[vorige_rol_eind:i]] if vorige_rol_eind >= 0 else None
    if tussen and tussen[0] in WERKGEVER_AANWIJZERS and \
            all(w in VULWOORDEN for w in tussen[1:]) and len(tussen) <= 3:
        return ROL
    if ONTVANGER in soorten:
        return ONTVANGER
    # "dreigde een leraar neer te schieten": someone named by profession who
    # is neither the asker nor a recipient; but "vraag van een conrector:"
    # introduces the asker.
    if i > 0 and ws[i - 1].tekst == "een" and not (
            i > 1 and ws[i - 2].tekst == "van"):
        return None
    # "met de psycholoog", "de jeugdarts": someone else, so a recipient.
    if _aanwijzer(ws, i, ONTVANGER_AANWIJZERS) or (i > 0 and ws[i - 1].tekst == "de"):
        return ONTVANGER
    return ROL


def _is_om(ws: Sequence[Woord], i: int, origineel: str, bericht: Message) -> bool:
    kaart = bericht.get(KAART)
    if kaart and origineel:
        begin, eind = naar_origineel(kaart, origineel, ws[i].begin, ws[i].eind)
        if origineel[begin:eind] == "OM":
            return True
    if i == 0 or ws[i - 1].tekst not in OM_NA:
        return False
    return i + 1 >= len(ws) or ws[i + 1].tekst not in OM_NIET_VOOR


def herken(tekst: str, lexicon: Lexicon, bericht: Optional[Message] = None
           ) -> List[Dict[str, Any]]:
    """Entities in the normal-form text (positions in that text)."""
    bericht = bericht or Message(data={TEXT: tekst})
    origineel = bericht.get(ORIGINEEL) or ""
    ws = woorden(tekst)
    gevonden: List[Dict[str, Any]] = []
    vorige_rol_eind = -1  # word index just after the last role found
    i = 0
    while i < len(ws):
        idioom = next((len(d) for d in IDIOMEN
                       if tuple(w.tekst for w in ws[i:i + len(d)]) == d), 0)
        if idioom:
            i += idioom
            continue
        treffer = lexicon.zoek(ws, i)
        if treffer is None:
            i += 1
            continue
        n, soorten = treffer
        if n == 1 and ws[i].tekst == "om" and not _is_om(ws, i, origineel, bericht):
            i += 1
            continue
        soort = kies_soort(tekst, ws, i, n, soorten, vorige_rol_eind)
        if soort == ROL:
            vorige_rol_eind = i + n
        waarde = soorten.get(soort) or soorten.get(ROL) or soorten.get(ONTVANGER)
        # "handhaving, ik ben boa": one role, named twice. A hint is counted
        # each time it is given ("mijn cliënt", "in behandeling").
        if soort is not None and (waarde in HINT_WAARDEN or not any(
                e["entity"] == soort and e["value"] == waarde for e in gevonden)):
            gevonden.append({
                "entity": soort, "start": ws[i].begin, "end": ws[i + n - 1].eind,
                "value": waarde, "confidence_entity": 1.0,
            })
        i += n
    for signaal in signalen.signalen(tekst):
        gevonden.append({
            "entity": signaal.soort, "start": signaal.begin, "end": signaal.eind,
            "value": signaal.waarde, "confidence_entity": 1.0,
        })
    return gevonden


def _gevaar_voorrang(bericht: Message, entiteiten: List[Dict[str, Any]]) -> None:
    """Acute danger said outright goes before anything else; denied, or told
    of a past time or a supposed situation, it may not be the intent."""
    gevaar = next((e["value"] for e in entiteiten if e["entity"] == "acuut_gevaar"),
                  None)
    intent = bericht.get(INTENT) or {}
    ranking = list(bericht.get(INTENT_RANKING_KEY) or [])
    if gevaar == "ja":
        nieuw = {INTENT_NAME_KEY: GEVAAR_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
        # The others are halved, so the fallback's ambiguity check cannot
        # call a stated danger a tie with the opening it came in.
        ranking = [nieuw] + [
            {**r, PREDICTED_CONFIDENCE_KEY: r.get(PREDICTED_CONFIDENCE_KEY, 0.0) / 2}
            for r in ranking if r.get(INTENT_NAME_KEY) != GEVAAR_INTENT]
        bericht.set(INTENT, nieuw, add_to_output=True)
        bericht.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    elif intent.get(INTENT_NAME_KEY) == GEVAAR_INTENT and (
            gevaar == "nee" or signalen.gevaar_niet_nu(bericht.get(TEXT) or "")):
        ranking = [r for r in ranking if r.get(INTENT_NAME_KEY) != GEVAAR_INTENT]
        if ranking:
            bericht.set(INTENT, dict(ranking[0]), add_to_output=True)
            bericht.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
     DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
    is_trainable=True,
)
class DeelwijzerEntiteiten(GraphComponent):
    """Lookup-table entities with context, and the negation-aware signals."""

    BESTAND = "lexicon.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self, model_storage: ModelStorage, resource: Resource,
                 lexicon: Optional[Lexicon] = None) -> None:
        self._storage = model_storage
        self._resource = resource
        self.lexicon = lexicon or Lexicon({})

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext
               ) -> "DeelwijzerEntiteiten":
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        self.lexicon = Lexicon.uit_trainingsdata(training_data)
        with self._storage.write_to(self._resource) as map_:
            (map_ / self.BESTAND).write_text(
                json.dumps(self.lexicon.als_json(), ensure_ascii=False, sort_keys=True),
                encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage,
             resource: Resource, execution_context: ExecutionContext, **kwargs: Any
             ) -> "DeelwijzerEntiteiten":
        try:
            with model_storage.read_from(resource) as map_:
                gegevens = json.loads((map_ / cls.BESTAND).read_text(encoding="utf-8"))
            return cls(model_storage, resource, Lexicon.uit_json(gegevens))
        except (ValueError, FileNotFoundError):
            return cls(model_storage, resource)

    def process(self, messages: List[Message]) -> List[Message]:
        for bericht in messages:
            tekst = bericht.get(TEXT)
            if not tekst:
                continue
            entiteiten = herken(tekst, self.lexicon, bericht)
            for e in entiteiten:
                e["extractor"] = self.__class__.__name__
            bericht.set(ENTITIES, (bericht.get(ENTITIES) or []) + entiteiten,
                        add_to_output=True)
            _gevaar_voorrang(bericht, entiteiten)
        return messages
