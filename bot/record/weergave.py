"""Render a canonical record as Markdown, HTML and PDF, from the JSON alone.

Markdown and HTML come from Jinja2 templates beside this file (HTML with
autoescaping on, so text typed by the user can never become markup). The PDF
is drawn with fpdf2 in DejaVu Sans, embedded, so Dutch characters (ë, ï, é, —)
show on any reader. The plan's diagram (``diagram.py``) is in the HTML and
PDF; Markdown links to nothing outside the record.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.record.diagram import als_png, als_svg
from bot.record.maskering import teksten

SJABLONEN = Path(__file__).resolve().parent / "templates"

# fpdf2 subsets the font through fontTools, which logs every table at INFO:
# dozens of lines per PDF in the action server's log, none of use.
logging.getLogger("fontTools").setLevel(logging.WARNING)

# Where DejaVu Sans is found: Debian's fonts-dejavu-core first, then the copy
# matplotlib ships (a dependency of Rasa, so always in the virtualenv).
LETTERTYPE_MAPPEN = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
]
LETTERTYPEN = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf",
               "I": "DejaVuSans-Oblique.ttf"}


def _md(tekst: Any) -> str:
    """Text as literal Markdown: no markup, links or HTML from user input."""
    tekst = str(tekst).replace("\r", " ").replace("\n", " ")
    tekst = tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", tekst)


@lru_cache(maxsize=1)
def _omgeving() -> Environment:
    omgeving = Environment(
        loader=FileSystemLoader(str(SJABLONEN)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=select_autoescape(["html.j2"], default=False),
    )
    omgeving.filters["md"] = _md
    return omgeving


def _maskering_tekst(document: Mapping[str, Any]) -> str:
    opmerking = teksten()["maskering_opmerking"]
    met_namen = (document.get("maskering") or {}).get("namen")
    return " ".join(opmerking["met_namen" if met_namen else "zonder_namen"].split())


def regelset_tekst(document: Mapping[str, Any]) -> str:
    """The rule-set line in plain Dutch: which version of the decision rules
    and which text of the guide, the hashes as references."""
    regelset = document.get("regelset") or {}
    tekst = teksten()["regelset"]["tekst"].format(
        versie=regelset.get("versie", ""), handreiking=regelset.get("handreiking", ""))
    return " ".join(tekst.split())


def _regelset_velden(document: Mapping[str, Any]) -> Dict[str, str]:
    return {"regelset_label": teksten()["regelset"]["label"],
            "regelset_tekst": regelset_tekst(document)}


def onderbrekingen(document: Mapping[str, Any]) -> List[Mapping[str, Any]]:
    """Corrections and notices (a 112 notice, 'weet ik niet', an outage) in
    the order they happened. The log times are UTC ISO strings of one form,
    so they sort as text; equal times keep the log's order."""
    regels = [*document.get("correcties", []), *document.get("meldingen", [])]
    return sorted(regels, key=lambda r: str(r.get("tijd", "")))


def naar_markdown(document: Mapping[str, Any]) -> str:
    sjabloon = _omgeving().get_template("verslag.md.j2")
    return sjabloon.render(**document, maskering_tekst=_maskering_tekst(document),
                           onderbrekingen=onderbrekingen(document),
                           **_regelset_velden(document))


def naar_html(document: Mapping[str, Any], diagram: bool = True) -> str:
    diagram_teksten = teksten()["diagram"]
    sjabloon = _omgeving().get_template("verslag.html.j2")
    return sjabloon.render(
        **document,
        maskering_tekst=_maskering_tekst(document),
        onderbrekingen=onderbrekingen(document),
        **_regelset_velden(document),
        diagram_titel=diagram_teksten["titel"],
        diagram_svg=als_svg(document) if diagram else None,
        diagram_ontbreekt=" ".join(diagram_teksten["niet_beschikbaar"].split()),
    )


# --- PDF ----------------------------------------------------------------

def lettertype_map() -> Path:
    for map_ in LETTERTYPE_MAPPEN:
        if (map_ / LETTERTYPEN[""]).is_file():
            return map_
    import matplotlib

    map_ = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    if (map_ / LETTERTYPEN[""]).is_file():
        return map_
    raise FileNotFoundError("DejaVu Sans: fonts-dejavu-core noch matplotlib gevonden")


def _klein_png(png: bytes) -> bytes:
    """Fewer colours: the diagram has a handful, and the PDF gets much smaller."""
    from PIL import Image

    beeld = Image.open(io.BytesIO(png)).convert("RGB")
    uit = io.BytesIO()
    beeld.quantize(colors=32).save(uit, format="PNG")
    return uit.getvalue()


