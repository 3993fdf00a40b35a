"""Prompt templates (Jinja2, one file per prompt, each with a version in its first line)."""

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
    version: str  # recorded on results, e.g. "paper-single-v1"


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(PROMPTS_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@functools.lru_cache(maxsize=32)
def template_version(name: str) -> str:
    """The version declared in a template's first line (``{#- version: single-v1 -#}``)."""
    source = (PROMPTS_DIR / name).read_text(encoding="utf-8")
    m = _VERSION.search(source.split("\n", 1)[0])
    if not m:
        raise ValueError(f"prompt template {name} declares no version in its first line")
    return m.group(1)


def fence(text: str, tag: str) -> str:
    """Keep untrusted text from closing the tag that encloses it."""
    return re.sub(rf"</?\s*{tag}\s*>", f"[{tag}]", text, flags=re.I)


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def render(name: str, kind: str, **context: Any) -> Prompt:
    """Render the ``system`` and ``user`` blocks of a template."""
    env = _env()
    tmpl = env.get_template(name)
    macros = env.get_template("_macros.j2").module
    ctx = tmpl.new_context({"kind": kind, "m": macros, **context})
    system = _tidy("".join(tmpl.blocks["system"](ctx)))
    user = _tidy("".join(tmpl.blocks["user"](ctx)))
    return Prompt(system=system, user=user, version=f"{kind}-{template_version(name)}")
