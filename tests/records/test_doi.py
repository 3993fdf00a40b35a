"""DOIs: DataCite 4.5 metadata, the local and DataCite registrars, BibTeX and citations."""

from __future__ import annotations

import base64
import datetime as dt
import importlib
import importlib.util
import socket
import threading
import time
import traceback
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from datacite import schema45
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

import aixiv
from aixiv.config import Settings
from aixiv.records import Base, make_engine
from aixiv.records.doi import (
    DataCiteRegistrar,
    DoiConflict,
    DoiNotFound,
    LocalRegistrar,
    MetadataError,
    Registrar,
    RegistrarAuthError,
    RegistrarError,
    bibtex,
    cite_as,
    datacite_concept_metadata,
    datacite_metadata,
    latex_escape,
    make_registrar,
    metadata_errors,
    mint_doi,
    normalize_doi,
    parse_doi,
    validate_metadata,
)


def _load_views():
    try:
        return importlib.import_module("aixiv.platform.views")
    except ImportError:
        # aixiv.platform's __init__ pulls in the whole service layer; the views module itself
        # needs only pydantic, so load it on its own while a sibling package is unfinished.
        path = Path(aixiv.__file__).parent / "platform" / "views.py"
        spec = importlib.util.spec_from_file_location("_aixiv_views_for_doi_tests", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


views = _load_views()

BASE = "https://aixiv.example.org"
SID = "aixiv.251125.000001"
PREFIX = "10.5072"
T0 = dt.datetime(2025, 11, 25, 9, 30, tzinfo=dt.UTC)
T1 = dt.datetime(2025, 12, 20, 14, 0, tzinfo=dt.UTC)
T_ACCEPT = dt.datetime(2026, 1, 8, 12, 0, tzinfo=dt.UTC)


def human(position=0, name="Ada Lovelace", **kw):
    return views.AuthorView(position=position, name=name, kind="human", **kw)


def agent(position=1, name="ResearchBot-7", **kw):
    fields = {
        "model_name": "gpt-5",
        "model_developer": "OpenAI",
        "initiating_human": "Grace Hopper",
    }
    fields.update(kw)
    return views.AuthorView(position=position, name=name, kind="agent", **fields)


def version(n=1, *, doi=None, doi_state=None, title="Sparse Attention for Long Proofs", **kw):
    fields = dict(
        number=n,
        title=title,
        abstract="We study sparse attention on long formal proofs.",
        filename="paper.pdf",
        media_type="application/pdf",
        size_bytes=123_456,
        file_sha256="0" * 64,
        source_format="pdf",
        page_count=12,
        stage="accepted" if doi_state == "findable" else "received",
        submitted_by="acct1",
        created_at=T0 if n == 1 else T1,
        doi=doi,
        doi_state=doi_state,
        change_note="Addressed the reviewers' points." if n > 1 else None,
    )
    fields.update(kw)
    return views.VersionView(**fields)


def submission(kind="paper", *, authors=None, v=None, n_versions=1, accepted_at=None, **kw):
    v = v or version(n_versions)
    fields = dict(
        id=SID,
        kind=kind,
        title=v.title,
        abstract=v.abstract,
        authors=authors
        if authors is not None
        else [human(orcid="0000-0002-1825-0097", affiliation="Analytical Engine Lab")],
        categories=["cs.LG", "cs.LO"],
        keywords=["sparse attention", "theorem proving"],
        license="CC-BY-4.0",
        status="accepted" if accepted_at else "under_review",
        ai_generated=False,
        submitter="ada",
        latest_version=n_versions,
        version=v,
        versions=list(range(1, n_versions + 1)),
        concept_doi=mint_doi(PREFIX, "concept", SID),
        created_at=T0,
        updated_at=T1,
        accepted_at=accepted_at,
        url=f"{BASE}/abs/{SID}",
    )
    fields.update(kw)
    return views.SubmissionView(**fields)


def rel(meta: dict, relation: str) -> list[dict]:
    return [r for r in meta.get("relatedIdentifiers", []) if r["relationType"] == relation]


def dates(meta: dict) -> dict[str, str]:
    return {d["dateType"]: d["date"] for d in meta["dates"]}


# -- DataCite metadata -------------------------------------------------------------------


def test_paper_v1_draft_metadata_validates_with_mandatory_fields():
    v1 = version(1, doi=mint_doi(PREFIX, "version", SID, 1), doi_state="draft")
    sub = submission(v=v1)
    meta = datacite_metadata(sub, v1, base_url=BASE + "/", state="draft")

    assert schema45.validate(meta) and metadata_errors(meta) == []
    assert meta["types"] == {"resourceTypeGeneral": "Preprint", "resourceType": "Preprint"}
    assert meta["titles"] == [{"title": "Sparse Attention for Long Proofs"}]
    assert meta["publisher"] == {"name": "aixiv"}
    assert meta["publicationYear"] == "2025"
    assert meta["url"] == f"{BASE}/abs/{SID}v1"
    assert meta["version"] == "1"
    assert meta["doi"] == "10.5072/aixiv.251125.000001.v1"
    assert meta["creators"] == [
        {
            "name": "Lovelace, Ada",
            "nameType": "Personal",
            "givenName": "Ada",
            "familyName": "Lovelace",
            "nameIdentifiers": [
                {
                    "nameIdentifier": "https://orcid.org/0000-0002-1825-0097",
                    "nameIdentifierScheme": "ORCID",
                    "schemeUri": "https://orcid.org",
                }
            ],
            "affiliation": [{"name": "Analytical Engine Lab"}],
        }
    ]
    assert meta["rightsList"][0]["rightsIdentifier"] == "cc-by-4.0"
    assert meta["rightsList"][0]["rightsIdentifierScheme"] == "SPDX"
    assert meta["rightsList"][0]["rightsUri"].startswith(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert {
        "description": "We study sparse attention on long formal proofs.",
        "descriptionType": "Abstract",
    } in meta["descriptions"]
    subjects = [s["subject"] for s in meta["subjects"]]
    assert subjects == ["cs.LG", "cs.LO", "sparse attention", "theorem proving"]
    assert dates(meta) == {"Submitted": "2025-11-25"}  # a draft is not issued yet
    assert rel(meta, "IsVersionOf") == [
        {
            "relatedIdentifier": "10.5072/aixiv.251125.000001",
            "relatedIdentifierType": "DOI",
            "relationType": "IsVersionOf",
        }
    ]
    assert rel(meta, "IsNewVersionOf") == []
    # the datacite package can also serialise it as DataCite XML
    assert b'<resourceType resourceTypeGeneral="Preprint">' in schema45.tostring(meta).encode()


def test_paper_v2_findable_links_previous_version_and_dates():
    v2 = version(2, doi=mint_doi(PREFIX, "version", SID, 2))
    sub = submission(v=v2, n_versions=2, accepted_at=T_ACCEPT)
    prev = mint_doi(PREFIX, "version", SID, 1)
    meta = datacite_metadata(sub, v2, base_url=BASE, previous_version_doi=prev, state="findable")

    assert schema45.validate(meta)
    assert meta["version"] == "2" and meta["url"] == f"{BASE}/abs/{SID}v2"
    assert [r["relatedIdentifier"] for r in rel(meta, "IsNewVersionOf")] == [prev]
    assert [r["relatedIdentifier"] for r in rel(meta, "IsVersionOf")] == [
        "10.5072/aixiv.251125.000001"
    ]
    assert dates(meta) == {
        "Submitted": "2025-12-20",
        "Accepted": "2026-01-08",
        "Issued": "2026-01-08",
    }
    assert meta["publicationYear"] == "2026"
    assert any(
        d["descriptionType"] == "Other" and "version 2" in d["description"]
        for d in meta["descriptions"]
    )

    # an older version is not the accepted one: no Accepted date for v1
    v1 = version(1)
    old = datacite_metadata(sub, v1, base_url=BASE, next_version_doi=v2.doi, state="draft")
    assert "Accepted" not in dates(old)
    assert [r["relatedIdentifier"] for r in rel(old, "IsPreviousVersionOf")] == [v2.doi]


def test_proposal_is_text_research_proposal():
    v1 = version(1, title="A Proposal to Measure Reviewer Drift")
    meta = datacite_metadata(submission("proposal", v=v1), v1, base_url=BASE)
    assert schema45.validate(meta)
    assert meta["types"] == {"resourceTypeGeneral": "Text", "resourceType": "Research proposal"}


def test_agent_authors_carry_model_developer_and_initiating_human():
    v1 = version(1)
    sub = submission(
        authors=[
            agent(0),
            human(1, name="Alan Turing"),
            agent(
                2,
                name="Prover_9",
                model_name="claude-opus-4",
                model_developer="Anthropic",
                initiating_human="Grace Hopper",
            ),
        ],
        v=v1,
        ai_generated=True,
    )
    meta = datacite_metadata(sub, v1, base_url=BASE, state="findable", issued_at=T1)
    assert schema45.validate(meta), metadata_errors(meta)

    bot = meta["creators"][0]
    assert bot == {
        "name": "ResearchBot-7 (AI agent, model gpt-5)"
    }  # neither Personal nor Organizational
    assert meta["creators"][1]["nameType"] == "Personal"
    assert meta["creators"][2]["name"] == "Prover_9 (AI agent, model claude-opus-4)"

    roles = {(c["name"], c["contributorType"]) for c in meta["contributors"]}
    assert roles == {
        ("OpenAI", "RightsHolder"),
        ("Anthropic", "RightsHolder"),
        ("Hopper, Grace", "ProjectLeader"),
        ("Hopper, Grace", "RightsHolder"),
    }  # the shared initiating human appears once per role
    dev = next(c for c in meta["contributors"] if c["name"] == "OpenAI")
    assert dev["nameType"] == "Organizational"

    tech = [
        d["description"] for d in meta["descriptions"] if d["descriptionType"] == "TechnicalInfo"
    ]
    assert len(tech) == 1
    for needle in (
        "gpt-5",
        "OpenAI",
        "claude-opus-4",
        "Anthropic",
        "Grace Hopper",
        "intellectual-property",
    ):
        assert needle in tech[0]
    xml = schema45.tostring(meta)
    assert 'contributorType="RightsHolder"' in xml and 'descriptionType="TechnicalInfo"' in xml


def test_review_urls_become_is_reviewed_by():
    v1 = version(1)
    urls = [
        f"{BASE}/abs/{SID}v1/reviews/r1",
        f"{BASE}/abs/{SID}v1/reviews/r2",
        f"{BASE}/abs/{SID}v1/reviews/r1",
    ]
    meta = datacite_metadata(submission(v=v1), v1, base_url=BASE, review_urls=urls)
    assert schema45.validate(meta)
    reviewed = rel(meta, "IsReviewedBy")
    assert [r["relatedIdentifier"] for r in reviewed] == urls[:2]
    assert {r["relatedIdentifierType"] for r in reviewed} == {"URL"}


def test_concept_metadata_has_every_version():
    v2 = version(2, doi=mint_doi(PREFIX, "version", SID, 2), doi_state="findable")
    sub = submission(v=v2, n_versions=2, accepted_at=T_ACCEPT)
    dois = [mint_doi(PREFIX, "version", SID, n) for n in (1, 2)]
    meta = datacite_concept_metadata(sub, base_url=BASE, version_dois=dois, state="findable")
    assert schema45.validate(meta)
    assert meta["doi"] == "10.5072/aixiv.251125.000001"
    assert meta["url"] == f"{BASE}/abs/{SID}"
    assert "version" not in meta
    assert [r["relatedIdentifier"] for r in rel(meta, "HasVersion")] == dois
    assert dates(meta)["Issued"] == "2026-01-08"


def test_invalid_metadata_is_reported_readably():
    v1 = version(1)
    meta = datacite_metadata(submission(v=v1), v1, base_url=BASE)
    broken = {k: v for k, v in meta.items() if k != "titles"}
    broken["creators"] = [{"name": "X", "shoeSize": 44}]
    assert not schema45.validate(broken)

    errors = metadata_errors(broken)
    assert "metadata: 'titles' is a required property" in errors
    assert any(e.startswith("creators[0]: ") and "shoeSize" in e for e in errors)
    with pytest.raises(MetadataError) as info:
        validate_metadata(broken)
    assert "'titles' is a required property" in str(info.value)
    assert info.value.errors == errors

    # the generator refuses to produce invalid metadata: a landing page must be a URL
    with pytest.raises(MetadataError, match="url"):
        datacite_metadata(submission(v=v1), v1, base_url="not a url")
    with pytest.raises(MetadataError, match="creators"):
        datacite_metadata(submission(v=v1, authors=[]), v1, base_url=BASE)


def test_validation_answers_are_remembered_by_content_not_by_object():
    v1 = version(1)
    meta = datacite_metadata(submission(v=v1), v1, base_url=BASE)
    assert metadata_errors(meta) == []
    assert metadata_errors(dict(meta)) == []  # an equal copy: remembered answer
    meta.pop("titles")  # the same object, changed after it was checked: checked again
    assert "metadata: 'titles' is a required property" in metadata_errors(meta)
    assert "metadata: 'titles' is a required property" in metadata_errors(meta)


# -- DOI strings -------------------------------------------------------------------------


def test_mint_parse_normalize():
    assert mint_doi(PREFIX, "concept", SID) == "10.5072/aixiv.251125.000001"
    assert mint_doi(PREFIX, "version", SID, 2) == "10.5072/aixiv.251125.000001.v2"
    assert parse_doi("10.5072/aixiv.251125.000001.v2") == ("version", SID, 2)
    assert parse_doi("https://doi.org/10.5072/AIXIV.251125.000001") == ("concept", SID, None)
    assert normalize_doi("doi:10.5072/Aixiv.1") == "10.5072/aixiv.1"
    for bad in (
        ("11.5072", "concept", SID, None),
        (PREFIX, "version", SID, 0),
        (PREFIX, "concept", SID, 1),
        (PREFIX, "concept", "a b", None),
    ):
        with pytest.raises(ValueError):
            mint_doi(*bad)
    with pytest.raises(ValueError, match="not a DOI"):
        normalize_doi("aixiv.251125.000001")


# -- local registrar ---------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'doi.sqlite3'}")
        Base.metadata.create_all(eng)
        yield eng
        eng.dispose()
        return
    # A schema of its own, so the shared test database's public schema is left alone.
    url = request.getfixturevalue("pg_url")  # skips when PostgreSQL is not reachable
    schema = f"doi_test_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        Base.metadata.create_all(eng)
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _metas(state_v1="draft"):
    doi = mint_doi(PREFIX, "version", SID, 1)
    v1 = version(1, doi=doi)
    sub = submission(v=v1)
    draft = datacite_metadata(sub, v1, base_url=BASE, state="draft")
    findable = datacite_metadata(sub, v1, base_url=BASE, state="findable", issued_at=T_ACCEPT)
    return doi, draft, findable


def test_local_registrar_draft_to_findable(engine):
    reg = LocalRegistrar(engine)
    assert isinstance(reg, Registrar) and reg.prefix == "10.5072" and reg.transactional
    doi, draft, findable = _metas()
    assert reg.mint("version", SID, 1) == doi

    reg.reserve(doi, draft)
    got = reg.get(doi)
    assert (got.state, got.kind, got.submission_id, got.version_number, got.registrar) == (
        "draft",
        "version",
        SID,
        1,
        "local",
    )
    assert got.metadata == draft
    reg.reserve(doi, draft)  # the same request again: nothing happens
    changed = {**draft, "titles": [{"title": "Another paper"}]}
    with pytest.raises(DoiConflict, match="other metadata"):
        reg.reserve(doi, changed)
    reg.update(doi, changed)
    assert reg.get(doi).metadata["titles"] == [{"title": "Another paper"}]
    assert reg.get(doi).state == "draft"

    reg.publish(doi, findable)
    first = reg.get(doi)
    assert first.state == "findable" and first.metadata == findable
    reg.publish(doi, findable)  # idempotent: no write at all
    again = reg.get(doi)
    assert again.state == "findable" and again.updated_at == first.updated_at

    # never back to draft
    with pytest.raises(DoiConflict, match="findable"):
        reg.reserve(doi, draft)
    assert reg.get(doi).state == "findable"
    reg.update(
        doi,
        {
            **findable,
            "descriptions": [{"description": "Corrected.", "descriptionType": "Abstract"}],
        },
    )
    assert reg.get(doi).state == "findable"

    with pytest.raises(DoiNotFound):
        reg.update(
            mint_doi(PREFIX, "version", SID, 9),
            findable | {"doi": mint_doi(PREFIX, "version", SID, 9)},
        )
    with pytest.raises(MetadataError):
        reg.reserve(mint_doi(PREFIX, "concept", SID), {"titles": []})
    with pytest.raises(DoiConflict, match="describes DOI"):
        reg.reserve(mint_doi(PREFIX, "version", SID, 3), draft)  # metadata names v1's DOI
    assert [r.doi for r in reg.for_submission(SID)] == [doi]


def test_local_registrar_joins_the_callers_transaction(engine):
    reg = LocalRegistrar()  # no database of its own: every call brings a session
    doi, draft, _ = _metas()
    sessions = sessionmaker(engine, expire_on_commit=False)

    with pytest.raises(RuntimeError):
        with sessions() as s, s.begin():
            reg.reserve(doi, draft, session=s)
            assert reg.get(doi, session=s).state == "draft"
            raise RuntimeError("the submission failed to save")
    with sessions() as s:
        assert reg.get(doi, session=s) is None  # rolled back with the submission

    with sessions() as s, s.begin():
        reg.reserve(doi, draft, session=s)
    with sessions() as s:
        assert reg.get(doi, session=s).state == "draft"


def test_make_registrar_from_settings(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'doi.sqlite3'}")
    local = make_registrar(Settings(), engine)
    assert isinstance(local, LocalRegistrar) and local.prefix == "10.5072"
    engine.dispose()
    local = make_registrar(Settings(extra={"doi": {"registrar": "local", "prefix": "10.12345"}}))
    assert local.mint("concept", SID) == "10.12345/aixiv.251125.000001"

    cfg = {
        "registrar": "datacite",
        "prefix": "10.80000",
        "repository_id": "AIXIV.TEST",
        "password_env": "X_PW",
    }
    remote = make_registrar(Settings(extra={"doi": cfg}))
    assert (
        isinstance(remote, DataCiteRegistrar)
        and remote.client.base_url == "https://api.test.datacite.org"
    )
    remote.close()
    with pytest.raises(ValueError, match="repository_id"):
        make_registrar(Settings(extra={"doi": {"registrar": "datacite", "prefix": "10.80000"}}))
    with pytest.raises(ValueError, match="local"):
        make_registrar(Settings(extra={"doi": {"registrar": "crossref"}}))


# -- DataCite registrar against an imitation of DataCite's REST API ----------------------

REPO = "AIXIV.TEST"
PASSWORD = "s3cret-Pa55word!"
PW_ENV = "AIXIV_TEST_DATACITE_PASSWORD"


class FakeDataCite:
    """The parts of api.datacite.org the registrar uses: JSON:API /dois with basic auth."""

    def __init__(self) -> None:
        self.dois: dict[str, dict[str, Any]] = {}
        self.log: list[dict[str, Any]] = []
        self.faults: list[tuple[int, dict[str, str]]] = []  # served before any real answer
        self.app = self._app()

    def reset(self) -> None:
        self.dois.clear()
        self.log.clear()
        self.faults.clear()

    def _app(self) -> FastAPI:
        app = FastAPI()

        def problem(status: int, title: str, source: str | None = None) -> JSONResponse:
            err = {"status": str(status), "title": title} | ({"source": source} if source else {})
            return JSONResponse(
                {"errors": [err]}, status_code=status, media_type="application/vnd.api+json"
            )

        def answer(doi: str, status: int = 200) -> JSONResponse:
            record = self.dois[doi]
            data = {"id": doi, "type": "dois", "attributes": record}
            return JSONResponse(
                {"data": data}, status_code=status, media_type="application/vnd.api+json"
            )

        async def check(
            request: Request, doi: str | None
        ) -> tuple[JSONResponse | None, dict | None]:
            body = None
            if request.method in ("POST", "PUT"):
                body = await request.json()
            self.log.append(
                {
                    "method": request.method,
                    "doi": doi,
                    "body": body,
                    "ctype": request.headers.get("content-type"),
                }
            )
            if self.faults:
                status, headers = self.faults.pop(0)
                return JSONResponse(
                    {"errors": [{"status": str(status), "title": "try later"}]},
                    status_code=status,
                    headers=headers,
                ), None
            expected = "Basic " + base64.b64encode(f"{REPO}:{PASSWORD}".encode()).decode()
            if request.headers.get("authorization") != expected:
                return problem(401, "Bad credentials."), None
            if body is not None:
                if request.headers.get("content-type") != "application/vnd.api+json":
                    return problem(415, "Unsupported media type"), None
                data = body.get("data") if isinstance(body, dict) else None
                if (
                    not isinstance(data, dict)
                    or data.get("type") != "dois"
                    or not isinstance(data.get("attributes"), dict)
                ):
                    return problem(
                        422, "body must be {'data': {'type': 'dois', 'attributes': {...}}}"
                    ), None
            return None, body

        def apply(doi: str, attrs: dict, state: str) -> JSONResponse | None:
            event = attrs.pop("event", None)
            if event == "publish":
                clean = {k: v for k, v in attrs.items() if k != "doi"}
                if not schema45.validate({**clean, "doi": doi}):
                    return problem(422, "metadata does not validate against kernel 4.5", "metadata")
                state = "findable"
            elif event is not None:
                return problem(422, f"event {event} not supported here", "event")
            self.dois[doi] = {**attrs, "doi": doi, "state": state}
            return None

        @app.post("/dois")
        async def create(request: Request):
            refused, body = await check(request, None)
            if refused:
                return refused
            attrs = dict(body["data"]["attributes"])
            doi = str(attrs.get("doi", "")).lower()
            if not doi:
                return problem(422, "can't be blank", "doi")
            if doi in self.dois:
                return problem(422, "This DOI has already been taken", "doi")
            return apply(doi, attrs, "draft") or answer(doi, 201)

        @app.put("/dois/{doi:path}")
        async def put(doi: str, request: Request):
            refused, body = await check(request, doi)
            if refused:
                return refused
            doi = doi.lower()
            if doi not in self.dois:
                return problem(404, "The resource you are looking for doesn't exist.")
            attrs = dict(body["data"]["attributes"])
            return apply(doi, attrs, self.dois[doi]["state"]) or answer(doi)

        @app.get("/dois/{doi:path}")
        async def get(doi: str, request: Request):
            refused, _ = await check(request, doi)
            if refused:
                return refused
            if doi.lower() not in self.dois:
                return problem(404, "The resource you are looking for doesn't exist.")
            return answer(doi.lower())

        return app


@pytest.fixture(scope="module")
def _datacite_server() -> Iterator[tuple[FakeDataCite, str]]:
    import uvicorn

    fake = FakeDataCite()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        fake.app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "fake DataCite did not start"
        time.sleep(0.01)
    yield fake, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def datacite(_datacite_server, monkeypatch) -> Iterator[tuple[FakeDataCite, DataCiteRegistrar]]:
    fake, url = _datacite_server
    fake.reset()
    monkeypatch.setenv(PW_ENV, PASSWORD)
    reg = DataCiteRegistrar(
        url, REPO, PW_ENV, prefix=PREFIX, timeout_s=5, max_retries=3, backoff_s=0.01
    )
    yield fake, reg
    reg.close()


def test_datacite_draft_then_publish(datacite):
    fake, reg = datacite
    assert isinstance(reg, Registrar) and not reg.transactional
    doi, draft, findable = _metas()

    reg.reserve(doi, draft)
    post = fake.log[-1]
    assert post["method"] == "POST" and post["ctype"] == "application/vnd.api+json"
    assert post["body"]["data"]["type"] == "dois"
    attrs = post["body"]["data"]["attributes"]
    assert "event" not in attrs and attrs["doi"] == doi and attrs["titles"] == draft["titles"]
    assert fake.dois[doi]["state"] == "draft"
    assert reg.get(doi).state == "draft"

    reg.reserve(doi, draft)  # a retried job: finds its own draft, re-sends it
    assert [e["method"] for e in fake.log[-3:]] == ["POST", "GET", "PUT"]
    assert fake.dois[doi]["state"] == "draft"

    reg.publish(doi, findable)
    put = fake.log[-1]
    assert (put["method"], put["doi"], put["body"]["data"]["attributes"]["event"]) == (
        "PUT",
        doi,
        "publish",
    )
    assert fake.dois[doi]["state"] == "findable"
    reg.publish(doi, findable)  # idempotent
    assert fake.dois[doi]["state"] == "findable"

    with pytest.raises(DoiConflict, match="cannot go back to draft"):
        reg.reserve(doi, draft)
    reg.update(doi, findable)
    assert "event" not in fake.log[-1]["body"]["data"]["attributes"]
    assert fake.dois[doi]["state"] == "findable"

    concept = mint_doi(PREFIX, "concept", SID)
    sub = submission(v=version(1, doi=doi, doi_state="findable"), accepted_at=T_ACCEPT)
    reg.publish(
        concept, datacite_concept_metadata(sub, base_url=BASE, version_dois=[doi], state="findable")
    )
    assert [e["method"] for e in fake.log[-2:]] == ["PUT", "POST"]  # unknown: created as findable
    assert fake.dois[concept]["state"] == "findable"
    with pytest.raises(DoiNotFound):
        other = mint_doi(PREFIX, "version", SID, 7)
        reg.update(other, findable | {"doi": other})


def test_datacite_retries_429_and_5xx(datacite, caplog):
    fake, reg = datacite
    doi, draft, _ = _metas()
    fake.faults += [(503, {}), (429, {"Retry-After": "0"}), (502, {})]
    with caplog.at_level("DEBUG"):
        reg.reserve(doi, draft)
    assert fake.dois[doi]["state"] == "draft"
    assert len(fake.log) == 4
    assert PASSWORD not in caplog.text

    fake.faults += [(500, {})] * 4  # more than the retry budget
    with pytest.raises(RegistrarError) as info:
        reg.publish(doi, draft)
    assert info.value.status == 500 and "HTTP 500" in str(info.value)


def test_datacite_bad_credentials_give_a_clear_error_without_the_password(datacite, monkeypatch):
    fake, reg = datacite
    doi, draft, _ = _metas()
    wrong = "wrong-" + PASSWORD
    monkeypatch.setenv(PW_ENV, wrong)
    with pytest.raises(RegistrarAuthError) as info:
        reg.reserve(doi, draft)
    text = str(info.value) + repr(info.value) + "".join(traceback.format_exception(info.value))
    assert info.value.status == 401
    assert (
        "AIXIV.TEST" in str(info.value)
        and PW_ENV in str(info.value)
        and "Bad credentials" in str(info.value)
    )
    assert wrong not in text and PASSWORD not in text
    assert PASSWORD not in repr(reg) and doi not in fake.dois

    monkeypatch.delenv(PW_ENV)
    with pytest.raises(RegistrarAuthError, match=PW_ENV):
        reg.publish(doi, draft)


# -- BibTeX and citations ----------------------------------------------------------------


def _balanced(entry: str) -> bool:
    depth = 0
    text = entry.replace("\\{", "").replace("\\}", "")
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def test_latex_escape():
    assert latex_escape("a & b % c $ d # e _ f { g } h ~ i ^ j \\ k") == (
        r"a \& b \% c \$ d \# e \_ f \{ g \} h \textasciitilde{} i \textasciicircum{} j \textbackslash{} k"
    )
    assert latex_escape("  two\n lines ") == "two lines"


def test_bibtex_entry_escapes_and_attributes():
    title = "Cost & Risk: 100% of $x_i$ in #1 {hard} cases ~ ^ \\o"
    v2 = version(2, title=title, doi=mint_doi(PREFIX, "version", SID, 2), doi_state="findable")
    sub = submission(
        authors=[human(0), agent(1, name="research_bot"), human(2, name="Ludwig van Beethoven")],
        v=v2,
        n_versions=2,
        accepted_at=T_ACCEPT,
        ai_generated=True,
    )
    entry = bibtex(sub, v2, base_url=BASE)
    assert entry.startswith("@misc{aixiv.251125.000001v2,\n")
    assert _balanced(entry)
    assert (
        r"{Cost \& Risk: 100\% of \$x\_i\$ in \#1 \{hard\} cases \textasciitilde{} \textasciicircum{} \textbackslash{}o}"
        in entry
    )
    assert (
        r"Lovelace, Ada and {research\_bot (AI agent, model gpt-5)} and Ludwig van Beethoven"
        in entry
    )
    assert "year          = {2026}" in entry
    assert "eprint        = {aixiv.251125.000001}" in entry
    assert "doi           = {10.5072/aixiv.251125.000001.v2}" in entry
    assert f"url           = {{{BASE}/abs/{SID}v2}}" in entry
    assert "license       = {CC-BY-4.0}" in entry
    assert "AI-generated work" in entry and "OpenAI" in entry and "Grace Hopper" in entry

    line = cite_as(sub, v2, base_url=BASE)
    assert "\n" not in line
    assert line.startswith(
        "Ada Lovelace, research_bot (AI agent, model gpt-5), and Ludwig van Beethoven (2026). Cost & Risk"
    )
    assert line.endswith(
        "aixiv preprint aixiv.251125.000001v2. https://doi.org/10.5072/aixiv.251125.000001.v2"
    )


def test_bibtex_without_findable_doi_cites_the_landing_page():
    v1 = version(1, doi=mint_doi(PREFIX, "version", SID, 1), doi_state="draft")
    sub = submission("proposal", v=v1)
    entry = bibtex(sub, v1, base_url=BASE)
    assert "doi " not in entry and "note" not in entry  # a draft DOI does not resolve yet
    assert "howpublished  = {aixiv research proposal}" in entry
    concept = bibtex(sub)  # the concept: unversioned key and URL taken from the view
    assert concept.startswith("@misc{aixiv.251125.000001,\n") and f"{{{BASE}/abs/{SID}}}" in concept
    assert cite_as(sub).endswith(f"aixiv research proposal {SID}. {BASE}/abs/{SID}")