def naar_pdf(document: Mapping[str, Any], diagram: bool = True) -> bytes:
    from fpdf import FPDF

    t = teksten()["pdf"]
    voettekst = t["voettekst"]
    hash_ = document.get("inhoud_hash", "")

    class Verslag(FPDF):
        def multi_cell(self, *args: Any, **kwargs: Any) -> Any:
            # Ragged right: justified Dutch with long words leaves wide gaps.
            kwargs.setdefault("align", "L")
            return super().multi_cell(*args, **kwargs)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", "", 7)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, voettekst.format(hash=hash_, pagina=self.page_no()),
                      align="C")
            self.set_text_color(0, 0, 0)

    pdf = Verslag(format="A4")
    pdf.set_title(f"Vastlegging gegevensdeling — {document['plan']['titel']}")
    pdf.set_author("Deelwijzer")
    pdf.set_subject(hash_)
    # The record's own time, so the same record gives the same PDF metadata.
    pdf.set_creation_date(datetime.fromisoformat(document["tijdstip"]))
    map_ = lettertype_map()
    for stijl, bestand in LETTERTYPEN.items():
        pdf.add_font("DejaVu", stijl, str(map_ / bestand))
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(18, 16, 18)
    pdf.add_page()

    def kop(tekst: str, grootte: int = 13) -> None:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", grootte)
        pdf.multi_cell(0, 7, tekst, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)

    def alinea(tekst: str, stijl: str = "", hoogte: float = 5, inspring: float = 0
               ) -> None:
        pdf.set_font("DejaVu", stijl, 10)
        pdf.set_x(pdf.l_margin + inspring)
        pdf.multi_cell(0, hoogte, " ".join(str(tekst).split()),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)

    plan = document["plan"]
    kop(f"Vastlegging gegevensdeling — {plan['titel']}", 15)
    pdf.set_font("DejaVu", "", 9)
    meta = t["meta"]
    for label, waarde in [
        (meta["tijdstip"], document["tijdstip"]),
        (meta["gesprek"], document["gesprek"]),
        (meta["rol"], plan.get("rol") or t["geen_rol"]),
        (teksten()["regelset"]["label"], regelset_tekst(document)),
        (meta["hash"], hash_),
    ]:
        pdf.set_font("DejaVu", "B", 9)
        pdf.cell(45, 5, label)
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5, str(waarde), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    alinea(t["ondersteunt"], "I")
    alinea(t["bedoeld_voor"].format(tekst=plan.get("voor_wie", "")))

    kop(t["kopjes"]["vragen"])
    for nummer, vraag in enumerate(document["vragen"], start=1):
        alinea(f"{nummer}. {vraag['vraag']}", "B")
        antwoord = t["antwoord"].format(antwoord=vraag["antwoord"])
        alinea(f"{vraag['stap']} — {antwoord}", inspring=5)
        for eerder in vraag.get("eerder_gegeven", []):
            pdf.set_text_color(122, 59, 0)
            alinea(t["eerder"].format(antwoord=eerder), "I", inspring=5)
            pdf.set_text_color(0, 0, 0)
        pdf.ln(1)

    regels = onderbrekingen(document)
    if regels:
        kop(t["kopjes"]["correcties"])
        for regel in regels:
            alinea(f"• {regel['tijd']}: {regel['omschrijving']}")

    kop(t["kopjes"]["uitkomst"])
    uitkomst = document.get("uitkomst")
    if uitkomst:
        pdf.set_fill_color(232, 238, 249)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, " ".join(uitkomst["tekst"].split()), fill=True,
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
    else:
        alinea(t["niet_afgerond"])

    kop(t["kopjes"]["artikelen"])
    alinea(t["links_gepind"], "I")
    for citaat in document["citaten"]:
        pdf.set_font("DejaVu", "B", 10)
        pdf.write(5, "• ")
        pdf.set_text_color(31, 78, 154)
        pdf.write(5, citaat["aanduiding"], link=citaat.get("link") or "")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "", 10)
        pdf.write(5, f" — {citaat['titel']}")
        pdf.ln(5)
        if citaat.get("link"):
            pdf.set_font("DejaVu", "", 7)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(0, 3.5, citaat["link"], link=citaat["link"],
                           new_x="LMARGIN", new_y="NEXT")
        if citaat.get("afwijking_handreiking"):
            alinea(t["afwijking"].format(tekst=citaat["afwijking_handreiking"]), "I",
                   inspring=4)
        pdf.ln(1)

    kop(t["kopjes"]["verklaring"])
    for regel in document.get("verklaring", []):
        alinea(regel)

    kop(t["kopjes"]["afweging"])
    for punt in document.get("eigen_afweging", []):
        alinea(punt["vraag"], "B")
        alinea(punt.get("antwoord") or t["niet_ingevuld"])
        pdf.ln(1)
    pdf.ln(2)
    pdf.set_font("DejaVu", "I", 8)
    pdf.multi_cell(0, 4, _maskering_tekst(document), new_x="LMARGIN", new_y="NEXT")

    diagram_teksten = teksten()["diagram"]
    png = als_png(document) if diagram else None
    pdf.add_page()
    kop(diagram_teksten["titel"])
    if png:
        ruimte_b = pdf.w - pdf.l_margin - pdf.r_margin
        ruimte_h = pdf.h - pdf.get_y() - 20
        pdf.image(io.BytesIO(_klein_png(png)), x=pdf.l_margin, y=pdf.get_y(),
                  w=ruimte_b, h=ruimte_h, keep_aspect_ratio=True)
    else:
        alinea(diagram_teksten["niet_beschikbaar"])
    return bytes(pdf.output())


# --- formats --------------------------------------------------------------

CONTENT_TYPES: Dict[str, str] = {
    "json": "application/json; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def render(document: Mapping[str, Any], formaat: str) -> bytes:
    """The record in ``formaat`` (json, md, html or pdf) as bytes."""
    from bot.record.vastlegging import canoniek

    if formaat == "json":
        return (canoniek(document) + "\n").encode("utf-8")
    if formaat == "md":
        return naar_markdown(document).encode("utf-8")
    if formaat == "html":
        return naar_html(document).encode("utf-8")
    if formaat == "pdf":
        return naar_pdf(document)
    raise ValueError(f"onbekend formaat: {formaat!r}")


def formaat_van(tekst: Optional[str]) -> Optional[str]:
    """A format name as users and buttons write it ('PDF', 'markdown')."""
    if not tekst:
        return None
    schoon = str(tekst).strip().lower().lstrip(".")
    schoon = {"markdown": "md", "htm": "html"}.get(schoon, schoon)
    return schoon if schoon in CONTENT_TYPES else None
