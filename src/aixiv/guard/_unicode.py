"""Invisible and format characters, mixed-script words and look-alike (confusable) letters."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ._confusables import CONFUSABLE_TO_ASCII
from ._lexicon import lower
from ._text import INVISIBLE_RE, TRIGGER_RE, clean
from ._words import is_word


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
    tags = [c for c in raw if 0xE0020 <= ord(c) < 0xE007F]
    if len(tags) >= 12 and not any(h.kind == "tag" for h in hits):
        # tag characters scattered one by one between visible letters: read together
        decoded = "".join(chr(ord(c) - 0xE0000) for c in tags)
        first = next(i for i, c in enumerate(raw) if 0xE0020 <= ord(c) < 0xE007F)
        hits.append(
            Hit(
                "tag",
                first,
                first + 1,
                decoded,
                "tag characters scattered between visible letters",
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
        stretch = raw[max(lo, first - 300) : min(hi, last + 300)]
        if " " not in raw[first:last] and last - first > 20:
            # no space between the words: the invisible characters stand in for them
            stretch = INVISIBLE_RE.sub(" ", stretch)
        payload = clean(stretch)
        # Between most letters of a stretch of text: a sentence spelled to dodge filters, which
        # no editor produces (legitimate uses are one break opportunity in a long word).
        letters = sum(1 for ch in raw[first:last] if ch.isalpha())
        dense = len(other) >= 12 and len(other) >= 0.5 * letters
        base = 0.6 if dense else 0.45 if len(other) >= 5 else 0.3
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


# ASCII, Latin letters with accents, Cyrillic, CJK, kana, Hangul and their punctuation
_READABLE_RE = re.compile(r"[\x20-\x7e\u00c0-\u024f\u0400-\u04ff\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef«»“”‘’—–…]")


def _readable(data: bytes) -> str:
    text = data.decode("utf-8", "ignore")
    if len(text) < 3:
        return ""
    ok = sum(1 for ch in text if ch.isprintable() and _READABLE_RE.match(ch))
    return text if ok >= 0.9 * len(text) and sum(ch.isalpha() for ch in text) >= 0.5 * len(text.replace(" ", "")) else ""


def _zero_width_bits(run: str) -> str:
    """Decode a zero-width run read as bits, if it spells text: two symbols are the bits, and a
    third, if any, separates bits or bytes (in either order of the bits)."""
    symbols = [c for c, _ in Counter(run).most_common(4)]
    if len(symbols) < 2:
        return ""
    for zero in symbols:
        for one in symbols:
            if one == zero:
                continue
            others = [c for c in symbols if c not in (zero, one)]
            bits = "".join("0" if c == zero else "1" for c in run if c in (zero, one))
            data = bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits) - 7, 8))
            text = _readable(data)
            if text:
                return text
            for sep in others:  # bytes written without leading zeros, between separators
                groups = [g for g in run.split(sep) if g]
                values = []
                for g in groups:
                    b = "".join("0" if c == zero else "1" for c in g if c in (zero, one))
                    if not b or len(b) > 8:
                        values = []
                        break
                    values.append(int(b, 2))
                text = _readable(bytes(values)) if values else ""
                if text:
                    return text
    return ""


# Letters of other scripts that look like ASCII letters (Cyrillic, Greek, Cherokee, ...).
# Latin-script look-alikes (dotless i, ae, long s) are left out: "Atılım" and "formulæ" are
# spelled that way, and one script cannot mix with itself.
def _script_confusables() -> str:
    out = set()
    for cp, target in CONFUSABLE_TO_ASCII.items():
        ch = chr(cp)
        if not (target.isalpha() and ch.isalpha()):
            continue
        if unicodedata.name(ch, "").startswith("LATIN"):
            continue
        out.add(ch)
    return "".join(sorted(out))


_CONFUSABLE_LETTERS = _script_confusables()
_CONFUSABLE_RE = re.compile("[" + re.escape(_CONFUSABLE_LETTERS) + "]")
_CONFUSABLE_SET = frozenset(_CONFUSABLE_LETTERS)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# Characters that make a token notation rather than a word: digits, underscores, modifier
# letters and combining marks (PDF math: "_vˆkn", "x̂"), and TeX/maths punctuation next to it.
_NOTATION_NEIGHBOUR = frozenset("_^\\$=+*/|{}[]<>~0123456789")


def skeleton(text: str) -> str:
    """The TR39-style skeleton of a text, restricted to ASCII prototypes."""
    return text.translate(CONFUSABLE_TO_ASCII)


_WORD_AROUND = re.compile(r"\w+")


def _plain_letters(word: str) -> bool:
    """A word of letters only: no digits, underscores, modifier letters or combining marks."""
    for ch in word:
        if not ch.isalpha():
            return False
        cat = unicodedata.category(ch)
        if cat == "Lm" or cat.startswith("M"):
            return False
    return True


def _disguised(text: str, start: int, end: int, word: str) -> tuple[str, bool] | None:
    """(skeleton, is an English word) of a token that mixes Latin with look-alike letters,
    or None when the token is notation or not mixed."""
    if len(word) < 3 or not _plain_letters(word):
        return None
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in _NOTATION_NEIGHBOUR or after in _NOTATION_NEIGHBOUR:
        return None
    if after != " " and unicodedata.category(after).startswith(("M", "Lm", "Sk")):
        return None
    if before != " " and unicodedata.category(before) in ("Lm", "Sk"):
        return None
    skel = skeleton(word).lower()
    if not skel.isascii() or not skel.isalpha():
        return None
    has_ascii = _ASCII_LETTER.search(word) is not None
    if not has_ascii:
        # a whole word of look-alikes ("ассерт") spelling an English word between Latin words
        if not all(ch in _CONFUSABLE_SET for ch in word) or not is_word(skel):
            return None
        left = text[max(0, start - 40) : start]
        right = text[end : end + 40]
        if not (_ASCII_LETTER.search(left) and _ASCII_LETTER.search(right)):
            return None
        if _CYRILLIC.search(left + right) and not _CYRILLIC.search(word):
            return None
        return skel, True
    return skel, is_word(skel)


def confusable_hits(text: str) -> list[Hit]:
    """Words disguised with look-alike letters, and instructions that appear once they are folded.

    Only plausible words count: letters-only tokens of three or more letters that mix Latin
    with Cyrillic, Greek or other look-alikes. Formula debris from PDF extraction ("_oki",
    "lossαt", single Greek letters next to Latin ones) is not a word and is left alone; a
    mixed token whose skeleton is an English word ("rеviеw") is strong evidence, a mixed
    Cyrillic token that spells nothing known is weak evidence, a Greek one none.
    """
    if text.isascii() or _CONFUSABLE_RE.search(text) is None:
        return []
    words: list[tuple[int, int, str, str]] = []  # start, end, word, skeleton
    strong: set[str] = set()
    weak: set[str] = set()
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
        last_end = m.end()
        found = _disguised(text, m.start(), m.end(), m.group())
        if found is None:
            continue
        skel, known = found
        if known:
            strong.add(skel)
        elif _CYRILLIC.search(m.group()):
            weak.add(skel)
        else:
            continue
        words.append((m.start(), m.end(), m.group(), skel))
    if not words:
        return []
    hits: list[Hit] = []
    # Windows around the disguised words, read again through their skeleton.
    windows: list[tuple[int, int, int]] = []  # lo, hi, number of words
    for start, end, _, _ in words:
        lo, hi = max(0, start - 250), min(len(text), end + 250)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi, windows[-1][2] + 1)
        else:
            windows.append((lo, hi, 1))
    for lo, hi, n in windows:
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
                    0.6 if n >= 2 else 0.5,
                    0.85,
                )
            )
            break
    if not hits:
        score = len(strong) + 0.5 * len(weak)
        if score < 1:
            return []
        shown = sorted({w for _, _, w, sk in words if sk in strong}) or sorted(
            {w for _, _, w, _ in words}
        )
        listed = ", ".join(shown[:5])
        # the sentences holding the disguised words, read through their skeleton
        lo = max(0, words[0][0] - 200)
        cut = max(text.rfind(". ", lo, words[0][0]), text.rfind("\n", lo, words[0][0]))
        lo = cut + 1 if cut >= 0 else lo
        hi = min(len(text), words[-1][1] + 200)
        stop = [
            i
            for i in (text.find(". ", words[-1][1], hi), text.find("\n", words[-1][1], hi))
            if i >= 0
        ]
        hi = min(stop) + 1 if stop else hi
        context = (
            skeleton(text[lo:hi])
            if hi - lo <= 600
            else skeleton(" ".join(w for _, _, w, _ in words[:20]))
        )
        hits.append(
            Hit(
                "mixed_script",
                words[0][0],
                words[-1][1],
                context,
                f"{len(strong)} words spelled with look-alike letters from another script ({listed})"
                if strong
                else f"{len(weak)} tokens mix Latin and Cyrillic letters ({listed})",
                0.6 if score >= 3 else 0.4 if score >= 2 else 0.25,
                0.85,
            )
        )
    return hits
