"""Two trainings on the same data give the same model behaviour.

The second training runs in its own folder with its own empty Rasa cache, so
it really trains instead of reusing cached components. Seeds are fixed in
config.yml (random_state of the classifier); the entity extractor is rules
and tables.
"""

from __future__ import annotations

from bot.nlu.evaluatie import laad_testset, parse_alles, train_nlu


def test_two_trainings_give_the_same_intent_on_every_test_utterance(tmp_path):
    eerste, _ = train_nlu()
    tweede, seconden = train_nlu(tmp_path / "modellen", cache=tmp_path / "cache")
    assert seconden > 0, "the second model must come from a fresh training"

    teksten = [v.tekst for v in laad_testset()]
    a = parse_alles(eerste, teksten)
    b = parse_alles(tweede, teksten)
    verschil = [
        (t, x["intent"], y["intent"]) for t, x, y in zip(teksten, a, b)
        if x["intent"]["name"] != y["intent"]["name"]
        or abs(x["intent"]["confidence"] - y["intent"]["confidence"]) > 1e-6
        or x["entities"] != y["entities"]
    ]
    assert not verschil, verschil[:5]
