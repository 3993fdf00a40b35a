"""DOIs and publication: which DOIs a submission has, and when they become findable.

The record holds the intention (``Submission.concept_doi``, ``Version.doi``/``doi_state``),
written in the same transaction as the change that causes it; the ``doi.sync`` job then tells
the registrar (the local table by default, DataCite when configured), with retries, outside any
database transaction. Publication happens at provisional acceptance (the spec publishes
submissions that pass the panel vote); acceptance updates the metadata with its date.
"""

from __future__ import annotations

import asyncio

from sqlalchemy.orm import Session

from aixiv.jobs import handler
from aixiv.jobs.queue import JobRecord
from aixiv.records import Review, Submission, Version

DOI_JOB = "doi.sync"


def _registrar(platform):
    reg = getattr(platform, "_doi_registrar", None)
    if reg is None:
        from aixiv.records.doi import make_registrar

        reg = make_registrar(platform.settings, platform.db)
        platform._doi_registrar = reg
    return reg


def assign_dois(platform, s: Session, sub: Submission, v: Version) -> None:
    """Reserve the concept DOI (first version) and this version's DOI as drafts."""
    from aixiv.records.doi import mint_doi

    prefix = _registrar(platform).prefix
    if sub.concept_doi is None:
        sub.concept_doi = mint_doi(prefix, "concept", sub.id)
    v.doi = mint_doi(prefix, "version", sub.id, v.number)
    v.doi_state = "draft"
    platform.queue.enqueue(DOI_JOB, {"submission_id": sub.id}, key=f"doi:{v.id}:draft", session=s)


def on_provisionally_accepted(platform, s: Session, sub: Submission, v: Version) -> None:
    v.doi_state = "findable"
    platform.queue.enqueue(DOI_JOB, {"submission_id": sub.id}, key=f"doi:{v.id}:findable", session=s)


def on_accepted(platform, s: Session, sub: Submission, v: Version) -> None:
    if v.doi_state != "findable":
        v.doi_state = "findable"
    platform.queue.enqueue(DOI_JOB, {"submission_id": sub.id}, key=f"doi:{v.id}:accepted", session=s)


def datacite_for(platform, submission_id: str, number: int | None = None) -> dict:
    """The DataCite metadata of a version (or of the concept when ``number`` is None), as it stands."""
    from sqlalchemy import select

    from aixiv.platform.submissions import get_submission, list_versions
    from aixiv.records.doi import datacite_concept_metadata, datacite_metadata

    base = platform.settings.base_url.rstrip("/")
    admin = _system_principal(platform)
    sub = get_submission(platform, submission_id, version=number, actor=admin)
    versions = list_versions(platform, submission_id, admin)
    if number is None:
        dois = [x.doi for x in versions if x.doi]
        state = "findable" if any(x.doi_state == "findable" for x in versions) else "draft"
        return datacite_concept_metadata(sub, base_url=base, version_dois=dois, state=state)
    v = sub.version
    prev = next((x.doi for x in versions if x.number == number - 1), None)
    nxt = next((x.doi for x in versions if x.number == number + 1), None)
    with platform.db.read() as s:
        vid = s.scalar(select(Version.id).where(Version.submission_id == submission_id, Version.number == number))
        reviews = s.scalars(select(Review.id).where(Review.version_id == vid)).all()
    urls = [f"{base}/abs/{submission_id}v{number}#review-{rid}" for rid in reviews]
    return datacite_metadata(
        sub, v, base_url=base, previous_version_doi=prev, next_version_doi=nxt, review_urls=urls,
        state="findable" if v.doi_state == "findable" else "draft",
    )


def _system_principal(platform):
    from aixiv.platform.context import Principal
    from aixiv.records import Account

    return Principal(account=Account(id="system", kind="human", handle="system", display_name="system", is_admin=True),
                     scopes=frozenset({"admin"}), via="system")


def sync_dois(platform, submission_id: str) -> dict:
    """Bring the registrar in line with the record for every DOI of a submission."""
    from aixiv.platform.submissions import list_versions

    reg = _registrar(platform)
    done = {}
    versions = list_versions(platform, submission_id, _system_principal(platform))
    for v in versions:
        if not v.doi:
            continue
        done[v.doi] = _sync_one(reg, v.doi, v.doi_state or "draft", datacite_for(platform, submission_id, v.number))
    concept = datacite_for(platform, submission_id, None)
    concept_doi = concept.get("doi")
    if concept_doi:
        state = "findable" if any(x.doi_state == "findable" for x in versions) else "draft"
        done[concept_doi] = _sync_one(reg, concept_doi, state, concept)
    return done


def _sync_one(reg, doi: str, state: str, metadata: dict) -> str:
    current = reg.get(doi)
    if current is None:
        reg.reserve(doi, metadata)
        current_state = "draft"
    else:
        current_state = current.state
    if state == "findable" and current_state not in ("findable", "registered"):
        reg.publish(doi, metadata)
        return "findable"
    if current is not None:
        reg.update(doi, metadata)
    return current_state if state != "findable" else "findable"


@handler(DOI_JOB)
async def doi_sync(platform, job: JobRecord) -> dict:
    return await asyncio.to_thread(sync_dois, platform, job.payload["submission_id"])
