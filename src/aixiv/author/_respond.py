"""respond(): a response letter for a revision the authors supplied whole (no edits are made)."""

from __future__ import annotations

import functools
import re
import time
from typing import Any, Literal

from pydantic import Field, create_model

from aixiv.review import estimate_tokens, fit_text, split_sections

from ._digest import digest
from ._letter import Answer, render_change_note, render_letter
from ._prompts import fence, render
from ._revise import PURPOSE, ClientLike, RevisionBudgets, RevisionError, _call_record
from ._schemas import (
    CHANGE_NOTE,
    MAX_CONCERNS,
    RESPONSE,
    ResponsePoint,
    Revision,
    RevisionResult,
    _Out,
)
from ._source import heading_key

TEMPLATE = "respond.j2"


class _PointOut(_Out):
    response: str = Field(
        max_length=RESPONSE, description="where and how the revision addresses it, or why not"
    )
    addressed: Literal["fully", "partly", "not"]


@functools.lru_cache(maxsize=16)
def response_output(n_concerns: int) -> type[_Out]:
    n = max(1, min(n_concerns, MAX_CONCERNS))
    responses = create_model(
        "ResponsesOut",
        __base__=_Out,
        **{
            f"c{i}": (_PointOut, Field(description=f"response to concern C{i}"))
            for i in range(1, n + 1)
        },
    )
    return create_model(
        "ResponseLetterOut",
        __base__=_Out,
        responses=(
            responses,
            Field(description="one response per reviewer concern, by concern id"),
        ),
        summary=(str, Field(max_length=RESPONSE)),
        change_note=(str, Field(max_length=CHANGE_NOTE)),
    )


def _sentences(text: str) -> set[str]:
    return {
        s
        for s in (re.sub(r"\s+", " ", x).strip().lower() for x in re.split(r"(?<=[.!?])\s+", text))
        if s
    }


def section_changes(old: str, new: str, limit: int = 20) -> list[str]:
    """What differs between two texts, section by section: added, removed, revised."""
    before = {heading_key(s.title): s for s in split_sections(old) if s.title}
    after = {heading_key(s.title): s for s in split_sections(new) if s.title}
    out: list[str] = []
    for key, s in after.items():
        if key not in before:
            out.append(f"New section \u201c{s.title}\u201d")
            continue
        a, b = _sentences(before[key].text), _sentences(s.text)
        if a != b:
            kept = len(a & b) / max(1, len(a))
            grew = len(b - a)
            what = "rewritten" if kept < 0.5 else f"revised ({grew} new sentence(s))"
            out.append(f"\u201c{s.title}\u201d {what}")
    out += [
        f"Section \u201c{s.title}\u201d removed" for key, s in before.items() if key not in after
    ]
    return out[:limit]


async def respond(
    client: ClientLike,
    manuscript: str,
    assessment: dict[str, Any],
    *,
    title: str,
    kind: str,
    previous: str | None = None,
    budgets: RevisionBudgets | None = None,
) -> RevisionResult:
    """A response letter and change note for ``manuscript``, a revision the authors wrote
    themselves, answering the concerns of ``assessment`` (the previous version's reviews).
    ``previous`` (the previous version's text) lets the letter list what changed."""
    started = time.monotonic()
    budgets = budgets or RevisionBudgets()
    kind = (kind or "").strip().lower() or "paper"
    if not manuscript.strip():
        raise RevisionError("the revised manuscript has no text")
    dg = digest(assessment or {}, max_tokens=budgets.reviews)
    if not dg.concerns:
        raise RevisionError(
            "the assessment holds no reviewer concerns to respond to: wait until the version has been reviewed"
        )
    changes = section_changes(previous, manuscript) if previous else []
    shown = (
        manuscript
        if estimate_tokens(manuscript) <= budgets.manuscript
        else fit_text(manuscript, budgets.manuscript)
    )
    prompt = render(
        TEMPLATE,
        kind,
        title=title.strip() or "(untitled)",
        manuscript=fence(shown, "manuscript"),
        changes=changes,
        context=fence(dg.context, "reviews"),
        concerns=fence(dg.prompt_text(), "reviews"),
        n_concerns=len(dg.concerns),
    )
    try:
        res = await client.generate(
            system=prompt.system,
            prompt=prompt.user,
            output_type=response_output(len(dg.concerns)),
            purpose=PURPOSE,
            prompt_version=prompt.version,
        )
    except Exception as exc:
        raise RevisionError(f"the model could not write a response letter: {exc}") from exc
    answers: dict[int, Answer] = {}
    for c in dg.concerns:
        point = getattr(res.output.responses, f"c{c.id}", None)
        if point is not None:
            answers[c.id] = Answer(response=point.response or "", status=point.addressed)
    simulated = bool(getattr(res, "simulated", False))
    sim_model = (getattr(res, "model_id", None) or "simulated") if simulated else None
    listed = changes if previous else []
    letter = render_letter(
        title=title,
        kind=kind,
        concerns=dg.concerns,
        omitted=dg.omitted,
        answers=answers,
        summary=str(res.output.summary or ""),
        outcomes=[],
        simulated_model=sim_model,
        section_changes=listed,
    )
    note = render_change_note(
        str(res.output.change_note or ""),
        [],
        len(dg.concerns) + len(dg.omitted),
        simulated_model=sim_model,
        section_changes=listed,
    )
    call = _call_record(res)
    provenance = {
        "model": call["model"],
        "model_id": call["model_id"],
        "family": call["family"],
        "provider": call["provider"],
        "purpose": PURPOSE,
        "prompt_version": prompt.version,
        "simulated": simulated,
        "calls": [call],
        "rounds": 1,
        "tokens_in": call["tokens_in"] or 0,
        "tokens_out": call["tokens_out"] or 0,
        "cost_usd": call["cost_usd"] or 0.0,
        "wall_s": round(time.monotonic() - started, 3),
        "supplied_revision": True,
        "section_changes": changes,
        "concerns": len(dg.concerns),
        "concerns_omitted": len(dg.omitted),
        "edits": [],
    }
    return RevisionResult(
        manuscript=manuscript,
        response_letter=letter,
        change_note=note,
        edits_applied=0,
        edits_skipped=0,
        provenance=provenance,
        revision=Revision(
            response_letter=[
                ResponsePoint(concern=c.text, response=answers[c.id].response)
                for c in dg.concerns
                if c.id in answers
            ],
            change_note=str(res.output.change_note or ""),
        ),
    )
