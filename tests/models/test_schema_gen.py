"""The simulator's schema-driven generator: valid for what pydantic emits, varied, marked."""

from __future__ import annotations

import random
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

import pytest
from llm_support import Review
from pydantic import BaseModel, Field, TypeAdapter

from aixiv.models._schema_gen import MARKER, SchemaGenerator


class Kind(StrEnum):
    theory = "theory"
    empirical = "empirical"


class Node(BaseModel):
    label: str = Field(max_length=30)
    children: list[Node] = Field(default_factory=list, max_length=3)


class Everything(BaseModel):
    title: str = Field(min_length=5, max_length=80)
    tiny: str = Field(max_length=8)
    long_text: str = Field(min_length=400, max_length=900)
    kind: Kind
    mode: Literal["a", "b"] = "a"
    count: int = Field(ge=3, le=7)
    ratio: float = Field(gt=0, lt=1)
    step: int = Field(ge=0, le=100, multiple_of=5)
    tags: list[Annotated[str, Field(max_length=12)]] = Field(min_length=2, max_length=5)
    maybe: int | None = None
    either: int | str
    mapping: dict[str, int] = Field(default_factory=dict, max_length=3)
    when: datetime
    day: date
    ident: UUID
    pair: tuple[int, str]
    tree: Node
    flag: bool


@pytest.mark.parametrize("model", [Review, Everything, Node])
def test_generated_values_validate(model):
    adapter = TypeAdapter(model)
    schema = adapter.json_schema()
    seen = set()
    for seed in range(60):
        value = SchemaGenerator(schema, random.Random(seed), accept=seed % 2 == 0).generate()
        adapter.validate_python(value)
        seen.add(repr(value))
    assert len(seen) > 50  # varied


def test_marker_survives_max_length():
    schema = TypeAdapter(Everything).json_schema()
    for seed in range(20):
        value = SchemaGenerator(schema, random.Random(seed), accept=True).generate()
        assert value["title"].startswith(MARKER) and len(value["title"]) <= 80
        assert value["long_text"].startswith(MARKER) and 400 <= len(value["long_text"]) <= 900
        assert len(value["tiny"]) <= 8  # too short for the marker


def test_decision_fields_follow_accept():
    schema = TypeAdapter(Review).json_schema()
    accepted = [
        SchemaGenerator(schema, random.Random(s), accept=True).generate() for s in range(20)
    ]
    rejected = [
        SchemaGenerator(schema, random.Random(s), accept=False).generate() for s in range(20)
    ]
    assert {v["decision"] for v in accepted} == {"ACCEPT"}
    assert {v["decision"] for v in rejected} == {"REJECT"}
    # Scores lean with the decision.
    assert min(v["soundness"] for v in accepted) >= max(v["soundness"] for v in rejected)

    boolean = {
        "type": "object",
        "properties": {"accept": {"type": "boolean"}},
        "required": ["accept"],
    }
    assert SchemaGenerator(boolean, random.Random(1), accept=True).generate() == {"accept": True}
    verdict = {"enum": ["strong_reject", "weak_reject", "weak_accept", "strong_accept"]}
    for s in range(10):
        assert "accept" in SchemaGenerator(verdict, random.Random(s), accept=True).generate()
        assert "reject" in SchemaGenerator(verdict, random.Random(s), accept=False).generate()


def test_hand_written_schema_features():
    schema = {
        "type": "object",
        "properties": {
            "ref": {"$ref": "#/$defs/Item"},
            "nullable": {"type": ["string", "null"], "maxLength": 50},
            "all": {"allOf": [{"$ref": "#/$defs/Item"}]},
            "const": {"const": 42},
        },
        "required": ["ref", "nullable", "all", "const", "undeclared"],
        "$defs": {
            "Item": {
                "type": "object",
                "properties": {
                    "n": {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 3}
                },
                "required": ["n"],
            }
        },
    }
    value = SchemaGenerator(schema, random.Random(3), accept=False).generate()
    assert value["const"] == 42 and value["ref"]["n"] in (1, 2) and value["all"]["n"] in (1, 2)
    assert value["nullable"] is None or len(value["nullable"]) <= 50
    assert isinstance(value["undeclared"], str)
