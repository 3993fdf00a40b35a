"""AuthorAgent: the reference AI-scientist client. It uses the REST API like any outside agent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from ._respond import respond
from ._revise import AuthorError, ClientLike, RevisionBudgets, revise
from ._source import Format

_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
_ARCHIVE_EXT = (".zip", ".tar", ".tar.gz", ".tgz", ".gz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
_LATEX_EXT = (".tex", ".ltx", ".latex")


def source_format(version: dict[str, Any], data: bytes) -> Format:
    """Markdown or LaTeX for a version's original file; AuthorError for anything else."""
    name = str(version.get("filename") or "").lower()
    declared = str(version.get("source_format") or "").lower()
    sources_only = "the author agent revises sources only: Markdown or a single LaTeX .tex file"
    if declared == "pdf" or data[:1024].find(b"%PDF-") >= 0:
        raise AuthorError(
            f"this version is a PDF ({version.get('filename')}); {sources_only}. "
            "Submit the source as a new version to have it revised."
        )
    if (
        data.startswith(_ARCHIVE_MAGIC)
        or (len(data) > 262 and data[257:262] == b"ustar")
        or name.endswith(_ARCHIVE_EXT)
    ):
        raise AuthorError(
            f"this version is an archive ({version.get('filename')}); {sources_only}, not multi-file LaTeX projects."
        )
    if declared == "latex" or name.endswith(_LATEX_EXT):
        return "latex"
    if declared in ("markdown", "text"):
        return "markdown"
    raise AuthorError(f"this version's format is {declared or 'unknown'}; {sources_only}")


def _decode(data: bytes) -> tuple[str, str]:
    """(text, codec) of a source file; written back in the same codec."""
    for codec in (
        ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",)
    ):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _encode(text: str, codec: str, original: bytes) -> bytes:
    if codec == "utf-8-sig" and not original.startswith(b"\xef\xbb\xbf"):
        codec = "utf-8"
    return text.encode(codec, errors="replace")


def _problem(resp: httpx.Response) -> str:
    try:
        body = resp.json()
        if isinstance(body, dict):
            title = body.get("title") or resp.reason_phrase
            detail = body.get("detail")
            if isinstance(detail, list):  # FastAPI validation errors
                detail = "; ".join(
                    str(d.get("msg", d)) if isinstance(d, dict) else str(d) for d in detail
                )
            return (
                f"HTTP {resp.status_code} {title}: {detail}"
                if detail
                else f"HTTP {resp.status_code} {title}"
            )
    except ValueError:
        pass
    return f"HTTP {resp.status_code}: {resp.text[:300]}"


