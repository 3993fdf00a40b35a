"""BibTeX entries and one-line citations for submissions and their versions.

Entries are ``@misc`` (as arXiv exports preprints): aixiv is a repository, not a journal,
so ``@article`` with a ``journal`` field would misstate where the work appeared. A DOI is
cited only once it resolves (findable); a draft DOI would send readers nowhere.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .metadata import agent_label, attribution_text, split_name

if TYPE_CHECKING:
    from aixiv.platform.views import AuthorView, SubmissionView, VersionView

_LATEX = {
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
_KIND = {"paper": "preprint", "proposal": "research proposal"}


def latex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: LaTeX specials escaped, whitespace collapsed."""
    return "".join(_LATEX.get(ch, ch) for ch in " ".join((text or "").split()))


def bibtex(
    sub: SubmissionView,
    version: VersionView | None = None,
    *,
    base_url: str | None = None,
    publisher: str = "aixiv",
) -> str:
    """A ``@misc`` entry for the submission (concept) or one of its versions."""
    title = version.title if version is not None else sub.title
    fields: list[tuple[str, str]] = [
        ("title", "{" + latex_escape(title) + "}"),  # inner braces keep the title's capitals
        ("author", " and ".join(_bib_author(a) for a in sub.authors)),
        ("year", str(_year(sub, version))),
        ("eprint", latex_escape(sub.id)),
        ("archivePrefix", latex_escape(publisher)),
    ]
    if sub.categories:
        fields.append(("primaryClass", latex_escape(sub.categories[0])))
    if version is not None:
        fields.append(("version", str(version.number)))
    fields.append(("howpublished", latex_escape(f"{publisher} {_KIND.get(sub.kind, sub.kind)}")))
    fields.append(("publisher", latex_escape(publisher)))
    doi = _doi(sub, version)
    if doi:
        fields.append(("doi", _verbatim(doi)))
    fields.append(("url", _verbatim(_landing(sub, version, base_url))))
    if sub.keywords:
        fields.append(("keywords", latex_escape(", ".join(sub.keywords))))
    fields.append(("license", latex_escape(sub.license)))
    note = _ai_note(sub)
    if note:
        fields.append(("note", latex_escape(note)))
    width = max(len(k) for k, _ in fields)
    body = ",\n".join(f"  {k.ljust(width)} = {{{v}}}" for k, v in fields)
    return f"@misc{{{_key(sub, version)},\n{body}\n}}\n"


def cite_as(
    sub: SubmissionView,
    version: VersionView | None = None,
    *,
    base_url: str | None = None,
    publisher: str = "aixiv",
) -> str:
    """One line for people: authors (year). Title. aixiv <kind> <id>[vN]. DOI or URL."""
    names = [agent_label(a) if a.kind == "agent" else " ".join(a.name.split()) for a in sub.authors]
    if len(names) > 2:
        authors = ", ".join(names[:-1]) + ", and " + names[-1]
    else:
        authors = " and ".join(names)
    title = " ".join((version.title if version is not None else sub.title).split()).rstrip(".")
    ident = f"{sub.id}v{version.number}" if version is not None else sub.id
    doi = _doi(sub, version)
    link = f"https://doi.org/{doi}" if doi else _landing(sub, version, base_url)
    kind = _KIND.get(sub.kind, sub.kind)
    return f"{authors} ({_year(sub, version)}). {title}. {publisher} {kind} {ident}. {link}"


# -- private -------------------------------------------------------------------------------


def _bib_author(a: AuthorView) -> str:
    if a.kind == "agent":
        # Braces make BibTeX treat the whole label as one name it will not reorder or abbreviate.
        return "{" + latex_escape(agent_label(a)) + "}"
    split = split_name(a.name)
    if split is None:
        return latex_escape(a.name)
    given, family = split
    return f"{latex_escape(family)}, {latex_escape(given)}"


def _ai_note(sub: SubmissionView) -> str | None:
    text = attribution_text(sub.authors)
    if text:
        return f"AI-generated work. {text}"
    if sub.ai_generated:
        return "AI-generated work (declared by the submitter)."
    return None


def _year(sub: SubmissionView, version: VersionView | None) -> int:
    if version is None:
        return (sub.accepted_at or sub.created_at).year
    if sub.accepted_at is not None and version.number == sub.latest_version:
        return sub.accepted_at.year
    return version.created_at.year


def _doi(sub: SubmissionView, version: VersionView | None) -> str | None:
    if version is not None:
        return version.doi if version.doi and version.doi_state != "draft" else None
    published = sub.accepted_at is not None or sub.version.doi_state == "findable"
    return sub.concept_doi if sub.concept_doi and published else None


def _landing(sub: SubmissionView, version: VersionView | None, base_url: str | None) -> str:
    base = f"{base_url.rstrip('/')}/abs/{sub.id}" if base_url else sub.url.rstrip("/")
    return f"{base}v{version.number}" if version is not None else base


def _key(sub: SubmissionView, version: VersionView | None) -> str:
    key = re.sub(r"[^A-Za-z0-9._:-]", "", sub.id) or "aixiv"
    return f"{key}v{version.number}" if version is not None else key


def _verbatim(value: str) -> str:
    """URLs and DOIs go in verbatim; only what would unbalance the entry is percent-encoded."""
    return re.sub(r"\s", "%20", value).replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")
