"""Which spaCy pipeline the NLU loads: nl_core_news_sm when installed, else
the embedded Dutch default.

The real nl_core_news_sm cannot be downloaded on the build machine. To prove
the selection and loading path, this test builds a tiny but real spaCy
package under that name (spaCy's own `package` step, then a pip install
into a temporary folder on PYTHONPATH) and runs the selection in a separate
Python process that can import it. The quality of the real model is not
measured by this test.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.nlu.spacy_model import BASIS_NAAM, ECHT_MODEL, bereid_voor, beschrijving
from bot.settings import PROJECT

KEUZE = """
import json, sys
from pathlib import Path
import spacy
from bot.nlu.spacy_model import bereid_voor
map_ = Path(sys.argv[1])
keuze, opnieuw = bereid_voor(map_, sys.argv[2])
nlp = spacy.load(map_)
print(json.dumps({"keuze": keuze, "opnieuw": opnieuw, "naam": nlp.meta["name"],
                  "woorden": [t.text for t in nlp("mijn cliënt heeft een mes")]}))
"""


@pytest.fixture(scope="module")
def nep_model(tmp_path_factory) -> Path:
    """A real, installable spaCy package named nl_core_news_sm (blank Dutch)."""
    import spacy

    map_ = tmp_path_factory.mktemp("spacy_pakket")
    nlp = spacy.blank("nl")
    nlp.meta.update({"name": "core_news_sm", "version": "3.4.0"})
    nlp.to_disk(map_ / "in")
    (map_ / "uit").mkdir()
    # spaCy's CLI entry point does not start with this click version; the
    # function behind `spacy package` does the same work.
    importlib.import_module("spacy.cli.package").package(
        map_ / "in", map_ / "uit", name="core_news_sm", version="3.4.0",
        create_sdist=False, create_wheel=False, force=True, silent=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(map_ / "site"),
         str(map_ / "uit" / "nl_core_news_sm-3.4.0")],
        check=True, capture_output=True)
    return map_ / "site"


def _kies(map_: Path, instelling: str, extra_pad: Path = None) -> dict:
    omgeving = dict(os.environ)
    paden = [str(PROJECT)] + ([str(extra_pad)] if extra_pad else [])
    omgeving["PYTHONPATH"] = os.pathsep.join(paden)
    uit = subprocess.run([sys.executable, "-c", KEUZE, str(map_), instelling],
                         capture_output=True, text=True, env=omgeving, cwd=PROJECT)
    assert uit.returncode == 0, uit.stderr[-2000:]
    return json.loads(uit.stdout.strip().splitlines()[-1])


def test_an_installed_nl_core_news_sm_is_chosen_and_loaded(nep_model, tmp_path):
    resultaat = _kies(tmp_path / "nl", "auto", nep_model)
    assert resultaat["keuze"] == ECHT_MODEL
    assert resultaat["naam"] == "core_news_sm"
    assert resultaat["woorden"] == ["mijn", "cliënt", "heeft", "een", "mes"]
    # Laid down once; the next start reuses it, and says which it is.
    assert _kies(tmp_path / "nl", "auto", nep_model)["opnieuw"] is False
    assert beschrijving(tmp_path / "nl").startswith("nl_core_news_sm")


def test_basis_forces_the_embedded_default_even_when_the_model_is_there(
        nep_model, tmp_path):
    resultaat = _kies(tmp_path / "nl", "basis", nep_model)
    assert resultaat["keuze"] == BASIS_NAAM and resultaat["naam"] == BASIS_NAAM


def test_without_the_package_the_embedded_default_is_used(tmp_path):
    resultaat = _kies(tmp_path / "nl", "auto")
    assert resultaat["keuze"] == BASIS_NAAM
    meta = json.loads((tmp_path / "nl" / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == BASIS_NAAM
    assert "ingebouwde standaard" in beschrijving(tmp_path / "nl")


def test_asking_for_the_missing_model_by_name_fails_with_a_clear_message(tmp_path):
    if importlib.util.find_spec(ECHT_MODEL) is not None:
        pytest.skip("nl_core_news_sm is installed here")
    with pytest.raises(RuntimeError, match="niet geïnstalleerd"):
        bereid_voor(tmp_path / "nl", ECHT_MODEL)
