"""REST API under /api/v1: a thin adapter over aixiv.platform."""

from .app import create_app

__all__ = ["create_app"]
