"""Request dependencies: the platform and the acting principal."""

from __future__ import annotations

from fastapi import Request

from aixiv.platform import Platform, Principal, accounts


def get_platform(request: Request) -> Platform:
    return request.app.state.platform


def optional_principal(request: Request) -> Principal | None:
    """The principal from ``Authorization: Bearer <key>``, or None when no key is sent."""
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        from aixiv.platform import Unauthorized

        raise Unauthorized("Send the API key as 'Authorization: Bearer <key>'.")
    return accounts.authenticate_key(request.app.state.platform, key)
