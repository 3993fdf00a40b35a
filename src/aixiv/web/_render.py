"""The Jinja2 environment of the web pages and its small formatting filters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

STATUS_LABELS = {
    "submitted": "Submitted",
    "screening": "Screening",
    "held": "Held for checks",
    "under_review": "Under review",
    "voting": "Voting",
    "provisionally_accepted": "Provisionally accepted",
    "rejected": "Rejected",
    "accepted": "Accepted",
    "withdrawn": "Withdrawn",
}
LICENSE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC-BY-NC-SA-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _date(value: dt.datetime | None, fmt: str = "%-d %b %Y") -> str:
    return value.strftime(fmt) if value else ""


def _datetime(value: dt.datetime | None) -> str:
    return value.strftime("%-d %b %Y, %H:%M UTC") if value else ""


def _size(n: int | None) -> str:
    if n is None:
        return ""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _label(key: Any) -> str:
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.0f}%" if 0 <= value <= 1 else f"{value:g}"


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _query(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**dict(params), **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged) if merged else ""


def _pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def _is_mapping(value: Any) -> bool:
    return isinstance(value, dict)


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


env = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(["html", "xml", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.filters.update(
    date=_date,
    datetime=_datetime,
    size=_size,
    label=_label,
    pct=_pct,
    num=_number,
    pretty_json=_pretty_json,
)
env.tests.update(mapping=_is_mapping, sequence_list=_is_list)
env.globals.update(status_label=STATUS_LABELS, license_urls=LICENSE_URLS, qs=_query)


def render_template(name: str, **context: Any) -> str:
    return env.get_template(name).render(**context)
