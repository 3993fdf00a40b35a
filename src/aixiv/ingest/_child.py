"""The parser's child process: limits first, then parse_bytes, then one reply on stdout.

Run as ``python -m aixiv.ingest._child ARGS_JSON`` with the upload on stdin (``ingest``
starts it through a short bootstrap that skips PyMuPDF's optional layout modules, which
cost half a second of imports and are not used here). The reply is ``D`` + Document JSON
or ``E`` + ``{"code", "message"}``. Anything else printed, by us or by C libraries, goes
to stderr, so stdout carries the reply only.
"""

from __future__ import annotations

import json
import os
import sys

try:
    import resource
except ImportError:  # not on POSIX: no limits but the caller's wall-time limit
    resource = None  # type: ignore[assignment]

from ._parse import parse_bytes
from .errors import IngestError


def _limit(memory_mb: int, cpu_s: float) -> None:
    if resource is None:
        return
    limits = [
        (resource.RLIMIT_AS, memory_mb * 1024 * 1024),
        # A backstop for a child whose parent died: the kernel stops it after this much CPU.
        (resource.RLIMIT_CPU, int(cpu_s) + 5),
    ]
    for kind, value in limits:
        try:
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):
            pass  # already lower, or not allowed: keep what we have


def _error(code: str, message: str) -> bytes:
    return b"E" + json.dumps({"code": code, "message": message}).encode()


def reply_for(args: dict, data: bytes) -> bytes:  # type: ignore[type-arg]
    memory_mb = int(args["memory_mb"])
    try:
        doc = parse_bytes(args["filename"], data, **args["limits"])
        return b"D" + doc.model_dump_json().encode()
    except IngestError as exc:
        return _error(exc.code, exc.message)
    except MemoryError:
        return _error(
            "memory", f"Parsing needed more than {memory_mb} MB of memory and was stopped"
        )
    except RecursionError:
        return _error("crash", "The file is nested too deeply to be parsed")
    except Exception as exc:  # a parser bug must reach the caller as an IngestError
        return _error("crash", f"The file could not be parsed ({type(exc).__name__}: {exc})")


def main() -> None:
    args = json.loads(sys.argv[1])
    reply_fd = os.dup(1)
    os.dup2(2, 1)  # stray output (Python or C) must not corrupt the reply
    _limit(int(args["memory_mb"]), float(args["timeout_s"]))
    try:
        data = sys.stdin.buffer.read()
    except MemoryError:
        reply = _error(
            "memory", f"The file needs more than {args['memory_mb']} MB of memory to be read"
        )
    else:
        reply = reply_for(args, data)
        del data
    with os.fdopen(reply_fd, "wb") as out:
        out.write(reply)


if __name__ == "__main__":
    main()
