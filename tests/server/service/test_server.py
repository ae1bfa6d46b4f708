"""The server process sets the garbage collector for a long run once it is ready."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from toponym_server.service.server import FULL_COLLECTION_EVERY, prepare_long_run


@pytest.fixture()
def collector_restored() -> Iterator[None]:
    """Put the collector back as it was: the settings are the process's, and pytest's process goes on."""
    thresholds = gc.get_threshold()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("collector_restored")
def test_what_start_up_made_is_frozen_and_full_collections_are_rarer() -> None:
    young, middle, _ = gc.get_threshold()
    made_at_start = object.__new__(type("MadeAtStart", (), {}))
    assert gc.is_tracked(made_at_start)
    prepare_long_run()
    assert gc.get_freeze_count() > 0
    assert not any(o is made_at_start for o in gc.get_objects())  # out of every generation's reach
    assert gc.get_threshold() == (young, middle, FULL_COLLECTION_EVERY)
