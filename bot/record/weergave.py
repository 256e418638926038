"""Render a canonical record as Markdown (Jinja2 template beside this file)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Mapping

from jinja2 import Environment, FileSystemLoader, StrictUndefined

SJABLONEN = Path(__file__).resolve().parent / "templates"

OMSCHRIJVING = {
    "terug": "antwoord op '{knoop}' ingetrokken ({ingetrokken}); vraag opnieuw gesteld",
    "weet_niet": "bij '{knoop}' antwoordde de professional 'weet ik niet'",
    "storing": "storing: {melding}",
}


def _md(tekst: Any) -> str:
    """Text as literal Markdown: no markup, links or HTML from user input."""
    tekst = str(tekst).replace("\r", " ").replace("\n", " ")
    tekst = tekst.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", tekst)


def _omgeving() -> Environment:
    omgeving = Environment(
        loader=FileSystemLoader(str(SJABLONEN)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    omgeving.filters["md"] = _md
    return omgeving


def _correcties(verloop: List[Mapping[str, Any]]) -> List[Dict[str, str]]:
    lijst = []
    for regel in verloop:
        sjabloon = OMSCHRIJVING.get(regel.get("soort", ""))
        if sjabloon:
            velden = {k: regel.get(k, "") for k in ("knoop", "ingetrokken", "melding")}
            lijst.append({"tijd": regel.get("tijd", ""),
                          "omschrijving": sjabloon.format(**velden)})
    return lijst


def naar_markdown(document: Mapping[str, Any]) -> str:
    sjabloon = _omgeving().get_template("verslag.md.j2")
    return sjabloon.render(**document, correcties=_correcties(document["verloop"]))
