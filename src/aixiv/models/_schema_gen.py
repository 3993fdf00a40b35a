"""Generate varied, valid JSON values from a JSON schema (for the LLM simulator).

Deterministic for a given ``random.Random``. Handles the schema features pydantic emits:
``$ref``/``$defs``, ``anyOf``/``oneOf``/``allOf``, ``enum``/``const``, type lists, numeric bounds,
string and array length bounds, ``required``. Field names steer the content: decision-like
fields follow the accept decision, score-like numbers lean with it, text reads like a review.
"""

from __future__ import annotations

import math
import random
import re
from datetime import UTC, datetime, timedelta
from typing import Any

MARKER = "[simulated] "

_DECISION_NAME = re.compile(r"decision|accept|recommend|verdict|vote|approve", re.I)
_SCORE_NAME = re.compile(r"score|rating|overall|grade|soundness|quality|novelty|merit", re.I)
_ACCEPT_VALUE = re.compile(r"accept|approve|yes|pass|publish|true", re.I)
_REJECT_VALUE = re.compile(r"reject|decline|\bno\b|fail|refuse|false", re.I)

_OPENINGS = [
    "The submission",
    "This manuscript",
    "The proposal",
    "The paper",
    "The authors' approach",
    "The experimental section",
    "The central claim",
    "The related-work discussion",
    "The methodology",
    "The evaluation",
]
_VERBS = [
    "presents",
    "motivates",
    "supports",
    "addresses",
    "clarifies",
    "underestimates",
    "overstates",
    "documents",
    "compares",
    "situates",
]
_OBJECTS = [
    "a clear research question with a plausible hypothesis",
    "its contribution relative to prior work",
    "the main result with adequate but limited ablations",
    "the threats to validity only briefly",
    "the statistical significance of the reported gains",
    "the reproducibility of the pipeline with released code",
    "a baseline comparison that could be broader",
    "the scope of the claims against the evidence provided",
    "the limitations in a dedicated section",
    "the computational cost of the proposed method",
]
_TAILS = [
    "",
    ", although the sample size is small",
    ", which strengthens the overall argument",
    "; a sensitivity analysis would help",
    ", but the notation in Section 3 is dense",
    ", and the figures are easy to follow",
    "; the authors should discuss negative results",
    ", in line with standard practice in the field",
]
_WORDS = [
    "method",
    "evidence",
    "baseline",
    "ablation",
    "dataset",
    "hypothesis",
    "novelty",
    "clarity",
    "scope",
    "validity",
]


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_OPENINGS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_TAILS)}."
    )


def paragraph(rng: random.Random, n: int | None = None) -> str:
    return " ".join(sentence(rng) for _ in range(n or rng.randint(2, 4)))


def _fit(text: str, min_len: int, max_len: int | None) -> str:
    """Trim at a word boundary to max_len; pad to min_len."""
    while len(text) < min_len:
        text = text + " " + text
    if max_len is not None and len(text) > max_len:
        cut = text[:max_len]
        space = cut.rfind(" ")
        if space >= max(min_len, int(max_len * 0.6)):
            cut = cut[:space]
        text = cut.rstrip() if len(cut.rstrip()) >= min_len else cut
    return text


