"""Encoded payloads: decode what looks like base64, base32, hex, URL or HTML escapes,
ROT13, reversed, leetspeak or letter-spaced text, and hand the result back to be scanned."""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
import urllib.parse
from dataclasses import dataclass

from ._lexicon import STRONG_RE, lower


@dataclass(slots=True)
class Payload:
    kind: str
    start: int
    end: int
    decoded: str


_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_B64_HINT = re.compile(r"[A-Za-z0-9+/]{16}")
_B64_TOKEN = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_B32_TOKEN = re.compile(r"\b[A-Z2-7]{24,}={0,6}")
_HEX_TOKEN = re.compile(r"(?:\\x[0-9A-Fa-f]{2}){6,}|\b(?:0x)?(?:[0-9A-Fa-f]{2}[ :,-]?){10,}\b")
_HEX_BREAK = re.compile(r"(?<=[0-9A-Fa-f]{16})[ \t]*\n?[ \t]*(?=[0-9A-Fa-f]{2,}\b)")
_URL_TOKEN = re.compile(r"(?:[^\s%]{0,40}%[0-9A-Fa-f]{2}){4,}[^\s%]{0,40}")
_ENTITY_TOKEN = re.compile(r"(?:&#(?:x[0-9A-Fa-f]{1,6}|\d{1,7});\s?){4,}")
_UESC_TOKEN = re.compile(r"(?:\\u[0-9A-Fa-f]{4}){4,}")
_SPACED = re.compile(r"(?:\b\w(?: |\u2009|\u200a){1,3}){6,}\w\b")
_LEET_WORD = re.compile(r"[A-Za-z][013457@$][A-Za-z]|\b[013457][A-Za-z]{2}")

_ROT13 = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm",
)
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
# Digits inside words stand for letters ("45519n" is "assign"); a number on its own stays a
# number unless it spells a common word ("70" is "to").
_LEET_FULL = str.maketrans(
    {"0": "o", "1": "i", "2": "z", "3": "e", "4": "a", "5": "s", "6": "b", "7": "t", "8": "b", "9": "g",
     "@": "a", "$": "s"}
)
_LEET_TOKEN = re.compile(r"[A-Za-z0-9@$]+")


def _unleet(text: str) -> tuple[str, int]:
    """The text with leetspeak words spelled out (same length), and how many of them became
    common words."""
    out = []
    pos = 0
    hits = 0
    for m in _LEET_TOKEN.finditer(text):
        tok = m.group()
        out.append(text[pos : m.start()])
        pos = m.end()
        has_alpha = any(c.isalpha() for c in tok)
        has_leet = any(c in "0123456789@$" for c in tok)
        if has_leet and (has_alpha or len(tok) >= 2):
            plain = tok.translate(_LEET_FULL)
            if has_alpha or plain.lower() in _COMMON:
                out.append(plain)
                if plain.lower() in _COMMON and has_alpha:  # leetspeak is written in English
                    hits += 1
                continue
        out.append(tok)
    out.append(text[pos:])
    return "".join(out), hits
# Cheap gates: ROT13 and reversed forms of the words every English injection uses.
_NOSPACE = re.compile(
    r"ignore\w{0,12}(?:previous|prior|above|earlier)\w{0,8}instructions|positivereview|recommendaccept|"
    r"strongaccept|highestscore|highscore|givethispaper|acceptthispaper|donotmention\w{0,10}weakness",
    re.I,
)


