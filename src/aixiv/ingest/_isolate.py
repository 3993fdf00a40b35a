"""ingest: parse_bytes in a fresh child process with a wall-time and an address-space limit.

Each call starts a new interpreter (``python -c <bootstrap>``) that sets RLIMIT_AS to
``parse_memory_mb`` and RLIMIT_CPU as a backstop, reads the upload from stdin and writes
one reply to stdout. A fresh interpreter shares nothing with the caller (threads, sockets,
database handles, the ``__main__`` module), so a hostile file can hang, balloon or crash
only its own child; the caller sees an IngestError. Startup costs about 0.2 s.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .document import Document
from .errors import IngestError

if TYPE_CHECKING:
    from ..config import Settings

log = logging.getLogger(__name__)

# PyMuPDF imports its optional layout and LLM helpers (onnxruntime, numpy) when installed;
# the parser needs neither, and skipping them halves the child's startup time.
_BOOTSTRAP = (
    "import sys; sys.modules['pymupdf.layout'] = None; sys.modules['pymupdf4llm'] = None; "
    "from aixiv.ingest._child import main; main()"
)
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    path = env.get("PYTHONPATH", "")
    env["PYTHONPATH"] = _PACKAGE_ROOT + (os.pathsep + path if path else "")
    return env


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def ingest(filename: str, data: bytes, settings: Settings | None = None) -> Document:
    """Parse an upload in an isolated child process; raise IngestError on any failure."""
    if settings is None:
        from ..config import get_settings

        settings = get_settings()
    if not data:
        raise IngestError("empty", "The file is empty")
    if len(data) > settings.max_upload_bytes:
        raise IngestError(
            "too-large",
            f"The file is {len(data) / 1048576:.1f} MB; the limit is {settings.max_upload_mb:g} MB",
        )
    timeout = settings.parse_timeout_s
    args = {
        "filename": filename,
        "memory_mb": settings.parse_memory_mb,
        "timeout_s": timeout,
        "limits": {
            "max_pages": settings.max_pages,
            "max_archive_members": settings.max_archive_members,
            "max_unpacked_mb": settings.max_unpacked_mb,
        },
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", _BOOTSTRAP, json.dumps(args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    try:
        out, err = proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise IngestError(
            "timeout", f"Parsing took longer than {timeout:g} s and was stopped"
        ) from None
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    if out[:1] == b"D":
        return Document.model_validate_json(out[1:])
    if out[:1] == b"E":
        error = json.loads(out[1:])
        raise IngestError(error["code"], error["message"])
    _raise_for_death(proc.returncode, err)
    raise AssertionError("unreachable")


def _raise_for_death(code: int, stderr: bytes) -> None:
    tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
    log.warning("ingest child exited with %s: %s", code, " | ".join(tail))
    if code is not None and code < 0:
        if -code == signal.SIGKILL:
            raise IngestError(
                "memory",
                "The parser was killed by the system, most likely for using too much memory",
            )
        if -code == signal.SIGXCPU:
            raise IngestError("timeout", "Parsing used more CPU time than allowed and was stopped")
        raise IngestError(
            "crash", f"The parser crashed on this file ({_signal_name(-code)}) and was stopped"
        )
    if tail and "MemoryError" in tail[-1]:
        raise IngestError("memory", "Parsing needed more memory than allowed and was stopped")
    raise IngestError("crash", f"The parser stopped without an answer (exit code {code})")
