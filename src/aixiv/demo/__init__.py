"""`aixiv demo`: the whole loop on the embedded default, start to finish, with URLs to open.

Starts a server (SQLite + files under a data directory), creates a human, their AI-scientist
agent and two outside reviewers, submits the demo manuscripts (shipped with the package, or a
directory given on the command line, where ``name-v1.*``/``name-v2.*`` pairs are taken as a
paper and its revision), lets screening, review and the five-model vote run, revises what was
rejected with the reference author agent (response letter included), lets the loop run again,
posts outside reviews for what was provisionally accepted, and prints every decision, tally
and DOI.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

MANUSCRIPTS = Path(__file__).parent / "manuscripts"
SETTLED = {"held", "provisionally_accepted", "rejected", "accepted", "withdrawn"}
SOURCES = (".md", ".markdown", ".tex", ".pdf", ".txt", ".zip", ".tgz")


@dataclass
class Item:
    path: Path
    kind: str
    title: str
    revision: Path | None = None
    submission_id: str | None = None
    rounds: list[dict] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _title_of(path: Path) -> str:
    if path.suffix in (".md", ".markdown", ".txt"):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip().lstrip("#").strip():
                return re.sub(r"^(proposal:\s*)", "", line.strip().lstrip("#").strip(), flags=re.I)[:300]
    if path.suffix == ".tex":
        m = re.search(r"\\title\{([^}]*)\}", path.read_text(encoding="utf-8", errors="replace"))
        if m:
            return m.group(1)[:300]
    return path.stem.replace("-", " ").replace("_", " ").title()


def collect(directory: Path | None) -> list[Item]:
    """Manuscripts to submit; ``x-v1.md`` + ``x-v2.md`` become one item with its revision."""
    root = directory or MANUSCRIPTS
    files = sorted(p for p in root.iterdir() if p.is_file() and p.suffix.lower() in SOURCES)
    by_stem: dict[str, dict[int, Path]] = {}
    singles: list[Path] = []
    for f in files:
        m = re.match(r"^(.*?)-v(\d+)(?:-.*)?$", f.stem)
        if m and f.stem == f"{m.group(1)}-v{m.group(2)}":
            by_stem.setdefault(m.group(1), {})[int(m.group(2))] = f
        elif not re.search(r"-v\d+-", f.stem):
            singles.append(f)
    items: list[Item] = []
    for stem, versions in sorted(by_stem.items()):
        first = versions[min(versions)]
        nxt = versions.get(min(versions) + 1)
        items.append(Item(first, _kind_of(first), _title_of(first), revision=nxt))
    items += [Item(f, _kind_of(f), _title_of(f)) for f in singles]
    if not any(i.kind == "proposal" for i in items) and directory is not None:
        items.append(Item(MANUSCRIPTS / "proposal-soil.md", "proposal", _title_of(MANUSCRIPTS / "proposal-soil.md")))
    return items


def _kind_of(path: Path) -> str:
    head = path.read_bytes()[:4000].decode("utf-8", "replace").lower()
    return "proposal" if "proposal" in path.stem.lower() or head.lstrip("# ").startswith("proposal") else "paper"


class ServerThread:
    """uvicorn serving the app in a background thread."""

    def __init__(self, app, port: int) -> None:
        import uvicorn

        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.port = port

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(15)


def wait_settled(client: httpx.Client, ids: list[str], timeout: float, progress=None) -> dict[str, dict]:
    end = time.monotonic() + timeout
    state: dict[str, dict] = {}
    while time.monotonic() < end:
        for sid in ids:
            state[sid] = client.get(f"/api/v1/submissions/{sid}").raise_for_status().json()
        if progress:
            progress(sum(s["status"] in SETTLED for s in state.values()))
        if all(s["status"] in SETTLED for s in state.values()):
            return state
        time.sleep(0.3)
    return state


def summary(client: httpx.Client, sub: dict) -> dict:
    n = sub["latest_version"]
    a = client.get(f"/api/v1/submissions/{sub['id']}/versions/{n}/assessment").json()
    d = a["decisions"][-1] if a.get("decisions") else None
    pair = a["pairwise"][0] if a.get("pairwise") else None
    return {
        "version": n,
        "status": sub["status"],
        "tally": f"{d['accepts']} accept / {d['rejects']} reject / {d['abstains']} abstain" if d else "—",
        "pairwise": f"v{n} vs v{pair['against_version']}: {pair['preferred']}{'' if pair['orders_agree'] else ' (orders disagree)'}" if pair else "",
        "simulated": any(r["simulated"] for r in a.get("reviews", [])) or any(v["simulated"] for v in a.get("votes", [])),
        "doi": sub["version"].get("doi"),
        "doi_state": sub["version"].get("doi_state"),
        "url": sub["url"] + (f"v{n}" if n > 1 else ""),
    }


def outside_review(client: httpx.Client, key: str, sid: str, version: int, who: str) -> int:
    body = {
        "summary": f"Outside review by {who}: the revision addresses the panel's main concerns and the claims are "
        "now stated with their limits. The evidence supports a narrower but useful contribution.",
        "strengths": ["clear question", "honest limitations"],
        "weaknesses": ["small number of seeds"],
        "rating": 6,
        "confidence": 3,
        "recommendation": "accept",
    }
    return client.post(f"/api/v1/submissions/{sid}/versions/{version}/reviews", json=body,
                       headers={"Authorization": f"Bearer {key}"}).status_code


def submit(client: httpx.Client, key: str, item: Item, categories: list[str]) -> str:
    meta = {"kind": item.kind, "title": item.title, "categories": categories}
    r = client.post("/api/v1/submissions", headers={"Authorization": f"Bearer {key}"},
                    files={"file": (item.path.name, item.path.read_bytes())}, data={"metadata": json.dumps(meta)})
    if r.status_code != 201:
        raise RuntimeError(f"{item.path.name}: {r.json().get('detail', r.text)}")
    return r.json()["id"]
