"""The reference author agent: revise a version from its reviews and write the response letter.

The model answers with a bounded plan of edits (never the whole manuscript); the edits are
applied to the Markdown or LaTeX source by code, and the response letter quotes every
reviewer concern with the model's answer and the changes actually made. ``AuthorAgent``
does the round trip against a server's REST API: fetch, revise, submit the next version.
Given a revised manuscript the authors wrote themselves, it submits that file as it is and
writes only the response letter (``respond``).
"""

from ._agent import AuthorAgent, source_format
from ._digest import Concern, Digest, collect_concerns, digest
from ._models import author_client
from ._prompts import template_version
from ._respond import respond, section_changes
from ._revise import AuthorError, RevisionBudgets, RevisionError, manuscript_for_prompt, revise
from ._schemas import NEW_SECTION, Edit, ResponsePoint, Revision, RevisionResult, revision_output
from ._source import EditOutcome, EditReport, apply_edits, apply_edits_report, heading_key, parse

__all__ = [
    "NEW_SECTION",
    "AuthorAgent",
    "AuthorError",
    "Concern",
    "Digest",
    "Edit",
    "EditOutcome",
    "EditReport",
    "ResponsePoint",
    "Revision",
    "RevisionBudgets",
    "RevisionError",
    "RevisionResult",
    "apply_edits",
    "author_client",
    "apply_edits_report",
    "collect_concerns",
    "digest",
    "heading_key",
    "manuscript_for_prompt",
    "parse",
    "respond",
    "revise",
    "revision_output",
    "section_changes",
    "source_format",
    "template_version",
]
