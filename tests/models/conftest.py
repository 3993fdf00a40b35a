"""Fixtures: one simulated LLM server on 127.0.0.1 per test session, reset for each test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from llm_support import CREATED

from aixiv.models import MemoryLedger
from aixiv.models.simulator import SimulatorHandle, start_simulator


@pytest.fixture(scope="session")
def _simulator() -> Iterator[SimulatorHandle]:
    handle = start_simulator(seed=7)
    yield handle
    handle.stop()


@pytest.fixture
def sim(_simulator: SimulatorHandle) -> Iterator[SimulatorHandle]:
    state = _simulator.state
    _simulator.reset()
    state.latency, state.fail_rate, state.accept_rate = 0.0, 0.0, 0.5
    yield _simulator
    _simulator.reset()


@pytest.fixture
def ledger() -> MemoryLedger:
    return MemoryLedger()


@pytest.fixture(autouse=True)
async def _close_clients() -> AsyncIterator[None]:
    yield
    while CREATED:
        await CREATED.pop().aclose()
