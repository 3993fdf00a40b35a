"""Reading a LaTeX project archive (.zip, .tar, .tar.gz, .tgz, single .gz) without trusting it.

Limits: number of members, total unpacked size (checked against the declared sizes first,
then enforced while decompressing, because declared sizes can lie), no absolute paths, no
``..``, no links or device files, no encrypted members.
"""

from __future__ import annotations

import io
import posixpath
import stat
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field

from .errors import IngestError

# Members worth reading: the project's text sources. Images and data are counted, not read.
TEXT_SUFFIXES = (
    ".tex", ".ltx", ".bib", ".bbl", ".sty", ".cls", ".bst", ".clo", ".cfg", ".def", ".txt", ".md",
)  # fmt: skip
_CHUNK = 1 << 16


@dataclass
class Archive:
    files: dict[str, bytes] = field(default_factory=dict)  # text members by safe path
    members: list[str] = field(default_factory=list)  # every file member
    warnings: list[str] = field(default_factory=list)


def _mb(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


def safe_name(name: str) -> str:
    """A member path made relative and checked; raises on absolute paths or ``..``."""
    clean = name.replace("\\", "/")
    if "\x00" in clean or clean.startswith("/") or (len(clean) > 1 and clean[1] == ":"):
        raise IngestError("bad-archive", f"The archive holds an absolute path: {name!r}")
    parts = [p for p in clean.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise IngestError("bad-archive", f"The archive holds a path that leaves it: {name!r}")
    return posixpath.join(*parts) if parts else ""


class _Budget:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def declare(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise IngestError("zip-bomb", f"The archive unpacks to more than {_mb(self.limit)}")

    def read(self, fh: io.BufferedIOBase | io.RawIOBase, declared: int) -> bytes:
        """Read a member in chunks, never past the remaining budget whatever it declared."""
        self.used -= declared  # replace the declared size by what is actually read
        out = bytearray()
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            out += chunk
            if self.used + len(out) > self.limit:
                raise IngestError("zip-bomb", f"The archive unpacks to more than {_mb(self.limit)}")
        self.used += len(out)
        return bytes(out)


def _add(archive: Archive, name: str, data: bytes) -> None:
    if name in archive.files:
        archive.warnings.append(f"The archive holds {name!r} twice; the first copy is used")
        return
    archive.files[name] = data


def _wanted(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES)


def _read_zip(data: bytes, max_members: int, budget: _Budget) -> Archive:
    archive = Archive()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise IngestError("bad-archive", f"The zip archive cannot be read ({exc})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > max_members:
            raise IngestError(
                "too-many-files",
                f"The archive holds {len(infos)} members; the limit is {max_members}",
            )
        for info in infos:
            budget.declare(info.file_size)
        for info in infos:
            name = safe_name(info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise IngestError(
                    "bad-archive", f"The archive holds a symbolic link: {info.filename!r}"
                )
            if info.is_dir() or not name:
                continue
            if info.flag_bits & 0x1:
                raise IngestError(
                    "bad-archive", f"The archive member {info.filename!r} is encrypted"
                )
            archive.members.append(name)
            if not _wanted(name):
                continue
            try:
                with zf.open(info) as fh:
                    _add(archive, name, budget.read(fh, info.file_size))
            except IngestError:
                raise
            except (
                zipfile.BadZipFile,
                NotImplementedError,
                ValueError,
                OSError,
                EOFError,
                zlib.error,
            ) as exc:
                raise IngestError(
                    "bad-archive", f"The archive member {name!r} cannot be read ({exc})"
                ) from None
    return archive


class _NotTar(Exception):
    """Not a tar stream at all (its first header is missing or invalid)."""


def _read_tar(data: bytes, max_members: int, budget: _Budget) -> Archive:
    archive = Archive()
    count = 0
    try:
        # Stream mode: a member's data is decompressed only after its header has been checked.
        tf = tarfile.open(fileobj=io.BytesIO(data), mode="r|*")
    except tarfile.ReadError as exc:
        raise _NotTar(str(exc)) from None
    with tf:
        for member in tf:
            count += 1
            if count > max_members:
                raise IngestError(
                    "too-many-files", f"The archive holds more than {max_members} members"
                )
            name = safe_name(member.name)
            if member.issym() or member.islnk():
                raise IngestError("bad-archive", f"The archive holds a link: {member.name!r}")
            if member.isdir() or not name:
                continue
            if not member.isreg():
                raise IngestError(
                    "bad-archive", f"The archive holds a special file: {member.name!r}"
                )
            budget.declare(member.size)
            archive.members.append(name)
            if _wanted(name):
                fh = tf.extractfile(member)
                if fh is not None:
                    _add(archive, name, budget.read(fh, member.size))
    if count == 0:
        raise _NotTar("no members")  # e.g. a gzip file that holds no tar at all
    return archive


def _gunzip_single(data: bytes, filename: str, budget: _Budget) -> Archive:
    """A single gzip-compressed source file (arXiv serves one-file submissions so)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, budget.limit + 1)
    except zlib.error as exc:
        raise IngestError("bad-archive", f"The gzip file cannot be read ({exc})") from None
    if len(out) > budget.limit or inflater.unconsumed_tail:
        raise IngestError("zip-bomb", f"The file unpacks to more than {_mb(budget.limit)}")
    if not inflater.eof:
        raise IngestError("bad-archive", "The gzip file is truncated")
    base = posixpath.basename(filename.replace("\\", "/")) or "main.tex"
    for suffix in (".gz", ".tgz"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    if not _wanted(base):
        base += ".tex"
    return Archive(files={base: out}, members=[base])


def read_archive(
    data: bytes, filename: str, *, max_members: int, max_unpacked_bytes: int
) -> Archive:
    """The text members of an archive, checked against every limit."""
    budget = _Budget(max_unpacked_bytes)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_zip(data, max_members, budget)
    try:
        return _read_tar(data, max_members, budget)
    except IngestError:
        raise
    except _NotTar as exc:
        if data.startswith(b"\x1f\x8b"):
            return _gunzip_single(data, filename, _Budget(max_unpacked_bytes))
        raise IngestError("bad-archive", f"The archive cannot be read ({exc})") from None
    except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as exc:
        raise IngestError("bad-archive", f"The archive cannot be read ({exc})") from None
