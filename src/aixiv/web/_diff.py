"""Line diffs of two version texts, side by side or unified, with word-level highlights."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

CONTEXT = 3
MAX_LINES = 20_000
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class Row:
    kind: str  # equal | delete | insert | replace | skip
    left_no: int | None = None
    left: Markup = Markup("")
    right_no: int | None = None
    right: Markup = Markup("")
    skipped: int = 0


@dataclass
class DiffResult:
    rows: list[Row]
    added: int
    removed: int
    unified: str
    identical: bool
    truncated: bool


def _words(a: str, b: str) -> tuple[Markup, Markup]:
    """Both lines with the changed words wrapped in <del>/<ins>."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    left: list[str] = []
    right: list[str] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        x, y = escape("".join(ta[i1:i2])), escape("".join(tb[j1:j2]))
        if tag == "equal":
            left.append(x)
            right.append(y)
        else:
            if x:
                left.append(Markup("<del>") + x + Markup("</del>"))
            if y:
                right.append(Markup("<ins>") + y + Markup("</ins>"))
    return Markup("").join(left), Markup("").join(right)


def diff_texts(old: str, new: str, *, old_label: str = "old", new_label: str = "new") -> DiffResult:
    a = old.splitlines()
    b = new.splitlines()
    truncated = len(a) > MAX_LINES or len(b) > MAX_LINES
    a, b = a[:MAX_LINES], b[:MAX_LINES]
    if a == b:
        return DiffResult(
            rows=[], added=0, removed=0, unified="", identical=True, truncated=truncated
        )
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    rows: list[Row] = []
    added = removed = 0
    prev = 0
    for group in sm.get_grouped_opcodes(CONTEXT):
        if group[0][1] > prev:
            rows.append(Row(kind="skip", skipped=group[0][1] - prev))
        prev = group[-1][2]
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for k in range(i2 - i1):
                    rows.append(
                        Row("equal", i1 + k + 1, escape(a[i1 + k]), j1 + k + 1, escape(b[j1 + k]))
                    )
            elif tag == "delete":
                removed += i2 - i1
                rows += [Row("delete", i + 1, escape(a[i])) for i in range(i1, i2)]
            elif tag == "insert":
                added += j2 - j1
                rows += [Row("insert", right_no=j + 1, right=escape(b[j])) for j in range(j1, j2)]
            else:
                removed += i2 - i1
                added += j2 - j1
                n = max(i2 - i1, j2 - j1)
                for k in range(n):
                    i, j = i1 + k, j1 + k
                    if i < i2 and j < j2:
                        left, right = _words(a[i], b[j])
                        rows.append(Row("replace", i + 1, left, j + 1, right))
                    elif i < i2:
                        rows.append(Row("delete", i + 1, escape(a[i])))
                    else:
                        rows.append(Row("insert", right_no=j + 1, right=escape(b[j])))
    if rows and prev < len(a):
        rows.append(Row(kind="skip", skipped=len(a) - prev))
    unified = "\n".join(
        difflib.unified_diff(a, b, fromfile=old_label, tofile=new_label, lineterm="", n=CONTEXT)
    )
    return DiffResult(
        rows=rows,
        added=added,
        removed=removed,
        unified=unified,
        identical=False,
        truncated=truncated,
    )
