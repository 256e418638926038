"""Which log lines the record lists as corrections: an answer taken back and
given differently, or changed to another option. The same answer again is
no change and is not listed; the full log stays in the JSON."""

from __future__ import annotations

import pytest

from bot.record import naar_html, naar_markdown
from tests.record.helpers import tijd, vastlegging

ANTWOORDEN = [("s1_strafbaar_feit", "tegen_mij"), ("s1_aangifte_doen", "ja"),
              ("s1_ziektesymptoom", "nee")]


def _invoer(regels, tussen):
    """The care plan answered as ANTWOORDEN; ``tussen`` are log lines about
    the second question put between its first answer and the third."""
    plan = regels.plan("zorg")

    def antwoord(knoop_id, waarde, minuut):
        knoop = plan.knopen[knoop_id]
        return {"soort": "antwoord", "tijd": tijd(minuut), "knoop": knoop_id,
                "vraag": knoop.tekst, "antwoord": knoop.optie(waarde).label,
                "waarde": waarde}

    logboek = [{"soort": "start", "tijd": tijd(0), "plan": "zorg",
                "titel": plan.titel},
               antwoord("s1_strafbaar_feit", "tegen_mij", 1),
               antwoord("s1_aangifte_doen", "ja", 2)]
    for i, (soort, waarde) in enumerate(tussen):
        minuut = 3 + i
        if soort == "terug":
            logboek.append({"soort": "terug", "tijd": tijd(minuut),
                            "knoop": "s1_aangifte_doen", "ingetrokken": waarde})
        elif soort == "correctie":
            knoop = plan.knopen["s1_aangifte_doen"]
            logboek.append({"soort": "correctie", "tijd": tijd(minuut),
                            "knoop": "s1_aangifte_doen", "vraag": knoop.tekst,
                            "van": knoop.optie(waarde[0]).label,
                            "naar": knoop.optie(waarde[1]).label,
                            "van_waarde": waarde[0], "naar_waarde": waarde[1],
                            "vervallen": []})
        else:
            logboek.append(antwoord("s1_aangifte_doen", waarde, minuut))
    logboek.append(antwoord("s1_ziektesymptoom", "nee", 20))
    return {"plan": "zorg", "antwoorden": [list(a) for a in ANTWOORDEN],
            "logboek": logboek, "motivaties": {}}


GEVALLEN = [
    pytest.param([("terug", "ja"), ("antwoord", "ja")], [],
                 id="taken-back-and-given-the-same-is-no-correction"),
    pytest.param([("correctie", ("ja", "ja"))], [],
                 id="changed-to-the-same-option-is-no-correction"),
    pytest.param([("terug", "ja"), ("antwoord", "nee"), ("terug", "nee"),
                  ("antwoord", "ja")], ["Ja", "Nee"],
                 id="changed-and-changed-back-are-two-corrections"),
    pytest.param([("correctie", ("ja", "nee")), ("correctie", ("nee", "ja"))],
                 ["Ja", "Nee"], id="named-changes-back-and-forth"),
]


@pytest.mark.parametrize("tussen, eerder", GEVALLEN)
def test_only_a_real_change_is_a_correction(regels, tussen, eerder):
    document = vastlegging(regels, _invoer(regels, tussen))

    tweede = document["vragen"][1]
    assert tweede["antwoord"] == "Ja"
    assert tweede["eerder_gegeven"] == eerder
    assert len(document["correcties"]) == len(eerder)
    # Every log line is still in the JSON.
    assert len(document["verloop"]) == 4 + len(tussen)
    for weergave in (naar_markdown, naar_html):
        tekst = weergave(document)
        assert tekst.count("eerder gegeven en gecorrigeerd") == len(eerder)
