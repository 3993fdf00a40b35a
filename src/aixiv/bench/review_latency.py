"""``aixiv bench review-latency``: is a meta review as fast as its critical path?

A meta review is planner -> (retrieval + domain reviewers, all in parallel) -> meta review, so
its wall time should be about 3 model latencies plus one retrieval, however many reviewers
there are. This runs one against the simulated LLM server with a fixed latency and a small
synthetic literature index, and compares measured wall time with that ideal.
"""

from __future__ import annotations

import asyncio
import json
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

console = Console()

_TOPICS = [
    ("sparse mixture-of-experts routing", "Sparse Mixture Routing", "SMR"),
    ("curriculum schedules for small language models", "Curriculum Schedule Search", "CSS"),
    ("diffusion models on low-dimensional data", "Dual Expert Denoising", "DED"),
    ("grokking in modular arithmetic", "Operand Reversal Augmentation", "ORA"),
    ("contrastive representation learning bounds", "Negative Sample Scaling", "NSS"),
    ("prompt injection detection in documents", "Layout Aware Screening", "LAS"),
]
_CLAIMS = [
    "We propose {name} ({acr}), a method for {topic}.",
    "Experiments on three benchmarks show that {acr} improves accuracy by four points over strong baselines.",
    "We analyse why {acr} works and where it fails.",
    "Our ablations isolate the contribution of each component of {name}.",
    "The method adds little computational cost and is simple to implement.",
]


def synthetic_manuscript(seed: int = 0) -> str:
    """A small, made-up paper in Markdown (about 2500 tokens)."""
    rng = random.Random(seed)
    topic, name, acr = _TOPICS[seed % len(_TOPICS)]
    fill = {"topic": topic, "name": name, "acr": acr}
    para = " ".join(c.format(**fill) for c in _CLAIMS)
    sections = [
        "Introduction",
        "Related Work",
        "Method",
        "Experiments",
        "Results",
        "Limitations",
        "Conclusion",
    ]
    body = [f"# {name}: Faster {topic.title()}", "", "## Abstract", "", para, ""]
    for s in sections:
        body += [f"## {s}", ""]
        for _ in range(rng.randint(2, 4)):
            sents = rng.sample(_CLAIMS, k=4)
            body += [" ".join(c.format(**fill) for c in sents), ""]
    return "\n".join(body)


def synthetic_corpus(n: int = 60, seed: int = 1) -> list:
    """Made-up related papers on the same topics, for the local index."""
    from aixiv.literature import LiteratureRecord

    rng = random.Random(seed)
    docs = []
    for i in range(n):
        topic, name, acr = rng.choice(_TOPICS)
        fill = {"topic": topic, "name": name, "acr": acr}
        title = f"{rng.choice(['On', 'Revisiting', 'Scaling', 'Understanding'])} {topic} with variant {i}"
        abstract = " ".join(c.format(**fill) for c in rng.sample(_CLAIMS, k=3))
        docs.append(
            LiteratureRecord(
                source="synthetic",
                external_id=f"syn-{i}",
                title=title,
                abstract=abstract,
                text=abstract * 5,
                year=2020 + i % 5,
            )
        )
    return docs


@dataclass
class LatencyResult:
    latency_s: float
    reviewers: int
    planner_s: float
    retrieval_s: float
    reviewers_s: float
    meta_s: float
    wall_s: float
    ideal_s: float
    sequential_s: float
    overhead_s: float
    reviews_ok: int


async def _measure(
    client, panel, text: str, kind: str, reviewers: int, retriever
) -> tuple[float, object]:  # noqa: ANN001
    from aixiv.review import meta_review

    started = time.monotonic()
    result = await meta_review(
        client, text, kind, retriever=retriever, reviewer_clients=panel, n_reviewers=reviewers
    )
    return time.monotonic() - started, result


