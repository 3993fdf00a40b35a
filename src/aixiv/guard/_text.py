"""Text normalisation, signal detection and the severity of one piece of text."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from ._lexicon import (
    ANCHOR_WORD_RE,
    ANCHORS,
    CJK_ANCHOR_RE,
    CJK_RE,
    CLASS_RE,
    EXAMPLE_RE,
    GATE_WORD_RE,
    HEADER_VOCATIVE_RE,
    LANG_RE,
    MACHINE_ADDRESSEE_RE,
    MODEL_ADDRESSEE_RE,
    NUMERIC_OUTCOME_RE,
    PATTERNS,
    QUOTE_CHARS,
    REVIEWER_ADDRESSEE_RE,
    VOCATIVE_RE,
    candidate_patterns,
    compile_ci,
    lower,
)

# Characters that render as nothing (or next to nothing) but survive text extraction.
_INVISIBLE_RANGES = [
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF9, 0xFFFB),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE007F),
    (0xE0100, 0xE01EF),
]
STRIP_INVISIBLE: dict[int, None] = {
    cp: None for lo, hi in _INVISIBLE_RANGES for cp in range(lo, hi + 1)
}
INVISIBLE_RE = re.compile(
    "[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _INVISIBLE_RANGES) + "]"
)
_WS_RE = re.compile(r"[ \t\r\f\v]+")


def clean(text: str) -> str:
    """What a reader would read: invisible characters dropped, compatibility forms folded."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text.translate(STRIP_INVISIBLE))
    return text


PAPER_REF_RE = compile_ci(
    r"\b(?:ai|llms?|models?|systems?|assistants?|agents?|tools?|bots?|readers?|reviewers?|referees?|evaluators?|"
    r"graders?|assessors?)\s+(?:that is |who is |which is |who are |that are )?"
    r"(?:reading|processing|reviewing|evaluating|assessing|summari[sz]ing|parsing|analy[sz]ing|given)\s+this\b|"
    r"\b(?:ai|llm|models?|systems?|assistants?|bots?)\s+(?:that|which|who)\s+(?:reads?|processes|reviews?|evaluates?|"
    r"assesses|summari[sz]es|is (?:reading|reviewing|evaluating|processing))\s+this\b|"
    r"\b(?:this|the|our|present|current|my)\s+(?:paper|work|submission|manuscript|article|study|document|"
    r"proposal|research|contribution)\b|\bthe final (?:decision|verdict|recommendation|score|rating)\b|本文|这篇(?:论文|文章)|该论文|此论文|该稿件|本稿件|这项工作|本研究|本论文|该投稿|此投稿|本投稿|该研究|这项研究|本工作|"
    r"本論文|この論文|本稿|この研究|この投稿|本投稿|この原稿|이\s*논문|본\s*논문|이\s*연구|이\s*제출물|본\s*제출물|이\s*원고|"
    r"\bdiese[rsnm]?\s+(?:Arbeit|Artikel|Beitrag|Manuskript|Einreichung|Studie)\b|"
    r"\b(?:cet|cette|ce)\s+(?:article|travail|manuscrit|soumission|étude)\b|"
    r"\b(?:este|esta)\s+(?:artículo|trabajo|manuscrito|envío|estudio|propuesta)\b|"
    r"\b(?:эт[ауо]\w*|данн\w+|наш\w*)\s+(?:стать[яюи]|работ[аыу]|рукопис\w+|исследовани\w+)\b",
)
SECOND_PERSON_RE = compile_ci(
    r"\b(?:you|your|yourself|vous|usted|ustedes|вы|вам|ваш\w*)\b|你|您|あなた|당신"
)
_IMPERATIVE_RE = compile_ci(
    r"(?:^\s*|[.!?:;,\n\"“(\[]\s*|\(\w\)\s*|\b\d[.)]\s+)(?:please\s+|kindly\s+|now\s+|also\s+|instead\s+|simply\s+|just\s+)?"
    r"(?:give|rate|score|grade|recommend|accept|approve|endorse|write|output|say|state|print|praise|"
    r"emphasi[sz]e|highlight|focus|ignore|disregard|forget|return|respond|reply|assign|award|conclude|"
    r"treat|ensure|make sure|remember|be sure|do not|don't|never|always|only|avoid|refrain|pretend|act|"
    r"describe|summari[sz]e|begin|start|omit|overlook|stop|judge|evaluate|assess|mark|classify|label|"
    r"present|refrain|conclude|mention|list|report|include|provide|produce|generate|grant|issue|vote|"
    r"tell|declare|confirm|answer|support|downplay|regard|characteri[sz]e|set aside|put|place|call)\b",
)
_TRIGGER_CLASSES = ("override", "request", "outcome", "chat")

