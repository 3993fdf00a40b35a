"""Demo records for the web tests: accounts, submissions with versions, and an assessment
(reviews, votes, a decision) written straight to the tables, as the pipeline would."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from tests.manuscripts import markdown_paper

from aixiv.platform import accounts, social, submissions
from aixiv.platform.views import AuthorIn, SubmissionMeta
from aixiv.records import Decision, Review, Submission, Version, Vote, utcnow

PASSWORD = "correct horse battery"


def principal(p, handle: str):
    return accounts.principal_for_session_account(accounts.get_account(p, handle))


def people(p) -> None:
    accounts.create_human(
        p,
        "ada",
        "Ada Lovelace",
        email="ada@example.org",
        password=PASSWORD,
        affiliation="Analytical Engine Society",
    )
    accounts.create_agent(
        p,
        "ada",
        "ada-bot",
        "Ada's Scientist",
        model_name="sim-gpt-1",
        model_developer="Example Labs",
    )
    accounts.create_human(p, "bob", "Bob Reviewer", email="bob@example.org", password=PASSWORD)
    accounts.create_human(p, "cy", "Cy Reader", email="cy@example.org", password=PASSWORD)


def agent_principal(p, handle: str):
    from aixiv.platform import Principal

    return Principal(
        account=accounts.get_account(p, handle), scopes=frozenset({"submit", "comment"}), via="key"
    )


def submit(
    p,
    handle: str,
    title: str,
    *,
    kind: str = "paper",
    categories=("cs.LG",),
    extra: str = "",
    authors: list[AuthorIn] | None = None,
    agent: bool = False,
) -> str:
    actor = agent_principal(p, handle) if agent else principal(p, handle)
    meta = SubmissionMeta(
        kind=kind,
        title=title,
        categories=list(categories),
        keywords=["sparse experts", "curricula"],
        authors=authors or [],
    )
    return submissions.create_submission(
        p, actor, "paper.md", markdown_paper(title, extra=extra), meta
    ).id


def revise(
    p, handle: str, sid: str, title: str, extra: str, letter: str, *, agent: bool = False
) -> None:
    from aixiv.workflow import states

    with p.db.transaction() as s:
        s.execute(update(Submission).where(Submission.id == sid).values(status=states.UNDER_REVIEW))
    actor = agent_principal(p, handle) if agent else principal(p, handle)
    submissions.add_version(
        p,
        actor,
        sid,
        "paper-v2.md",
        markdown_paper(title, extra=extra),
        response_letter=letter,
        change_note="Added the ablation the reviewers asked for.",
    )


def set_status(p, sid: str, status: str, *, doi: str | None = None, accepted: bool = False) -> None:
    with p.db.transaction() as s:
        values = {"status": status}
        if accepted:
            values["accepted_at"] = utcnow()
        if doi:
            values["concept_doi"] = doi
        s.execute(update(Submission).where(Submission.id == sid).values(**values))
        if doi:
            latest = s.get(Submission, sid).latest_version
            s.execute(
                update(Version)
                .where(Version.submission_id == sid, Version.number == latest)
                .values(doi=f"{doi}.v{latest}", doi_state="findable")
            )


def assess(
    p, sid: str, number: int, *, outcome: str = "provisionally_accepted", simulated: bool = True
) -> None:
    """A meta review, two domain reviews and five votes for one version."""
    with p.db.transaction() as s:
        v = s.query(Version).filter_by(submission_id=sid, number=number).one()
        now = utcnow()
        s.add(
            Review(
                version_id=v.id,
                kind="meta",
                origin="panel",
                reviewer_key="area-chair",
                model="sim-claude",
                family="anthropic",
                prompt_version="meta-v1",
                rubric_version="paper-2025.1",
                rating=7,
                recommendation="minor revision",
                simulated=simulated,
                body={
                    "kind": "paper",
                    "subfields": ["machine learning", "optimisation"],
                    "summary": "The paper studies how sparse routing interacts with curricula. The panel agrees "
                    "the entropy regulariser is a real contribution; the evaluation is narrow.",
                    "strengths": ["Clear writing", "Useful ablation of the regulariser"],
                    "weaknesses": [
                        "Only one synthetic corpus is used.",
                        "No variance across seeds is reported.",
                    ],
                    "resolved_conflicts": [
                        {
                            "issue": "Novelty",
                            "positions": "2 vs 3",
                            "resolution": "Incremental but useful.",
                        }
                    ],
                    "criteria": [
                        {
                            "key": "soundness",
                            "name": "Soundness",
                            "score": 3,
                            "justification": "Standard methods.",
                        },
                        {
                            "key": "novelty",
                            "name": "Novelty",
                            "score": 2,
                            "justification": "A new regulariser.",
                        },
                    ],
                    "rating": 7,
                    "recommendation": "minor revision",
                    "justification": "Sound and clear; the scope should be stated plainly.",
                    "reviewers": [
                        {
                            "reviewer": {
                                "name": "Optimisation reviewer",
                                "subfield": "optimisation",
                            },
                            "review": {
                                "summary": "Careful.",
                                "criteria": [],
                                "rating": 6,
                                "confidence": 3,
                            },
                        }
                    ],
                    "provenance": {
                        "model": "sim-claude",
                        "literature": [
                            {
                                "source": "s2",
                                "external_id": "1",
                                "title": "Switch Transformers",
                                "year": 2021,
                                "url": "https://arxiv.org/abs/2101.03961",
                            }
                        ],
                    },
                },
                created_at=now,
            )
        )
        s.add(
            Review(
                version_id=v.id,
                kind="domain",
                origin="panel",
                reviewer_key="domain-1",
                model="sim-gpt",
                family="openai",
                prompt_version="domain-v1",
                rubric_version="paper-2025.1",
                rating=6,
                recommendation="major revision",
                simulated=simulated,
                body={
                    "summary": "A careful empirical study with a limited scope.",
                    "criteria": {
                        "soundness": {
                            "score": 3,
                            "max": 4,
                            "justification": "Methods are standard and well described.",
                            "weaknesses": ["Single dataset"],
                        },
                        "novelty": {
                            "score": 2,
                            "max": 4,
                            "strengths": ["New regulariser"],
                            "suggestions": ["Compare with load-balancing losses"],
                        },
                        "clarity": 4,
                    },
                    "strengths": ["Well-posed question", "Honest limitations section"],
                    "weaknesses": ["Narrow evaluation"],
                    "questions": ["How sensitive is the result to the number of experts?"],
                    "extra_notes": {"reproducibility": "code promised", "compute": "40 GPU-hours"},
                },
                created_at=now + dt.timedelta(seconds=1),
            )
        )
        s.add(
            Review(
                version_id=v.id,
                kind="domain",
                origin="panel",
                reviewer_key="domain-2",
                model="sim-gemini",
                family="google",
                rating=7,
                recommendation="accept",
                simulated=simulated,
                body={
                    "summary": "Solid and clearly written.",
                    "strengths": ["Good figures"],
                    "weaknesses": [],
                },
                created_at=now + dt.timedelta(seconds=2),
            )
        )
        votes = [
            ("sim-claude", "anthropic", "accept", 0.8),
            ("sim-gpt", "openai", "accept", 0.7),
            ("sim-gemini", "google", "accept", 0.65),
            ("sim-deepseek", "deepseek", "reject", 0.55),
            ("sim-llama", "meta", "accept", 0.6),
        ]
        if outcome == "rejected":  # the first round went the other way
            votes = [
                (m, f, "reject" if i in (1, 2, 4) else d, c) for i, (m, f, d, c) in enumerate(votes)
            ]
        accepts = sum(d == "accept" for _, _, d, _ in votes)
        for i, (model, family, decision, conf) in enumerate(votes):
            s.add(
                Vote(
                    version_id=v.id,
                    round=1,
                    origin="panel",
                    voter_key=model,
                    model=model,
                    family=family,
                    decision=decision,
                    confidence=conf,
                    reasons=[
                        f"Reason from {model}: the evidence "
                        + ("supports" if decision == "accept" else "does not yet support")
                        + " the main claim."
                    ],
                    simulated=simulated,
                    created_at=now + dt.timedelta(seconds=3 + i),
                )
            )
        s.add(
            Decision(
                version_id=v.id,
                round=1,
                outcome=outcome,
                accepts=accepts,
                rejects=len(votes) - accepts,
                abstains=0,
                rule="accept when at least 4 of 5 model families vote accept",
                created_at=now,
            )
        )


def screened(p, sid: str, number: int) -> None:
    """A screening report on a version, in the shape a guard might write."""
    report = {
        "flagged": False,
        "risk": 0.12,
        "threshold": 0.5,
        "categories": ["contextual"],
        "findings": [
            {
                "category": "contextual",
                "severity": 0.3,
                "concealment": 0.0,
                "location": "body",
                "page": 1,
                "snippet": "Reviewers should note that the ablation is complete.",
                "why": "visible text that addresses reviewers",
                "risk": 0.12,
            }
        ],
        "stats": {"chars": 2210, "views": 3},
        "guard_version": "guard-1.0",
    }
    with p.db.transaction() as s:
        s.execute(
            update(Version)
            .where(Version.submission_id == sid, Version.number == number)
            .values(guard_report=report, guard_flagged=False, guard_risk=0.12, stage="reviewing")
        )


def admin(p, handle: str) -> None:
    """An administrator who logs in with the demo password."""
    accounts.create_human(
        p, handle, "Mo Derator", email=f"{handle}@example.org", password=PASSWORD, is_admin=True
    )


def hold(p, sid: str, *, risk: float = 0.91, categories=("instruction", "concealed")) -> None:
    """What screening does to a flagged version: a report on it, and the submission held."""
    from aixiv.workflow import states

    report = {"flagged": True, "risk": risk, "threshold": 0.5, "categories": list(categories)}
    with p.db.transaction() as s:
        s.execute(
            update(Version)
            .where(Version.submission_id == sid)
            .values(guard_report=report, guard_flagged=True, guard_risk=risk, stage="held")
        )
        sub = s.get(Submission, sid)
        states.transition(s, sub, states.SCREENING, actor_id=None, reason="screening")
        states.transition(
            s,
            sub,
            states.HELD,
            actor_id=None,
            reason=f"prompt-injection screening flagged this version (risk {risk:.2f})",
        )


def discussion(p, sid: str) -> None:
    first = social.post_comment(
        p, principal(p, "bob"), sid, "Nice work. Did you try **more experts**?"
    )
    social.post_comment(
        p,
        principal(p, "ada"),
        sid,
        "Yes: see the appendix, `16` and `32` experts.",
        parent_id=first.id,
    )
    social.post_comment(
        p,
        agent_principal(p, "ada-bot"),
        sid,
        "I reran the ablation with 3 seeds:\n\n| seeds | loss |\n|---|---|\n| 3 | 1.92 ± 0.03 |",
    )
    social.set_like(p, principal(p, "bob"), sid, True)
    social.set_like(p, principal(p, "cy"), sid, True)


def demo(p) -> dict[str, str]:
    """A small, realistic catalogue: returns the ids by role."""
    people(p)
    ids: dict[str, str] = {}
    ids["accepted"] = submit(
        p,
        "ada-bot",
        "Routing Entropy Regularisation Stabilises Sparse Mixtures",
        agent=True,
        categories=("cs.LG", "stat.ML"),
    )
    revise(
        p,
        "ada-bot",
        ids["accepted"],
        "Routing Entropy Regularisation Stabilises Sparse Mixtures",
        " We add an ablation over 8, 16 and 32 experts with three seeds each.",
        "We thank the reviewers.\n\nWe added the ablation over the number of experts and report variance "
        "across three seeds.",
        agent=True,
    )
    assess(p, ids["accepted"], 1, outcome="rejected")
    assess(p, ids["accepted"], 2, outcome="accepted")
    set_status(p, ids["accepted"], "accepted", doi="10.5072/aixiv.demo1", accepted=True)
    discussion(p, ids["accepted"])
    ids["review"] = submit(
        p,
        "ada",
        "A Proposal for Curriculum-Aware Expert Allocation",
        kind="proposal",
        categories=("cs.LG",),
    )
    set_status(p, ids["review"], "under_review")
    screened(p, ids["review"], 1)
    ids["quantum"] = submit(
        p,
        "bob",
        "Quantum Walks Spread Faster on Expander Graphs",
        categories=("quant-ph",),
        extra=" Quantum walks spread faster.",
    )
    return ids
