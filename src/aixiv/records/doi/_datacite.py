"""A small client for DataCite's REST API (``/dois``), with bounded retries.

The password is read from an environment variable on every call and goes nowhere but the
``Authorization`` header: not into attributes, reprs, logs or exception messages.
"""

from __future__ import annotations

import logging
import os
import random
import time
from typing import Any
from urllib.parse import quote

import httpx

from ._errors import DoiNotFound, RegistrarAuthError, RegistrarError

log = logging.getLogger("aixiv.records.doi")

JSONAPI = "application/vnd.api+json"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class DataCiteClient:
    """``GET``/``POST``/``PUT`` on ``/dois`` as one repository account."""

    def __init__(
        self,
        base_url: str,
        repository_id: str,
        password_env: str,
        *,
        timeout_s: float = 20.0,
        max_retries: int = 3,
        backoff_s: float = 0.5,
        backoff_max_s: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.repository_id = repository_id
        self.password_env = password_env
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.backoff_max_s = backoff_max_s
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
            headers={"Accept": JSONAPI, "User-Agent": "aixiv-doi/1 (DataCite REST client)"},
            transport=transport,
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"DataCiteClient(base_url={self.base_url!r}, repository_id={self.repository_id!r})"

    def close(self) -> None:
        self._http.close()

    # -- endpoints -----------------------------------------------------------------------

    def get(self, doi: str) -> dict[str, Any]:
        """The ``data`` object of ``GET /dois/{doi}``; :class:`DoiNotFound` on 404."""
        return self._call("GET", f"/dois/{_quote(doi)}", None, doi)["data"]

    def create(self, doi: str, attributes: dict[str, Any], event: str | None) -> dict[str, Any]:
        """``POST /dois``: a draft without ``event``, findable with ``event="publish"``."""
        return self._call("POST", "/dois", _body(doi, attributes, event), doi)["data"]

    def put(self, doi: str, attributes: dict[str, Any], event: str | None) -> dict[str, Any]:
        """``PUT /dois/{doi}``: update metadata and optionally fire an event."""
        return self._call("PUT", f"/dois/{_quote(doi)}", _body(doi, attributes, event), doi)["data"]

    # -- transport -----------------------------------------------------------------------

    def _password(self) -> str:
        value = os.environ.get(self.password_env, "")
        if not value:
            raise RegistrarAuthError(
                f"DataCite password missing: set the environment variable {self.password_env}"
            )
        return value

    def _call(
        self, method: str, path: str, body: dict[str, Any] | None, doi: str
    ) -> dict[str, Any]:
        password = self._password()
        auth = httpx.BasicAuth(self.repository_id, password)
        attempt = 0
        while True:
            try:
                resp = self._http.request(
                    method,
                    path,
                    json=body,
                    auth=auth,
                    headers={"Content-Type": JSONAPI} if body is not None else None,
                )
            except httpx.TransportError as exc:
                # POST may have reached DataCite before the connection broke; the registrar
                # turns the resulting "already taken" into a lookup, so a retry is safe.
                if attempt >= self.max_retries:
                    raise RegistrarError(
                        f"DataCite {method} {path} failed after {attempt + 1} attempts: "
                        f"{type(exc).__name__}: {_scrub(str(exc), password)}"
                    ) from None
                self._sleep(attempt, None)
                attempt += 1
                continue
            if resp.status_code in RETRY_STATUS and attempt < self.max_retries:
                log.warning("DataCite %s %s answered %s; retrying", method, path, resp.status_code)
                self._sleep(attempt, resp.headers.get("Retry-After"))
                attempt += 1
                continue
            return self._result(resp, method, path, doi, password)

    def _result(
        self, resp: httpx.Response, method: str, path: str, doi: str, password: str
    ) -> dict[str, Any]:
        status = resp.status_code
        if 200 <= status < 300:
            try:
                data = resp.json()
            except ValueError:
                raise RegistrarError(
                    f"DataCite {method} {path}: answer is not JSON", status=status
                ) from None
            if not isinstance(data, dict) or not isinstance(data.get("data"), dict):
                raise RegistrarError(
                    f"DataCite {method} {path}: answer has no 'data' object", status=status
                )
            return data
        detail = _scrub(_detail(resp), password)
        if status in (401, 403):
            raise RegistrarAuthError(
                f"DataCite refused the credentials of repository {self.repository_id!r} "
                f"(HTTP {status}{': ' + detail if detail else ''}); check the password in "
                f"${self.password_env}",
                status=status,
            )
        if status == 404:
            raise DoiNotFound(f"DataCite has no DOI {doi}")
        raise RegistrarError(
            f"DataCite {method} {path} failed with HTTP {status}{': ' + detail if detail else ''}",
            status=status,
        )

    def _sleep(self, attempt: int, retry_after: str | None) -> None:
        delay = self.backoff_s * (2**attempt) * (0.5 + random.random() / 2)
        if retry_after:
            try:
                delay = max(delay, float(retry_after))
            except ValueError:
                pass  # an HTTP date; the exponential delay will do
        time.sleep(min(delay, self.backoff_max_s))


def _body(doi: str, attributes: dict[str, Any], event: str | None) -> dict[str, Any]:
    attrs = {k: v for k, v in attributes.items() if k not in ("event", "state")}
    attrs["doi"] = doi
    if event:
        attrs["event"] = event
    return {"data": {"type": "dois", "attributes": attrs}}


def _quote(doi: str) -> str:
    return quote(doi, safe="/")


def _detail(resp: httpx.Response) -> str:
    """DataCite's JSON:API error titles, else the start of the body."""
    try:
        data = resp.json()
    except ValueError:
        return resp.text[:200].strip()
    errors = data.get("errors") if isinstance(data, dict) else None
    if isinstance(errors, list):
        parts = []
        for e in errors[:5]:
            if isinstance(e, dict):
                src = e.get("source")
                title = str(e.get("title") or e.get("detail") or "")
                parts.append(f"{src}: {title}" if isinstance(src, str) and src else title)
        return "; ".join(p for p in parts if p)[:500]
    return str(data)[:200]


def _scrub(text: str, secret: str) -> str:
    return text.replace(secret, "***") if secret else text
