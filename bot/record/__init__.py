"""The vastlegging (decision record): canonical JSON and its renderings."""

from bot.record.vastlegging import canoniek, controleer, inhoud_hash, maak_vastlegging
from bot.record.weergave import naar_html, naar_markdown, naar_pdf, render

__all__ = ["canoniek", "controleer", "inhoud_hash", "maak_vastlegging", "naar_html",
           "naar_markdown", "naar_pdf", "render"]
