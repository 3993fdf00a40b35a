"""A small Semantic Scholar Graph API stand-in on 127.0.0.1 (real HTTP, scripted faults)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

PAPERS = [
    {
        "paperId": "s2-moe",
        "title": "Load Balancing for Sparse Mixture of Experts",
        "abstract": "We route tokens to experts with an auxiliary loss. Balanced experts train faster.",
        "year": 2021,
        "venue": "ICML",
        "url": "https://example.org/s2-moe",
        "externalIds": {"DOI": "10.1/moe"},
        "authors": [{"name": "A. Router"}],
    },
    {
        "paperId": "s2-entropy",
        "title": "Entropy Regularisation in Transformer Training",
        "abstract": "Entropy penalties stabilise early training of transformer language models.",
        "year": 2020,
        "venue": "NeurIPS",
        "url": "https://example.org/s2-entropy",
        "authors": [],
    },
    {"paperId": "s2-notitle", "title": None},
]


@dataclass
class S2Stub:
    base_url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    faults: list[dict[str, Any]] = field(default_factory=list)  # used once each, in order

    def hits(self) -> int:
        return len(self.requests)


def _app(stub: S2Stub) -> FastAPI:
    app = FastAPI()

    @app.get("/graph/v1/paper/search")
    async def search(request: Request) -> Any:
        q = request.query_params
        stub.requests.append(
            {
                "t": time.monotonic(),
                "query": q.get("query"),
                "limit": q.get("limit"),
                "fields": q.get("fields"),
                "key": request.headers.get("x-api-key"),
            }
        )
        if stub.faults:
            f = stub.faults.pop(0)
            return JSONResponse(
                {"message": f.get("message", "fault")},
                status_code=f["status"],
                headers=f.get("headers"),
            )
        limit = int(q.get("limit") or 10)
        words = set((q.get("query") or "").lower().split())
        data = [
            p for p in PAPERS if p["title"] is None or words & set(str(p["title"]).lower().split())
        ]
        return {"total": len(data), "offset": 0, "data": data[:limit]}

    return app


@pytest.fixture(scope="session")
def _s2_server() -> Iterator[S2Stub]:
    stub = S2Stub()
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(_app(stub), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    stub.base_url = f"http://127.0.0.1:{port}"
    yield stub
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def s2_stub(_s2_server: S2Stub) -> Iterator[S2Stub]:
    _s2_server.requests.clear()
    _s2_server.faults.clear()
    yield _s2_server
    _s2_server.faults.clear()


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL nothing listens on."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"
