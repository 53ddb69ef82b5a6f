from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chatcredit import Engine
from chatcredit.store import MemoryStore, SqliteStore, Store
from chatcredit.testing import FakeClock, history_policy


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["memory", "sqlite"])
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Store]:
    def make() -> Store:
        if request.param == "memory":
            return MemoryStore()
        return SqliteStore(tmp_path / "contract.db")

    return make


@pytest.fixture
def engine(tmp_path: Path, clock: FakeClock) -> Iterator[Engine]:
    e = Engine(SqliteStore(tmp_path / "engine.db"), history_policy(), clock=clock)
    yield e
    e.close()