# Sentence ends: punctuation followed by space, CJK full stops, blank lines.
_SENT_END_RE = re.compile(r"[.!?]+[\"”’)\]]*(?=\s)|[。！？]+|\n\s*\n")

_SCRIPT_RES = {
    "latin": re.compile(r"[A-Za-z\u00C0-\u024F]"),
    "cyrillic": re.compile(r"[\u0400-\u04FF]"),
    "han": re.compile(r"[\u4E00-\u9FFF\u3400-\u4DBF]"),
    "kana": re.compile(r"[\u3040-\u30FF]"),
    "hangul": re.compile(r"[\uAC00-\uD7AF\u1100-\u11FF]"),
    "greek": re.compile(r"[\u0370-\u03FF]"),
    "arabic": re.compile(r"[\u0600-\u06FF]"),
}
_STOPWORDS = {
    "en": re.compile(r"\b(?:the|and|of|is|that|with|we|this)\b", re.IGNORECASE),
    "de": re.compile(r"\b(?:der|die|und|das|ist|nicht|mit|wir|eine|werden)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:le|les|et|des|est|une|nous|dans|pour|que)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:el|los|las|y|que|es|una|para|con|del)\b", re.IGNORECASE),
    "it": re.compile(r"\b(?:il|gli|della|che|è|una|per|sono|questo)\b", re.IGNORECASE),
    "pt": re.compile(r"\b(?:os|das|não|uma|para|com|são|este)\b", re.IGNORECASE),
}


def script_counts(text: str) -> dict[str, int]:
    return {name: len(rx.findall(text)) for name, rx in _SCRIPT_RES.items()}


def language_of(text: str) -> str:
    """A coarse language guess: the script, then stop words among Latin languages."""
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return "und"
    if counts["kana"] > 0.1 * total:
        return "ja"
    if counts["hangul"] > 0.2 * total:
        return "ko"
    if counts["han"] > 0.3 * total:
        return "zh"
    top = max(counts, key=counts.__getitem__)
    if top == "cyrillic":
        return "ru"
    if top == "greek":
        return "el"
    if top == "arabic":
        return "ar"
    scores = {code: len(rx.findall(text)) for code, rx in _STOPWORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] > scores["en"] * 1.2 else "en"


def instruction_language(text: str) -> str:
    """The language of the lexicon an instruction matched, or the language of its script."""
    low = lower(text)
    for code, rx in LANG_RE.items():
        if rx is not None and rx.search(low):
            return code
    return language_of(text)


# Words that may open a vocative addressed with a comma ("Dear AI reviewer, ...").
_GREETINGS = frozenset(
    "dear hello hi hey attention attn ai llm automated automatic gpt chatgpt claude gemini language "
    "model reviewing peer liebe lieber liebes sehr geehrte geehrter cher chère chers estimado estimada "
    "estimados querido querida уважаемый уважаемая уважаемые дорогой дорогая ии".split()
)


# Words that may precede a vocative ended by a colon ("Note to the automated reviewers:").
_OPENERS = _GREETINGS | frozenset(
    "note notes nb to for the all any every each a an message instruction instructions reminder memo "
    "important hidden secret reviewing review reviewer peer human machine based large system official "
    "urgent confidential private esteemed respected kind friendly of this paper submission manuscript "
    "ps an die den der für hinweis an à pour l intention de la le les aux nota para el los las al "
    "примечание для к всем".split()
)


