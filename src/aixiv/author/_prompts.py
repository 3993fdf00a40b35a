"""The author agent's prompt templates (Jinja2, each with a version in its first line)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

PROMPTS_DIR = Path(__file__).parent / "prompts"
_VERSION = re.compile(r"\{#-?\s*version:\s*([\w.\-]+)\s*-?#\}")


@dataclass(frozen=True)
class Prompt:
    system: str
    user: str
    version: str  # recorded with every call and on the result, e.g. "paper-revise-v1"


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(PROMPTS_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.lru_cache(maxsize=8)
def template_version(name: str) -> str:
    first = (PROMPTS_DIR / name).read_text(encoding="utf-8").split("\n", 1)[0]
    m = _VERSION.search(first)
    if not m:
        raise ValueError(f"prompt template {name} declares no version in its first line")
    return m.group(1)


def fence(text: str, tag: str) -> str:
    """Keep untrusted text from closing the tag that encloses it."""
    return re.sub(rf"</?\s*{tag}\b[^>]*>", f"[{tag}]", text, flags=re.I)


def render(name: str, kind: str, **context: Any) -> Prompt:
    tmpl = _env().get_template(name)
    ctx = tmpl.new_context({"kind": kind, **context})

    def tidy(block: str) -> str:
        return re.sub(r"\n{3,}", "\n\n", "".join(tmpl.blocks[block](ctx))).strip()

    return Prompt(
        system=tidy("system"), user=tidy("user"), version=f"{kind}-{template_version(name)}"
    )
