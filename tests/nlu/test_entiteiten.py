"""Role, recipient and situation read from context, with the lexicon of the
training data (no trained model needed)."""

from __future__ import annotations

from typing import Dict, List

import pytest

from bot.nlu.entiteiten import Lexicon, herken
from bot.nlu.normaliseren import normaliseer


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.settings import PROJECT

    return Lexicon.uit_trainingsdata(load_data(str(PROJECT / "data" / "nlu")))


def _lees(tekst: str, lexicon: Lexicon) -> Dict[str, List[str]]:
    uit: Dict[str, List[str]] = {}
    for e in herken(normaliseer(tekst), lexicon):
        if e["entity"] in ("rol", "ontvanger", "gegevens", "situatie"):
            uit.setdefault(e["entity"], []).append(e["value"])
    return uit


@pytest.mark.parametrize("tekst, verwacht", [
    pytest.param("mogen we zijn huisarts inlichten over het mes",
                 {"ontvanger": ["huisarts"], "situatie": ["wapen"]},
                 id="possessive-makes-a-recipient-also-after-we"),
    pytest.param("ik bel haar jeugdhulpverlener",
                 {"ontvanger": ["jeugdhulp"]},
                 id="her-youth-care-worker-is-a-recipient"),
    pytest.param("wij zijn jeugdbescherming en willen de school bellen",
                 {"rol": ["jeugdbescherming"], "ontvanger": ["school"]},
                 id="we-are-is-still-a-role"),
    pytest.param("de burgemeester hier, mag ik de ggz bellen",
                 {"rol": ["burgemeester"], "ontvanger": ["ggz"]},
                 id="x-hier-after-an-article-is-the-role"),
    pytest.param("leraar engels: een leerling dreigt met een mes",
                 {"rol": ["leerkracht", "onderwijsmedewerker"],
                  "situatie": ["dreiging", "wapen"]},
                 id="title-with-subject-before-a-colon-is-the-role"),
    pytest.param("politie belt, wat mag ik zeggen", {"ontvanger": ["politie"]},
                 id="opening-term-with-a-verb-is-not-the-role"),
    pytest.param("medewerker wijkteam", {"rol": ["wijkteam"]},
                 id="job-title-before-a-term-is-the-role"),
    pytest.param("ik geef les in groep 8", {"rol": ["leerkracht"]},
                 id="teaching-gives-the-role"),
    pytest.param("wij als oov willen de woningcorporatie inlichten",
                 {"rol": ["openbare orde"], "ontvanger": ["woningcorporatie"]},
                 id="oov-alone-is-public-order"),
    pytest.param("hij is twee keer met een mes en een machete gezien",
                 {"situatie": ["wapen"]}, id="one-value-named-twice-is-given-once"),
    pytest.param("de jongen sloeg zijn moeder en is gewelddadig",
                 {"situatie": ["geweld"]}, id="inflected-forms-of-violence"),
    pytest.param("er zijn schoten gehoord", {"situatie": ["geweld"]},
                 id="shots-are-not-a-mistyped-schools"),
    pytest.param("hij wil mensen pakken", {}, id="people-are-not-mistyped-knives"),
    pytest.param("mijn fiets is gestolen", {},
                 id="a-situation-word-is-not-forgiven-a-typing-error"),
    pytest.param("mag ik de polotie bellen", {"ontvanger": ["politie"]},
                 id="a-neighbouring-key-is-a-typing-error"),
    pytest.param("hij zit op een middelbare school", {},
                 id="school-as-a-place-is-no-recipient"),
    pytest.param("wat houdt beroepsgeheim in", {},
                 id="a-term-asked-about-is-no-role-hint"),
    pytest.param("mag ik mijn beroepsgeheim doorbreken", {"rol": ["hulpverlener"]},
                 id="holding-a-professional-secret-is-a-hint"),
    pytest.param("scheldwoorden aan het adres van de buurvrouw", {},
                 id="aan-het-adres-van-is-no-address"),
    pytest.param("hij wordt afgeperst door oud-leerlingen", {"situatie": ["afpersing"]},
                 id="former-pupils-make-no-teacher"),
    pytest.param("goedemorgen, wijkagent de vries. mag ik de school bellen",
                 {"rol": ["wijkagent"], "ontvanger": ["school"]},
                 id="greeting-then-title-and-name-is-the-role"),
    pytest.param("jeugdarts. een meisje wordt bedreigd",
                 {"rol": ["jeugdarts"], "situatie": ["dreiging"]},
                 id="title-as-a-sentence-of-its-own-is-the-role"),
    pytest.param("wij (politie) willen het jongerenwerk inlichten",
                 {"rol": ["politie"], "ontvanger": ["jongerenwerk"]},
                 id="organisation-in-brackets-after-we-is-the-role"),
    pytest.param("ik ben loco-burgemeester en wil de ggz bellen",
                 {"rol": ["burgemeester"], "ontvanger": ["ggz"]},
                 id="deputy-mayor-is-the-mayors-role"),
    pytest.param("mijn leerling dreigde een lerares iets aan te doen",
                 {"rol": ["onderwijsmedewerker"], "situatie": ["dreiging"]},
                 id="a-teacher-threatened-is-neither-role-nor-recipient"),
    pytest.param("ik werk op een vmbo-school en zag een stanleymes",
                 {"rol": ["onderwijsmedewerker"], "situatie": ["wapen"]},
                 id="working-at-a-kind-of-school-is-a-school-role"),
    pytest.param("als oov'er wil ik de woningcorporatie inlichten",
                 {"rol": ["openbare orde"], "ontvanger": ["woningcorporatie"]},
                 id="oov-er-is-public-order"),
])
def test_context_decides_the_entity(tekst, verwacht, lexicon):
    assert _lees(tekst, lexicon) == verwacht


@pytest.mark.parametrize("tekst, verwacht", [
    ("geef me het verslag als pdf", ["pdf"]),
    ("mag ik de vastlegging in HTML", ["html"]),
    ("geef me het verslag", []),
])
def test_the_format_asked_for_with_the_record_is_read(lexicon, tekst, verwacht):
    assert [e["value"] for e in herken(normaliseer(tekst), lexicon)
            if e["entity"] == "formaat"] == verwacht
