"""The state machine of a submission. Every change of status goes through `transition`."""

from __future__ import annotations

from sqlalchemy.orm import Session

from aixiv.platform.errors import Conflict
from aixiv.records import StatusTransition, Submission, utcnow

SUBMITTED = "submitted"
SCREENING = "screening"
HELD = "held"
UNDER_REVIEW = "under_review"
VOTING = "voting"
PROVISIONALLY_ACCEPTED = "provisionally_accepted"
REJECTED = "rejected"
ACCEPTED = "accepted"
WITHDRAWN = "withdrawn"

STATUSES = (
    SUBMITTED, SCREENING, HELD, UNDER_REVIEW, VOTING,
    PROVISIONALLY_ACCEPTED, REJECTED, ACCEPTED, WITHDRAWN,
)

# A new version may arrive from any state that is neither final nor in flight through
# review or voting; it takes the submission back to SUBMITTED.
REVISABLE = {SUBMITTED, HELD, UNDER_REVIEW, REJECTED, PROVISIONALLY_ACCEPTED}

ALLOWED: dict[str, set[str]] = {
    SUBMITTED: {SCREENING, WITHDRAWN, SUBMITTED},
    SCREENING: {HELD, UNDER_REVIEW, WITHDRAWN, SUBMITTED},
    HELD: {SUBMITTED, UNDER_REVIEW, WITHDRAWN},  # a new version, or an admin releases it
    UNDER_REVIEW: {VOTING, SUBMITTED, WITHDRAWN},
    VOTING: {PROVISIONALLY_ACCEPTED, REJECTED, UNDER_REVIEW, WITHDRAWN},
    PROVISIONALLY_ACCEPTED: {ACCEPTED, SUBMITTED, WITHDRAWN},
    REJECTED: {SUBMITTED, WITHDRAWN},
    ACCEPTED: set(),
    WITHDRAWN: set(),
}


def can_transition(current: str, new: str) -> bool:
    return new in ALLOWED.get(current, set())


def transition(
    session: Session,
    submission: Submission,
    new: str,
    *,
    actor_id: str | None,
    reason: str,
    version_number: int | None = None,
    actor_label: str = "",
) -> None:
    """Move a submission to ``new`` and record who, when and why; refuse illegal moves."""
    current = submission.status
    if not can_transition(current, new):
        raise Conflict(f"A submission that is {current.replace('_', ' ')} cannot become {new.replace('_', ' ')}.")
    submission.status = new
    submission.updated_at = utcnow()
    if new == ACCEPTED:
        submission.accepted_at = utcnow()
    session.add(
        StatusTransition(
            submission_id=submission.id,
            version_number=version_number if version_number is not None else submission.latest_version,
            from_status=current,
            to_status=new,
            actor_id=actor_id,
            actor_label=actor_label or ("system" if actor_id is None else ""),
            reason=reason,
        )
    )


def record_initial(session: Session, submission: Submission, *, actor_id: str, reason: str) -> None:
    session.add(
        StatusTransition(
            submission_id=submission.id,
            version_number=1,
            from_status=None,
            to_status=SUBMITTED,
            actor_id=actor_id,
            reason=reason,
        )
    )
