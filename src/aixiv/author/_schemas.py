"""What the author agent asks a model for, and what it hands back.

The model returns a plan of edits, never the whole manuscript: long manuscripts fit, weak
models cannot drop half of a paper by accident, and the edits are applied by code. Every list
and string is bounded. The schema a model sees is built per manuscript: the section field
lists the manuscript's own headings, and the response letter has one required field per
reviewer concern, so no concern can be skipped.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

MAX_EDITS = 8
MAX_CONCERNS = 12
EDIT_TEXT = 2500  # one or two paragraphs
ANCHOR = 600
RESPONSE = 1000
CHANGE_NOTE = 800
TITLE = 200
# Above this many headings the section field is free text (the headings are listed in the prompt).
MAX_HEADING_CHOICES = 80
NEW_SECTION = "(new section)"

Action = Literal["replace_paragraph", "append", "insert_after"]


class Edit(BaseModel):
    """One change to the manuscript, applied by :func:`aixiv.author.apply_edits`."""

    section: str = Field(max_length=TITLE, description="a heading of the manuscript (or a new one)")
    action: Action
    anchor: str | None = Field(default=None, max_length=ANCHOR, description="a sentence to find")
    text: str = Field(max_length=EDIT_TEXT * 2)


class ResponsePoint(BaseModel):
    concern: str = Field(max_length=4000)
    response: str = Field(max_length=RESPONSE * 2)
    edits: list[int] = Field(
        default_factory=list, max_length=MAX_EDITS, description="1-based edit numbers"
    )


class Revision(BaseModel):
    """A revision plan: edits, a response per concern, a change note."""

    edits: list[Edit] = Field(default_factory=list, max_length=MAX_EDITS * 2)
    response_letter: list[ResponsePoint] = Field(default_factory=list, max_length=100)
    change_note: str = Field(default="", max_length=CHANGE_NOTE * 2)


class RevisionResult(BaseModel):
    """A revised manuscript, its response letter (Markdown) and change note, and how it was made."""

    manuscript: str
    response_letter: str
    change_note: str
    edits_applied: int
    edits_skipped: int
    provenance: dict[str, Any] = Field(default_factory=dict)
    revision: Revision | None = None  # the plan as the model gave it (sections resolved)


# -- what the model answers ----------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class PointOut(_Out):
    response: str = Field(
        max_length=RESPONSE,
        description="your answer to this concern: what you changed and why, or why you disagree",
    )
    edits: list[Annotated[int, Field(ge=1, le=MAX_EDITS)]] = Field(
        default_factory=list,
        max_length=MAX_EDITS,
        description="numbers (1-based) of the edits that address it",
    )


def revision_output(headings: tuple[str, ...], n_concerns: int, min_edits: int = 1) -> type[_Out]:
    """The model's answer schema for one manuscript and one set of concerns."""
    return _revision_output(
        tuple(headings), max(1, min(n_concerns, MAX_CONCERNS)), max(1, min(min_edits, MAX_EDITS))
    )


@functools.lru_cache(maxsize=64)
def _revision_output(headings: tuple[str, ...], n_concerns: int, min_edits: int) -> type[_Out]:
    choices = list(dict.fromkeys(h for h in headings if h.strip() and len(h) <= TITLE))
    if choices and len(choices) <= MAX_HEADING_CHOICES:
        section: Any = (
            Literal[tuple([*choices, NEW_SECTION])],  # type: ignore[misc]
            Field(
                description=f"the heading of the section to edit, exactly as listed, or {NEW_SECTION!r}"
            ),
        )
    else:
        section = (
            str,
            Field(
                max_length=TITLE,
                description="the heading of the section to edit, exactly as listed",
            ),
        )
    edit = create_model(
        "EditOut",
        __base__=_Out,
        section=section,
        new_section_title=(
            str | None,
            Field(
                default=None,
                max_length=TITLE,
                description=f"the heading of the new section when section is {NEW_SECTION!r}",
            ),
        ),
        action=(Action, Field(description="replace_paragraph | append | insert_after")),
        anchor=(
            str | None,
            Field(
                default=None,
                max_length=ANCHOR,
                description="one sentence copied exactly from the manuscript: the paragraph to replace, "
                "or the paragraph after which to insert; null for append",
            ),
        ),
        text=(
            str,
            Field(max_length=EDIT_TEXT, description="the new text, in the manuscript's own format"),
        ),
    )
    responses = create_model(
        "ResponsesOut",
        __base__=_Out,
        **{
            f"c{i}": (PointOut, Field(description=f"response to concern C{i}"))
            for i in range(1, n_concerns + 1)
        },
    )
    return create_model(
        "RevisionOut",
        __base__=_Out,
        edits=(
            list[edit],
            Field(min_length=min_edits, max_length=MAX_EDITS, description="the edits, in order"),
        ),
        responses=(
            responses,
            Field(description="one response per reviewer concern, by concern id"),
        ),
        summary=(
            str,
            Field(
                max_length=RESPONSE,
                description="two or three sentences for the reviewers: what the revision does overall",
            ),
        ),
        change_note=(
            str,
            Field(
                max_length=CHANGE_NOTE,
                description="a short change note for readers of the new version",
            ),
        ),
    )
