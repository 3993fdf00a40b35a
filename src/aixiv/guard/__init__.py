"""Prompt-injection screening of manuscripts (the spec's five stages).

1. extraction of two views: what a model is fed and what a reader sees (``_views``)
2. a coarse, multilingual scan of every segment (``_lexicon``, ``_unicode``, ``_encoded``)
3. fine verification of what it flags: addressee, imperative, verdict, quoted example (``_text``)
4. categorisation, 5. a risk score and a decision (``_screen``)

The guard reports; the pipeline decides. What is sent to LLM reviewers is ``reader_text``.
"""

from ._files import SCAN_EXTENSIONS, iter_files, scan_path
from ._llm import make_llm_check
from ._report import CATEGORIES, GUARD_VERSION, Finding, GuardReport, Verdict
from ._screen import LLMCheck, refine_with_llm, screen_document, screen_document_async
from ._views import model_text, reader_text

__all__ = [
    "CATEGORIES",
    "GUARD_VERSION",
    "Finding",
    "GuardReport",
    "LLMCheck",
    "SCAN_EXTENSIONS",
    "Verdict",
    "iter_files",
    "make_llm_check",
    "model_text",
    "reader_text",
    "refine_with_llm",
    "scan_path",
    "screen_document",
    "screen_document_async",
]
