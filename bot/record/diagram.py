"""The plan as a diagram with the path taken highlighted, from the record alone.

Drawn with Graphviz (the ``dot`` program from the Debian package ``graphviz``,
driven through the ``graphviz`` Python package). ``./deelwijzer`` installs the
Debian package when it is missing. Without ``dot`` the functions return None
and the renderings say that the diagram is missing; the record itself does not
depend on it.
"""

from __future__ import annotations

import logging
import textwrap
from typing import Any, List, Mapping, Optional, Tuple

logger = logging.getLogger(__name__)

# Colours: the path taken in dark blue, the rest of the plan in grey, so the
# highlight survives a black-and-white print (line width differs as well).
PAD = "#1f4e9a"
OVERIG = "#9a9a9a"
UITKOMST = "#e8eef9"
FONT = "DejaVu Sans"


def _regels(tekst: str, breedte: int = 26) -> str:
    return "\n".join(textwrap.wrap(tekst, breedte)) or tekst


def gekozen_pijlen(document: Mapping[str, Any]) -> List[Tuple[str, str]]:
    """The edges of the path taken, in order: an edge is taken when its
    question was answered with its answer (two answers may lead to the same
    next node; only the given one counts)."""
    genomen = {(v["knoop"], v["antwoord"]) for v in document.get("vragen", [])}
    return [(p["van"], p["naar"]) for p in (document.get("schema") or {}).get(
        "pijlen", []) if (p["van"], p["antwoord"]) in genomen]


def dot_bron(document: Mapping[str, Any], dpi: Optional[int] = None) -> Optional[str]:
    """The DOT source of the diagram, or None when the record has no schema."""
    try:
        import graphviz
    except ImportError:  # pragma: no cover - a pinned dependency
        return None
    schema = document.get("schema")
    if not schema:
        return None
    pad = list(document.get("pad") or [])
    op_pad = set(pad)
    genomen = {(v["knoop"], v["antwoord"]) for v in document.get("vragen", [])}
    g = graphviz.Digraph("plan", format="svg")
    g.attr(rankdir="TB", fontname=FONT, nodesep="0.25", ranksep="0.35")
    if dpi:
        # For the PDF: scale the drawing down to an A4 page before rasterising,
        # so a large plan does not become a huge bitmap.
        g.attr(dpi=str(dpi), size="6.8,9.6")
    g.attr("node", fontname=FONT, fontsize="10", shape="box", style="rounded")
    g.attr("edge", fontname=FONT, fontsize="8")
    for knoop in schema["knopen"]:
        label = f"{knoop['stap']}. {knoop['label']}"
        stijl = {"style": "rounded", "color": OVERIG, "fontcolor": "#555555"}
        if knoop["soort"] != "vraag":
            stijl.update(shape="box", style="rounded,filled", fillcolor="#f3f3f3")
        if knoop["id"] in op_pad:
            stijl.update(color=PAD, fontcolor="black", penwidth="2.5")
            if knoop["soort"] != "vraag":
                stijl.update(fillcolor=UITKOMST, style="rounded,filled,bold")
        g.node(knoop["id"], _regels(label), **stijl)
    # Labels of answers are kept short; the full text is in the questions list.
    for pijl in schema["pijlen"]:
        sleutel = (pijl["van"], pijl["naar"])
        gekozen = (pijl["van"], pijl["antwoord"]) in genomen
        antwoord = _regels(pijl["antwoord"], 18)
        if len(antwoord) > 40:
            antwoord = antwoord[:39] + "…"
        if gekozen:
            g.edge(*sleutel, label=antwoord, color=PAD, fontcolor=PAD, penwidth="2.5")
        else:
            g.edge(*sleutel, label=antwoord, color=OVERIG, fontcolor=OVERIG)
    return g.source


def _teken(document: Mapping[str, Any], formaat: str,
           dpi: Optional[int] = None) -> Optional[bytes]:
    bron = dot_bron(document, dpi)
    if bron is None:
        return None
    import graphviz

    try:
        return graphviz.Source(bron).pipe(format=formaat)
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError) as fout:
        logger.warning("diagram niet gemaakt: %s", fout.__class__.__name__)
        return None


def als_svg(document: Mapping[str, Any]) -> Optional[str]:
    """The diagram as an SVG element for the HTML record."""
    data = _teken(document, "svg")
    if data is None:
        return None
    svg = data.decode("utf-8")
    # Drop the XML prolog and DOCTYPE so the element can stand inside HTML.
    begin = svg.find("<svg")
    return svg[begin:] if begin >= 0 else None


def als_png(document: Mapping[str, Any], dpi: int = 200) -> Optional[bytes]:
    """The diagram as a PNG for the PDF record."""
    return _teken(document, "png", dpi)