_AUTHOR_VOICE = re.compile(
    r"\W*(?:we|i|our|my|wir|unsere?|nous|notre|nosotros|nuestr[oa]s?|мы|наш\w*|我们|我們)\b"
)
_REVIEWING_WORDS = frozenset(
    "ai llm automated automatic reviewing review evaluation gpt machine peer".split()
)


@dataclass(slots=True)
class Signals:
    hits: dict[str, str] = field(default_factory=dict)  # class -> first matched text
    paper_ref: bool = False
    second_person: bool = False
    model_addressee: bool = False
    imperative: bool = False
    vocative: bool = False
    reviewer: bool = False  # the one addressed is a reviewer (human or automated)
    author_voice: bool = False  # "We kindly ask the reviewers to note that ..."
    machine: bool = False  # the one addressed is an AI, a model or an automated system

    def has(self, cls: str) -> bool:
        return cls in self.hits


def signals(text: str, *, gated: bool = True) -> Signals:
    sig = Signals()
    low = lower(text)
    hits = sig.hits
    if gated:
        cjk = CJK_RE.search(low) is not None
        for i in candidate_patterns(set(GATE_WORD_RE.findall(low)), cjk):
            pat = PATTERNS[i]
            if pat.cls in hits:
                continue
            m = pat.rx.search(low)
            if m:
                hits[pat.cls] = text[m.start() : m.end()].strip()[:80]
    else:
        for cls, rx in CLASS_RE.items():
            if rx is None:
                continue
            m = rx.search(low)
            if m:
                hits[cls] = text[m.start() : m.end()].strip()[:80]
    if sig.hits:
        sig.paper_ref = PAPER_REF_RE.search(low) is not None
        sig.second_person = SECOND_PERSON_RE.search(low) is not None
        sig.model_addressee = MODEL_ADDRESSEE_RE.search(low) is not None
        sig.reviewer = REVIEWER_ADDRESSEE_RE.search(low) is not None
        sig.author_voice = _AUTHOR_VOICE.match(low) is not None
        sig.machine = sig.model_addressee or MACHINE_ADDRESSEE_RE.search(low) is not None
        sig.imperative = _IMPERATIVE_RE.search(low) is not None or "directive" in sig.hits
        if HEADER_VOCATIVE_RE.search(low):
            sig.imperative = True
            sig.vocative = True
        for v in () if sig.vocative else VOCATIVE_RE.finditer(low):
            before = low[max(0, low.rfind("\n", 0, v.start())) : v.start()]
            words = re.findall(r"[^\W\d_]+|\d+", before)
            if v.group().rstrip()[-1:] in ",，、":
                # "Reviewer, ..." or "Dear AI, ..." -- but not "For each model, we report ..."
                ok = all(w in _GREETINGS for w in words)
            else:  # "Note to AI reviewers:" -- but not a title ("Plug and play language models: ...")
                ok = len(words) <= 5 and all(w in _OPENERS for w in words)
                name = re.sub(r"[\s:,：，、]+$", "", v.group()).split()[-1:]
                if ok and name and name[0].rstrip("s") in ("model", "system", "agent", "reader"):
                    # generic nouns need a word that makes them reviewers ("Automated reviewing systems:")
                    ok = bool(_REVIEWING_WORDS.intersection(words))
            if ok and not any(w.isdigit() for w in words):
                sig.imperative = True
                sig.vocative = True
                break
    return sig


