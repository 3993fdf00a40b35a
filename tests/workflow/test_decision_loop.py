"""The decision loop through the API against the simulated LLM server: screen, review, vote,
decide, revise (pairwise), external reviews, acceptance, DOIs."""

from __future__ import annotations

import asyncio
import json

import pytest
from fastapi.testclient import TestClient

from aixiv.api import create_app
from aixiv.jobs import Worker
from aixiv.models import NullCache, simulated_registry, start_simulator
from aixiv.platform import accounts
from aixiv.records import Job, LlmCall, Vote
from tests.manuscripts import markdown_paper


@pytest.fixture(scope="module")
def sim():
    with start_simulator(latency=0.0, accept_rate=0.5) as handle:
        yield handle


@pytest.fixture
def loop(platform, sim):
    sim.reset()
    from aixiv.workflow._models import ledger_for

    platform.registry = simulated_registry(sim.base_url, 5, cache=NullCache(), ledger=ledger_for(platform), max_retries=1)
    voters = platform.registry.names()
    platform.registry._panels.update({"reviewers": voters[-1:], "voters": voters})
    accounts.create_human(platform, "ada", "Ada")
    accounts.create_agent(platform, "ada", "ada-bot", "Ada's agent", model_name="sim-author", model_developer="Example Labs")
    accounts.create_human(platform, "rev1", "Reviewer One")
    accounts.create_human(platform, "rev2", "Reviewer Two")
    keys = {
        "author": accounts.create_key(platform, "ada-bot", ["submit", "review", "vote"])[1],
        "owner": accounts.create_key(platform, "ada", ["review", "vote"])[1],
        "rev1": accounts.create_key(platform, "rev1", ["review", "vote"])[1],
        "rev2": accounts.create_key(platform, "rev2", ["review", "vote"])[1],
    }
    with TestClient(create_app(platform, start_worker=False)) as client:
        yield platform, client, keys, voters


def _h(key):
    return {"Authorization": f"Bearer {key}"}


def _work(platform, *, retries: bool = True):
    """Run the pipeline until no job is left, on a thread of its own (its own event loop).

    With ``retries`` a job waiting out a retry backoff (a transient model failure on a loaded
    machine) is made due and run again, up to a few rounds.
    """
    import concurrent.futures

    from sqlalchemy import update

    from aixiv.records import utcnow

    for _ in range(4 if retries else 1):
        with concurrent.futures.ThreadPoolExecutor(1) as ex:
            ex.submit(asyncio.run, Worker(platform, platform.queue, concurrency=8, lease_s=30).run_until_idle(timeout=60)).result()
        if not retries:
            return
        with platform.db.transaction() as s:
            waiting = s.execute(update(Job).where(Job.status == "queued").values(run_after=utcnow())).rowcount
        if not waiting:
            return


