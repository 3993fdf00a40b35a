"""Archive safety: member count, unpacked size (declared and real), paths, links."""

from __future__ import annotations

import gzip
import io
import stat
import tarfile
import zipfile

import pytest
from ingest_builders import MAIN_TEX, tar_gz_bytes, zip_bytes

from aixiv.ingest import IngestError, parse_bytes


def _refused(name: str, data: bytes, **limits: float) -> IngestError:
    with pytest.raises(IngestError) as info:
        parse_bytes(name, data, **limits)
    return info.value


def test_zip_bomb_by_declared_size() -> None:
    bomb = zip_bytes({"main.tex": MAIN_TEX, "zeros.tex": b"\0" * (3 * 1024 * 1024)})
    assert len(bomb) < 50_000
    error = _refused("bomb.zip", bomb, max_unpacked_mb=2)
    assert error.code == "zip-bomb"
    assert error.message == "The archive unpacks to more than 2 MB"


def test_zip_member_lying_about_its_size_is_stopped() -> None:
    honest = zip_bytes({"main.tex": MAIN_TEX, "pad.tex": b"%" * (3 * 1024 * 1024)})
    # Rewrite the declared sizes of pad.tex (local header and central directory) to 10 bytes.
    with zipfile.ZipFile(io.BytesIO(honest)) as zf:
        info = zf.getinfo("pad.tex")
    real = info.file_size.to_bytes(4, "little")
    lying = honest.replace(real, (10).to_bytes(4, "little"))
    error = _refused("liar.zip", lying, max_unpacked_mb=2)
    assert error.code in ("zip-bomb", "bad-archive")


def test_too_many_members() -> None:
    files = {f"part{i}.tex": "x" for i in range(30)}
    error = _refused("many.zip", zip_bytes(files), max_archive_members=20)
    assert error.code == "too-many-files"
    assert "limit is 20" in error.message


@pytest.mark.parametrize(
    "name", ["../escape.tex", "/etc/passwd", "a/../../b.tex", "C:/windows.tex"]
)
def test_unsafe_paths(name: str) -> None:
    error = _refused("bad.zip", zip_bytes({"main.tex": MAIN_TEX, name: "x"}))
    assert error.code == "bad-archive"


def test_zip_symlink() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("main.tex", MAIN_TEX)
        link = zipfile.ZipInfo("secrets.tex")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/shadow")
    assert _refused("link.zip", buffer.getvalue()).code == "bad-archive"


def test_tar_symlink_and_tar_bomb() -> None:
    linked = tar_gz_bytes({"main.tex": MAIN_TEX}, symlinks={"evil.tex": "/etc/passwd"})
    assert _refused("link.tar.gz", linked).code == "bad-archive"
    bomb = tar_gz_bytes({"main.tex": MAIN_TEX, "big.tex": b"\0" * (3 * 1024 * 1024)})
    assert _refused("bomb.tgz", bomb, max_unpacked_mb=2).code == "zip-bomb"


def test_single_gzipped_tex_file() -> None:
    doc = parse_bytes("2101.00001.gz", gzip.compress(MAIN_TEX.encode()))
    assert doc.main_file == "2101.00001.tex"
    assert doc.title == "Routing Entropy in Sparse Mixtures"
    bomb = gzip.compress(b"\0" * (3 * 1024 * 1024))
    assert _refused("bomb.gz", bomb, max_unpacked_mb=2).code == "zip-bomb"


def test_broken_archives() -> None:
    assert _refused("cut.zip", zip_bytes({"main.tex": MAIN_TEX})[:40]).code == "bad-archive"
    truncated = tar_gz_bytes({"main.tex": MAIN_TEX * 20})
    assert _refused("cut.tgz", truncated[: len(truncated) // 2]).code == "bad-archive"


def test_plain_tar_is_read() -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tf:
        raw = MAIN_TEX.encode()
        info = tarfile.TarInfo("main.tex")
        info.size = len(raw)
        tf.addfile(info, io.BytesIO(raw))
    assert parse_bytes("p.tar", buffer.getvalue()).main_file == "main.tex"