def severity(
    sig: Signals, *, context: Signals | None = None, visible: bool = False
) -> tuple[float, str]:
    """How manipulative a text is, 0..1, and the reason in words.

    The top of the scale needs converging evidence: words that override the reader's
    instructions spoken *to* someone, or a favourable verdict asked *of* a reviewer or model
    (addressed, imperative or obligation, about this paper). Each piece alone (a verdict word,
    an imperative, a mention of reviewers) stays low, so ordinary prose that happens to say
    "it is crucial that" or "the highest score" is not an attack; concealed text needs less
    (its risk is multiplied by a stronger concealment). ``visible`` is for text a reader sees.
    """
    h = sig.hits
    addressed = (
        "addressee" in h
        or sig.model_addressee
        or sig.vocative
        or (context is not None and ("addressee" in context.hits or context.model_addressee))
    )
    directed = sig.imperative or sig.second_person
    # Evidence that the text speaks about *this* submission to whoever judges it. In visible
    # text "you" alone is not enough: papers quote the prompts they give their models.
    pointed = sig.paper_ref or sig.vocative or (sig.second_person and not visible)
    if visible and not (sig.reviewer or sig.vocative or pointed):
        addressed = False  # a model or assistant in general, and nothing about this paper
    if "override" in h:
        if directed or addressed or pointed:
            return 0.95, f"tells the reader to drop its instructions ({h['override']!r})"
        return 0.7, f"instruction-override wording ({h['override']!r})"
    if "request" in h:
        what = h["request"]
        if (addressed or directed) and pointed:
            return 0.9, f"asks for a favourable verdict ({what!r})"
        if addressed and directed:
            return 0.85, f"asks a reviewer or model for a favourable verdict ({what!r})"
        if addressed or directed or pointed:
            return 0.7, f"asks for a favourable verdict ({what!r})"
        return 0.55, f"request-like wording about a verdict ({what!r})"
    if "outcome" in h:
        what = h["outcome"]
        if addressed and directed:
            if pointed:
                return 0.85, f"tells a reviewer or model what verdict to give ({what!r})"
            return 0.7, f"tells a reviewer or model what verdict to give ({what!r})"
        if (addressed or directed) and pointed:
            return 0.7, f"prescribes a verdict for the paper ({what!r})"
        if pointed or addressed or directed:
            return 0.6, f"names a verdict for the paper ({what!r})"
        # a verdict word alone ("best score" in a figure legend) names nothing to do
        return 0.45, f"verdict vocabulary ({what!r})"
    if "chat" in h:
        return 0.7, f"chat-template or role marker ({h['chat']!r})"
    # positive words count as a dictated verdict only when someone is told to give it, not
    # when the authors speak ("We kindly ask the reviewers to note our excellent results")
    soft = None if sig.author_voice else h.get("positive")
    praise, weak = h.get("praise") or soft, h.get("weak")
    if praise and directed and addressed and not sig.author_voice:
        if pointed:
            return 0.85, f"tells a reviewer or model how to judge the paper ({praise!r})"
        return 0.7, f"tells a reviewer or model how to judge ({praise!r})"
    if weak and directed and addressed:
        # a neutral evaluation word: an instruction about reviewing, not a verdict
        return 0.6, f"instructs a reviewer or model about the evaluation ({weak!r})"
    if not visible and directed and ("addressee" in h or sig.model_addressee) and sig.machine:
        # concealed text that tells an AI what to do with this paper is the attack itself,
        # whatever its wording (a TODO about human reviewers is not)
        if pointed:
            return 0.7, "tells an AI reviewer or model what to do with the paper"
        return 0.6, "addresses an AI reviewer or model with an instruction"
    if sig.model_addressee and directed:
        return 0.6, "addresses a language model with an instruction"
    praise = h.get("praise")  # the strong words; "positive" ones only count when instructed
    if (praise or weak) and (pointed or addressed or directed):
        # strong praise of the paper itself; plain evaluation words ("novel") are weaker
        if praise:
            return 0.55, f"evaluative wording about the paper ({praise!r})"
        return 0.45, f"evaluative wording about the paper ({weak!r})"
    if praise:
        return 0.45, f"evaluative wording ({praise!r})"
    if weak:
        return 0.3, f"evaluation vocabulary ({weak!r})"
    if "addressee" in h and directed:
        return 0.55, "addresses reviewers or models with an instruction"
    return 0.12, "no instruction wording"


