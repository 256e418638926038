"""Find the earlier question a professional means when they correct an answer
("ik bedoelde toch nee bij toestemming"). Pure and deterministic.

The text is matched against the questions already answered on the current
path: their words, their answers' labels, and the terms (begrippen) both
name. Only a single best match counts; a tie, or no match at all, gives every
candidate back so the conversation can ask which question is meant. The new
answer is only taken from the text when it names exactly one option.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet, Mapping, Optional, Tuple

from bot.rules.begrippen import Begrip, vind_begrippen
from bot.rules.engine import Stand, herken_optie, normaliseer
from bot.rules.model import Knoop, Optie

# Words that say "I want to change something" but not which question; they
# must not make one question look more likely than another.
VULWOORDEN: FrozenSet[str] = frozenset(
    """
    bedoel bedoelde bedoelden toch eigenlijk antwoord antwoorden vraag vragen
    wijzig wijzigen verander veranderen aanpassen corrigeren correctie fout
    verkeerd verkeerde moet moest zijn niet over heeft hebben hadden eerder
    eerdere vorige daar daarbij waar klopt kloppen gezegd gekozen ingevuld
    zeggen graag toen maar want omdat alsnog liever eerst mijn deze heeft hebt
    naar voor door onder welke wanneer waarom zoals alleen ander andere iets
    niets iemand geen kunnen kunt wordt worden werd haar dat
    """.split()
)


@dataclass(frozen=True)
class Verwijzing:
    """What a correction refers to."""

    # The answered questions the text may mean, best first. Exactly one means
    # the question is known; more means: ask which.
    kandidaten: Tuple[Knoop, ...]
    # The new answer, when the question is known and the text names one.
    optie: Optional[Optie] = None

    @property
    def eenduidig(self) -> bool:
        return len(self.kandidaten) == 1


def _woorden(tekst: str) -> FrozenSet[str]:
    return frozenset(
        _stam(w) for w in normaliseer(tekst).split()
        if len(w) >= 4 and w not in VULWOORDEN
    )


def _stam(woord: str) -> str:
    # A crude Dutch stem: plural and inflection endings off, so "gegevens" and
    # "gegeven", "toestemming" and "toestemmingen" meet.
    for uitgang in ("en", "s", "e"):
        if woord.endswith(uitgang) and len(woord) - len(uitgang) >= 4:
            return woord[: -len(uitgang)]
    return woord


def _score(knoop: Knoop, woorden: FrozenSet[str], genoemd: FrozenSet[str],
           begrippen: Mapping[str, Begrip]) -> int:
    # The node id is descriptive ("s2b_wettelijke_plicht") and names the
    # question the way a professional refers to it.
    vraagtekst = " ".join([knoop.id.replace("_", " "), knoop.tekst,
                           *(o.label for o in knoop.opties)])
    overlap = len(woorden & _woorden(vraagtekst))
    gedeeld = genoemd & {b.sleutel for b in vind_begrippen(begrippen, vraagtekst)}
    # A named term weighs more than a loose word: "toestemming" as a term
    # points at the consent question more surely than a shared word does.
    return overlap + 2 * len(gedeeld)


def zoek_verwijzing(
    stand: Stand,
    tekst: str,
    begrippen: Mapping[str, Begrip],
    knoop_id: Optional[str] = None,
    waarde: Optional[str] = None,
) -> Verwijzing:
    """The earlier question ``tekst`` refers to, and the new answer if named.

    ``knoop_id`` and ``waarde`` come from a button the assistant offered; they
    count only when they belong to the path, never as a guess.
    """
    beantwoord = [s.knoop for s in stand.pad]
    if knoop_id is not None:
        kandidaten = [k for k in beantwoord if k.id == knoop_id]
        if not kandidaten:
            return Verwijzing(kandidaten=tuple(beantwoord))
    else:
        woorden = _woorden(tekst)
        genoemd = frozenset(b.sleutel for b in vind_begrippen(begrippen, tekst))
        scores = [(_score(k, woorden, genoemd, begrippen), k) for k in beantwoord]
        beste = max((s for s, _ in scores), default=0)
        if beste == 0:
            return Verwijzing(kandidaten=tuple(beantwoord))
        kandidaten = [k for s, k in scores if s == beste]
    if len(kandidaten) != 1:
        return Verwijzing(kandidaten=tuple(kandidaten))
    knoop = kandidaten[0]
    optie = knoop.optie(waarde) if waarde is not None else herken_optie(knoop, tekst)
    return Verwijzing(kandidaten=(knoop,), optie=optie)