def run_latency(
    latency: float, reviewers: int, kind: str = "paper", seed: int = 0, *, warmup: bool = True
) -> LatencyResult:
    """One meta review against a private simulator with ``latency`` seconds per call."""
    from aixiv.literature import LocalIndex, Retriever
    from aixiv.models import simulated_registry, start_simulator
    from aixiv.records.db import make_engine

    text = synthetic_manuscript(seed)
    with tempfile.TemporaryDirectory(prefix="aixiv-bench-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'literature.sqlite3'}")
        try:
            index = LocalIndex(engine)
            index.ensure()
            index.add(synthetic_corpus())
            retriever = Retriever(index=index)
            if warmup:  # first calls pay for imports and client set-up: not review latency
                with start_simulator(latency=0.0, seed=seed) as sim:
                    registry = simulated_registry(sim.base_url, 5)
                    names = registry.panel("reviewers")
                    asyncio.run(
                        _measure(
                            registry.client(names[0]),
                            [registry.client(n) for n in names],
                            text,
                            kind,
                            reviewers,
                            retriever,
                        )
                    )
            with start_simulator(latency=latency, seed=seed) as sim:
                # One family per reviewer slot, each with room for every reviewer at once, so
                # the only waiting left is the critical path itself.
                registry = simulated_registry(sim.base_url, 5, max_concurrency=max(4, reviewers))
                names = registry.panel("reviewers")
                client = registry.client(names[0])
                panel = [registry.client(n) for n in names]
                wall, result = asyncio.run(
                    _measure(client, panel, text, kind, reviewers, retriever)
                )
        finally:
            engine.dispose()
    t = result.provenance.timings
    ideal = 3 * latency + t.get("retrieval_s", 0.0)
    return LatencyResult(
        latency_s=latency,
        reviewers=reviewers,
        planner_s=t.get("planner_s", 0.0),
        retrieval_s=t.get("retrieval_s", 0.0),
        reviewers_s=t.get("reviewers_s", 0.0),
        meta_s=t.get("meta_s", 0.0),
        wall_s=round(wall, 4),
        ideal_s=round(ideal, 4),
        sequential_s=round((2 + reviewers) * latency + reviewers * t.get("retrieval_s", 0.0), 4),
        overhead_s=round(wall - ideal, 4),
        reviews_ok=sum(1 for d in result.reviewers if d.review is not None),
    )


def register(bench: typer.Typer) -> None:
    @bench.command("review-latency")
    def review_latency(
        latency: float = typer.Option(
            1.0, "--latency", min=0.0, help="Simulated seconds per model call."
        ),
        reviewers: int = typer.Option(
            5, "--reviewers", min=2, max=6, help="Domain reviewers in the meta review."
        ),
        kind: str = typer.Option("paper", "--kind", help="paper or proposal."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Wall time of a meta review vs. its ideal (planner + one reviewer round + meta + retrieval)."""
        from aixiv.cli._common import fail

        if kind not in ("paper", "proposal"):
            fail("--kind must be paper or proposal")
        with console.status("meta review against the simulated LLM ...", spinner="dots"):
            r = run_latency(latency, reviewers, kind)
        if as_json:
            typer.echo(json.dumps(asdict(r), indent=2))
            return
        table = Table(
            title=f"Meta review latency: {reviewers} domain reviewers, {latency:g} s per call [SIMULATED]"
        )
        table.add_column("stage")
        table.add_column("seconds", justify="right")
        for label, value in [
            ("planner (area chair)", r.planner_s),
            ("retrieval (slowest reviewer)", r.retrieval_s),
            (f"reviewer round ({r.reviews_ok}/{reviewers} ok)", r.reviewers_s),
            ("meta review", r.meta_s),
            ("measured wall time", r.wall_s),
            ("ideal: 3 x latency + retrieval", r.ideal_s),
            ("overhead (wall - ideal)", r.overhead_s),
            ("if run one call at a time", r.sequential_s),
        ]:
            table.add_row(label, f"{value:.3f}")
        console.print(table)