def _printable_text(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(text) < 6:
        return None
    good = sum(1 for ch in text if ch.isprintable() or ch in "\n\t")
    letters = sum(1 for ch in text if ch.isalpha())
    # Words separated by spaces, or CJK text (no spaces between its words).
    spaced = " " in text.strip() or len(_CJK.findall(text)) >= 6
    if good < 0.95 * len(text) or letters < 0.5 * len(text.replace(" ", "")) or not spaced:
        return None
    return text


def _b64(token: str) -> str | None:
    body = token.rstrip("=")
    if len(body) < 16:
        return None
    has_upper = any(c.isupper() for c in body)
    has_lower = any(c.islower() for c in body)
    if not (has_upper and has_lower):
        return None
    pad = "=" * (-len(body) % 4)
    # a token cut short (its last characters lost to a line break or an edit) still decodes
    # up to its last whole group of four
    whole = body[: len(body) - len(body) % 4]
    for candidate in (body + pad, whole):
        for decoder in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                data = decoder(candidate)
            except (binascii.Error, ValueError):
                continue
            for cut in range(4):  # a multi-byte character split at the end
                text = _printable_text(data[: len(data) - cut])
                if text:
                    return text
    return None


def _join_wrapped(text: str) -> str:
    """Long tokens broken over lines by a PDF layout, put back together (same length)."""
    return re.sub(
        r"(?<=[A-Za-z0-9+/=%])[ \t]*\n[ \t]*(?=[A-Za-z0-9+/=%]{8,})"
        # the short last piece of a long token ("...MTAlK" / "Scu")
        r"|(?<=[A-Za-z0-9+/]{40})[ \t]*\n[ \t]*(?=[A-Za-z0-9+/]{2,7}={0,2}(?:\s|$))",
        lambda m: "\x00" * len(m.group()),
        text,
    )


def payloads(text: str) -> list[Payload]:
    """Decoded payloads found in a text (positions refer to ``text``)."""
    found: list[Payload] = []
    if _B64_HINT.search(text):
        seen: set[str] = set()
        views = [text]
        if "\n" in text:
            views.append(_join_wrapped(text).replace("\x00", ""))  # tokens a layout wrapped
        for view in views:
            for m in _B64_TOKEN.finditer(view):
                decoded = _b64(m.group())
                if decoded and decoded not in seen:
                    seen.add(decoded)
                    start = max(0, text.find(m.group()[:16]))
                    found.append(Payload("base64", start, start + len(m.group()), decoded))
    b32_views = [text]
    if "\n" in text and _B32_TOKEN.search(text):
        b32_views.append(_join_wrapped(text).replace("\x00", ""))
    b32_seen: set[str] = set()
    for view in b32_views:
        for m in _B32_TOKEN.finditer(view):
            body = m.group().rstrip("=")
            try:
                data = base64.b32decode(body + "=" * (-len(body) % 8))
            except (binascii.Error, ValueError):
                data = b""
            decoded = None
            for cut in range(4):  # a multi-byte character split at the end
                decoded = _printable_text(data[: len(data) - cut]) if data else None
                if decoded:
                    break
            if decoded and decoded not in b32_seen:
                b32_seen.add(decoded)
                start = m.start() if view is text else max(0, text.find(m.group()[:16]))
                found.append(Payload("base32", start, start + len(m.group()), decoded))
    hex_views = [text]
    if _HEX_BREAK.search(text):
        hex_views.append(_HEX_BREAK.sub("", text))  # hex a layout wrapped or split into spans
    hex_seen: set[str] = set()
    for view in hex_views:
        for m in _HEX_TOKEN.finditer(view):
            digits = re.sub(r"\\x|0x|[ :,-]", "", m.group())
            if len(digits) % 2:
                continue
            try:
                decoded = _printable_text(bytes.fromhex(digits))
            except ValueError:
                decoded = None
            if decoded and decoded not in hex_seen:
                hex_seen.add(decoded)
                start = m.start() if view is text else max(0, text.find(m.group()[:16]))
                found.append(Payload("hex", start, start + len(m.group()), decoded))
    if "%" in text:
        url_text = _join_wrapped(text).replace("\x00", "") if "\n" in text else text
        for m in _URL_TOKEN.finditer(url_text):
            decoded = urllib.parse.unquote_plus(m.group())
            if (
                decoded != m.group()
                and sum(c.isalpha() for c in decoded) >= 12
                and decoded.count(" ") >= 2
            ):
                start = m.start() if url_text is text else max(0, text.find(m.group()[:12]))
                found.append(Payload("url", start, start + len(m.group()), decoded))
    if "&#" in text:
        for m in _ENTITY_TOKEN.finditer(text):
            found.append(Payload("html_entities", m.start(), m.end(), html.unescape(m.group())))
    if "\\u" in text:
        for m in _UESC_TOKEN.finditer(text):
            found.append(
                Payload(
                    "unicode_escapes",
                    m.start(),
                    m.end(),
                    codecs.decode(m.group(), "unicode_escape"),
                )
            )
    for m in _SPACED.finditer(text):
        collapsed = re.sub(r"(?<=\w)(?: |\u2009|\u200a)(?=\w)", "", m.group())
        if _NOSPACE.search(collapsed):
            found.append(Payload("letter_spaced", m.start(), m.end(), collapsed))
    return found


# Function words of English, and what they look like in ROT13 and backwards: a sentence full
# of "gur", "naq", "guvf" (or "eht", "dna", "siht") is English in disguise.
_EN_WORDS = (
    "the and this you your all paper with for regardless instructions instruction review reviewer reviewers "
    "accept acceptance should must score work give positive previous ignore recommend manuscript submission "
    "only that rate highest strong any from article recommendation without publish study report editor "
    "to of were have been which will are new line policy longer"
).split()
# Text written backwards may be in any language the guard reads: common words of three letters
# or more in French, Spanish, German and Russian as well (shorter ones read as other words
# backwards: "el" is "le").
_OTHER_WORDS = (
    "pour dans cette vous votre aucune travail évaluation article publication les des une est pas "
    "para por este esta una los las que del sus revisión evaluación trabajo artículo publicación puntuación "
    "und ist nicht sie ihr eine von mit für dieser diese bitte bewertung arbeit veröffentlichung punkten "
    "это для что при все или быть была работы статьи рецензии публикация новизна оценку "
    # function words of three letters or more in the eight languages and Portuguese, Italian
    "avec sont leur leurs tout tous mais comme aussi plus très sur "
    "como pero más muy sobre entre cuando todo todos también usted "
    "wenn falls sind sein seine einen einem eines auch noch nur oder aber wird werden wurde ein den dem "
    "если этой этот эта эту как так его она они без над под про также только вас ваш "
    "não pelo pela seu sua mais "
    "della delle questo questa sono anche più"
).split()
# ("be" is "or" in ROT13: no evidence)
_ROT13_WORDS = re.compile(
    r"\b(?:"
    + "|".join(
        sorted({codecs.encode(w, "rot13") for w in _EN_WORDS} | {codecs.encode(w, "rot13") for w in _OTHER_WORDS if w.isascii() and len(w) >= 3})
    )
    + r")\b"
)
_REVERSED_WORDS = re.compile(
    r"\b(?:" + "|".join(w[::-1] for w in [*_EN_WORDS, "be", *_OTHER_WORDS]) + r")\b"
)
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|this|you|your|to|of|is|all|paper|with|for|a|in|review|accept)\b", re.I
)


