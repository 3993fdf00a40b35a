"""Fixtures: a simulated LLM server per session (reset per test) and synthetic manuscripts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from review_helpers import make_paper

from aixiv.models import simulated_registry
from aixiv.models.simulator import SimulatorHandle, start_simulator


@pytest.fixture(scope="session")
def _review_sim() -> Iterator[SimulatorHandle]:
    handle = start_simulator(seed=11)
    yield handle
    handle.stop()


@pytest.fixture
def sim(_review_sim: SimulatorHandle) -> Iterator[SimulatorHandle]:
    state = _review_sim.state
    _review_sim.reset()
    state.latency, state.fail_rate, state.accept_rate = 0.0, 0.0, 0.5
    yield _review_sim
    _review_sim.reset()
    state.latency = 0.0


@pytest.fixture
def registry(sim: SimulatorHandle):
    return simulated_registry(sim.base_url, 5)


@pytest.fixture
def paper() -> str:
    return make_paper()
