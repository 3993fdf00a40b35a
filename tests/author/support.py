"""Helpers of the author tests: a recording model client and assessments to revise from."""

from __future__ import annotations

from typing import Any


class Recorder:
    """A model client that remembers the prompts it was given (and passes them on)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.calls: list[dict[str, Any]] = []

    async def generate(self, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return await self.client.generate(**kwargs)


def assessment_with(
    major: list[str], minor: list[str] = (), questions: list[str] = ()
) -> dict[str, Any]:
    """An assessment in the shape of GET .../assessment, with one single review."""
    return {
        "submission_id": "aixiv.250101.000001",
        "version": 1,
        "stage": "reviewed",
        "reviews": [
            {
                "id": "r1",
                "version": 1,
                "kind": "single",
                "origin": "panel",
                "reviewer": "sim-claude",
                "rating": 4.0,
                "body": {
                    "kind": "paper",
                    "summary": "A small study of routing entropy.",
                    "criteria": [],
                    "major_concerns": list(major),
                    "minor_issues": list(minor),
                    "questions_for_authors": list(questions),
                    "improvement_recommendations": [],
                    "rating": 4,
                    "confidence": 3,
                },
            }
        ],
        "votes": [],
        "decisions": [],
        "pairwise": [],
    }