_COMMON = frozenset(
    (
        "the and this you your all paper with for regardless instructions instruction review reviewer "
        "reviewers accept acceptance should must score work give positive previous ignore recommend "
        "manuscript submission only that rate highest strong any from are is be to of in it as a an "
        "on not do no its they their will would can please assign describe groundbreaking strongly "
        "evaluation policy has changed every note system new task write enthusiastic above rubric "
        "disregard deserves possible forget earlier instructions your any prior guidance were given "
        "have been which will line following overall longer"
    ).split()
)
_COMMON_ANY = _COMMON | frozenset(_OTHER_WORDS)
# English words that no ROT13 text is made of
_PLAIN_ENGLISH = frozenset(
    "the and this you your to of is all with for in or on by based some like from are be as at we our it "
    "that which these those were was has have can not also using used than more most such".split()
)
_TOKEN = re.compile(r"[^\W\d_]+")


def _disguised_run(text: str, lo: int, hi: int, kind: str) -> str:
    """The stretch of ``text[lo:hi]`` that reads as English once decoded (best-scoring run)."""
    tokens = list(_TOKEN.finditer(text, lo, hi))
    scores = []
    for tok in tokens:
        word = tok.group().lower()
        if kind == "rot13" and len(word) > 1 and tok.group().isupper():
            scores.append(0)  # an acronym ("CNF", "PP") is no evidence
            continue
        if kind == "rot13":
            plain, common = word.translate(_ROT13), _COMMON_ANY
        elif len(word) < 3:  # backwards, "in" is French "ni" and "el" Spanish "le": no evidence
            scores.append(0)
            continue
        else:
            plain, common = word[::-1], _COMMON_ANY
        scores.append((1 if plain in common else 0) - (1 if word in common else 0))
    best, best_span, cur, cur_start = 0, None, 0, 0
    for n, score in enumerate(scores):
        if cur <= 0:
            cur, cur_start = score, n
        else:
            cur += score
        if cur > best:
            best, best_span = cur, (cur_start, n)
    if best < 3 or best_span is None:
        return ""
    first, last = best_span
    # widen over words that are neither plain nor disguised common words (names, rare words),
    # at most a dozen each way and over at most one line break (a wrapped source line)
    breaks = 0
    for _ in range(12):
        if first == 0 or scores[first - 1] != 0:
            break
        gap = text[tokens[first - 1].end() : tokens[first].start()].count("\n")
        if breaks + gap > 1:
            break
        breaks += gap
        first -= 1
    breaks = 0
    for _ in range(12):
        if last + 1 >= len(tokens) or scores[last + 1] != 0:
            break
        gap = text[tokens[last].end() : tokens[last + 1].start()].count("\n")
        if breaks + gap > 1:
            break
        breaks += gap
        last += 1
    start, end = tokens[first].start(), tokens[last].end()
    chunk = text[start:end]
    if kind == "rot13":
        words = _TOKEN.findall(chunk)
        if sum(1 for w in words if w.lower() in _PLAIN_ENGLISH) >= max(3, 0.12 * len(words)):
            return ""  # English as it stands ("Han et al. ... or ... based on"), not ROT13
    return chunk.translate(_ROT13) if kind == "rot13" else chunk[::-1]


