"""The reviews, votes and decisions of a version, digested into numbered concerns.

Major concerns come first, taken round-robin across reviewers so every reviewer is heard; then
questions, reasons of rejecting votes, per-criterion weaknesses, minor issues and
recommendations. Near-duplicates are merged. The prompt gets at most ``MAX_CONCERNS`` within a
token budget; concerns left out are still listed in the response letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from aixiv.review import estimate_tokens, truncate_sentences

from ._schemas import MAX_CONCERNS

CONCERN_CHARS = 600

# (category, keys in a review body), most important first.
_BUCKETS: list[tuple[str, tuple[str, ...]]] = [
    ("major concern", ("major_concerns",)),
    ("weakness", ("weaknesses",)),
    ("question", ("questions_for_authors", "questions")),
    ("vote", ()),
    ("criterion", ()),
    ("minor issue", ("minor_issues",)),
    ("recommendation", ("improvement_recommendations",)),
]


@dataclass
class Concern:
    text: str
    category: str
    reviewers: list[str] = field(default_factory=list)
    id: int = 0  # 1-based, set when numbered for the prompt

    @property
    def source(self) -> str:
        who = ", ".join(self.reviewers[:3]) + (" and others" if len(self.reviewers) > 3 else "")
        return f"{who}, {self.category}" if who else self.category


@dataclass
class Digest:
    concerns: list[Concern]  # numbered, in the prompt
    omitted: list[Concern]  # beyond the budget: listed in the letter, not sent to the model
    context: str  # ratings, summaries, decision: for the prompt

    def prompt_text(self) -> str:
        lines = [f"C{c.id} [{c.source}]: {c.text}" for c in self.concerns]
        if self.omitted:
            lines.append(
                f"({len(self.omitted)} further, lesser point(s) were left out for length.)"
            )
        return "\n".join(lines)


def _clean(text: Any) -> str:
    s = re.sub(r"\s+", " ", str(text or "")).strip()
    if len(s) <= CONCERN_CHARS:
        return s
    return truncate_sentences(s, CONCERN_CHARS // 4) or s[: CONCERN_CHARS - 1].rstrip() + "\u2026"


def _label(review: dict[str, Any]) -> str:
    who = str(review.get("reviewer") or review.get("model") or "reviewer")
    kind = str(review.get("kind") or "")
    return f"{who} ({kind} review)" if kind and kind != "external" else who


def _items(body: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for k in keys:
        v = body.get(k)
        if isinstance(v, list):
            out.extend(str(x) for x in v if isinstance(x, str | int | float) and str(x).strip())
        elif isinstance(v, str) and v.strip():
            out.append(v)
    return out


def _criterion_weaknesses(body: dict[str, Any]) -> list[str]:
    out = []
    for c in body.get("criteria") or []:
        if isinstance(c, dict):
            name = c.get("name") or c.get("key") or "criterion"
            for w in c.get("weaknesses") or []:
                if isinstance(w, str) and w.strip():
                    out.append(f"{name}: {w}")
    return out


def _sources(assessment: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(reviewer label, review body) for every review, with a meta review's domain reviews."""
    out: list[tuple[str, dict[str, Any]]] = []
    for r in assessment.get("reviews") or []:
        if not isinstance(r, dict):
            continue
        body = r.get("body") if isinstance(r.get("body"), dict) else {}
        out.append((_label(r), body))
        for d in body.get("reviewers") or []:  # meta review: the domain reviewers' own reviews
            if isinstance(d, dict) and isinstance(d.get("review"), dict):
                spec = d.get("reviewer") if isinstance(d.get("reviewer"), dict) else {}
                out.append(
                    (f"{spec.get('name') or 'domain reviewer'} (domain review)", d["review"])
                )
    return out


def _similar(a: str, b: str) -> bool:
    """The same point twice: equal but for case, spacing and punctuation, or one inside the other.
    (Close spellings are not enough: "Table 2 lacks error bars" and "Table 3 ..." are two points.)"""
    x, y = _norm(a), _norm(b)
    return bool(x and y) and (x == y or (min(len(x), len(y)) >= 20 and (x in y or y in x)))


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()


