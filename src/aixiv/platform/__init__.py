"""The service layer: every adapter (REST, MCP, web, CLI) calls these functions and no others."""

from . import accounts, moderation, submissions
from .context import Platform, Principal
from .errors import (
    BadInput,
    Conflict,
    Forbidden,
    NotFound,
    ProblemError,
    TooLarge,
    Unauthorized,
    Unprocessable,
    UnsupportedMedia,
)

__all__ = [
    "BadInput",
    "Conflict",
    "Forbidden",
    "NotFound",
    "Platform",
    "Principal",
    "ProblemError",
    "TooLarge",
    "Unauthorized",
    "Unprocessable",
    "UnsupportedMedia",
    "accounts",
    "moderation",
    "submissions",
]
