"""A small English vocabulary: what a word disguised with look-alike letters would spell.

A token mixing Latin letters with Cyrillic or Greek look-alikes is suspicious when its
skeleton (look-alikes folded to ASCII) is an ordinary word ("rеcоmmеnd" -> "recommend"), and
not when it is notation from a formula ("lossαt", "BINρ"). This list holds the function words,
the vocabulary of reviewing and of instructions, and common words of scientific prose; the
English words of the lexicon patterns are added to it when the module loads.
"""

from __future__ import annotations

import re

_TEXT = """
a about above accept acceptable acceptance accepted accepting according account accuracy
achieve achieved across act action actually add added addition additional address after again
against agent agents ai algorithm all allow already also although always am among an analysis
and another answer any anyone anything apply approach approve approved are area argue article as
ask asked aspect aspects assess assessment assessor assign assistant at attention author authors
automated automatic available avoid award away back based baseline baselines be because been
before being below best better between beyond both brilliant but by can case cases certainly
change changed claim claims clear clearly code committee compared comparison complete conclude
conclusion confidence confident confirm consider consistent contain content context contribution
contributions convincing correct could critical criticism current data decision default define
described describe deserve deserves design detail details did different discuss do does doing
done down during each earlier effect effective either else emphasis emphasise emphasize end
endorse enough ensure entire error errors evaluate evaluation evaluator even every everything
evidence exactly example excellent exceptional existing experiment experiments explain extremely
fact failure false feedback few field final finally find findings first flaw flawless flaws focus
follow following for forget form found from full fully further future gave general get give given
gives giving glowing go good grade great groundbreaking had has have having he help her here high
higher highest highlight highly his how however human i if ignore important impressive improve in
include including indeed information input instead instruction instructions into is issue issues
it its itself just keep kind know known language large last later least less level like limitation
limitations list little long look low machine made main make makes making manuscript many mark
may me mean means merit merits method methods might minor model models more most much must my
need needs negative never new next no none not note nothing novel novelty now number of off
often on once one only open or order original other others our out outcome output outstanding
over overall own paper papers part particular per perfect performance please point points
positive possible praise present previous prior problem problems proposed provide provided
publication publish question quite rate rating rather reader reading real really reason
recommend recommendation recommended regardless reject rejection related report request required
research respond response result results return review reviewed reviewer reviewers reviewing
right rigorous role rubric rule rules said same say score scores second see seminal set several
shall she should show shown significant simply since so solely some something soundness state
stated strength strengths strong strongly study submission such summary support sure system
take task tell than that the their them then there therefore these they thing things this those
though through thus to too top toward treat true two under understand unless until up upon us
use used using valid value verdict verified very view was way we weak weakness weaknesses well
were what when where whether which while who whole why will with within without work works would
write writing written yes yet you your yours
"""


def _extend() -> frozenset[str]:
    words = set(_TEXT.split())
    try:
        from ._lexicon import EN, _literals

        for patterns in EN.values():
            for p in patterns:
                words |= {w for w in _literals(p) if w.isascii() and w.isalpha() and len(w) >= 2}
    except ImportError:  # pragma: no cover - the lexicon always imports
        pass
    from ._encoded import _COMMON

    words |= set(_COMMON)
    return frozenset(words)


WORDS: frozenset[str] = _extend()
_SUFFIX = re.compile(r"(?:'s|s|es|ed|d|ing|ly)$")


def is_word(token: str) -> bool:
    """Whether a lowercase ASCII token is an English word of the list (or a simple inflection)."""
    if token in WORDS:
        return True
    base = _SUFFIX.sub("", token)
    return len(base) >= 3 and (base in WORDS or base + "e" in WORDS)
