"""OAI-PMH 2.0 repository: the six verbs, oai_dc and oai_datacite, sets, resumption tokens."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from lxml import etree

from aixiv.platform import NotFound, Platform, ProblemError, catalog, submissions
from aixiv.platform.catalog import RecordView

from .._cite import datacite as datacite_attrs
from .._render import LICENSE_URLS

log = logging.getLogger("aixiv.oai")

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
OAI_ID = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_DATACITE = "http://schema.datacite.org/oai/oai-1.1/"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"

FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC),
    "oai_datacite": ("http://schema.datacite.org/oai/oai-1.1/oai.xsd", OAI_DATACITE),
}
LIST_ARGS = ({"metadataPrefix"}, {"from", "until", "set"})
VERBS: dict[str, tuple[set[str], set[str]]] = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "ListIdentifiers": LIST_ARGS,
    "ListRecords": LIST_ARGS,
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
}
RESUMABLE = {"ListIdentifiers", "ListRecords", "ListSets"}
_DOMAIN = re.compile(r"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$")


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _el(parent, tag: str, text: str | None = None, ns: str = OAI, **attrs: str):
    el = etree.SubElement(parent, _q(ns, tag), attrs)
    if text is not None:
        el.text = text
    return el


# --- request parsing ------------------------------------------------------------------------


def _parse_date(value: str, name: str) -> tuple[dt.datetime, str]:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=dt.UTC), "day"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", value):
            return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=dt.UTC
            ), "second"
    except ValueError:
        pass
    raise OaiError(
        "badArgument", f"'{name}' is not a date in the form YYYY-MM-DD or {GRANULARITY}: {value!r}."
    )


def _encode_token(state: dict) -> str:
    return (
        base64.urlsafe_b64encode(json.dumps(state, separators=(",", ":")).encode())
        .decode()
        .rstrip("=")
    )


def _decode_token(token: str) -> dict:
    try:
        state = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if not isinstance(state, dict) or "n" not in state:
            raise ValueError
        return state
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise OaiError(
            "badResumptionToken", "The resumption token is not one this repository issued."
        ) from None


class Repository:
    """One OAI-PMH request at a time; ``handle`` returns the XML document for any input."""

    def __init__(self, p: Platform) -> None:
        self.p = p
        cfg = p.settings.section("oai")
        base = p.settings.base_url.rstrip("/")
        host = urlsplit(base).hostname or ""
        self.base_url = base
        self.endpoint = base + "/oai"
        self.repo_id = str(
            cfg.get("repository_identifier") or (host if _DOMAIN.match(host) else "aixiv.local")
        )
        self.name = str(cfg.get("repository_name", "aixiv"))
        self.admin_email = str(cfg.get("admin_email", f"admin@{self.repo_id}"))
        self.page_size = max(1, int(cfg.get("page_size", 100)))

    # identifiers

    def oai_id(self, sid: str) -> str:
        return f"oai:{self.repo_id}:{sid}"

    def local_id(self, identifier: str) -> str:
        prefix = f"oai:{self.repo_id}:"
        if not identifier.startswith(prefix) or len(identifier) == len(prefix):
            raise OaiError(
                "idDoesNotExist",
                f"No record '{identifier}' here (identifiers look like {prefix}<id>).",
            )
        return identifier[len(prefix) :]

    # entry point

    def handle(self, pairs: list[tuple[str, str]]) -> bytes:
        root = etree.Element(_q(OAI, "OAI-PMH"), nsmap={None: OAI, "xsi": XSI})
        root.set(
            _q(XSI, "schemaLocation"), f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
        )
        _el(root, "responseDate", _stamp(dt.datetime.now(dt.UTC)))
        request = _el(root, "request", self.endpoint)
        try:
            verb, args = self._check(pairs)
            for k, v in [("verb", verb), *sorted(args.items())]:
                request.set(k, v)
            body = _el(root, verb)
            getattr(self, f"_{verb}")(body, args)
        except OaiError as err:
            if err.code in ("badVerb", "badArgument"):
                request.attrib.clear()  # the protocol: no attributes echoed for these two
            for child in list(root)[2:]:
                root.remove(child)
            _el(root, "error", err.message, code=err.code)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def _check(self, pairs: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
        seen: dict[str, str] = {}
        for k, v in pairs:
            if k in seen:
                code = "badVerb" if k == "verb" else "badArgument"
                raise OaiError(code, f"The argument '{k}' is repeated.")
            seen[k] = v
        verb = seen.pop("verb", None)
        if not verb:
            raise OaiError("badVerb", "No verb given. Verbs: " + ", ".join(VERBS) + ".")
        if verb not in VERBS:
            raise OaiError(
                "badVerb", f"'{verb}' is not an OAI-PMH verb. Verbs: " + ", ".join(VERBS) + "."
            )
        required, optional = VERBS[verb]
        if "resumptionToken" in seen and verb in RESUMABLE:
            if len(seen) > 1:
                raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
            return verb, seen
        unknown = sorted(set(seen) - required - optional)
        if unknown:
            raise OaiError("badArgument", f"{verb} does not take: {', '.join(unknown)}.")
        missing = sorted(required - set(seen))
        if missing:
            raise OaiError("badArgument", f"{verb} needs: {', '.join(missing)}.")
        return verb, seen

    # verbs

    def _Identify(self, body, args) -> None:
        _el(body, "repositoryName", self.name)
        _el(body, "baseURL", self.endpoint)
        _el(body, "protocolVersion", "2.0")
        _el(body, "adminEmail", self.admin_email)
        earliest = catalog.earliest_datestamp(self.p) or dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        _el(body, "earliestDatestamp", _stamp(earliest))
        _el(body, "deletedRecord", "no")
        _el(body, "granularity", GRANULARITY)
        desc = _el(body, "description")
        ident = etree.SubElement(desc, _q(OAI_ID, "oai-identifier"), nsmap={None: OAI_ID})
        ident.set(
            _q(XSI, "schemaLocation"),
            f"{OAI_ID} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd",
        )
        for tag, text in (
            ("scheme", "oai"),
            ("repositoryIdentifier", self.repo_id),
            ("delimiter", ":"),
            ("sampleIdentifier", self.oai_id("aixiv.250101.000001")),
        ):
            _el(ident, tag, text, ns=OAI_ID)

    def _ListMetadataFormats(self, body, args) -> None:
        prefixes = list(FORMATS)
        if "identifier" in args:
            rec = self._record(args["identifier"])
            prefixes = [m for m in FORMATS if self._can_disseminate(rec, m)]
        for prefix in prefixes:
            schema, ns = FORMATS[prefix]
            fmt = _el(body, "metadataFormat")
            _el(fmt, "metadataPrefix", prefix)
            _el(fmt, "schema", schema)
            _el(fmt, "metadataNamespace", ns)

    def _ListSets(self, body, args) -> None:
        if "resumptionToken" in args:
            raise OaiError(
                "badResumptionToken",
                "ListSets is answered in one response; there is nothing to resume.",
            )
        for spec, name in catalog.set_names(self.p):
            s = _el(body, "set")
            _el(s, "setSpec", spec)
            _el(s, "setName", name)

    def _GetRecord(self, body, args) -> None:
        prefix = self._prefix(args["metadataPrefix"])
        rec = self._record(args["identifier"])
        if not self._can_disseminate(rec, prefix):
            raise OaiError(
                "cannotDisseminateFormat",
                f"'{args['identifier']}' has no DOI yet, so no {prefix} record.",
            )
        self._write_record(body, rec, prefix)

    def _ListIdentifiers(self, body, args) -> None:
        self._list(body, args, lambda rec, prefix: self._header(body, rec))

    def _ListRecords(self, body, args) -> None:
        self._list(body, args, lambda rec, prefix: self._write_record(body, rec, prefix))

    # helpers

    def _prefix(self, prefix: str) -> str:
        if prefix not in FORMATS:
            raise OaiError(
                "cannotDisseminateFormat",
                f"No metadata format '{prefix}'. Formats: {', '.join(FORMATS)}.",
            )
        return prefix

    def _record(self, identifier: str) -> RecordView:
        try:
            return catalog.get_record(self.p, self.local_id(identifier))
        except NotFound:
            raise OaiError("idDoesNotExist", f"No record '{identifier}' here.") from None

    @staticmethod
    def _can_disseminate(rec: RecordView, prefix: str) -> bool:
        return prefix == "oai_dc" or bool(rec.doi)

    def _list(self, body, args: dict[str, str], emit: Callable[[RecordView, str], None]) -> None:
        if "resumptionToken" in args:
            state = _decode_token(args["resumptionToken"])
        else:
            state = {
                "m": self._prefix(args["metadataPrefix"]),
                "f": args.get("from"),
                "u": args.get("until"),
                "s": args.get("set"),
                "c": None,
                "n": 0,
            }
        prefix = state.get("m")
        if prefix not in FORMATS:
            raise OaiError("badResumptionToken", "The resumption token names no metadata format.")
        since = before = None
        grains = []
        if state.get("f"):
            since, g = _parse_date(state["f"], "from")
            grains.append(g)
        if state.get("u"):
            until, g = _parse_date(state["u"], "until")
            grains.append(g)
            before = until + (dt.timedelta(days=1) if g == "day" else dt.timedelta(seconds=1))
        if len(set(grains)) > 1:
            raise OaiError("badArgument", "'from' and 'until' must have the same granularity.")
        if since and before and since >= before:
            raise OaiError("badArgument", "'from' is later than 'until'.")
        set_spec = state.get("s")
        if set_spec and set_spec.partition(":")[0] not in catalog.SET_KINDS:
            raise OaiError("noRecordsMatch", f"No set '{set_spec}'; ListSets names them all.")
        try:
            page = catalog.harvest(
                self.p,
                since=since,
                before=before,
                set_spec=set_spec,
                with_doi=prefix == "oai_datacite",
                cursor=state.get("c"),
                limit=self.page_size,
            )
        except ProblemError as exc:
            code = "badResumptionToken" if "resumptionToken" in args else "badArgument"
            raise OaiError(code, exc.detail) from None
        if not page.items:
            raise OaiError("noRecordsMatch", "No records match this request.")
        for rec in page.items:
            emit(rec, prefix)
        offset = int(state.get("n") or 0)
        if page.next_cursor or offset:
            token = _el(
                body, "resumptionToken", completeListSize=str(page.total), cursor=str(offset)
            )
            if page.next_cursor:
                token.text = _encode_token(
                    {**state, "c": page.next_cursor, "n": offset + len(page.items)}
                )

    def _header(self, parent, rec: RecordView):
        header = _el(parent, "header")
        _el(header, "identifier", self.oai_id(rec.id))
        _el(header, "datestamp", _stamp(rec.updated_at))
        for spec in rec.set_specs:
            _el(header, "setSpec", spec)
        return header

    def _write_record(self, parent, rec: RecordView, prefix: str) -> None:
        try:
            meta = self._oai_dc(rec) if prefix == "oai_dc" else self._oai_datacite(rec)
        except Exception:  # noqa: BLE001 - one bad record must not break a whole harvest
            log.exception("could not write %s metadata for %s", prefix, rec.id)
            return
        record = _el(parent, "record")
        self._header(record, rec)
        _el(record, "metadata").append(meta)

    def _oai_dc(self, rec: RecordView):
        dc = etree.Element(_q(OAI_DC, "dc"), nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
        dc.set(
            _q(XSI, "schemaLocation"), f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        )

        def add(tag: str, text: str | None) -> None:
            if text:
                _el(dc, tag, text, ns=DC)

        add("title", rec.title)
        for a in rec.authors:
            add("creator", a.name)
        for a in rec.authors:
            if a.kind == "agent" and a.model_name:
                add(
                    "contributor",
                    f"{a.model_name}{' (' + a.model_developer + ')' if a.model_developer else ''}, AI model",
                )
        for s in [*rec.categories, *rec.keywords]:
            add("subject", s)
        add("description", rec.abstract)
        if rec.ai_generated:
            add("description", "The content of this work was generated by AI.")
        add("publisher", "aixiv")
        add("date", rec.created_at.date().isoformat())
        if rec.accepted_at:
            add("date", rec.accepted_at.date().isoformat())
        add("type", "Text")
        add("type", "Preprint" if rec.kind == "paper" else "Research proposal")
        add("format", rec.media_type)
        add("identifier", f"{self.base_url}/abs/{rec.id}")
        if rec.doi:
            add("identifier", f"https://doi.org/{rec.doi}")
        if rec.concept_doi and rec.concept_doi != rec.doi:
            add("relation", f"https://doi.org/{rec.concept_doi}")
        add("rights", f"{rec.license} {LICENSE_URLS.get(rec.license, '')}".strip())
        return dc

    def _oai_datacite(self, rec: RecordView):
        from datacite import schema45

        view = submissions.get_submission(self.p, rec.id)
        attrs = datacite_attrs(view, view.version, self.base_url)
        resource = etree.fromstring(schema45.tostring(attrs).encode())
        wrapper = etree.Element(
            _q(OAI_DATACITE, "oai_datacite"), nsmap={None: OAI_DATACITE, "xsi": XSI}
        )
        wrapper.set(
            _q(XSI, "schemaLocation"),
            f"{OAI_DATACITE} http://schema.datacite.org/oai/oai-1.1/oai.xsd",
        )
        _el(wrapper, "schemaVersion", "4.5", ns=OAI_DATACITE)
        _el(
            wrapper,
            "datacentreSymbol",
            str(self.p.settings.section("doi").get("repository_id", "AIXIV")),
            ns=OAI_DATACITE,
        )
        _el(wrapper, "payload", ns=OAI_DATACITE).append(resource)
        return wrapper
