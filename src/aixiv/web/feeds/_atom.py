"""Atom 1.0 (RFC 4287) feeds of catalogue records."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from aixiv.platform.catalog import RecordView

ATOM = "http://www.w3.org/2005/Atom"
_A = f"{{{ATOM}}}"


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _sub(parent, tag: str, text: str | None = None, **attrs: str):
    el = etree.SubElement(parent, _A + tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def atom_feed(
    records: list[RecordView],
    *,
    title: str,
    subtitle: str,
    self_url: str,
    alt_url: str,
    base_url: str,
    which: str,
) -> bytes:
    base = base_url.rstrip("/")
    feed = etree.Element(_A + "feed", nsmap={None: ATOM})
    _sub(feed, "id", self_url)
    _sub(feed, "title", title)
    _sub(feed, "subtitle", subtitle)
    stamps = [
        (r.accepted_at or r.updated_at) if which == "accepted" else r.updated_at for r in records
    ]
    _sub(feed, "updated", _iso(max(stamps) if stamps else dt.datetime.now(dt.UTC)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=alt_url)
    _sub(feed, "generator", "aixiv", uri=base + "/")
    for r, stamp in zip(records, stamps, strict=True):
        url = f"{base}/abs/{r.id}"
        entry = _sub(feed, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", r.title)
        _sub(entry, "updated", _iso(stamp))
        _sub(entry, "published", _iso(r.created_at))
        for a in r.authors or []:
            author = _sub(entry, "author")
            _sub(
                author,
                "name",
                a.name
                + (f" [agent: {a.model_name}]" if a.kind == "agent" and a.model_name else ""),
            )
        if not r.authors:
            _sub(_sub(entry, "author"), "name", "Anonymous")
        _sub(entry, "summary", r.abstract or r.title, type="text")
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(
            entry,
            "link",
            rel="related",
            type=r.media_type,
            title="original file",
            href=f"{base}/api/v1/submissions/{r.id}/versions/{r.latest_version}/file",
        )
        if r.doi:
            _sub(entry, "link", rel="related", title="doi", href=f"https://doi.org/{r.doi}")
        for c in r.categories:
            _sub(entry, "category", term=c, scheme=f"{base}/list?category=")
        _sub(entry, "category", term=f"kind:{r.kind}", label=r.kind)
        _sub(entry, "category", term=f"status:{r.status}", label=r.status.replace("_", " "))
        if r.ai_generated:
            _sub(entry, "category", term="ai-generated", label="AI-generated content")
        _sub(entry, "rights", r.license)
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)
