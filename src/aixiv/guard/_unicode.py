"""Invisible and format characters, mixed-script words and look-alike (confusable) letters."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ._confusables import CONFUSABLE_TO_ASCII
from ._lexicon import lower
from ._text import INVISIBLE_RE, TRIGGER_RE, clean


@dataclass(slots=True)
class Hit:
    kind: str
    start: int
    end: int
    payload: str  # the text hidden or obfuscated, decoded
    why: str
    base: float  # severity before the payload's own content is judged
    concealment: float


_TAG_RUN = re.compile(r"[\U000E0000-\U000E007F]+")
_VS_RUN = re.compile(r"[\uFE00-\uFE0F\U000E0100-\U000E01EF]{4,}")
_ZW_RUN = re.compile(r"[\u200B\u200C\u200D\u2060\u2062\u2063\u2064\uFEFF\u200E\u200F\u180E]{8,}")
# An invisible character with a Latin, Cyrillic, Greek or digit character on both sides.
_LETTER = r"[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]"
_INTRAWORD = re.compile(
    rf"(?<={_LETTER})[\u200B-\u200D\u2060-\u2064\uFEFF\u00AD\u034F\u180E\u115F\u1160\u3164\uFFA0]+(?={_LETTER})"
)
_SHY = "\u00ad"
_BIDI = re.compile(r"[\u202A-\u202E\u2066-\u2069]")
_RLO_SPAN = re.compile(r"[\u202E\u2067]([^\u202C\u2069\n]{3,400})")
_RTL_SCRIPT = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")


def invisible_hits(raw: str) -> list[Hit]:
    """Invisible-character evidence in an extracted text (empty for ordinary text)."""
    if raw.isascii() or INVISIBLE_RE.search(raw) is None:
        return []
    hits: list[Hit] = []
    for m in _TAG_RUN.finditer(raw):
        run = m.group()
        # Emoji subdivision flags (black flag + tag letters + cancel tag) are legitimate.
        if m.start() > 0 and raw[m.start() - 1] == "\U0001f3f4" and len(run) <= 8:
            continue
        decoded = "".join(chr(ord(c) - 0xE0000) for c in run if 0x20 <= ord(c) - 0xE0000 < 0x7F)
        if len(decoded.strip()) >= 3:
            hits.append(
                Hit(
                    "tag",
                    m.start(),
                    m.end(),
                    decoded,
                    "text spelled in invisible Unicode tag characters",
                    0.65,
                    1.0,
                )
            )
    for m in _VS_RUN.finditer(raw):
        data = bytes(
            (ord(c) - 0xFE00) if ord(c) <= 0xFE0F else (ord(c) - 0xE0100 + 16) for c in m.group()
        )
        decoded = data.decode("utf-8", "ignore")
        if sum(ch.isprintable() for ch in decoded) >= 3:
            hits.append(
                Hit(
                    "variation",
                    m.start(),
                    m.end(),
                    decoded,
                    "bytes hidden in a run of variation selectors",
                    0.65,
                    1.0,
                )
            )
    for m in _ZW_RUN.finditer(raw):
        decoded = _zero_width_bits(m.group())
        if decoded:
            hits.append(
                Hit(
                    "zw_binary",
                    m.start(),
                    m.end(),
                    decoded,
                    "a message encoded in zero-width characters",
                    0.65,
                    1.0,
                )
            )
        else:
            hits.append(
                Hit(
                    "zw_run",
                    m.start(),
                    m.end(),
                    "",
                    f"a run of {len(m.group())} zero-width characters",
                    0.4,
                    1.0,
                )
            )
    inner = list(_INTRAWORD.finditer(raw))
    shy_only = [m for m in inner if set(m.group()) == {_SHY}]
    other = [m for m in inner if set(m.group()) != {_SHY}]
    if other:
        # Invisible characters inside Latin words split keywords apart to dodge filters.
        first, last = other[0].start(), other[-1].end()
        lo = raw.rfind("\n", 0, first) + 1
        hi = raw.find("\n", last)
        hi = len(raw) if hi < 0 else hi
        payload = clean(raw[max(lo, first - 300) : min(hi, last + 300)])
        base = 0.45 if len(other) >= 5 else 0.3
        hits.append(
            Hit(
                "zw_interleaved",
                first,
                last,
                payload,
                f"{len(other)} invisible characters inside words",
                base,
                0.85,
            )
        )
    if shy_only:
        per_word = Counter(raw.rfind(" ", 0, m.start()) for m in shy_only)
        odd = sum(1 for n in per_word.values() if n >= 3)
        if odd or len(shy_only) > 40:
            first, last = shy_only[0].start(), shy_only[-1].end()
            payload = clean(raw[max(0, first - 200) : last + 200])
            hits.append(
                Hit(
                    "soft_hyphen",
                    first,
                    last,
                    payload,
                    f"{len(shy_only)} soft hyphens in odd places",
                    0.3,
                    0.8,
                )
            )
    if _BIDI.search(raw) and not _RTL_SCRIPT.search(raw):
        m = _RLO_SPAN.search(raw)
        if m:
            shown = clean(m.group(1))[::-1]
            hits.append(
                Hit(
                    "bidi",
                    m.start(),
                    m.end(),
                    shown,
                    "right-to-left override reverses what a reader sees",
                    0.45,
                    0.85,
                )
            )
        else:
            b = _BIDI.search(raw)
            assert b is not None
            hits.append(
                Hit(
                    "bidi",
                    b.start(),
                    b.end(),
                    "",
                    "bidirectional control characters in left-to-right text",
                    0.3,
                    0.8,
                )
            )
    return hits


def _zero_width_bits(run: str) -> str:
    """Decode a zero-width run read as bits (two symbols), if it spells printable text."""
    counts = Counter(run).most_common()
    if len(counts) < 2:
        return ""
    a, b = counts[0][0], counts[1][0]
    symbols = [c for c in run if c in (a, b)]
    for zero in (a, b):
        bits = "".join("0" if c == zero else "1" for c in symbols)
        data = bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits) - 7, 8))
        text = data.decode("utf-8", "ignore")
        if len(text) >= 3 and sum(32 <= ord(ch) < 127 for ch in text) >= 0.9 * len(text):
            return text
    return ""


# Letters that look like ASCII letters (Cyrillic, Greek, Cherokee, ... look-alikes).
_CONFUSABLE_LETTERS = "".join(
    sorted({chr(cp) for cp, t in CONFUSABLE_TO_ASCII.items() if t.isalpha() and chr(cp).isalpha()})
)
_CONFUSABLE_RE = re.compile("[" + re.escape(_CONFUSABLE_LETTERS) + "]")
_MIXED_WORD = re.compile(
    r"\b(?=\w*[A-Za-z])(?=\w*[" + re.escape(_CONFUSABLE_LETTERS) + r"])\w{2,}\b"
)


def skeleton(text: str) -> str:
    """The TR39-style skeleton of a text, restricted to ASCII prototypes."""
    return text.translate(CONFUSABLE_TO_ASCII)


_WORD_AROUND = re.compile(r"\w+")


def confusable_hits(text: str) -> list[Hit]:
    """Mixed-script words, and instructions that only appear once look-alikes are folded."""
    if text.isascii() or _CONFUSABLE_RE.search(text) is None:
        return []
    # Words holding a look-alike inside (not only first: μm, βVAE are symbols) next to ASCII letters.
    mixed: list[tuple[int, int, str]] = []
    last_end = -1
    for c in _CONFUSABLE_RE.finditer(text):
        if c.start() < last_end:
            continue
        lo = c.start()
        while lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] == "_"):
            lo -= 1
        m = _WORD_AROUND.match(text, lo)
        if not m:
            continue
        word = m.group()
        last_end = m.end()
        if (
            len(word) >= 4
            and any("a" <= ch.lower() <= "z" for ch in word)
            and _CONFUSABLE_RE.search(word, 1)
        ):
            mixed.append((m.start(), m.end(), word))
    if not mixed:
        return []
    hits: list[Hit] = []
    # Windows around the disguised words, read again through their skeleton.
    windows: list[tuple[int, int]] = []
    for start, end, _ in mixed:
        lo, hi = max(0, start - 250), min(len(text), end + 250)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    for lo, hi in windows:
        chunk = text[lo:hi]
        skel = skeleton(chunk)
        before = {m.start() for m in TRIGGER_RE.finditer(lower(chunk))}
        for m in TRIGGER_RE.finditer(lower(skel)):
            if m.start() in before:
                continue
            hits.append(
                Hit(
                    "homoglyph",
                    lo + m.start(),
                    lo + m.end(),
                    skel,
                    "look-alike letters from another script spell an instruction",
                    0.5,
                    0.85,
                )
            )
            break
    if not hits:
        words = ", ".join(sorted({w for _, _, w in mixed})[:5])
        n = len(mixed)
        hits.append(
            Hit(
                "mixed_script",
                mixed[0][0],
                mixed[-1][1],
                skeleton(" ".join(w for _, _, w in mixed[:20])),
                f"{n} words mix Latin with look-alike letters ({words})",
                0.6 if n >= 4 else 0.35 if n >= 2 else 0.25,
                0.85,
            )
        )
    return hits