def _submit(client, key, title="Routing Entropy in Sparse Mixtures"):
    r = client.post(
        "/api/v1/submissions",
        headers=_h(key),
        files={"file": ("paper.md", markdown_paper(title))},
        data={"metadata": json.dumps({"kind": "paper", "title": title})},
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _script_votes(sim, voters, accepting: int, failing: int = 0):
    for i, name in enumerate(voters):
        if i < failing:
            sim.script(f"sim-{name}", always={"status": 500})
        else:
            sim.script(f"sim-{name}", accept_rate=1.0 if i - failing < accepting else 0.0)


def test_three_of_five_accept_then_revision_and_external_reviews(loop, sim):
    platform, client, keys, voters = loop
    _script_votes(sim, voters, accepting=3)
    sid = _submit(client, keys["author"])
    _work(platform)
    sub = client.get(f"/api/v1/submissions/{sid}").json()
    assert sub["status"] == "provisionally_accepted", sub["history"]
    a = client.get(f"/api/v1/submissions/{sid}/versions/1/assessment").json()
    assert len(a["reviews"]) == 1 and a["reviews"][0]["simulated"] is True
    assert a["reviews"][0]["body"]["criteria"] and a["reviews"][0]["provenance"]["prompt_version"]
    panel = [x for x in a["votes"] if x["origin"] == "panel"]
    assert sorted(x["decision"] for x in panel) == ["accept"] * 3 + ["reject"] * 2
    assert {x["model"] for x in panel} == set(voters)
    d = a["decisions"][0]
    assert (d["outcome"], d["accepts"], d["rejects"]) == ("provisionally_accepted", 3, 2) and "3 of 5" in d["rule"]
    assert sub["concept_doi"] and sub["version"]["doi_state"] == "findable"
    with platform.db.read() as s:
        assert s.query(LlmCall).count() >= 6  # one review + five votes, each in the ledger

    # the author and the human who owns the author agent may not vote
    for who in ("author", "owner"):
        r = client.post(f"/api/v1/submissions/{sid}/versions/1/votes", headers=_h(keys[who]), json={"decision": "accept"})
        assert r.status_code == 403 and "authored" in r.json()["detail"]

    # two outside reviews from two people -> accepted
    review = {"summary": "A careful study of routing entropy with clear ablations.", "rating": 7, "confidence": 4}
    r = client.post(f"/api/v1/submissions/{sid}/versions/1/reviews", headers=_h(keys["rev1"]), json=review)
    assert r.status_code == 201, r.text
    again = client.post(f"/api/v1/submissions/{sid}/versions/1/reviews", headers=_h(keys["rev1"]), json=review)
    assert again.status_code == 409
    assert client.get(f"/api/v1/submissions/{sid}").json()["status"] == "provisionally_accepted"
    r = client.post(f"/api/v1/submissions/{sid}/versions/1/votes", headers=_h(keys["rev2"]), json={"decision": "accept", "confidence": 0.8, "reasons": ["solid"]})
    assert r.status_code == 201, r.text
    final = client.get(f"/api/v1/submissions/{sid}").json()
    assert final["status"] == "accepted" and final["accepted_at"]
    assert [h["to_status"] for h in final["history"]][-1] == "accepted"


def test_two_of_five_rejects_and_revision_gets_pairwise(loop, sim):
    platform, client, keys, voters = loop
    _script_votes(sim, voters, accepting=2)
    sid = _submit(client, keys["author"])
    _work(platform)
    assert client.get(f"/api/v1/submissions/{sid}").json()["status"] == "rejected"
    _script_votes(sim, voters, accepting=4)
    r = client.post(
        f"/api/v1/submissions/{sid}/versions",
        headers=_h(keys["author"]),
        files={"file": ("v2.md", markdown_paper("Routing Entropy in Sparse Mixtures", extra=" We added a new ablation."))},
        data={"response_letter": "Point 1: we added the ablation the reviewers asked for."},
    )
    assert r.status_code == 201, r.text
    _work(platform)
    sub = client.get(f"/api/v1/submissions/{sid}").json()
    assert sub["status"] == "provisionally_accepted"
    a2 = client.get(f"/api/v1/submissions/{sid}/versions/2/assessment").json()
    assert len(a2["pairwise"]) == 1
    pw = a2["pairwise"][0]
    assert pw["against_version"] == 1 and pw["preferred"] in ("new", "old", "tie")
    assert "forward" in pw["body"] and "reverse" in pw["body"]  # both orders ran
    a1 = client.get(f"/api/v1/submissions/{sid}/versions/1/assessment").json()
    assert a1["decisions"][0]["outcome"] == "rejected"


def test_failing_voter_abstains(loop, sim):
    platform, client, keys, voters = loop
    _script_votes(sim, voters, accepting=3, failing=1)
    sid = _submit(client, keys["author"])
    _work(platform)
    a = client.get(f"/api/v1/submissions/{sid}/versions/1/assessment").json()
    abstained = [x for x in a["votes"] if x["decision"] == "abstain"]
    assert len(abstained) == 1 and abstained[0]["model"] == voters[0] and abstained[0]["error"]
    assert a["decisions"][0]["abstains"] == 1 and a["decisions"][0]["accepts"] == 3
    assert client.get(f"/api/v1/submissions/{sid}").json()["status"] == "provisionally_accepted"


def test_below_quorum_is_not_decided(loop, sim):
    platform, client, keys, voters = loop
    _script_votes(sim, voters, accepting=2, failing=3)
    sid = _submit(client, keys["author"])
    _work(platform, retries=False)
    sub = client.get(f"/api/v1/submissions/{sid}").json()
    assert sub["status"] == "voting"
    a = client.get(f"/api/v1/submissions/{sid}/versions/1/assessment").json()
    assert a["decisions"] == [] and sum(x["decision"] == "abstain" for x in a["votes"]) == 3
    with platform.db.read() as s:
        job = s.query(Job).filter(Job.kind == "pipeline.vote").one()
        assert job.status == "queued" and "quorum" in job.last_error
    # the failing voters recover; the retry re-asks only them and decides
    _script_votes(sim, voters, accepting=5)
    from sqlalchemy import update

    from aixiv.records import utcnow

    with platform.db.transaction() as s:
        s.execute(update(Job).where(Job.kind == "pipeline.vote").values(run_after=utcnow()))
    _work(platform)
    assert client.get(f"/api/v1/submissions/{sid}").json()["status"] == "provisionally_accepted"
    with platform.db.read() as s:
        assert s.query(Vote).filter(Vote.origin == "panel").count() == 5  # re-asked, not duplicated