def transformed_hits(text: str) -> list[Payload]:
    """Sentences that read as English once taken as ROT13, backwards or as leetspeak."""
    found: list[Payload] = []
    low = lower(text)
    for rx, kind in ((_ROT13_WORDS, "rot13"), (_REVERSED_WORDS, "reversed")):
        hits = [m.start() for m in rx.finditer(low)]
        if len(hits) < 3 or len(hits) > 120:
            continue  # (a whole text in ROT13 is a font's broken encoding, not a hidden message)
        # group hits into windows of about one paragraph line
        i = 0
        while i < len(hits):
            j = i
            while j + 1 < len(hits) and hits[j + 1] - hits[i] < 400:
                j += 1
            if j - i + 1 >= 3:
                lo = max(0, hits[i] - 300)
                hi = min(len(text), hits[j] + 300)
                decoded = _disguised_run(text, lo, hi, kind)
                if decoded:
                    found.append(Payload(kind, lo, hi, decoded))
            i = j + 1
    leet = [m.start() for m in _LEET_WORD.finditer(text)]
    if len(leet) >= 3:
        # Only where leet-like words cluster (three within a line or two): "x1y" and "L2" in
        # formulas are scattered over a paper, a leetspeak sentence is dense.
        spans: list[tuple[int, int]] = []
        for i in range(len(leet) - 2):
            if leet[i + 2] - leet[i] <= 160:
                lo, hi = max(0, leet[i] - 200), min(len(text), leet[i + 2] + 200)
                if spans and lo <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], hi)
                else:
                    spans.append((lo, hi))
        for lo, hi in spans:
            spelled, words = _unleet(text[lo:hi])
            view = lower(spelled)
            plain = lower(text[lo:hi])
            strong = False
            for m in STRONG_RE.finditer(view):  # type: ignore[union-attr]
                if view[m.start() : m.end()] != plain[m.start() : m.end()]:
                    strong = True
                    found.append(
                        Payload(
                            "leetspeak",
                            lo + m.start(),
                            lo + m.end(),
                            _window(view, m.start(), m.end()),
                        )
                    )
            if not strong and words >= 4:
                # a whole sentence spelled in leetspeak: hand it back as words
                first = min(i for i, (a, b) in enumerate(zip(view, plain)) if a != b)
                last = max(i for i, (a, b) in enumerate(zip(view, plain)) if a != b)
                found.append(Payload("leetspeak", lo + first, lo + last, _window(view, first, last)))
    return found


def _window(text: str, start: int, end: int) -> str:
    lo = max(0, text.rfind("\n", 0, start) + 1, start - 200)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + 200)
    return text[lo:hi]