def collect_concerns(assessment: dict[str, Any]) -> list[Concern]:
    """Every concern of a version's assessment, most important first, near-duplicates merged."""
    sources = _sources(assessment)
    votes = [
        v
        for v in assessment.get("votes") or []
        if isinstance(v, dict) and v.get("decision") == "reject" and not v.get("error")
    ]
    ordered: list[Concern] = []
    for category, keys in _BUCKETS:
        per_source: list[list[Concern]] = []
        if category == "vote":
            for v in votes:
                who = f"{v.get('voter') or v.get('model') or 'voter'} (vote)"
                per_source.append(
                    [
                        Concern(_clean(x), "reason to reject", [who])
                        for x in v.get("reasons") or []
                        if str(x).strip()
                    ]
                )
        elif category == "criterion":
            for who, body in sources:
                per_source.append(
                    [
                        Concern(_clean(x), "criterion weakness", [who])
                        for x in _criterion_weaknesses(body)
                    ]
                )
        else:
            for who, body in sources:
                per_source.append([Concern(_clean(x), category, [who]) for x in _items(body, keys)])
        # round-robin: each reviewer's first point, then each one's second, ...
        depth = max((len(s) for s in per_source), default=0)
        for i in range(depth):
            for s in per_source:
                if i < len(s):
                    ordered.append(s[i])
    merged: list[Concern] = []
    for c in ordered:
        if not c.text:
            continue
        twin = next((m for m in merged if _similar(m.text, c.text)), None)
        if twin is None:
            merged.append(c)
        elif c.reviewers[0] not in twin.reviewers:
            twin.reviewers.append(c.reviewers[0])
    return merged


def _context(assessment: dict[str, Any], max_tokens: int) -> str:
    lines = []
    for r in assessment.get("reviews") or []:
        if not isinstance(r, dict):
            continue
        body = r.get("body") if isinstance(r.get("body"), dict) else {}
        rating = r.get("rating") if r.get("rating") is not None else body.get("rating")
        rec = r.get("recommendation") or body.get("recommendation")
        head = f"- {_label(r)}: rating {rating if rating is not None else 'n/a'}" + (
            f", {rec}" if rec else ""
        )
        summary = _clean(body.get("summary") or "")
        lines.append(head + (f". {truncate_sentences(summary, 75)}" if summary else ""))
    votes = [v for v in assessment.get("votes") or [] if isinstance(v, dict)]
    if votes:
        tally = {
            d: sum(1 for v in votes if v.get("decision") == d)
            for d in ("accept", "reject", "abstain")
        }
        lines.append(
            f"- votes: {tally['accept']} accept, {tally['reject']} reject, {tally['abstain']} abstain"
        )
    for d in assessment.get("decisions") or []:
        if isinstance(d, dict):
            lines.append(
                f"- decision (round {d.get('round')}): {d.get('outcome')} ({d.get('rule', '')})"
            )
    text = "\n".join(lines)
    return text if estimate_tokens(text) <= max_tokens else truncate_sentences(text, max_tokens)


def digest(
    assessment: dict[str, Any], *, max_tokens: int = 3000, max_concerns: int = MAX_CONCERNS
) -> Digest:
    """Numbered concerns and context for the prompt, within ``max_tokens``."""
    concerns = collect_concerns(assessment)
    context = _context(assessment, max_tokens // 4)
    budget = max_tokens - estimate_tokens(context) - 20
    kept: list[Concern] = []
    used = 0
    for c in concerns:
        cost = estimate_tokens(c.text) + estimate_tokens(c.source) + 4
        if len(kept) >= max_concerns or used + cost > budget:
            break
        kept.append(c)
        used += cost
    for i, c in enumerate(kept, start=1):
        c.id = i
    return Digest(concerns=kept, omitted=concerns[len(kept) :], context=context)
