"""Registrars: where DOIs are reserved (draft) and published (findable).

Lifecycle, as in InvenioRDM/Zenodo: a DOI is minted and reserved as a *draft* when a
submission (concept DOI) or version (version DOI) is created, and *published* — made findable
and resolvable — when the version is accepted. A DOI never goes back from findable to draft.

* :func:`mint_doi` is pure (no I/O): the DOI of a record is known before anything is written.
* :class:`LocalRegistrar` keeps registrations in the ``doi_registrations`` table. Pass
  ``session=`` to join the caller's transaction, so a submission and its draft DOI are
  committed together or not at all (``transactional = True``).
* :class:`DataCiteRegistrar` talks to DataCite's REST API. A remote call cannot join a database
  transaction (``transactional = False``): store the minted DOI with the record, commit, then
  reserve/publish from a job. Every operation is idempotent, so job retries are safe.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ._datacite import DataCiteClient
from ._errors import DoiConflict, DoiError, DoiNotFound, RegistrarError
from ._tables import DoiRegistration
from .metadata import validate_metadata

if TYPE_CHECKING:
    import datetime as dt

    import httpx

    from aixiv.config import Settings

Kind = Literal["concept", "version"]
TEST_PREFIX = "10.5072"  # DataCite's test prefix: never resolves, safe for local use

_PREFIX = re.compile(r"^10\.\d{4,9}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_SUBMISSION_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")
_VERSION_SUFFIX = re.compile(r"^(?P<sid>.+)\.v(?P<n>[1-9]\d*)$")
_RESOLVERS = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi:",
)


# -- DOI strings ---------------------------------------------------------------------------


def mint_doi(prefix: str, kind: Kind, submission_id: str, version: int | None = None) -> str:
    """``{prefix}/{submission_id}`` (concept) or ``{prefix}/{submission_id}.v{n}`` (version)."""
    if not _PREFIX.match(prefix or ""):
        raise ValueError(f"{prefix!r} is not a DOI prefix (like 10.5072)")
    sid = (submission_id or "").strip().lower()
    if not _SUBMISSION_ID.match(sid):
        raise ValueError(
            f"{submission_id!r} cannot be a DOI suffix (letters, digits, '.', '_', '-')"
        )
    if kind == "concept":
        if version is not None:
            raise ValueError("a concept DOI has no version number")
        return f"{prefix}/{sid}"
    if kind == "version":
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"a version DOI needs a version number >= 1, not {version!r}")
        return f"{prefix}/{sid}.v{version}"
    raise ValueError(f"kind must be 'concept' or 'version', not {kind!r}")


def normalize_doi(doi: str) -> str:
    """Lower-case DOI without resolver prefix; :class:`ValueError` if it is not a DOI."""
    value = (doi or "").strip()
    for head in _RESOLVERS:
        if value.lower().startswith(head):
            value = value[len(head) :]
            break
    value = value.lower()  # DOIs are case-insensitive; DataCite answers in lower case
    if not _DOI.match(value):
        raise ValueError(f"{doi!r} is not a DOI (like 10.5072/aixiv.251125.000001)")
    return value


def parse_doi(doi: str) -> tuple[Kind, str, int | None]:
    """``(kind, submission_id, version)`` of a DOI minted by :func:`mint_doi`."""
    suffix = normalize_doi(doi).split("/", 1)[1]
    m = _VERSION_SUFFIX.match(suffix)
    if m:
        return "version", m["sid"], int(m["n"])
    return "concept", suffix, None


# -- protocol ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Registration:
    """What a registrar knows about one DOI."""

    doi: str
    kind: str
    submission_id: str
    version_number: int | None
    state: str  # draft | findable (DataCite may also answer "registered")
    metadata: dict[str, Any]
    registrar: str
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@runtime_checkable
class Registrar(Protocol):
    """Reserve (draft), publish (findable) and update DOIs; mint their strings."""

    name: str
    prefix: str
    transactional: bool

    def mint(self, kind: Kind, submission_id: str, version: int | None = None) -> str: ...

    def reserve(
        self, doi: str, metadata: dict[str, Any], *, session: Session | None = None
    ) -> None: ...

    def publish(
        self, doi: str, metadata: dict[str, Any], *, session: Session | None = None
    ) -> None: ...

    def update(
        self, doi: str, metadata: dict[str, Any], *, session: Session | None = None
    ) -> None: ...

    def get(self, doi: str, *, session: Session | None = None) -> Registration | None: ...


def _attributes(doi: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """The metadata to register under ``doi``: validated, with ``doi`` set, no event/state."""
    if not isinstance(metadata, dict):
        raise TypeError("metadata must be a dict of DataCite attributes")
    attrs = {k: v for k, v in metadata.items() if k not in ("event", "state")}
    stated = attrs.get("doi")
    if stated is not None and normalize_doi(str(stated)) != doi:
        raise DoiConflict(f"the metadata describes DOI {stated}, not {doi}")
    attrs["doi"] = doi
    validate_metadata(attrs)
    return attrs


# -- local ---------------------------------------------------------------------------------


class LocalRegistrar:
    """DOIs kept in the platform's own database (the default; nothing leaves the machine).

    ``sessions`` is a ``sessionmaker``, an ``Engine`` or an ``aixiv.records.Database``; it may be
    None when every call passes ``session=`` (then the caller owns the transaction).
    """

    transactional = True

    def __init__(
        self, sessions: Any = None, *, prefix: str = TEST_PREFIX, name: str = "local"
    ) -> None:
        if not _PREFIX.match(prefix or ""):
            raise ValueError(f"{prefix!r} is not a DOI prefix (like 10.5072)")
        self.prefix = prefix
        self.name = name
        if sessions is None or isinstance(sessions, sessionmaker):
            self._sessions = sessions
        elif isinstance(sessions, Engine):
            self._sessions = sessionmaker(sessions, expire_on_commit=False)
        elif hasattr(sessions, "transaction"):  # aixiv.records.Database: its writer lock too
            self._sessions = sessions.transaction
        else:
            raise TypeError("sessions must be a sessionmaker, an Engine or a Database")

    def __repr__(self) -> str:
        return f"LocalRegistrar(prefix={self.prefix!r}, name={self.name!r})"

    def mint(self, kind: Kind, submission_id: str, version: int | None = None) -> str:
        return mint_doi(self.prefix, kind, submission_id, version)

    def reserve(
        self, doi: str, metadata: dict[str, Any], *, session: Session | None = None
    ) -> None:
        """Register ``doi`` as a draft; the same request again is a no-op, another one conflicts."""
        doi = normalize_doi(doi)
        attrs = _attributes(doi, metadata)
        with self._unit(session) as s:
            row = s.get(DoiRegistration, doi)
            if row is None:
                self._insert(s, doi, attrs, "draft")
            elif row.metadata_json != attrs:
                raise DoiConflict(
                    f"DOI {doi} is already {row.state} with other metadata; "
                    + (
                        "use update() to change it"
                        if row.state == "draft"
                        else "a findable DOI cannot be reserved again"
                    )
                )

    def publish(
        self, doi: str, metadata: dict[str, Any], *, session: Session | None = None
    ) -> None:
        """Make ``doi`` findable with ``metadata`` (a draft is promoted; publishing again is a no-op)."""
        doi = normalize_doi(doi)
        attrs = _attributes(doi, metadata)
        with self._unit(session) as s:
            row = s.get(DoiRegistration, doi)
            if row is None:
                self._insert(s, doi, attrs, "findable")
            elif row.state != "findable" or row.metadata_json != attrs:
                # Re-publishing with new metadata updates it, as DataCite's PUT + publish does.
                row.state = "findable"
                row.metadata_json = attrs
                row.registrar = self.name

    def update(self, doi: str, metadata: dict[str, Any], *, session: Session | None = None) -> None:
        """Replace the metadata of a registered DOI; its state stays as it is."""
        doi = normalize_doi(doi)
        attrs = _attributes(doi, metadata)
        with self._unit(session) as s:
            row = s.get(DoiRegistration, doi)
            if row is None:
                raise DoiNotFound(f"DOI {doi} is not registered; reserve or publish it first")
            if row.metadata_json != attrs:
                row.metadata_json = attrs

    def get(self, doi: str, *, session: Session | None = None) -> Registration | None:
        doi = normalize_doi(doi)
        with self._unit(session) as s:
            row = s.get(DoiRegistration, doi)
            return None if row is None else _registration(row)

    def for_submission(
        self, submission_id: str, *, session: Session | None = None
    ) -> list[Registration]:
        """Every DOI of one submission: the concept first, then versions in order."""
        from sqlalchemy import select

        with self._unit(session) as s:
            rows = s.scalars(
                select(DoiRegistration).where(DoiRegistration.submission_id == submission_id)
            ).all()
            regs = [_registration(r) for r in rows]
        return sorted(regs, key=lambda r: (r.kind != "concept", r.version_number or 0))

    # -- private -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _unit(self, session: Session | None) -> Iterator[Session]:
        if session is not None:
            yield session  # the caller's transaction: flush, never commit
            return
        if self._sessions is None:
            raise DoiError("this LocalRegistrar has no database: pass session= to each call")
        if not isinstance(self._sessions, sessionmaker):  # Database.transaction
            with self._sessions() as s:
                yield s
            return
        with self._sessions() as s, s.begin():
            yield s

    def _insert(self, s: Session, doi: str, attrs: dict[str, Any], state: str) -> None:
        kind, sid, number = parse_doi(doi)
        s.add(
            DoiRegistration(
                doi=doi,
                kind=kind,
                submission_id=sid,
                version_number=number,
                state=state,
                metadata_json=attrs,
                registrar=self.name,
            )
        )
        try:
            s.flush()
        except IntegrityError as exc:
            raise DoiConflict(f"DOI {doi} was registered concurrently; retry the action") from exc


def _registration(row: DoiRegistration) -> Registration:
    return Registration(
        doi=row.doi,
        kind=row.kind,
        submission_id=row.submission_id,
        version_number=row.version_number,
        state=row.state,
        metadata=dict(row.metadata_json),
        registrar=row.registrar,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


# -- DataCite ------------------------------------------------------------------------------


class DataCiteRegistrar:
    """DOIs registered at DataCite through its REST API (``POST``/``PUT`` ``/dois``).

    Basic auth as ``repository_id`` with the password in the environment variable
    ``password_env``, read at each call. DataCite's test system is
    ``https://api.test.datacite.org``; production is ``https://api.datacite.org``.
    """

    name = "datacite"
    transactional = False

    def __init__(
        self,
        base_url: str,
        repository_id: str,
        password_env: str,
        *,
        prefix: str = TEST_PREFIX,
        timeout_s: float = 20.0,
        max_retries: int = 3,
        backoff_s: float = 0.5,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not _PREFIX.match(prefix or ""):
            raise ValueError(f"{prefix!r} is not a DOI prefix (like 10.5072)")
        if not repository_id:
            raise ValueError("a DataCite repository id is required (like ABCD.EFGH)")
        if not password_env:
            raise ValueError("name the environment variable that holds the DataCite password")
        self.prefix = prefix
        self.client = DataCiteClient(
            base_url,
            repository_id,
            password_env,
            timeout_s=timeout_s,
            max_retries=max_retries,
            backoff_s=backoff_s,
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"DataCiteRegistrar(base_url={self.client.base_url!r}, repository_id={self.client.repository_id!r})"

    def close(self) -> None:
        self.client.close()

    def mint(self, kind: Kind, submission_id: str, version: int | None = None) -> str:
        return mint_doi(self.prefix, kind, submission_id, version)

    def reserve(
        self, doi: str, metadata: dict[str, Any], *, session: Session | None = None
    ) -> None:
        """``POST /dois`` without event (a draft). A retry finds its own draft and re-sends."""
        doi = normalize_doi(doi)
        attrs = _attributes(doi, metadata)
        try:
            self.client.create(doi, attrs, None)
            return
        except RegistrarError as exc:
            if exc.status not in (409, 422):
                raise
            existing = self._get_data(doi)
            if existing is None:
                raise  # a real validation error, not "already taken"
        remote = existing.get("attributes") or {}
        state = remote.get("state") or "draft"
        if state != "draft":
            raise DoiConflict(
                f"DOI {doi} is already {state} at DataCite; a DOI cannot go back to draft"
            )
        if remote.get("url") not in (None, attrs.get("url")) or _titles(remote) != _titles(attrs):
            raise DoiConflict(f"DOI {doi} is already reserved at DataCite for another record")
        self.client.put(doi, attrs, None)

    def publish(
        self, doi: str, metadata: dict[str, Any], *, session: Session | None = None
    ) -> None:
        """``PUT /dois/{doi}`` with ``event: publish`` (``POST`` if DataCite has no such DOI)."""
        doi = normalize_doi(doi)
        attrs = _attributes(doi, metadata)
        try:
            self.client.put(doi, attrs, "publish")
        except DoiNotFound:
            try:
                self.client.create(doi, attrs, "publish")
            except RegistrarError as exc:
                if exc.status not in (409, 422) or self._get_data(doi) is None:
                    raise
                self.client.put(doi, attrs, "publish")  # created meanwhile: publish that one

    def update(self, doi: str, metadata: dict[str, Any], *, session: Session | None = None) -> None:
        """``PUT /dois/{doi}`` without event: new metadata, same state."""
        doi = normalize_doi(doi)
        attrs = _attributes(doi, metadata)
        if self._get_data(doi) is None:  # DataCite's PUT would create it; update must not
            raise DoiNotFound(
                f"DOI {doi} is not registered at DataCite; reserve or publish it first"
            )
        self.client.put(doi, attrs, None)

    def get(self, doi: str, *, session: Session | None = None) -> Registration | None:
        doi = normalize_doi(doi)
        data = self._get_data(doi)
        if data is None:
            return None
        attrs = dict(data.get("attributes") or {})
        kind, sid, number = parse_doi(doi)
        return Registration(
            doi=doi,
            kind=kind,
            submission_id=sid,
            version_number=number,
            state=str(attrs.pop("state", "draft")),
            metadata=attrs,
            registrar=self.name,
        )

    def _get_data(self, doi: str) -> dict[str, Any] | None:
        try:
            return self.client.get(doi)
        except DoiNotFound:
            return None


def _titles(attrs: dict[str, Any]) -> list[str]:
    return [t.get("title") for t in attrs.get("titles") or [] if isinstance(t, dict)]


# -- configuration -------------------------------------------------------------------------


def make_registrar(settings: Settings, sessions: Any = None) -> LocalRegistrar | DataCiteRegistrar:
    """The registrar named by ``[doi] registrar`` (``local``, the default, or ``datacite``).

    ``[doi]`` keys: ``prefix`` (default 10.5072 for local; required for DataCite),
    ``datacite_url`` (default ``https://api.test.datacite.org``), ``repository_id``,
    ``password_env`` (default ``AIXIV_DATACITE_PASSWORD``), ``timeout_s``, ``max_retries``.
    ``sessions`` (a ``Database``, engine or sessionmaker) backs the local registrar.
    """
    cfg = settings.section("doi")
    kind = str(cfg.get("registrar", "local")).strip().lower()
    if kind == "local":
        return LocalRegistrar(sessions, prefix=str(cfg.get("prefix", TEST_PREFIX)))
    if kind == "datacite":
        missing = [k for k in ("prefix", "repository_id") if not cfg.get(k)]
        if missing:
            raise ValueError(
                f'[doi] registrar = "datacite" needs {" and ".join(missing)} in the settings file'
            )
        return DataCiteRegistrar(
            str(cfg.get("datacite_url", "https://api.test.datacite.org")),
            str(cfg["repository_id"]),
            str(cfg.get("password_env", "AIXIV_DATACITE_PASSWORD")),
            prefix=str(cfg["prefix"]),
            timeout_s=float(cfg.get("timeout_s", 20.0)),
            max_retries=int(cfg.get("max_retries", 3)),
        )
    raise ValueError(f'[doi] registrar must be "local" or "datacite", not {kind!r}')
