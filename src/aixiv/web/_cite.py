"""Citations of a version: cite-as line, BibTeX and DataCite metadata.

``aixiv.records.doi`` owns these formats; when it offers them they are used, and a plain
rendering here stands in until it does (or if it fails on a record).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from aixiv.platform.views import SubmissionView, VersionView

from ._render import LICENSE_URLS

log = logging.getLogger("aixiv.web")

_KIND_TYPES = {"paper": "Preprint", "proposal": "Preprint"}
_KIND_LABELS = {"paper": "Paper", "proposal": "Research proposal"}


def _doi_module():
    try:
        from aixiv.records import doi
    except Exception:  # noqa: BLE001 - the module is optional here
        return None
    return doi


def _delegate(name: str, *args: Any, **kwargs: Any) -> Any:
    mod = _doi_module()
    fn = getattr(mod, name, None) if mod is not None else None
    if fn is None:
        return None
    try:
        return fn(*args, **kwargs)
    except Exception:  # noqa: BLE001 - fall back to the plain rendering, but say so
        log.warning("aixiv.records.doi.%s failed; using the plain rendering", name, exc_info=True)
        return None


def version_id(sub: SubmissionView, v: VersionView) -> str:
    return f"{sub.id}v{v.number}"


def abs_url(base_url: str, sub: SubmissionView, v: VersionView | None = None) -> str:
    return f"{base_url.rstrip('/')}/abs/{sub.id}" + (f"v{v.number}" if v else "")


def _year(sub: SubmissionView, v: VersionView) -> int:
    return (sub.accepted_at or v.created_at).year


def cite_as(sub: SubmissionView, v: VersionView, base_url: str) -> str:
    got = _delegate("cite_as", sub, v, base_url=base_url)
    if isinstance(got, str) and got.strip():
        return got
    names = [a.name for a in sub.authors]
    who = ", ".join(names[:3]) + (" et al." if len(names) > 3 else "")
    doi = v.doi or sub.concept_doi
    tail = f"https://doi.org/{doi}" if doi else abs_url(base_url, sub, v)
    return f"{who} ({_year(sub, v)}). {v.title}. aixiv:{version_id(sub, v)}. {tail}"


_BIB_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bib(text: str) -> str:
    return re.sub(r"[\\{}&%$#_~^]", lambda m: _BIB_ESCAPES[m.group()], " ".join(text.split()))


def bibtex(sub: SubmissionView, v: VersionView, base_url: str) -> str:
    got = _delegate("bibtex", sub, v, base_url=base_url)
    if isinstance(got, str) and got.strip():
        return got
    key = (
        re.sub(r"[^A-Za-z0-9]", "", (sub.authors[0].name.split()[-1] if sub.authors else "aixiv"))
        or "aixiv"
    )
    fields = [
        ("title", "{" + _bib(v.title) + "}"),
        ("author", " and ".join(_bib(a.name) for a in sub.authors) or "Anonymous"),
        ("year", str(_year(sub, v))),
        ("eprint", version_id(sub, v)),
        ("archivePrefix", "aixiv"),
        ("howpublished", "aixiv"),
    ]
    if sub.categories:
        fields.append(("primaryClass", sub.categories[0]))
    doi = v.doi or sub.concept_doi
    if doi:
        fields.append(("doi", doi))
    fields.append(("url", abs_url(base_url, sub, v)))
    if sub.ai_generated:
        fields.append(("note", "AI-generated content"))
    body = ",\n".join(f"  {k:<13} = {{{val}}}" for k, val in fields)
    return f"@misc{{{key}{_year(sub, v)}_{sub.id.rsplit('.', 1)[-1]}v{v.number},\n{body}\n}}\n"


def datacite(sub: SubmissionView, v: VersionView, base_url: str) -> dict[str, Any]:
    """DataCite (kernel 4.5) metadata of a version as JSON attributes."""
    state = "findable" if v.doi_state == "findable" else "draft"
    got = _delegate("datacite_metadata", sub, v, base_url=base_url, state=state)
    if isinstance(got, dict) and got:
        return got
    creators = []
    for a in sub.authors:
        c: dict[str, Any] = {"name": a.name}
        if a.kind == "human":
            c["nameType"] = "Personal"
        if a.affiliation:
            c["affiliation"] = [{"name": a.affiliation}]
        if a.orcid:
            c["nameIdentifiers"] = [
                {
                    "nameIdentifier": f"https://orcid.org/{a.orcid}",
                    "nameIdentifierScheme": "ORCID",
                    "schemeUri": "https://orcid.org",
                }
            ]
        creators.append(c)
    dates = [{"date": v.created_at.date().isoformat(), "dateType": "Submitted"}]
    if sub.accepted_at:
        dates.append({"date": sub.accepted_at.date().isoformat(), "dateType": "Accepted"})
    out: dict[str, Any] = {
        "doi": v.doi,
        "alternateIdentifiers": [
            {
                "alternateIdentifier": f"aixiv:{version_id(sub, v)}",
                "alternateIdentifierType": "aixiv",
            }
        ],
        "creators": creators,
        "titles": [{"title": v.title}],
        "publisher": {"name": "aixiv"},
        "publicationYear": str(_year(sub, v)),
        "types": {
            "resourceTypeGeneral": _KIND_TYPES.get(sub.kind, "Text"),
            "resourceType": _KIND_LABELS.get(sub.kind, sub.kind),
        },
        "subjects": [{"subject": c} for c in sub.categories]
        + [{"subject": k} for k in sub.keywords],
        "dates": dates,
        "version": str(v.number),
        "formats": [v.media_type],
        "sizes": [f"{v.size_bytes} bytes"],
        "rightsList": [
            {
                "rights": sub.license,
                "rightsUri": LICENSE_URLS.get(sub.license, ""),
                "rightsIdentifier": sub.license.lower(),
                "rightsIdentifierScheme": "SPDX",
            }
        ],
        "descriptions": [{"description": v.abstract or sub.abstract, "descriptionType": "Abstract"}]
        if (v.abstract or sub.abstract)
        else [],
        "url": abs_url(base_url, sub, v),
        "schemaVersion": "http://datacite.org/schema/kernel-4",
    }
    if sub.concept_doi and sub.concept_doi != v.doi:
        out["relatedIdentifiers"] = [
            {
                "relatedIdentifier": sub.concept_doi,
                "relatedIdentifierType": "DOI",
                "relationType": "IsVersionOf",
            }
        ]
    if sub.ai_generated:
        models = sorted(
            {
                f"{a.model_name} ({a.model_developer})" if a.model_developer else a.model_name
                for a in sub.authors
                if a.kind == "agent" and a.model_name
            }
        )
        note = "AI-generated content." + (f" Models: {', '.join(models)}." if models else "")
        out["descriptions"].append({"description": note, "descriptionType": "TechnicalInfo"})
    return {k: val for k, val in out.items() if val not in (None, [], "")}