class AuthorAgent:
    """Revises a submission of an aixiv server from its reviews and submits the next version."""

    def __init__(
        self,
        server_url: str,
        api_key: str | None,
        client: ClientLike,
        *,
        timeout_s: float = 60.0,
        budgets: RevisionBudgets | None = None,
        on_progress: Callable[[str], None] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self.api_key = api_key
        self.client = client
        self.timeout_s = timeout_s
        self.budgets = budgets
        self.on_progress = on_progress
        self._transport = transport

    def _say(self, message: str) -> None:
        if self.on_progress is not None:
            self.on_progress(message)

    def _http(self) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        headers["User-Agent"] = "aixiv-author-agent/1"
        return httpx.AsyncClient(
            base_url=self.server_url + "/api/v1",
            headers=headers,
            timeout=self.timeout_s,
            transport=self._transport,
        )

    async def _get(self, http: httpx.AsyncClient, path: str, what: str) -> httpx.Response:
        try:
            resp = await http.get(path)
        except httpx.HTTPError as exc:
            raise AuthorError(
                f"cannot reach the aixiv server at {self.server_url}: {type(exc).__name__}: {exc}"
            ) from None
        if resp.status_code != 200:
            raise AuthorError(f"cannot fetch {what}: {_problem(resp)}")
        return resp

    async def revise_submission(
        self,
        submission_id: str,
        *,
        dry_run: bool = False,
        replacement: Path | str | bytes | None = None,
        replacement_name: str | None = None,
    ) -> dict[str, Any]:
        """Fetch the latest version and its reviews, revise it, and (unless ``dry_run``) submit
        the result as the next version with its response letter and change note.

        With ``replacement`` (a file, or its bytes named ``replacement_name``) the authors'
        own revised manuscript is submitted as it is, in any format, and the agent only writes
        the response letter and change note for it.
        """
        from aixiv.workflow.states import REVISABLE

        if not dry_run and not self.api_key:
            raise AuthorError(
                "submitting a new version needs an API key with the 'submit' scope (--key or AIXIV_API_KEY)"
            )
        supplied = (
            _read_replacement(replacement, replacement_name) if replacement is not None else None
        )
        async with self._http() as http:
            self._say(f"fetching {submission_id}")
            sub = (
                await self._get(
                    http, f"/submissions/{submission_id}", f"submission {submission_id}"
                )
            ).json()
            n = int(sub["latest_version"])
            status = str(sub.get("status"))
            if not dry_run and status not in REVISABLE:
                raise AuthorError(
                    f"{submission_id} is {status.replace('_', ' ')}: a new version can be added only when it is "
                    f"{', '.join(sorted(s.replace('_', ' ') for s in REVISABLE))}"
                )
            version = sub.get("version") or {}
            title, kind = str(sub.get("title") or ""), str(sub.get("kind") or "paper")
            if supplied is None:
                file_resp = await self._get(
                    http,
                    f"/submissions/{submission_id}/versions/{n}/file",
                    f"the file of version {n}",
                )
                data = file_resp.content
                fmt = source_format(version, data)
            assessment = (
                await self._get(
                    http,
                    f"/submissions/{submission_id}/versions/{n}/assessment",
                    f"the reviews of version {n}",
                )
            ).json()
            if not assessment.get("reviews") and not any(
                v.get("decision") == "reject" for v in assessment.get("votes") or []
            ):
                raise AuthorError(
                    f"version {n} of {submission_id} has no reviews yet (status: {status.replace('_', ' ')}); "
                    "revise it once the panel or outside reviewers have reviewed it"
                )
            n_reviews = len(assessment.get("reviews") or [])
            if supplied is None:
                text, codec = _decode(data)
                self._say(f"revising version {n} ({fmt}, {n_reviews} review(s))")
                result = await revise(
                    self.client, text, fmt, assessment, title=title, kind=kind, budgets=self.budgets
                )
                filename = str(
                    version.get("filename") or ("paper.tex" if fmt == "latex" else "paper.md")
                )
                upload = _encode(result.manuscript, codec, data)
            else:
                filename, upload, new_text = supplied
                previous = (
                    await self._get(
                        http,
                        f"/submissions/{submission_id}/versions/{n}/text",
                        f"the text of version {n}",
                    )
                ).text
                fmt = "supplied"
                self._say(f"writing the response letter for {filename} ({n_reviews} review(s))")
                result = await respond(
                    self.client,
                    new_text,
                    assessment,
                    title=title,
                    kind=kind,
                    previous=previous,
                    budgets=self.budgets,
                )
            out: dict[str, Any] = {
                "submission_id": submission_id,
                "from_version": n,
                "version": None,
                "status": status,
                "dry_run": dry_run,
                "filename": filename,
                "format": fmt,
                "edits_applied": result.edits_applied,
                "edits_skipped": result.edits_skipped,
                "simulated": bool(result.provenance.get("simulated")),
                "model": result.provenance.get("model"),
                "url": sub.get("url"),
                "response_letter": result.response_letter,
                "change_note": result.change_note,
                "manuscript": result.manuscript,
                "provenance": result.provenance,
            }
            if dry_run:
                return out
            self._say(f"submitting version {n + 1}")
            try:
                resp = await http.post(
                    f"/submissions/{submission_id}/versions",
                    files={"file": (filename, upload)},
                    data={
                        "response_letter": result.response_letter,
                        "change_note": result.change_note,
                    },
                )
            except httpx.HTTPError as exc:
                raise AuthorError(
                    f"cannot reach the aixiv server at {self.server_url}: {type(exc).__name__}: {exc}"
                ) from None
            if resp.status_code != 201:
                raise AuthorError(f"the server did not accept the new version: {_problem(resp)}")
            new = resp.json()
            out.update(
                version=new.get("latest_version"),
                status=new.get("status"),
                url=new.get("url") or out["url"],
            )
            return out


def _read_replacement(replacement: Path | str | bytes, name: str | None) -> tuple[str, bytes, str]:
    """(file name, bytes, reader text) of a revised manuscript the authors supplied."""
    from aixiv.guard import reader_text
    from aixiv.ingest import IngestError, parse_bytes

    if isinstance(replacement, bytes):
        data, filename = replacement, name or "revision.md"
    else:
        path = Path(replacement)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise AuthorError(
                f"cannot read the revised manuscript {path}: {exc.strerror or exc}"
            ) from None
        filename = name or path.name
    try:
        text = reader_text(parse_bytes(filename, data))
    except IngestError as exc:
        raise AuthorError(f"cannot read the revised manuscript {filename}: {exc}") from None
    if not text.strip():
        raise AuthorError(f"the revised manuscript {filename} has no text a reader can see")
    return filename, data, text
