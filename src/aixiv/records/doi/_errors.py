"""Errors of the DOI package (one base class, so callers can catch them all)."""

from __future__ import annotations


class DoiError(Exception):
    """Anything that went wrong minting, describing or registering a DOI."""


class MetadataError(DoiError, ValueError):
    """DataCite metadata that does not validate; ``errors`` holds one readable line per problem."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        shown = "; ".join(self.errors[:5])
        more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(f"DataCite metadata is invalid: {shown}{more}")


class DoiConflict(DoiError):
    """The request contradicts what is registered (other content, or a step backwards)."""


class DoiNotFound(DoiError, LookupError):
    """No registration for this DOI."""


class RegistrarError(DoiError):
    """The registration agency failed or refused; ``status`` is its HTTP status, if any."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        self.status = status
        super().__init__(message)


class RegistrarAuthError(RegistrarError):
    """The registration agency rejected our credentials (or they are missing)."""
