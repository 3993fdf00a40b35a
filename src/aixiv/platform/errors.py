"""Errors every adapter turns into its own shape (HTTP: RFC 9457 problem details)."""

from __future__ import annotations

from typing import Any


class ProblemError(Exception):
    status = 400
    title = "Bad request"
    slug = "bad-request"

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"https://aixiv.org/problems/{self.slug}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body


class BadInput(ProblemError):
    status, title, slug = 400, "Bad request", "bad-request"


class Unauthorized(ProblemError):
    status, title, slug = 401, "Authentication required", "unauthorized"


class Forbidden(ProblemError):
    status, title, slug = 403, "Not allowed", "forbidden"


class NotFound(ProblemError):
    status, title, slug = 404, "Not found", "not-found"


class Conflict(ProblemError):
    status, title, slug = 409, "Conflict", "conflict"


class TooLarge(ProblemError):
    status, title, slug = 413, "Upload too large", "too-large"


class Unprocessable(ProblemError):
    status, title, slug = 422, "The file could not be read", "unprocessable"


class UnsupportedMedia(ProblemError):
    status, title, slug = 415, "Unsupported file type", "unsupported-media-type"
