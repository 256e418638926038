"""A tracker store database filled by Rasa's own SQLTrackerStore, so the tests
read events exactly as Rasa writes them."""

from __future__ import annotations

import asyncio
from typing import Callable, List

import pytest


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def schrijf_gesprek(db_url) -> Callable[[str, List[object]], None]:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.settings import PROJECT

    domein = Domain.load(str(PROJECT / "domain.yml"))
    store = SQLTrackerStore(domein, dialect="sqlite", db=db_url.split("///", 1)[1])

    def schrijf(gesprek_id: str, events: List[object]) -> None:
        tracker = DialogueStateTracker.from_events(gesprek_id, events,
                                                   domein.slots)
        asyncio.run(store.save(tracker))

    yield schrijf
    store.engine.dispose()
