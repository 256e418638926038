"""The terms a professional may ask about: sound, cited, traceable to the
guide, and in step with the NLU data."""

from __future__ import annotations

import shutil

import pytest
import yaml

from bot.rules import PlanFout
from bot.rules.begrippen import ankerfouten, laad_begrippen, nlu_tabel, vind_begrippen
from bot.rules.handreiking import handreiking_pad
from bot.rules.loader import DATA_DIR

# The terms the step plans lean on and the guide's general legal framework.
VERPLICHT = [
    "beroepsgeheim", "afgeleid_beroepsgeheim", "doorbreken_beroepsgeheim",
    "conflict_van_plichten", "toestemming", "meldrecht", "meldcode", "verwijsindex",
    "politiegegevens", "soorten_politiegegevens", "ter_beschikking_stellen",
    "verstrekken", "need_to_know", "zwaarwegend_algemeen_belang",
    "strafvorderlijke_gegevens", "justitiele_gegevens", "tenuitvoerleggingsgegevens",
    "bijzondere_persoonsgegevens", "strafrechtelijke_persoonsgegevens", "grondslag",
    "noodzakelijkheid", "proportionaliteit", "subsidiariteit", "convenant",
    "avg", "avg_beginselen", "uavg", "wpg", "wjsg", "wet_big", "wgbo", "jeugdwet",
    "wmo",
]


@pytest.fixture(scope="module")
def begrippen(regels):
    return laad_begrippen(regels)


def test_every_term_the_plans_and_the_framework_need_is_explained(begrippen):
    ontbreekt = [s for s in VERPLICHT if s not in begrippen]
    assert ontbreekt == []
    for begrip in begrippen.values():
        assert begrip.uitleg and begrip.citeer, begrip.sleutel


def test_every_term_names_its_place_in_the_guide(begrippen):
    pad = handreiking_pad()
    assert pad is not None, "set DEELWIJZER_HANDREIKING to the guide's text file"
    assert ankerfouten(begrippen, pad) == []


def test_the_four_ways_to_break_secrecy_and_the_five_meldcode_steps(begrippen, regels):
    doorbreken = begrippen["doorbreken_beroepsgeheim"]
    assert {"bw7_457", "jw_7_3_11_lid4", "conflict_van_plichten"} <= set(
        doorbreken.citeer)
    assert all(f"{n})" in begrippen["meldcode"].uitleg for n in range(1, 6))
    assert regels.wetgeving["avg_5"].artikel == "5"
    assert "avg_5" in begrippen["avg_beginselen"].citeer


def test_a_term_with_an_unknown_article_is_refused(regels, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    pad = data / "begrippen.yml"
    inhoud = yaml.safe_load(pad.read_text(encoding="utf-8"))
    inhoud["begrippen"]["convenant"]["citeer"] = ["wpg_99"]
    inhoud["begrippen"]["meldrecht"]["ook"].append("convenanten")
    pad.write_text(yaml.safe_dump(inhoud, allow_unicode=True), encoding="utf-8")

    with pytest.raises(PlanFout) as fout:
        laad_begrippen(regels, pad)
    assert any("wpg_99" in p for p in fout.value.problemen)
    assert any("'convenanten' hoort bij convenant en meldrecht" in p
               for p in fout.value.problemen)


@pytest.mark.parametrize("tekst, verwacht", [
    ("wat is een afgeleid beroepsgeheim?", ["afgeleid_beroepsgeheim"]),
    ("Wat betekent need to know?", ["need_to_know"]),
    ("verschil tussen verstrekken en ter beschikking stellen",
     ["ter_beschikking_stellen", "verstrekken"]),
    ("wat zijn justitiële gegevens", ["justitiele_gegevens"]),
    ("hoe laat is het", []),
])
def test_the_terms_a_question_names_longest_spelling_first(begrippen, tekst, verwacht):
    gevonden = sorted(b.sleutel for b in vind_begrippen(begrippen, tekst))
    assert gevonden == sorted(verwacht)


def _nlu(naam):
    return yaml.safe_load((DATA_DIR / "nlu" / naam).read_text(encoding="utf-8"))["nlu"]


def _regels(item):
    return [r.strip()[2:] for r in item["examples"].splitlines() if r.strip()]


def test_the_lookup_table_and_synonyms_follow_the_terms(begrippen):
    lookup, synoniemen = nlu_tabel(begrippen)
    items = _nlu("uitleg.yml")
    tabel = next(i for i in items if i.get("lookup") == "begrip")
    assert _regels(tabel) == lookup
    for item in items:
        if "synonym" in item:
            assert set(_regels(item)) <= set(synoniemen[item["synonym"]]), item


def test_no_spelling_of_a_term_remaps_another_entity(begrippen):
    # Rasa's synonyms hold for every entity: ours may not rename a recipient.
    eigen = {r for i in _nlu("uitleg.yml") if "synonym" in i for r in _regels(i)}
    anders = set()
    for pad in (DATA_DIR / "nlu").glob("*.yml"):
        if pad.name == "uitleg.yml":
            continue
        for item in yaml.safe_load(pad.read_text(encoding="utf-8")).get("nlu") or []:
            if "lookup" in item or "synonym" in item:
                anders.update(r.lower() for r in _regels(item))
    assert eigen & anders == set()
