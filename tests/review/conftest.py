"""Fixtures: a simulated LLM server per session (reset per test) and synthetic manuscripts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aixiv.models import simulated_registry
from aixiv.models.simulator import SimulatorHandle, start_simulator

SENTENCES = [
    "We propose Sparse Mixture Routing (SMR), a routing rule for small transformer language models.",
    "SMR balances expert load without an auxiliary loss.",
    "Experiments on three synthetic arithmetic corpora show that SMR lowers validation loss.",
    "We analyse why entropy regularisation stabilises early training.",
    "Ablations isolate the contribution of each component of Sparse Mixture Routing.",
    "The method adds little computational cost and is simple to implement.",
]


def make_paper(title: str = "Sparse Mixture Routing for Small Transformers", repeat: int = 3) -> str:
    para = " ".join(SENTENCES)
    parts = [f"# {title}", "", "## Abstract", "", para, ""]
    for name in ("1 Introduction", "2 Related Work", "3 Method", "4 Experiments", "5 Conclusion"):
        parts += [f"## {name}", ""] + [para, ""] * repeat
    parts += ["## References", "", "[1] A. Author. Some paper. 2020.", ""]
    return "\n".join(parts)


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
