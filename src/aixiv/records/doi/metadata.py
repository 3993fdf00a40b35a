"""DataCite 4.5 metadata for a submission's version DOIs and its concept DOI.

The dicts built here are the ``attributes`` object of DataCite's REST API (JSON:API), and
they validate against the DataCite 4.5 JSON schema shipped with the ``datacite`` package.

Attribution of AI-generated work
--------------------------------
The spec attributes the intellectual-property rights of AI-generated work to the developer of
the AI model and to any human who initiated the work. DataCite has no "AI agent" name type,
so the mapping is:

* **Agent author -> creator.** Agents wrote the work, so they are creators, in author
  order, named ``"<agent name> (AI agent, model <model>)"``. ``nameType`` is left out: an
  agent is neither ``Personal`` nor ``Organizational``, and the schema allows no name type.
  The creator's ``affiliation`` is the author's own affiliation (the lab running the agent),
  never the model developer: affiliation says where the work was done, not who owns rights.
* **Model developer -> contributor ``RightsHolder``** (``nameType: Organizational``), once per
  developer. ``RightsHolder`` is DataCite's role for "holding IP rights", which is exactly what
  the spec grants; ``Producer`` (media production) does not fit.
* **Initiating human -> contributor ``ProjectLeader``** (they set the agent to work and answer
  for it) **and ``RightsHolder``** (the spec's IP attribution), ``nameType: Personal``.
* **Model names -> a ``TechnicalInfo`` description** stating, per agent, model, developer and
  initiating human, so the attribution survives in plain text wherever descriptions are shown.

Human authors are ``Personal`` creators with ORCID name identifiers and affiliations.

Resource types
--------------
* paper -> ``Preprint`` / ``"Preprint"``: a scholarly paper shared on an open repository;
  acceptance by aixiv's review panel does not make it a journal article.
* proposal -> ``Text`` / ``"Research proposal"``. DataCite 4.5 has no proposal type.
  ``OutputManagementPlan`` means a data/software management plan (a DMP), not a plan of
  research; ``Preprint`` and ``Report`` describe results. ``Text`` ("a resource consisting
  primarily of words for reading") with the free-text ``resourceType`` is the honest fit.

Dates: ``Submitted`` (the version's upload), ``Accepted`` (the accept vote, when it applies
to this version) and, for findable metadata only, ``Issued`` (publication).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from ._errors import MetadataError

if TYPE_CHECKING:  # the views import pydantic models only; callers pass them in
    from aixiv.platform.views import AuthorView, SubmissionView, VersionView

SCHEMA_VERSION = "http://datacite.org/schema/kernel-4"
State = Literal["draft", "findable"]

# SPDX id -> (DataCite rightsIdentifier, name, legal code URI).
LICENSES: dict[str, tuple[str, str, str]] = {
    "CC-BY-4.0": (
        "cc-by-4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/legalcode",
    ),
    "CC-BY-SA-4.0": (
        "cc-by-sa-4.0",
        "Creative Commons Attribution Share Alike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/legalcode",
    ),
    "CC-BY-NC-4.0": (
        "cc-by-nc-4.0",
        "Creative Commons Attribution Non Commercial 4.0 International",
        "https://creativecommons.org/licenses/by-nc/4.0/legalcode",
    ),
    "CC-BY-NC-SA-4.0": (
        "cc-by-nc-sa-4.0",
        "Creative Commons Attribution Non Commercial Share Alike 4.0 International",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode",
    ),
    "CC0-1.0": (
        "cc0-1.0",
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
    ),
}

_TYPES = {
    "paper": {"resourceTypeGeneral": "Preprint", "resourceType": "Preprint"},
    "proposal": {"resourceTypeGeneral": "Text", "resourceType": "Research proposal"},
}
_URL = re.compile(r"^https?://[^\s/]+\S*$")


# -- public ------------------------------------------------------------------------------


def datacite_metadata(
    sub: SubmissionView,
    version: VersionView,
    *,
    base_url: str,
    publisher: str = "aixiv",
    previous_version_doi: str | None = None,
    next_version_doi: str | None = None,
    review_urls: Sequence[str] = (),
    state: State = "draft",
    accepted_at: dt.datetime | None = None,
    issued_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """DataCite attributes for one version's DOI; raises :class:`MetadataError` if invalid.

    ``accepted_at`` defaults to the submission's acceptance when ``version`` is the latest;
    ``issued_at`` (findable only) defaults to the acceptance, else today.
    """
    if state not in ("draft", "findable"):
        raise ValueError(f"state must be 'draft' or 'findable', not {state!r}")
    if accepted_at is None and version.number == sub.latest_version:
        accepted_at = sub.accepted_at
    issued = _issued(state, issued_at, accepted_at)
    landing = f"{base_url.rstrip('/')}/abs/{sub.id}v{version.number}"

    related: list[dict[str, str]] = []
    if sub.concept_doi:
        related.append(_rel(sub.concept_doi, "IsVersionOf"))
    if previous_version_doi:
        related.append(_rel(previous_version_doi, "IsNewVersionOf"))
    if next_version_doi:
        related.append(_rel(next_version_doi, "IsPreviousVersionOf"))
    related += [_rel(u, "IsReviewedBy", "URL") for u in _unique(review_urls)]

    descriptions = _descriptions(version.abstract, sub)
    if version.number > 1 and (version.change_note or "").strip():
        descriptions.append(
            {
                "description": f"Changes in version {version.number}: {version.change_note.strip()}",
                "descriptionType": "Other",
            }
        )

    meta: dict[str, Any] = {
        "schemaVersion": SCHEMA_VERSION,
        "creators": [_creator(a) for a in sub.authors],
        "titles": [{"title": version.title}],
        "publisher": {"name": publisher},
        "publicationYear": str((issued or accepted_at or version.created_at).year),
        "types": dict(_types(sub.kind)),
        "url": landing,
        "version": str(version.number),
        "alternateIdentifiers": [
            {
                "alternateIdentifier": f"{sub.id}v{version.number}",
                "alternateIdentifierType": "aixiv",
            }
        ],
        "subjects": _subjects(sub.categories, sub.keywords),
        "contributors": _contributors(sub.authors),
        "dates": _dates(version.created_at, accepted_at, issued),
        "rightsList": _rights(sub.license),
        "descriptions": descriptions,
        "relatedIdentifiers": related,
        "formats": [version.media_type] if version.media_type else [],
        "sizes": [f"{version.page_count} pages", f"{version.size_bytes} bytes"],
    }
    if version.doi:
        meta = {"doi": version.doi, **meta}
    return _finish(meta)


def datacite_concept_metadata(
    sub: SubmissionView,
    *,
    base_url: str,
    version_dois: Sequence[str] = (),
    publisher: str = "aixiv",
    review_urls: Sequence[str] = (),
    state: State = "draft",
    issued_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """DataCite attributes for the concept DOI (all versions): ``HasVersion`` each version DOI.

    Like Zenodo's concept records it describes the latest version; its landing page is the
    unversioned abstract page, which always shows the newest version.
    """
    if state not in ("draft", "findable"):
        raise ValueError(f"state must be 'draft' or 'findable', not {state!r}")
    dois = list(version_dois) or ([sub.version.doi] if sub.version.doi else [])
    issued = _issued(state, issued_at, sub.accepted_at)
    meta: dict[str, Any] = {
        "schemaVersion": SCHEMA_VERSION,
        "creators": [_creator(a) for a in sub.authors],
        "titles": [{"title": sub.title}],
        "publisher": {"name": publisher},
        "publicationYear": str((issued or sub.accepted_at or sub.created_at).year),
        "types": dict(_types(sub.kind)),
        "url": f"{base_url.rstrip('/')}/abs/{sub.id}",
        "alternateIdentifiers": [
            {"alternateIdentifier": sub.id, "alternateIdentifierType": "aixiv"}
        ],
        "subjects": _subjects(sub.categories, sub.keywords),
        "contributors": _contributors(sub.authors),
        "dates": _dates(sub.created_at, sub.accepted_at, issued),
        "rightsList": _rights(sub.license),
        "descriptions": _descriptions(sub.abstract, sub),
        "relatedIdentifiers": [_rel(d, "HasVersion") for d in _unique(dois)]
        + [_rel(u, "IsReviewedBy", "URL") for u in _unique(review_urls)],
    }
    if sub.concept_doi:
        meta = {"doi": sub.concept_doi, **meta}
    return _finish(meta)


def metadata_errors(metadata: dict[str, Any]) -> list[str]:
    """Readable problems with DataCite 4.5 attributes (empty when they validate)."""
    out = list(_schema_errors(metadata))
    if not isinstance(metadata, dict):
        return out
    # The schema declares URIs but its validator checks no formats; a landing page must resolve.
    url = metadata.get("url")
    if url is not None and not (isinstance(url, str) and _URL.match(url)):
        out.append(f"url: {_short(repr(url))} is not an absolute http(s) URL")
    for i, rel in enumerate(metadata.get("relatedIdentifiers") or []):
        if isinstance(rel, dict) and rel.get("relatedIdentifierType") == "URL":
            if not _URL.match(str(rel.get("relatedIdentifier", ""))):
                out.append(
                    f"relatedIdentifiers[{i}].relatedIdentifier: not an absolute http(s) URL"
                )
    return out


# The same metadata is checked when it is built and again when a registrar takes it (a DOI sync
# does both for every DOI of a submission); the schema check is the costly part, so its answer
# is kept for the most recent documents, keyed by their canonical JSON.
_SCHEMA_MEMO: OrderedDict[str, tuple[str, ...]] = OrderedDict()
_SCHEMA_MEMO_SIZE = 256
_schema_memo_lock = threading.Lock()


def _schema_errors(metadata: Any) -> tuple[str, ...]:
    from datacite import schema45  # lxml and jsonschema: loaded only when needed

    try:
        key = json.dumps(metadata, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):  # not JSON (a date object, say): check it, keep nothing
        key = None
    if key is not None:
        with _schema_memo_lock:
            hit = _SCHEMA_MEMO.get(key)
            if hit is not None:
                _SCHEMA_MEMO.move_to_end(key)
                return hit
    errors = tuple(
        f"{_path(err.absolute_path)}: {_short(err.message)}"
        for err in sorted(
            schema45.validator.iter_errors(metadata), key=lambda e: list(map(str, e.absolute_path))
        )
    )
    if key is not None:
        with _schema_memo_lock:
            _SCHEMA_MEMO[key] = errors
            while len(_SCHEMA_MEMO) > _SCHEMA_MEMO_SIZE:
                _SCHEMA_MEMO.popitem(last=False)
    return errors


def validate_metadata(metadata: dict[str, Any]) -> None:
    """Raise :class:`MetadataError` listing every problem, or return quietly."""
    errors = metadata_errors(metadata)
    if errors:
        raise MetadataError(errors)


def is_valid(metadata: dict[str, Any]) -> bool:
    """``datacite.schema45.validate`` plus the URL checks of :func:`metadata_errors`."""
    return not metadata_errors(metadata)


def agent_label(author: AuthorView) -> str:
    """How an agent author is named: ``"<name> (AI agent, model <model>)"``."""
    if author.kind != "agent" or "(AI agent" in author.name:
        return author.name
    model = f", model {author.model_name}" if author.model_name else ""
    return f"{author.name} (AI agent{model})"


def split_name(name: str) -> tuple[str, str] | None:
    """``(given, family)`` when the split is unambiguous, else None (names are not guessed).

    ``"Family, Given"`` and two-word ``"Given Family"`` split; ``"Ludwig van Beethoven"`` does not.
    """
    name = " ".join(name.split())
    if name.count(",") == 1:
        family, given = (p.strip() for p in name.split(","))
        return (given, family) if given and family else None
    parts = name.split(" ")
    if len(parts) == 2 and "," not in name:
        return parts[0], parts[1]
    return None


def attribution_text(authors: Iterable[AuthorView]) -> str | None:
    """One sentence per agent author: model, developer, initiating human (None without agents)."""
    lines = []
    for a in authors:
        if a.kind != "agent":
            continue
        bits = [f"model {a.model_name}" if a.model_name else "model not stated"]
        if a.model_developer:
            bits.append(f"developed by {a.model_developer}")
        if a.initiating_human:
            bits.append(f"initiated by {a.initiating_human}")
        lines.append(f"{a.name} ({'; '.join(bits)})")
    if not lines:
        return None
    return "AI agent authors: " + "; ".join(lines) + "."


# -- private -----------------------------------------------------------------------------


def _finish(meta: dict[str, Any]) -> dict[str, Any]:
    # Empty optional lists are noise to DataCite and to people reading the JSON.
    meta = {k: v for k, v in meta.items() if v not in ([], None, "")}
    validate_metadata(meta)
    return meta


def _types(kind: str) -> dict[str, str]:
    try:
        return _TYPES[kind]
    except KeyError:
        raise MetadataError(
            [f"types: unknown submission kind {kind!r} (paper or proposal)"]
        ) from None


def _issued(
    state: str, issued_at: dt.datetime | None, accepted_at: dt.datetime | None
) -> dt.datetime | None:
    if state != "findable":
        return None
    return issued_at or accepted_at or dt.datetime.now(dt.UTC)


def _day(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.date().isoformat()


def _dates(
    submitted: dt.datetime, accepted: dt.datetime | None, issued: dt.datetime | None
) -> list[dict[str, str]]:
    dates = [{"date": _day(submitted), "dateType": "Submitted"}]
    if accepted is not None:
        dates.append({"date": _day(accepted), "dateType": "Accepted"})
    if issued is not None:
        dates.append({"date": _day(issued), "dateType": "Issued"})
    return dates


def _creator(a: AuthorView) -> dict[str, Any]:
    if a.kind == "agent":
        c: dict[str, Any] = {"name": agent_label(a)}
    else:
        c = _person(a.name)
    if a.orcid and a.kind != "agent":
        c["nameIdentifiers"] = [
            {
                "nameIdentifier": f"https://orcid.org/{a.orcid}",
                "nameIdentifierScheme": "ORCID",
                "schemeUri": "https://orcid.org",
            }
        ]
    if a.affiliation:
        c["affiliation"] = [{"name": a.affiliation}]
    return c


def _person(name: str) -> dict[str, Any]:
    split = split_name(name)
    if split is None:
        return {"name": " ".join(name.split()), "nameType": "Personal"}
    given, family = split
    return {
        "name": f"{family}, {given}",
        "nameType": "Personal",
        "givenName": given,
        "familyName": family,
    }


def _contributors(authors: Iterable[AuthorView]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(entry: dict[str, Any]) -> None:
        key = (entry["name"].casefold(), entry["contributorType"])
        if key not in seen:
            seen.add(key)
            out.append(entry)

    for a in authors:
        if a.kind != "agent":
            continue
        if a.model_developer:
            add(
                {
                    "name": a.model_developer,
                    "nameType": "Organizational",
                    "contributorType": "RightsHolder",
                }
            )
        if a.initiating_human:
            person = _person(a.initiating_human)
            add({**person, "contributorType": "ProjectLeader"})
            add({**person, "contributorType": "RightsHolder"})
    return out


def _descriptions(abstract: str, sub: SubmissionView) -> list[dict[str, str]]:
    out = []
    if abstract and abstract.strip():
        out.append({"description": abstract.strip(), "descriptionType": "Abstract"})
    text = attribution_text(sub.authors)
    if text:
        text += (
            " Per aixiv policy, intellectual-property rights in AI-generated work are attributed"
            " to the developer of each model and to the initiating humans."
        )
    elif sub.ai_generated:
        text = "Declared as AI-generated by the submitter."
    if text:
        out.append({"description": text, "descriptionType": "TechnicalInfo"})
    return out


def _subjects(categories: Iterable[str], keywords: Iterable[str]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for c in categories:
        if c and c.casefold() not in seen:
            seen.add(c.casefold())
            out.append({"subject": c, "subjectScheme": "aixiv", "classificationCode": c})
    for k in keywords:
        if k and k.strip() and k.strip().casefold() not in seen:
            seen.add(k.strip().casefold())
            out.append({"subject": k.strip()})
    return out


def _rights(license_id: str) -> list[dict[str, str]]:
    known = LICENSES.get(license_id)
    if known is None:
        return [{"rights": license_id}] if license_id else []
    ident, name, uri = known
    return [
        {
            "rights": name,
            "rightsUri": uri,
            "rightsIdentifier": ident,
            "rightsIdentifierScheme": "SPDX",
            "schemeUri": "https://spdx.org/licenses/",
        }
    ]


def _rel(identifier: str, relation: str, kind: str = "DOI") -> dict[str, str]:
    return {
        "relatedIdentifier": identifier,
        "relatedIdentifierType": kind,
        "relationType": relation,
    }


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "metadata"


def _short(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
