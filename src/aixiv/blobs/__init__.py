"""Content-addressed file storage: the original uploads and the extracted documents."""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from pathlib import Path


class BlobStore:
    """Files on local disk named by their SHA-256 (an S3-compatible store can take its place)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, sha: str) -> Path:
        if len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha[:2] / sha[2:4] / sha

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store bytes; returns (sha256, created) — created is False when it was already there."""
        sha = hashlib.sha256(data).hexdigest()
        path = self._path(sha)
        if path.exists():
            return sha, False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha, True

    def get(self, sha: str) -> bytes:
        return self._path(sha).read_bytes()

    def path(self, sha: str) -> Path:
        return self._path(sha)

    def exists(self, sha: str) -> bool:
        return self._path(sha).exists()

    def delete(self, sha: str) -> None:
        self._path(sha).unlink(missing_ok=True)

    def put_json(self, text: str) -> tuple[str, bool]:
        """Store a JSON document gzip-compressed (deterministic: no timestamp in the header)."""
        return self.put(gzip.compress(text.encode("utf-8"), mtime=0))

    def get_json(self, sha: str) -> str:
        return gzip.decompress(self.get(sha)).decode("utf-8")
