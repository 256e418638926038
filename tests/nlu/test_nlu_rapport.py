"""Deelwijzer's understanding of free Dutch, measured with the real trained
model on the evaluation set (tests/nlu/testset.yml), and the minimal pairs
and pasted text through that same model."""

from __future__ import annotations

import pytest

from bot.nlu import evaluatie
from bot.nlu.evaluatie import MIN_INTENT_F1, MIN_ROUTERING, parse_alles, train_nlu


@pytest.fixture(scope="module")
def model():
    return train_nlu()[0]


@pytest.fixture(scope="module")
def rapporten(model):
    rapporten = evaluatie.rapporteer(model)
    for rapport in rapporten.values():
        print("\n" + evaluatie.samenvatting(rapport))
    return rapporten


@pytest.fixture(scope="module")
def rapport(rapporten):
    return rapporten["testset"]


@pytest.mark.parametrize("naam", list(evaluatie.SETS))
def test_every_evaluation_set_is_large_and_apart_from_the_training_data(
        rapporten, naam):
    from bot.nlu.normaliseren import normaliseer

    voorbeelden = evaluatie.laad_testset(evaluatie.TESTSET.with_name(f"{naam}.yml"))
    assert len(voorbeelden) >= 300
    geleerd = evaluatie.trainingszinnen()
    lang = [v for v in voorbeelden
            if normaliseer(v.tekst) in geleerd and len(v.tekst.split()) > 2]
    # Short common answers ("weet ik niet", "ik ben mentor") get written
    # independently in both; more than a few longer shared lines would mean
    # copying. Every shared line, short or long, is left out of the figures.
    # Counts only: a blind set's lines stay unread.
    assert len(lang) <= 0.05 * len(voorbeelden), len(lang)
    gelijk = sum(1 for v in voorbeelden if normaliseer(v.tekst) in geleerd)
    assert rapporten[naam]["gelijk_aan_training"] == gelijk
    assert rapporten[naam]["utterances"] == len(voorbeelden) - gelijk


@pytest.mark.parametrize("naam", list(evaluatie.SETS))
def test_entry_routing_and_intents_meet_the_thresholds(rapporten, naam):
    rapport = rapporten[naam]
    # Only the figures in the message: the blind set's lines stay unread
    # by whoever works on the training data.
    assert rapport["routering"]["accuratesse"] >= MIN_ROUTERING, \
        rapport["routering"]["accuratesse"]
    assert rapport["intent"]["macro_f1"] >= MIN_INTENT_F1, rapport["intent"]["macro_f1"]


def test_the_report_is_written(rapport):
    assert (evaluatie.RAPPORT_MAP / "rapport.md").is_file()
    assert "intent macro-F1" in (evaluatie.RAPPORT_MAP / "rapport.md").read_text(
        encoding="utf-8")


PAREN = [
    ("de jongere geeft toestemming", "toestemming_signaal", "ja"),
    ("de jongere geeft geen toestemming", "toestemming_signaal", "nee"),
    ("er is acuut gevaar", "acuut_gevaar", "ja"),
    ("er is geen acuut gevaar", "acuut_gevaar", "nee"),
    ("hij wil dat ik het deel", "toestemming_signaal", "ja"),
    ("hij wil niet dat ik het deel", "toestemming_signaal", "nee"),
    # The time of a threat: None is no signal at all.
    ("hij staat met een mes voor de deur", "acuut_gevaar", "ja"),
    ("vorig jaar stond hij met een mes voor de deur", "acuut_gevaar", None),
    ("ze gaan vanavond schieten", "acuut_gevaar", "ja"),
    ("stel dat ze vanavond gaan schieten", "acuut_gevaar", None),
]


def test_minimal_pairs_through_the_model(model):
    parses = parse_alles(model, [t for t, _, _ in PAREN])
    for (tekst, entiteit, waarde), parse in zip(PAREN, parses):
        gevonden = [e["value"] for e in parse["entities"] if e["entity"] == entiteit]
        assert gevonden == ([waarde] if waarde else []), tekst
    intents = {t: p["intent"]["name"] for (t, _, _), p in zip(PAREN, parses)}
    for tekst, entiteit, waarde in PAREN:
        if entiteit == "acuut_gevaar":
            assert (intents[tekst] == "meld_gevaar") is (waarde == "ja"), tekst


def test_acute_danger_outranks_the_opening_it_comes_in(model):
    [parse] = parse_alles(model, ["mijn cliënt staat nu voor de deur met een mes, "
                                  "mag ik de politie bellen?"])
    assert parse["intent"]["name"] == "meld_gevaar"


def test_pasted_teams_text_is_understood_and_kept_as_typed(model):
    tekst = "<at>Deelwijzer</at>  Als MENTOR  vond ik een mes bij een leerling, " \
            "mag ik de wijkagent bellen?"
    ontleed = ("mijn cli" + "e\u0308" + "nt is niet geinformeerd, "
               "mag ik de politie bellen")
    [teams, word] = parse_alles(model, [tekst, ontleed])
    assert teams["text"] == tekst
    assert teams["intent"]["name"] == "vraag_delen"
    rol = [e for e in teams["entities"] if e["entity"] == "rol"][0]
    assert tekst[rol["start"]:rol["end"]] == "MENTOR" and rol["value"] == "mentor"
    assert teams["tekst_genormaliseerd"].startswith("als mentor vond")
    assert word["text"] == ontleed
    rol = [e for e in word["entities"] if e["entity"] == "rol"][0]
    assert ontleed[rol["start"]:rol["end"]] == "mijn cli" + "e\u0308" + "nt"
