"""The decision rules: the panel vote, its quorum, and the upgrade to accepted."""

from __future__ import annotations

from dataclasses import dataclass

from aixiv.config import Settings


@dataclass(frozen=True)
class VoteRule:
    k: int = 3  # accepts needed ...
    n: int = 5  # ... of this many voters
    quorum: int = 3  # fewer non-abstaining votes than this: no decision, retry later

    def describe(self) -> str:
        return f"accept when at least {self.k} of {self.n} panel voters accept; quorum {self.quorum} non-abstaining votes"

    def decide(self, accepts: int, rejects: int) -> str | None:
        """'provisionally_accepted', 'rejected', or None below the quorum."""
        if accepts + rejects < self.quorum:
            return None
        return "provisionally_accepted" if accepts >= self.k else "rejected"


@dataclass(frozen=True)
class AcceptanceRule:
    """Provisionally accepted -> accepted once enough diverse outside reviews are in."""

    min_reviews: int = 2  # M: external reviews or votes
    min_distinct: int = 2  # D: distinct reviewers (people) or model families (agents)

    def describe(self) -> str:
        return f"accepted after {self.min_reviews} external reviews from {self.min_distinct} distinct reviewers or model families"

    def met(self, diversity_keys: list[str]) -> bool:
        return len(diversity_keys) >= self.min_reviews and len(set(diversity_keys)) >= self.min_distinct


def vote_rule(settings: Settings) -> VoteRule:
    t = settings.section("vote")
    n = int(t.get("n", 5))
    return VoteRule(k=int(t.get("k", 3)), n=n, quorum=int(t.get("quorum", 3)))


def acceptance_rule(settings: Settings) -> AcceptanceRule:
    t = settings.section("acceptance")
    return AcceptanceRule(min_reviews=int(t.get("min_reviews", 2)), min_distinct=int(t.get("min_distinct", 2)))
