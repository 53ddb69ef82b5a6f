from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from chatcredit import Engine
from chatcredit.store import open_store
from chatcredit.testing import FakeClock, history_policy
from databases import database


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def engine(tmp_path: Path, clock: FakeClock) -> Iterator[Engine]:
    e = Engine(open_store(database(tmp_path, "engine.db")), history_policy(), clock=clock)
    yield e
    e.close()
