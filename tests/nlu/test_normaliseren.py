"""The text normaliser: what Word and Teams paste becomes one plain form, and
the user's own text comes back with entity positions that fit it."""

from __future__ import annotations

import unicodedata

import pytest
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.normaliseren import (
    GENORMALISEERD,
    OrigineleTekst,
    TekstNormalisator,
    naar_origineel,
    normaliseer,
    normaliseer_met_kaart,
)

ONTLEED = "cli" + "e\u0308" + "nt"  # "cliënt" as Word and Teams may send it


@pytest.mark.parametrize("invoer, verwacht", [
    pytest.param(ONTLEED, "client", id="decomposed-diaeresis"),
    pytest.param("cliënt", "client", id="composed-diaeresis"),
    pytest.param("client", "client", id="plain"),
    pytest.param("geïnformeerd", "geinformeerd", id="geinformeerd"),
    pytest.param("ge" + "i\u0308" + "nformeerd", "geinformeerd", id="geinformeerd-nfd"),
    pytest.param("Mijn CLIËNT", "mijn client", id="case"),
    pytest.param("  mijn   cliënt \t\n heeft  een mes ", "mijn client heeft een mes",
                 id="spaces"),
    pytest.param("<at>Deelwijzer</at> mag ik de politie bellen",
                 "mag ik de politie bellen", id="teams-mention"),
    pytest.param("<p>mag ik</p><p>delen?</p>", "mag ik delen?", id="html-tags"),
    pytest.param("b&amp;w en&nbsp;vt", "b&w en vt", id="html-entities"),
    pytest.param("\u201cik\u201d \u2013 z\u2019n", '"ik" - z\'n', id="quotes-dashes"),
    pytest.param("zorg\u00adco\u200bordinator", "zorgcoordinator", id="soft-hyphen"),
])
def test_normal_form(invoer, verwacht):
    assert normaliseer(invoer) == verwacht


def test_decomposed_and_composed_text_are_the_same_for_nlu():
    assert normaliseer(unicodedata.normalize("NFD", "Cliënt geïnformeerd")) == \
        normaliseer("client geinformeerd")


def test_every_normal_character_maps_into_the_original():
    origineel = "<at>Bot</at>  Mijn  " + ONTLEED + " is GEÏNFORMEERD"
    normaal, kaart = normaliseer_met_kaart(origineel)
    assert len(kaart) == len(normaal)
    begin = normaal.index("client")
    b, e = naar_origineel(kaart, origineel, begin, begin + len("client"))
    assert origineel[b:e] == ONTLEED
    begin = normaal.index("geinformeerd")
    b, e = naar_origineel(kaart, origineel, begin, begin + len("geinformeerd"))
    assert origineel[b:e] == "GEÏNFORMEERD"


def test_the_pipeline_gives_the_users_own_text_back_with_fitting_entities():
    origineel = "<at>Deelwijzer</at>  Mijn  " + ONTLEED + " heeft een MES"
    bericht = Message(data={TEXT: origineel})
    TekstNormalisator().process([bericht])
    assert bericht.get(TEXT) == "mijn client heeft een mes"
    # What an extractor finds in the normal form...
    normaal = bericht.get(TEXT)
    bericht.set(ENTITIES, [
        {"entity": "rol", "start": normaal.index("client"),
         "end": normaal.index("client") + 6, "value": "hulpverlener"},
        {"entity": "situatie", "start": normaal.index("mes"),
         "end": normaal.index("mes") + 3, "value": "wapen"},
    ])
    OrigineleTekst().process([bericht])
    # ...lands on the words the professional typed.
    assert bericht.get(TEXT) == origineel
    assert bericht.get(GENORMALISEERD) == "mijn client heeft een mes"
    gevonden = {e["entity"]: origineel[e["start"]:e["end"]]
                for e in bericht.get(ENTITIES)}
    assert gevonden == {"rol": ONTLEED, "situatie": "MES"}


def test_training_data_lookups_synonyms_and_annotations_follow_the_normal_form():
    voorbeeld = Message(data={TEXT: "Mijn  Cliënt belt", "intent": "vraag_delen",
                              ENTITIES: [{"entity": "rol", "start": 6, "end": 12,
                                          "value": "hulpverlener"}]})
    data = TrainingData(
        training_examples=[voorbeeld],
        entity_synonyms={"Cliënt": "hulpverlener"},
        lookup_tables=[{"name": "rol",
                        "elements": ["Zorgcoördinator", "zorgcoordinator"]}],
    )
    TekstNormalisator().process_training_data(data)
    assert voorbeeld.get(TEXT) == "mijn client belt"
    entiteit = voorbeeld.get(ENTITIES)[0]
    assert voorbeeld.get(TEXT)[entiteit["start"]:entiteit["end"]] == "client"
    assert data.entity_synonyms == {"client": "hulpverlener"}
    assert data.lookup_tables[0]["elements"] == ["zorgcoordinator"]


def test_a_message_without_text_passes_untouched():
    bericht = Message(data={"action_name": "action_listen"})
    TekstNormalisator().process([bericht])
    OrigineleTekst().process([bericht])
    assert bericht.get(TEXT) is None