class SchemaGenerator:
    """Produce one value for a schema; ``accept`` is the decision decision-like fields follow."""

    max_depth = 8

    def __init__(self, root: dict[str, Any], rng: random.Random, *, accept: bool) -> None:
        self.root = root
        self.rng = rng
        self.accept = accept

    # -- entry -----------------------------------------------------------------------------

    def generate(self, schema: dict[str, Any] | bool | None = None) -> Any:
        return self._value(self.root if schema is None else schema, name="", depth=0)

    # -- helpers ---------------------------------------------------------------------------

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 50:
            ref = schema["$ref"]
            target: Any = self.root
            if not ref.startswith("#"):
                break
            for part in [p for p in ref[1:].split("/") if p]:
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part, {}) if isinstance(target, dict) else {}
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **siblings} if isinstance(target, dict) else siblings
            seen += 1
        return schema

    def _value(self, schema: Any, *, name: str, depth: int) -> Any:
        if schema is True or schema is None or schema == {}:
            return self._string({}, name)
        if schema is False:
            return None
        schema = self._resolve(schema)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return self._enum(list(schema["enum"]), name)
        if "allOf" in schema:
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                merged.update(self._resolve(part))
            merged.update({k: v for k, v in schema.items() if k != "allOf"})
            return self._value(merged, name=name, depth=depth)
        for key in ("anyOf", "oneOf"):
            if key in schema:
                options = [self._resolve(o) for o in schema[key]]
                non_null = [o for o in options if o.get("type") != "null"]
                has_null = len(non_null) < len(options)
                if not non_null or (
                    has_null and (depth >= self.max_depth or self.rng.random() < 0.15)
                ):
                    return None
                extra = {k: v for k, v in schema.items() if k not in (key, "default")}
                choice = {**extra, **self.rng.choice(non_null)}
                return self._value(choice, name=name, depth=depth)
        kind = schema.get("type")
        if isinstance(kind, list):
            non_null = [t for t in kind if t != "null"]
            if not non_null or ("null" in kind and self.rng.random() < 0.15):
                return None
            kind = self.rng.choice(non_null)
        if kind is None:
            if "properties" in schema:
                kind = "object"
            elif "items" in schema or "prefixItems" in schema:
                kind = "array"
            else:
                kind = "string"
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            return self._array(schema, name, depth)
        if kind == "string":
            return self._string(schema, name)
        if kind == "integer":
            return self._number(schema, name, integer=True)
        if kind == "number":
            return self._number(schema, name, integer=False)
        if kind == "boolean":
            if _DECISION_NAME.search(name):
                return self.accept
            return self.rng.random() < 0.5
        if kind == "null":
            return None
        return self._string({}, name)

    def _enum(self, values: list[Any], name: str) -> Any:
        if not values:
            return None
        if _DECISION_NAME.search(name) or any(
            isinstance(v, str) and re.search(r"accept|reject", v, re.I) for v in values
        ):
            accepting = [v for v in values if isinstance(v, str) and _ACCEPT_VALUE.search(v)]
            accepting = [v for v in accepting if not _REJECT_VALUE.search(v)] or accepting
            others = [v for v in values if v not in accepting]
            if accepting and others:
                if self.accept:
                    return self.rng.choice(accepting)
                rejecting = [v for v in others if isinstance(v, str) and _REJECT_VALUE.search(v)]
                return self.rng.choice(
                    rejecting if rejecting and self.rng.random() < 0.7 else others
                )
        return self.rng.choice(values)

    def _object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        props: dict[str, Any] = schema.get("properties", {}) or {}
        required = set(schema.get("required", []) or [])
        out: dict[str, Any] = {}
        for key, sub in props.items():
            if key not in required and (depth >= self.max_depth or self.rng.random() < 0.3):
                continue
            out[key] = self._value(sub, name=key, depth=depth + 1)
        # Properties that are required but not described still need a value.
        for key in required - set(props):
            out[key] = self._string({}, key)
        min_props = int(schema.get("minProperties", 0) or 0)
        extra = schema.get("additionalProperties")
        if len(out) < min_props and extra not in (False, None):
            sub = extra if isinstance(extra, dict) else {}
            while len(out) < min_props:
                out[f"{self.rng.choice(_WORDS)}_{len(out)}"] = self._value(
                    sub, name="", depth=depth + 1
                )
        return out

    def _array(self, schema: dict[str, Any], name: str, depth: int) -> list[Any]:
        prefix = schema.get("prefixItems") or []
        lo = int(schema.get("minItems", 0) or 0)
        hi = schema.get("maxItems")
        hi = int(hi) if hi is not None else max(lo, 4)
        if depth >= self.max_depth:
            count = lo
        else:
            low = min(max(lo, 1), hi)
            count = self.rng.randint(low, max(low, min(hi, max(lo, 4))))
        items = [self._value(p, name=name, depth=depth + 1) for p in prefix[:count]]
        item_schema = schema.get("items", {})
        if item_schema is False:
            return items
        unique = bool(schema.get("uniqueItems"))
        tries = 0
        while len(items) < count and tries < count * 10:
            value = self._value(item_schema, name=name, depth=depth + 1)
            tries += 1
            if unique and value in items:
                continue
            items.append(value)
        return items

    def _number(self, schema: dict[str, Any], name: str, *, integer: bool) -> int | float:
        lo = schema.get("minimum")
        hi = schema.get("maximum")
        ex_lo = schema.get("exclusiveMinimum")
        ex_hi = schema.get("exclusiveMaximum")
        # Draft-4 style booleans.
        if ex_lo is True:
            ex_lo, lo = lo, None
        if ex_hi is True:
            ex_hi, hi = hi, None
        eps = 1 if integer else 1e-6
        if ex_lo is not None and ex_lo is not False:
            lo = ex_lo + eps if lo is None else max(lo, ex_lo + eps)
        if ex_hi is not None and ex_hi is not False:
            hi = ex_hi - eps if hi is None else min(hi, ex_hi - eps)
        if lo is None and hi is None:
            lo, hi = (1, 10) if _SCORE_NAME.search(name) else (0, 100)
        elif lo is None:
            lo = hi - 10
        elif hi is None:
            hi = lo + 10
        if integer:
            lo, hi = math.ceil(lo), math.floor(hi)
        if lo > hi:
            return lo
        if _SCORE_NAME.search(name) and hi > lo:
            mid = lo + (hi - lo) / 2
            lo, hi = (mid, hi) if self.accept else (lo, mid)
            if integer:
                lo, hi = math.ceil(lo), math.floor(hi)
                if lo > hi:
                    lo = hi
        multiple = schema.get("multipleOf")
        if integer:
            value: int | float = self.rng.randint(int(lo), int(hi))
            if multiple and isinstance(multiple, int) and multiple > 0:
                snapped = (int(value) // multiple) * multiple
                value = snapped if snapped >= lo else snapped + multiple
            return int(value)
        value = round(self.rng.uniform(lo, hi), 3)
        value = min(max(value, lo), hi)
        if multiple:
            snapped = round(math.floor(value / multiple) * multiple, 10)
            value = snapped if snapped >= lo else round(snapped + multiple, 10)
        return value

    def _string(self, schema: dict[str, Any], name: str) -> str:
        min_len = int(schema.get("minLength", 0) or 0)
        max_len = schema.get("maxLength")
        max_len = int(max_len) if max_len is not None else None
        fmt = schema.get("format")
        if fmt == "date-time":
            return (
                datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=self.rng.randint(0, 10**6))
            ).isoformat()
        if fmt == "date":
            return (
                (datetime(2024, 1, 1) + timedelta(days=self.rng.randint(0, 700))).date().isoformat()
            )
        if fmt in ("uri", "url"):
            return f"https://example.org/{self.rng.choice(_WORDS)}/{self.rng.randint(1, 999)}"
        if fmt == "email":
            return f"{self.rng.choice(_WORDS)}@example.org"
        if fmt == "uuid":
            return f"{self.rng.getrandbits(32):08x}-0000-4000-8000-{self.rng.getrandbits(48):012x}"
        if "pattern" in schema:
            value = _from_pattern(schema["pattern"], self.rng)
            if value is not None:
                return value
        lname = name.lower()
        if max_len is not None and max_len < 24:
            body = " ".join(self.rng.choice(_WORDS) for _ in range(3))
        elif any(k in lname for k in ("title", "name", "label", "heading")):
            body = f"{self.rng.choice(_WORDS).capitalize()} and {self.rng.choice(_WORDS)}: a review note"
        elif any(
            k in lname
            for k in (
                "summary",
                "rationale",
                "justification",
                "review",
                "comment",
                "text",
                "body",
                "explanation",
                "reason",
            )
        ):
            body = paragraph(self.rng)
        else:
            body = sentence(self.rng)
        marker = MARKER if max_len is None or max_len >= 2 * len(MARKER) else ""
        room = None if max_len is None else max_len - len(marker)
        text = marker + _fit(body, max(0, min_len - len(marker)), room)
        return text


_SIMPLE_PATTERNS = {
    r"^\d+$": lambda r: str(r.randint(0, 9999)),
    r"^[a-z]+$": lambda r: r.choice(_WORDS),
    r"^[A-Z]+$": lambda r: r.choice(_WORDS).upper(),
}


def _from_pattern(pattern: str, rng: random.Random) -> str | None:
    """Best effort for the few patterns that appear in practice; None means 'ignore pattern'."""
    maker = _SIMPLE_PATTERNS.get(pattern)
    return maker(rng) if maker else None
