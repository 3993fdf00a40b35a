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
from aixiv.jobs.worker import LOCAL
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
    from aixiv.platform.submissions import get_submission, list_versions

    admin = _system_principal(platform)
    sub = get_submission(platform, submission_id, version=number, actor=admin)
    versions = list_versions(platform, submission_id, admin)
    if number is None:
        return _concept_metadata(platform, sub, versions)
    return _version_metadata(platform, sub, versions, _review_ids(platform, submission_id).get(number, []))


def _review_ids(platform, submission_id: str) -> dict[int, list[str]]:
    """The ids of every review of a submission, by version number."""
    from sqlalchemy import select

    out: dict[int, list[str]] = {}
    with platform.db.read() as s:
        rows = s.execute(
            select(Review.id, Version.number).join(Version, Version.id == Review.version_id)
            .where(Version.submission_id == submission_id).order_by(Review.created_at, Review.id)
        )
        for rid, number in rows:
            out.setdefault(number, []).append(rid)
    return out


def _concept_metadata(platform, sub, versions) -> dict:
    from aixiv.records.doi import datacite_concept_metadata

    dois = [x.doi for x in versions if x.doi]
    state = "findable" if any(x.doi_state == "findable" for x in versions) else "draft"
    return datacite_concept_metadata(sub, base_url=platform.settings.base_url.rstrip("/"), version_dois=dois, state=state)


def _version_metadata(platform, sub, versions, review_ids: list[str]) -> dict:
    from aixiv.records.doi import datacite_metadata

    base = platform.settings.base_url.rstrip("/")
    v = sub.version
    number = v.number
    prev = next((x.doi for x in versions if x.number == number - 1), None)
    nxt = next((x.doi for x in versions if x.number == number + 1), None)
    urls = [f"{base}/abs/{sub.id}v{number}#review-{rid}" for rid in review_ids]
    return datacite_metadata(
        sub, v, base_url=base, previous_version_doi=prev, next_version_doi=nxt, review_urls=urls,
        state="findable" if v.doi_state == "findable" else "draft",
    )


def _system_principal(platform):
    from aixiv.platform.context import Principal
    from aixiv.records import Account

    return Principal(account=Account(id="system", kind="human", handle="system", display_name="system", is_admin=True),
                     scopes=frozenset({"admin"}), via="system")


def sync_dois(platform, submission_id: str, job: JobRecord | None = None) -> dict:
    """Bring the registrar in line with the record for every DOI of a submission.

    The record is read once (the versions, each version's view, their review ids); the concept's
    metadata is built from the newest version's view. With the local registrar, ``job`` (the
    running ``doi.sync``) is marked done in the same transaction as the registrations.
    """
    from aixiv.platform.submissions import get_submission, list_versions

    reg = _registrar(platform)
    admin = _system_principal(platform)
    versions = list_versions(platform, submission_id, admin)
    with_doi = [v for v in versions if v.doi]
    reviews = _review_ids(platform, submission_id)
    latest = None
    wanted: list[tuple[str, str, dict]] = []  # (doi, state, metadata)
    for v in with_doi:
        view = get_submission(platform, submission_id, version=v.number, actor=admin)
        latest = view if latest is None or view.version.number > latest.version.number else latest
        wanted.append((v.doi, v.doi_state or "draft", _version_metadata(platform, view, versions, reviews.get(v.number, []))))
    if latest is None:
        latest = get_submission(platform, submission_id, actor=admin)
    concept = _concept_metadata(platform, latest, versions)
    if concept.get("doi"):
        state = "findable" if any(x.doi_state == "findable" for x in versions) else "draft"
        wanted.append((concept["doi"], state, concept))
    if getattr(reg, "transactional", False):
        # the local registrar: every DOI of the submission in one transaction
        with platform.db.transaction() as s:
            result = {doi: _sync_one(reg, doi, state, meta, session=s) for doi, state, meta in wanted}
            if job is not None:
                platform.queue.complete_in(s, job, result)
            return result
    return {doi: _sync_one(reg, doi, state, meta) for doi, state, meta in wanted}


def _sync_one(reg, doi: str, state: str, metadata: dict, **kw) -> str:
    current = reg.get(doi, **kw)
    if current is None:
        reg.reserve(doi, metadata, **kw)
        current_state = "draft"
    else:
        current_state = current.state
    if state == "findable" and current_state not in ("findable", "registered"):
        reg.publish(doi, metadata, **kw)
        return "findable"
    if current is not None:
        reg.update(doi, metadata, **kw)
    return current_state if state != "findable" else "findable"


@handler(DOI_JOB, lane=LOCAL)
async def doi_sync(platform, job: JobRecord) -> dict:
    return await asyncio.to_thread(sync_dois, platform, job.payload["submission_id"], job)
