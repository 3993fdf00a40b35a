"""Reviews digested into numbered concerns; the response letter and change note rendered from them."""

from __future__ import annotations

from aixiv.author import collect_concerns, digest
from aixiv.author._digest import Concern
from aixiv.author._letter import Answer, render_change_note, render_letter
from aixiv.author._source import EditOutcome


def _single(
    reviewer: str, major: list[str], minor: list[str] = (), questions: list[str] = ()
) -> dict:
    return {
        "kind": "single",
        "origin": "panel",
        "reviewer": reviewer,
        "rating": 4,
        "body": {
            "summary": f"Review by {reviewer}.",
            "major_concerns": list(major),
            "minor_issues": list(minor),
            "questions_for_authors": list(questions),
            "improvement_recommendations": [],
            "criteria": [
                {
                    "key": "clarity",
                    "name": "Clarity",
                    "score": 2,
                    "weaknesses": [f"{reviewer}: dense notation."],
                }
            ],
        },
    }


def test_major_concerns_first_round_robin_and_duplicates_merged():
    assessment = {
        "reviews": [
            _single(
                "gpt", ["Only one seed is used.", "No dense baseline."], minor=["Typo in Table 2."]
            ),
            _single(
                "claude",
                ["Only one seed is used!", "The dataset is synthetic."],
                questions=["Why eight experts?"],
            ),
        ],
        "votes": [
            {"decision": "reject", "voter": "gemini", "reasons": ["Too few experiments."]},
            {"decision": "accept", "voter": "llama", "reasons": ["Clear writing."]},
            {"decision": "abstain", "voter": "qwen", "reasons": ["timeout"], "error": "timed out"},
        ],
    }
    concerns = collect_concerns(assessment)
    texts = [c.text for c in concerns]
    assert texts[:3] == [
        "Only one seed is used.",
        "No dense baseline.",
        "The dataset is synthetic.",
    ]
    seed = concerns[0]
    assert seed.reviewers == [
        "gpt (single review)",
        "claude (single review)",
    ]  # merged near-duplicate
    assert (
        texts.index("Why eight experts?")
        < texts.index("Too few experiments.")
        < texts.index("Typo in Table 2.")
    )
    assert (
        "Clear writing." not in texts and "timeout" not in texts
    )  # accepting and failed votes are not concerns
    assert "Clarity: gpt: dense notation." in texts


def test_meta_review_with_domain_reviews_and_external_review():
    assessment = {
        "reviews": [
            {
                "kind": "meta",
                "reviewer": "gpt",
                "body": {
                    "summary": "Meta.",
                    "weaknesses": ["The evaluation is narrow."],
                    "reviewers": [
                        {
                            "reviewer": {"name": "Optimisation expert"},
                            "review": {"major_concerns": ["Learning rate is not tuned."]},
                        },
                        {"reviewer": {"name": "Failed"}, "review": None, "error": "timeout"},
                    ],
                },
            },
            {
                "kind": "external",
                "reviewer": "bob",
                "body": {
                    "summary": "x" * 30,
                    "weaknesses": ["Missing related work."],
                    "questions": ["Code?"],
                },
            },
        ]
    }
    d = digest(assessment)
    sources = {c.text: c.source for c in d.concerns}
    assert (
        sources["Learning rate is not tuned."]
        == "Optimisation expert (domain review), major concern"
    )
    assert sources["The evaluation is narrow."].startswith("gpt (meta review)")
    assert sources["Missing related work."] == "bob, weakness"
    assert "Code?" in sources
    assert [c.id for c in d.concerns] == list(range(1, len(d.concerns) + 1))
    assert "C1 [" in d.prompt_text()


def test_digest_stays_within_its_budget_and_keeps_the_rest_for_the_letter():
    many = [
        f"Concern number {i} about a distinct aspect {'x' * (i % 7)} of the work."
        for i in range(40)
    ]
    d = digest(
        {"reviews": [_single("gpt", many[:20]), _single("claude", many[20:])]}, max_tokens=3000
    )
    assert len(d.concerns) == 12 and len(d.omitted) > 20
    small = digest(
        {"reviews": [_single("gpt", [("A long concern sentence. " * 20).strip()] * 1 + many[:10])]},
        max_tokens=400,
    )
    assert sum(len(c.text) for c in small.concerns) / 4 <= 400
    assert all(len(c.text) <= 600 for c in small.concerns)


def test_letter_quotes_every_concern_and_claims_only_applied_edits():
    concerns = [
        Concern("Only one seed.", "major concern", ["gpt"], 1),
        Concern("Line one\nline two", "question", ["bob"], 2),
        Concern("No baseline.", "major concern", ["claude"], 3),
    ]
    omitted = [Concern("A small typo.", "minor issue", ["gpt"])]
    outcomes = [
        EditOutcome(
            1,
            "Method",
            "append",
            True,
            "appended to the section",
            "2 Method",
            "We add three seeds.",
        ),
        EditOutcome(
            2,
            "Results",
            "replace_paragraph",
            False,
            "the anchor sentence was not found in the manuscript",
        ),
    ]
    answers = {
        1: Answer("We added seeds.", [1]),
        2: Answer("See below.", []),
        3: Answer("We tried.", [2]),
    }
    letter = render_letter(
        title="Routing",
        kind="paper",
        concerns=concerns,
        omitted=omitted,
        answers=answers,
        summary="We revised.",
        outcomes=outcomes,
        simulated_model=None,
    )
    assert (
        "> Only one seed." in letter
        and "> Line one\n> line two" in letter
        and "> No baseline." in letter
    )
    assert letter.count("**Response.**") == 3
    assert "Change 1 (added a paragraph in \u201c2 Method\u201d)" in letter
    assert (
        "could not be applied and is not in this version" in letter
    )  # C3 pointed at the skipped edit
    assert "No change to the manuscript for this point." in letter  # C2
    assert "## Further points" in letter and "A small typo." in letter
    assert "simulated" not in letter.lower()
    assert letter.index("C1.") < letter.index("C2.") < letter.index("C3.")


def test_simulated_revisions_say_so_and_notes_are_bounded():
    c = [Concern("x", "major concern", ["gpt"], 1)]
    out = [EditOutcome(1, "A", "append", True, "appended to the section", "A", "t")]
    letter = render_letter(
        title="T",
        kind="proposal",
        concerns=c,
        omitted=[],
        answers={},
        summary="",
        outcomes=out,
        simulated_model="sim-gpt",
    )
    assert "simulated language model (`sim-gpt`)" in letter and "revised proposal" in letter
    note = render_change_note("n" * 6000, out, 1, simulated_model="sim-gpt")
    assert note.startswith("[Simulated revision]") and len(note) <= 5000
    plain = render_change_note("We added seeds.", out, 3)
    assert (
        plain
        == "We added seeds.\n\nRevised in response to 3 reviewer concern(s): 1 change(s) in \u201cA\u201d; see the response letter."
    )
