"""The response letter (Markdown) and the change note, rendered from the plan and what was applied.

Every concern is quoted, then answered; the changes listed are the ones actually in the new
version, so the letter never claims an edit that could not be applied.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ._digest import Concern
from ._source import EditOutcome

LETTER_LIMIT = 48_000  # the platform takes 50,000 characters
NOTE_LIMIT = 4_800  # ... and 5,000 for a change note

_ACTION_WORDS = {
    "replaced the anchored paragraph": "rewrote a paragraph",
    "inserted after the anchored paragraph": "added a paragraph",
    "appended to the section": "added a paragraph",
    "appended to the section (its anchor was not found)": "added a paragraph",
    "added as a new section": "added a new section",
}


@dataclass
class Answer:
    response: str
    edits: list[int] = field(default_factory=list)  # 1-based plan indices
    status: str | None = None  # for a supplied revision: "fully" | "partly" | "not" addressed


_STATUS = {
    "fully": "Addressed in the revised manuscript.",
    "partly": "Partly addressed in the revised manuscript.",
    "not": "Not addressed in this revision.",
}


def simulated_notice(model: str, supplied: bool = False) -> str:
    if supplied:
        return (
            f"This response letter was written by a simulated language model (`{model}`) for testing "
            "the platform; its text is placeholder content. The revised manuscript was supplied as it is."
        )
    return (
        f"This revision and its response letter were produced by a simulated language model "
        f"(`{model}`) for testing the platform. The added text is placeholder content, not scientific work."
    )


def _excerpt(text: str, n: int = 220) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    return t if len(t) <= n else t[: n - 1].rsplit(" ", 1)[0] + "\u2026"


def _quote(text: str) -> str:
    return "\n".join("> " + ln if ln.strip() else ">" for ln in text.strip().split("\n"))


def _what(o: EditOutcome) -> str:
    return (
        f"{_ACTION_WORDS.get(o.reason, 'changed the text')} in \u201c{o.where or o.section}\u201d"
    )


def _change_label(o: EditOutcome, number: int) -> str:
    return f"Change {number} ({_what(o)})"


def render_letter(
    *,
    title: str,
    kind: str,
    concerns: Sequence[Concern],
    omitted: Sequence[Concern],
    answers: dict[int, Answer],
    summary: str,
    outcomes: Sequence[EditOutcome],
    simulated_model: str | None = None,
    section_changes: Sequence[str] | None = None,
) -> str:
    """The letter. ``section_changes`` (what differs between the versions, by section) marks a
    revision the authors supplied whole: each concern then gets a status instead of edits."""
    applied = [o for o in outcomes if o.applied]
    number = {o.index: n for n, o in enumerate(applied, start=1)}
    parts = [f"# Response to the reviewers\n\n**{title.strip()}**, revised {kind}"]
    if simulated_model:
        notice = simulated_notice(simulated_model, supplied=section_changes is not None)
        parts.append(_quote(f"**Simulated revision.** {notice}"))
    parts.append(
        (summary.strip() + "\n\n" if summary.strip() else "")
        + "We thank the reviewers for their comments. Each concern is quoted below, followed by our "
        "response and the changes made to the manuscript."
    )
    if section_changes is not None:
        lines = ["## Changes to the manuscript", ""]
        lines += [f"- {c}" for c in section_changes] or ["- The text was revised throughout."]
        parts.append("\n".join(lines))
    elif applied:
        lines = ["## Changes to the manuscript", ""]
        for o in applied:
            what = _what(o)
            lines.append(
                f"{number[o.index]}. {what[0].upper()}{what[1:]}: \u201c{_excerpt(o.text)}\u201d"
            )
        parts.append("\n".join(lines))
    points = ["## Point-by-point responses"]
    for c in concerns:
        ans = answers.get(c.id)
        block = [f"### C{c.id}. {c.source}", "", _quote(c.text), ""]
        response = (ans.response.strip() if ans else "") or "We acknowledge this point."
        block.append(f"**Response.** {response}")
        if section_changes is not None:
            status = _STATUS.get((ans.status if ans else None) or "", "")
            if status:
                block.append(f"\n**Status.** {status}")
            points.append("\n".join(block))
            continue
        refs = sorted(set(ans.edits)) if ans else []
        done = [i for i in refs if i in number]
        missed = [i for i in refs if i not in number]
        if done:
            labels = "; ".join(
                _change_label(next(o for o in applied if o.index == i), number[i]) for i in done
            )
            block.append(f"\n**Changes.** {labels}.")
        elif missed:
            block.append(
                "\n**Changes.** The change planned for this point could not be applied and is not in this version."
            )
        else:
            block.append("\n**Changes.** No change to the manuscript for this point.")
        points.append("\n".join(block))
    parts.append("\n\n".join(points))
    if omitted:
        rest = ["## Further points", "", "These points were not addressed in this revision:", ""]
        rest += [f"- {c.source}: {_excerpt(c.text, 400)}" for c in omitted]
        parts.append("\n".join(rest))
    letter = "\n\n".join(parts) + "\n"
    if len(letter) > LETTER_LIMIT:
        letter = (
            letter[: LETTER_LIMIT - 60].rsplit("\n", 1)[0]
            + "\n\n*[The letter was shortened for length.]*\n"
        )
    return letter


def render_change_note(
    note: str,
    outcomes: Sequence[EditOutcome],
    n_concerns: int,
    simulated_model: str | None = None,
    section_changes: Sequence[str] | None = None,
) -> str:
    if section_changes is not None:
        shown = "; ".join(section_changes[:6]) + ("; ..." if len(section_changes) > 6 else "")
        facts = (
            f"Revised manuscript supplied by the authors ({shown or 'revised throughout'}); "
            f"the response letter answers {n_concerns} reviewer concern(s)."
        )
    else:
        applied = [o for o in outcomes if o.applied]
        where = list(dict.fromkeys(o.where or o.section for o in applied))
        shown = ", ".join(f"\u201c{w}\u201d" for w in where[:6]) + (
            " and others" if len(where) > 6 else ""
        )
        facts = (
            f"Revised in response to {n_concerns} reviewer concern(s): {len(applied)} change(s)"
            + (f" in {shown}" if shown else "")
            + "; see the response letter."
        )
    parts = [p for p in (note.strip(), facts) if p]
    if simulated_model:
        notice = simulated_notice(simulated_model, supplied=section_changes is not None)
        parts.insert(0, f"[Simulated revision] {notice}")
    out = "\n\n".join(parts)
    return out if len(out) <= NOTE_LIMIT else out[: NOTE_LIMIT - 1] + "\u2026"
