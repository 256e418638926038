"""The renderings, each made from the JSON record alone: the PDF read back,
HTML escaping, Markdown, and the diagram with the path taken."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.record import naar_html, naar_markdown, naar_pdf
from bot.record import diagram as diagram_module
from bot.record.diagram import dot_bron, gekozen_pijlen

GOLDEN = Path(__file__).resolve().parent / "golden"


def _golden(plan_id):
    return json.loads((GOLDEN / f"{plan_id}.json").read_text(encoding="utf-8"))[
        "vastlegging"]


def _pdf_tekst(pdf: bytes) -> str:
    lezer = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() or "" for p in lezer.pages).split())


@pytest.fixture(scope="module")
def zorg_pdf():
    document = _golden("zorg")
    return document, naar_pdf(document)


def test_the_pdf_opens_and_holds_outcome_articles_and_hash(zorg_pdf):
    document, pdf = zorg_pdf
    assert pdf.startswith(b"%PDF-")
    tekst = _pdf_tekst(pdf)
    assert " ".join(document["uitkomst"]["tekst"].split()) in tekst
    for citaat in document["citaten"]:
        assert citaat["aanduiding"] in tekst, citaat["aanduiding"]
    assert document["inhoud_hash"] in tekst
    assert document["regelset"]["versie"] in tekst


def test_the_pdf_shows_dutch_characters_from_an_embedded_font(zorg_pdf):
    _, pdf = zorg_pdf
    tekst = _pdf_tekst(pdf)
    # cliënt (ë), geïnstalleerd-style (ï), vóór / é, and the em dash.
    for teken in ("cliënt", "—", "vóór"):
        assert teken in tekst, teken
    lezer = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for pagina in lezer.pages:
        for font in (pagina["/Resources"].get("/Font") or {}).values():
            beschrijving = font.get_object()
            fonts.add(str(beschrijving.get("/BaseFont")))
            descendant = beschrijving.get("/DescendantFonts")
            if descendant:
                fd = descendant[0].get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in fd, "lettertype niet ingebed"
    assert any("DejaVu" in f for f in fonts), fonts


def test_the_pdf_links_the_articles_pinned_to_the_decision_date(zorg_pdf):
    document, pdf = zorg_pdf
    lezer = PdfReader(io.BytesIO(pdf))
    links = set()
    for pagina in lezer.pages:
        for annot in pagina.get("/Annots") or []:
            actie = annot.get_object().get("/A")
            if actie and "/URI" in actie:
                links.add(str(actie["/URI"]))
    verwacht = {c["link"] for c in document["citaten"] if c["link"]}
    assert verwacht <= links
    assert all("z=2025-03-14" in link for link in verwacht if "wetten" in link)


def test_the_pdf_holds_the_diagram_or_says_it_is_missing(zorg_pdf, monkeypatch):
    _, pdf = zorg_pdf
    lezer = PdfReader(io.BytesIO(pdf))
    beelden = [b for p in lezer.pages for b in p.images]
    assert beelden, "geen diagram in de PDF"

    monkeypatch.setattr(diagram_module, "dot_bron", lambda *a, **k: None)
    zonder = _pdf_tekst(naar_pdf(_golden("zorg")))
    assert "Graphviz (dot) is niet geïnstalleerd" in zonder


def test_the_diagram_highlights_exactly_the_path_taken():
    document = _golden("politie")
    pad = document["pad"]
    gekozen = gekozen_pijlen(document)
    assert sorted(gekozen) == sorted(zip(pad, pad[1:]))
    # Every node and every edge on the path drawn heavy, nothing else.
    assert dot_bron(document).count("penwidth=2.5") == len(pad) + len(gekozen)


def test_html_escapes_what_the_user_typed():
    document = _golden("zorg")
    document["eigen_afweging"][0]["antwoord"] = '<script>alert("x")</script> & co'
    html = naar_html(document, diagram=False)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&amp; co" in html
    assert document["uitkomst"]["tekst"].split()[0] in html


def test_html_has_the_diagram_inline():
    html = naar_html(_golden("zorg"))
    assert "<svg" in html and "<?xml" not in html


def test_markdown_keeps_user_text_literal():
    document = _golden("onderwijs")
    document["eigen_afweging"][0]["antwoord"] = "[klik](http://example.org) *vet*"
    md = naar_markdown(document)
    assert "\\[klik\\]\\(http://example.org\\) \\*vet\\*" in md
    assert "eerder gegeven en gecorrigeerd" in md


@pytest.mark.parametrize("weergave", ["md", "html", "pdf"])
def test_the_rule_set_line_says_in_plain_dutch_what_it_is(zorg_pdf, weergave):
    document, pdf = zorg_pdf
    tekst = {"md": lambda: naar_markdown(document),
             "html": lambda: naar_html(document, diagram=False),
             "pdf": lambda: _pdf_tekst(pdf)}[weergave]()
    tekst = " ".join(tekst.split())
    regelset = document["regelset"]

    assert "Gebruikte regels" in tekst
    assert f"Beslisregels van Deelwijzer, versie {regelset['versie']}" in tekst
    assert "Handreiking gegevensdeling ter voorkoming van excessief geweld " \
        f"({regelset['handreiking']})" in tekst
    assert "welke regels en welke tekst van de handreiking zijn gebruikt" in tekst
    # The old line: "Regelset | tekst met SHA-256 …, versie …".
    assert "Regelset" not in tekst