TRIGGER_RE = re.compile(
    "|".join(f"(?:{CLASS_RE[c].pattern})" for c in _TRIGGER_CLASSES), re.MULTILINE
)


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of a text (always begins with 0)."""
    return [0] + [m.end() for m in _SENT_END_RE.finditer(text)]


def sentence_at(text: str, starts: list[int], pos: int, *, limit: int = 500) -> tuple[int, int]:
    i = bisect.bisect_right(starts, pos) - 1
    start = starts[i]
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    if end - start > limit:  # no sentence punctuation nearby: a window around the hit
        start = max(start, pos - limit // 2)
        end = min(end, pos + limit // 2)
    return start, end


def quoted_or_example(text: str, start: int, end: int) -> bool:
    """The sentence quotes the instruction or presents it as an example."""
    sentence = text[start:end]
    before = text[max(0, start - 160) : start]
    if sum(sentence.count(q) for q in QUOTE_CHARS) >= 2:
        return True
    if EXAMPLE_RE.search(lower(sentence)) or EXAMPLE_RE.search(lower(before[-80:])):
        return True
    stripped = before.rstrip()
    return stripped.endswith((":", "“", '"', "«", "「"))


_QUOTED = re.compile(
    r"\"[^\"\n]{8,400}\"|“[^”\n]{8,400}”|„[^“”\n]{8,400}[“”]|«[^»\n]{8,400}»|「[^」\n]{4,400}」|『[^』\n]{4,400}』|"
    r"(?<!\w)'[^'\n]{8,400}'(?!\w)|‘[^’\n]{8,400}’"
)
# Words of a sentence that reports a quoted text rather than saying it ("we inserted the
# sentence '...' into 50 papers").
_REPORTING_RE = compile_ci(
    r"\b(?:insert\w*|embed\w*|hid(?:e|es|den|ing)|inject\w*|plant\w*|contain\w*|sentences?|phrases?|strings?|"
    r"examples?|such as|e\.g\.|for instance|reads?|wrote|written|typed|appended|prepended|payloads?|templates?|"
    r"variants?|quoted?|wording|text like|instructions? like)\b"
)


def reported_quote(sentence: str) -> bool:
    """The instruction sits inside quotation marks in a sentence that reports it."""
    spans = [m.span() for m in _QUOTED.finditer(sentence)]
    if not spans:
        return False
    outside = sentence
    for a, b in reversed(spans):
        outside = outside[:a] + " " + outside[b:]
    if TRIGGER_RE.search(lower(outside)):
        return False  # an instruction outside the quotes as well
    return _REPORTING_RE.search(lower(outside)) is not None


_META_TERMS = (
    "prompt injection",
    "prompt-injection",
    "injection attack",
    "jailbreak",
    "adversarial prompt",
    "indirect injection",
    "hidden instruction",
    "malicious instruction",
    "injected instruction",
    "attack string",
    "injection prompt",
    "提示注入",
    "注入攻击",
    "プロンプトインジェクション",
    "프롬프트 인젝션",
    "инъекци",
    "prompt-injektion",
    "injection de prompt",
    "inyección de prompt",
)


def meta_discussion(text: str) -> int:
    """How many times a text talks about attacks on models (a paper about injection)."""
    low = text.lower()
    return sum(low.count(term) for term in _META_TERMS)


def candidate_spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Sentences that hold at least one anchor word (the only ones worth the full patterns)."""
    out: list[tuple[int, int]] = []
    cjk = CJK_RE.search(text) is not None
    n = len(starts)
    anchors = ANCHORS
    findall = ANCHOR_WORD_RE.findall
    for i in range(n):
        s = starts[i]
        e = starts[i + 1] if i + 1 < n else len(text)
        seg = text[s:e]
        if any(w[:6] in anchors for w in findall(seg.lower())):
            out.append((s, e))
        elif cjk and CJK_ANCHOR_RE.search(seg):
            out.append((s, e))
        elif "/" in seg and NUMERIC_OUTCOME_RE.search(seg):
            out.append((s, e))
    return out
