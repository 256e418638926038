"""A 112 notice in the record: in the JSON, and in Markdown, HTML and PDF as
a short line, in time order with the corrections and other notices."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from bot.record import naar_html, naar_markdown, naar_pdf
from bot.rules import alle_paden, loop
from tests.record.helpers import consult, vastlegging

MELDING = "acuut gevaar gemeld om 09:02 UTC — 112-advies gegeven"


def _zorg_met_onderbreking(regels, **extra):
    """The care plan's golden kind of consultation (the second answer taken
    back at 09:03, 'weet ik niet' at 09:05) with a 112 notice at 09:02:30,
    between the first try of the second answer and taking it back."""
    plan = regels.plan("zorg")
    pad = next(p for p in alle_paden(plan) if len(p) >= 3 and loop(plan, p).klaar)
    invoer = consult(regels, "zorg", pad)
    tweede = pad[1][0]
    regel = {"soort": "acuut_gevaar", "tijd": "2025-03-14T09:02:30+00:00",
             "plan": "zorg", "knoop": tweede, "antwoord_genomen": False, **extra}
    positie = next(i for i, r in enumerate(invoer["logboek"]) if r["soort"] == "terug")
    invoer["logboek"].insert(positie, regel)
    return invoer, plan.knopen[tweede].tekst


def test_the_json_record_holds_the_notice(regels):
    invoer, _ = _zorg_met_onderbreking(regels)
    document = vastlegging(regels, invoer)

    assert {"tijd": "2025-03-14T09:02:30+00:00", "omschrijving": MELDING} \
        in document["meldingen"]
    assert [r["soort"] for r in document["verloop"]].count("acuut_gevaar") == 1


@pytest.mark.parametrize("weergave", [naar_markdown, naar_html], ids=["md", "html"])
def test_the_rendering_shows_the_notice_in_time_order(regels, weergave):
    invoer, _ = _zorg_met_onderbreking(regels)
    tekst = weergave(vastlegging(regels, invoer))

    melding = tekst.index(MELDING)
    teruggenomen = tekst.index("ingetrokken")
    weet_niet = tekst.index("weet ik niet")
    # 09:02:30 the notice, 09:03 the answer taken back, 09:05 'weet ik niet'.
    assert melding < teruggenomen < weet_niet


def test_the_pdf_shows_the_notice(regels):
    invoer, _ = _zorg_met_onderbreking(regels)
    pdf = naar_pdf(vastlegging(regels, invoer), diagram=False)
    lezer = PdfReader(io.BytesIO(pdf))
    tekst = " ".join(" ".join(p.extract_text() or "" for p in lezer.pages).split())
    assert MELDING in tekst


def test_an_answer_taken_from_the_danger_message_is_named(regels):
    invoer, vraag = _zorg_met_onderbreking(regels, antwoord_genomen=True)
    tekst = naar_markdown(vastlegging(regels, invoer))
    assert "hetzelfde bericht beantwoordde de vraag" in tekst
    assert vraag.split()[0] in tekst


def test_a_notice_before_any_plan_is_shown_too(regels):
    invoer, _ = _zorg_met_onderbreking(regels)
    invoer["logboek"].insert(0, {"soort": "acuut_gevaar", "plan": None,
                                 "knoop": None, "tijd": "2025-03-14T08:59:58+00:00"})
    document = vastlegging(regels, invoer)
    assert document["meldingen"][0]["omschrijving"] == (
        "acuut gevaar gemeld om 08:59 UTC — 112-advies gegeven")


def test_a_record_without_interruptions_has_no_such_line(regels):
    plan = regels.plan("zorg")
    pad = next(p for p in alle_paden(plan) if loop(plan, p).klaar)
    invoer = consult(regels, "zorg", pad)
    assert "112-advies" not in naar_markdown(vastlegging(regels, invoer))


def test_a_change_made_by_naming_the_question_is_a_correction_in_time_order(regels):
    """ActionWijzig logs 'correctie' (van_waarde, naar_waarde); the record
    shows it as a change, before a 112 notice that came later."""
    invoer, _ = _zorg_met_onderbreking(regels)
    eerste = invoer["antwoorden"][0]
    knoop = regels.plan("zorg").knopen[eerste[0]]
    ander = next(o for o in knoop.opties if o.waarde != eerste[1])
    invoer["logboek"].insert(2, {
        "soort": "correctie", "tijd": "2025-03-14T09:01:30+00:00",
        "knoop": eerste[0], "vraag": knoop.tekst, "van": ander.label,
        "naar": knoop.optie(eerste[1]).label, "van_waarde": ander.waarde,
        "naar_waarde": eerste[1], "vervallen": []})
    document = vastlegging(regels, invoer)

    [wijziging] = [c for c in document["correcties"] if c["soort"] == "wijzig"]
    assert wijziging["ingetrokken"] == ander.label
    assert document["vragen"][0]["eerder_gegeven"] == [ander.label]
    tekst = naar_markdown(document)
    assert tekst.index("gewijzigd van") < tekst.index(MELDING)
