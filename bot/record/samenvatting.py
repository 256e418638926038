"""The record in a few lines, for a chat that cannot show the whole of it.

The terminal chat receives the record as Markdown text; dumped into a terminal
that is a page of tables and escapes. It saves the files instead and shows the
plan and the outcome from the record's JSON.
"""

from __future__ import annotations

from typing import Any, List, Mapping

from bot.record.maskering import teksten


def samenvatting(document: Mapping[str, Any]) -> List[str]:
    """The plan and the outcome of a record, one line each after a heading."""
    t = teksten()["samenvatting"]
    regels = [t["kop"], t["plan"].format(titel=document["plan"]["titel"])]
    uitkomst = document.get("uitkomst")
    if uitkomst:
        regels.append(t["uitkomst"].format(tekst=uitkomst["tekst"]))
    else:
        regels.append(t["niet_afgerond"])
    return regels


def is_verslag_markdown(tekst: str, markdown: str) -> bool:
    """Whether a chat text is the record in Markdown: equal, or (when the
    rendering differs in a detail) the same title line and about the same
    length. The Teams channel makes the same test for its own replies."""
    tekst, markdown = tekst.strip(), markdown.strip()
    if tekst == markdown:
        return True
    titel = markdown.split("\n", 1)[0]
    return (bool(titel) and tekst.split("\n", 1)[0] == titel
            and abs(len(tekst) - len(markdown)) < len(markdown) // 10)
