"""Fixtures: one simulated LLM server for the author tests, reset for each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.author.support import Recorder

from aixiv.models import NullCache, simulated_registry, start_simulator
from aixiv.models.simulator import SimulatorHandle


@pytest.fixture(scope="session")
def _author_sim() -> Iterator[SimulatorHandle]:
    with start_simulator(seed=3) as handle:
        yield handle


@pytest.fixture
def sim(_author_sim: SimulatorHandle) -> Iterator[SimulatorHandle]:
    _author_sim.reset()
    yield _author_sim
    _author_sim.reset()


@pytest.fixture
def model(sim: SimulatorHandle) -> Recorder:
    """A simulated model "sim-gpt" behind a recorder; no cache, one retry."""
    registry = simulated_registry(sim.base_url, ["gpt"], cache=NullCache(), max_retries=1)
    return Recorder(registry.client("gpt"))
