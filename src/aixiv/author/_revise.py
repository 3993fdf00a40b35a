"""revise(): reviews in, a revised manuscript, a response letter and a change note out."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from aixiv.review import CUT_MARK, estimate_tokens, fit_text

from ._digest import Digest, digest
from ._letter import Answer, render_change_note, render_letter
from ._prompts import fence, render
from ._schemas import (
    MAX_EDITS,
    NEW_SECTION,
    Edit,
    ResponsePoint,
    Revision,
    RevisionResult,
    revision_output,
)
from ._source import (
    NEW_SECTION_FALLBACK,
    EditReport,
    Format,
    Parsed,
    apply_edits_report,
    normalize_format,
    parse,
)

TEMPLATE = "revise.j2"
PURPOSE = "author.revise"
# Even one concern usually needs changes in several places (method, results, limitations);
# asking for a few edits also keeps a weak model from staking everything on one anchor.
MIN_EDITS = 3
ANCHOR_FALLBACK = "appended to the section (its anchor was not found)"


class AuthorError(Exception):
    """The author agent could not do what it was asked; the message says why."""


class RevisionError(AuthorError):
    """A revision could not be produced (nothing to respond to, a model failure, no edit applied)."""


class ClientLike(Protocol):
    """What the author agent needs of ``aixiv.models.ModelClient``."""

    async def generate(
        self, *, system: str, prompt: str, output_type: Any, purpose: str, prompt_version: str
    ) -> Any: ...


@dataclass(frozen=True)
class RevisionBudgets:
    manuscript: int = 8000  # tokens of manuscript in the prompt
    reviews: int = 3000  # tokens of digested reviews in the prompt


def manuscript_for_prompt(parsed: Parsed, max_tokens: int) -> tuple[str, bool]:
    """The manuscript as the model sees it, and whether it had to be shortened.

    A source that fits is sent as it is (a LaTeX preamble is left out), so anchors copied
    from it match; a longer one is fitted section by section, cutting only between sentences.
    """
    lines = parsed.lines
    whole = "\n".join(lines[parsed.main_start :]).strip()
    if estimate_tokens(whole) <= max_tokens:
        return whole, False
    first = parsed.headings[0].line if parsed.headings else len(lines)
    pieces = ["\n".join(lines[parsed.main_start : first]).strip()]
    for h in parsed.headings:
        body = "\n".join(lines[h.body_start : h.body_end]).strip()
        pieces.append(f"## {h.title}\n\n{body}" if body else f"## {h.title}")
    return fit_text("\n\n".join(p for p in pieces if p), max_tokens), True


def _plan(output: Any) -> list[Edit]:
    edits = []
    for e in list(getattr(output, "edits", []) or [])[:MAX_EDITS]:
        section = str(e.section or "")
        if section == NEW_SECTION:
            section = (e.new_section_title or "").strip() or NEW_SECTION_FALLBACK
        edits.append(Edit(section=section[:200], action=e.action, anchor=e.anchor, text=e.text))
    return edits


def _answers(output: Any, dg: Digest, n_edits: int) -> dict[int, Answer]:
    responses = getattr(output, "responses", None)
    out: dict[int, Answer] = {}
    for c in dg.concerns:
        point = getattr(responses, f"c{c.id}", None)
        if point is None:
            continue
        edits = [i for i in dict.fromkeys(point.edits) if 1 <= i <= n_edits]
        out[c.id] = Answer(response=point.response or "", edits=edits)
    return out


def _feedback(plan: list[Edit], report: EditReport) -> str:
    lines = []
    for o in report.outcomes:
        if not o.applied:
            e = plan[o.index - 1]
            anchor = f' (anchor: "{e.anchor[:160]}")' if e.anchor else ""
            lines.append(f'- Edit {o.index}, {e.action} in "{e.section}"{anchor}: {o.reason}.')
    lines.append(f"{report.applied} of {len(plan)} edit(s) could be applied.")
    return "\n".join(lines)


def _place_unanchored(
    manuscript: str, fmt: Format, plan: list[Edit], report: EditReport
) -> EditReport:
    """Last resort when no edit applied: an insertion whose anchor was not found goes to the end
    of its section instead (text is only added; nothing is replaced without its anchor)."""
    moved = {
        o.index
        for o in report.outcomes
        if not o.applied
        and o.action == "insert_after"
        and "anchor sentence was not found" in o.reason
    }
    if not moved:
        return report
    relaxed = [
        e.model_copy(update={"action": "append", "anchor": None}) if i in moved else e
        for i, e in enumerate(plan, start=1)
    ]
    again = apply_edits_report(manuscript, fmt, relaxed)
    for o in again.outcomes:
        o.action = plan[o.index - 1].action
        if o.index in moved and o.applied and o.reason == "appended to the section":
            o.reason = ANCHOR_FALLBACK
    return again


def _call_record(res: Any) -> dict[str, Any]:
    keys = (
        "model",
        "model_id",
        "provider",
        "family",
        "tokens_in",
        "tokens_out",
        "cost_usd",
        "latency_s",
        "cache_hit",
        "simulated",
        "attempts",
        "prompt_version",
    )
    return {k: getattr(res, k, None) for k in keys}


async def revise(
    client: ClientLike,
    manuscript: str,
    fmt: str,
    assessment: dict[str, Any],
    *,
    title: str,
    kind: str,
    budgets: RevisionBudgets | None = None,
    repair_rounds: int = 2,
) -> RevisionResult:
    """Revise a Markdown or LaTeX manuscript from its assessment (the JSON of
    ``GET /api/v1/submissions/{id}/versions/{n}/assessment``).

    The model answers with a plan of edits; when more of its edits fail than apply (an anchor
    not found, say), it is told why and asked again, up to ``repair_rounds`` times, and the
    plan that applied best is kept. If none of its edits applied, insertions whose anchor was
    never found go to the end of their section; failing that, RevisionError.
    """
    started = time.monotonic()
    budgets = budgets or RevisionBudgets()
    kind = (kind or "").strip().lower() or "paper"
    try:
        f: Format = normalize_format(fmt)
    except ValueError as exc:
        raise RevisionError(str(exc)) from None
    if not manuscript.strip():
        raise RevisionError("the manuscript is empty")
    dg = digest(assessment or {}, max_tokens=budgets.reviews)
    if not dg.concerns:
        raise RevisionError(
            "the assessment holds no reviewer concerns to respond to: wait until the version has been reviewed"
        )
    parsed = parse(manuscript.replace("\r\n", "\n"), f)
    headings = list(dict.fromkeys(h.title for h in parsed.headings if h.title.strip()))
    shown, condensed = manuscript_for_prompt(parsed, budgets.manuscript)
    min_edits = MIN_EDITS
    output_type = revision_output(tuple(headings), len(dg.concerns), min_edits)
    base = {
        "title": title.strip() or "(untitled)",
        "format_name": "Markdown" if f == "markdown" else "LaTeX",
        "headings": headings,
        "condensed": condensed,
        "cut_mark": CUT_MARK,
        "manuscript": fence(shown, "manuscript"),
        "context": fence(dg.context, "reviews"),
        "concerns": fence(dg.prompt_text(), "reviews"),
        "n_concerns": len(dg.concerns),
        "min_edits": min_edits,
        "max_edits": MAX_EDITS,
        "new_section": NEW_SECTION,
    }
    attempts: list[tuple[Any, list[Edit], EditReport]] = []
    feedback = ""
    prompt_version = ""
    for _ in range(max(0, repair_rounds) + 1):
        prompt = render(TEMPLATE, kind, **base, feedback=fence(feedback, "manuscript"))
        prompt_version = prompt.version
        try:
            res = await client.generate(
                system=prompt.system,
                prompt=prompt.user,
                output_type=output_type,
                purpose=PURPOSE,
                prompt_version=prompt.version,
            )
        except Exception as exc:  # a model failure after its own retries; attempts so far may do
            if attempts:
                break
            raise RevisionError(f"the model could not write a revision: {exc}") from exc
        plan = _plan(res.output)
        report = apply_edits_report(manuscript, f, plan)
        attempts.append((res, plan, report))
        if report.applied and report.skipped <= report.applied:
            break
        feedback = _feedback(plan, report)
    res, plan, report = max(attempts, key=lambda a: a[2].applied)
    if not report.applied:
        report = _place_unanchored(manuscript, f, plan, report)
    if not report.applied:
        reasons = "; ".join(sorted({o.reason for o in report.outcomes})) or "the plan had no edits"
        raise RevisionError(f"none of the model's {len(plan)} edit(s) could be applied ({reasons})")
    if report.source == manuscript:
        raise RevisionError("the model's edits leave the manuscript as it was; nothing to submit")

    simulated = any(bool(getattr(r, "simulated", False)) for r, _, _ in attempts)
    sim_model = (
        (getattr(res, "model_id", None) or getattr(res, "model", None) or "simulated")
        if simulated
        else None
    )
    answers = _answers(res.output, dg, len(plan))
    summary = str(getattr(res.output, "summary", "") or "")
    letter = render_letter(
        title=title,
        kind=kind,
        concerns=dg.concerns,
        omitted=dg.omitted,
        answers=answers,
        summary=summary,
        outcomes=report.outcomes,
        simulated_model=sim_model,
    )
    note = render_change_note(
        str(getattr(res.output, "change_note", "") or ""),
        report.outcomes,
        len(dg.concerns) + len(dg.omitted),
        simulated_model=sim_model,
    )
    calls = [_call_record(r) for r, _, _ in attempts]
    provenance = {
        "model": getattr(res, "model", None),
        "model_id": getattr(res, "model_id", None),
        "family": getattr(res, "family", None),
        "provider": getattr(res, "provider", None),
        "purpose": PURPOSE,
        "prompt_version": prompt_version,
        "simulated": simulated,
        "calls": calls,
        "rounds": len(attempts),
        "tokens_in": sum(c["tokens_in"] or 0 for c in calls),
        "tokens_out": sum(c["tokens_out"] or 0 for c in calls),
        "cost_usd": sum(c["cost_usd"] or 0.0 for c in calls),
        "wall_s": round(time.monotonic() - started, 3),
        "format": f,
        "manuscript_condensed": condensed,
        "concerns": len(dg.concerns),
        "concerns_omitted": len(dg.omitted),
        "edits": [{k: v for k, v in asdict(o).items() if k != "text"} for o in report.outcomes],
    }
    revision = Revision(
        edits=plan,
        response_letter=[
            ResponsePoint(
                concern=c.text, response=answers[c.id].response, edits=answers[c.id].edits
            )
            for c in dg.concerns
            if c.id in answers
        ],
        change_note=str(getattr(res.output, "change_note", "") or ""),
    )
    return RevisionResult(
        manuscript=report.source,
        response_letter=letter,
        change_note=note,
        edits_applied=report.applied,
        edits_skipped=report.skipped,
        provenance=provenance,
        revision=revision,
    )
