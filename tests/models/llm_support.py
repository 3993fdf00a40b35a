"""Output models the tests ask for (nested, every list and string bounded) and a client helper."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from aixiv.models import ModelClient, ModelSpec
from aixiv.models.simulator import SimulatorHandle


class Point(BaseModel):
    text: str = Field(min_length=1, max_length=300)
    severity: Literal["minor", "major", "critical"]
    section: str | None = Field(default=None, max_length=40)


class Review(BaseModel):
    summary: str = Field(max_length=600)
    strengths: list[str] = Field(min_length=1, max_length=3)
    weaknesses: list[Point] = Field(max_length=4)
    questions: list[str] = Field(default_factory=list, max_length=2)
    soundness: int = Field(ge=1, le=4)
    confidence: float = Field(ge=0, le=1)
    decision: Literal["ACCEPT", "REJECT"]


class Vote(BaseModel):
    accept: bool
    rationale: str = Field(max_length=400)


# Clients made here, closed after each test by the autouse fixture in conftest.
CREATED: list[ModelClient] = []


def make_client(
    sim: SimulatorHandle, name: str = "gpt", *, ledger=None, cache=None, **spec: Any
) -> ModelClient:
    """A client for simulated model ``sim-<name>`` with fast backoff (tests should not sleep long)."""
    fields: dict[str, Any] = {
        "name": name,
        "provider": "simulated",
        "model_id": f"sim-{name}",
        "base_url": sim.base_url,
        "timeout_s": 10,
    }
    fields.update(spec)
    client = ModelClient(ModelSpec(**fields), ledger=ledger, cache=cache)
    client.backoff_base_s = 0.01
    client.backoff_max_s = 0.05
    CREATED.append(client)
    return client
