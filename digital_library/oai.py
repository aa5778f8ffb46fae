"""OAI-PMH 2.0 data provider (http://www.openarchives.org/OAI/openarchivesprotocol.html) for open items.

A record is exposed when it has at least one full-text file that anyone may read today (open access, no
running embargo). Metadata format: `oai_dc`. Sets: one per catalogue database (setSpec = its code).
Resumption tokens are stateless: the request's arguments and the offset, signed so a forged or stale token
answers badResumptionToken. A withdrawn record (QP 607 §5.3: every copy written off) is listed as deleted: its
header only, status="deleted", dated by its withdrawal. deletedRecord is "transient": withdrawn records are kept,
but one merged into another record afterwards is gone without a trace.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Case, Exists, F, Max, OuterRef, Subquery, When
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone, translation

from cataloguing.models import BibliographicRecord, CatalogueDatabase

from .constants import OAI_EARLIEST_DATESTAMP, OAI_TOKEN_MAX_AGE, oai_page_size, oai_repository_identifier
from .models import DigitalFile

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# Prefixes are written literally (with their xmlns declarations) rather than through ET.register_namespace:
# that registry is process-global, and another module registering a prefix would rename ours to "ns0".
PREFIXES = {OAI_NS: "", OAI_DC_NS: "oai_dc", DC_NS: "dc", XSI_NS: "xsi"}

METADATA_FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC_NS),
}
TOKEN_SALT = "digital_library.oai.resumption"  # noqa: S105 - a signing namespace, not a secret
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
# Characters XML 1.0 cannot carry (its Char production): an argument holding one is refused as badArgument
# before anything echoes it, so every answer stays well-formed.
_NOT_XML_CHAR = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Errors after which the response's request element carries the base URL only (OAI-PMH 2.0, 3.6).
BARE_REQUEST_ERRORS = {"badVerb", "badArgument"}

VERB_ARGUMENTS: dict[str, tuple[set[str], set[str], set[str]]] = {
    # verb: (required, optional, exclusive)
    "Identify": (set(), set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}, set()),
    "ListSets": (set(), set(), {"resumptionToken"}),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, {"resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), set()),
}


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ListQuery:
    metadata_prefix: str
    set_spec: str | None
    from_: dt.datetime | None
    until: dt.datetime | None
    offset: int = 0


def _q(ns: str, tag: str) -> str:
    prefix = PREFIXES[ns]
    return f"{prefix}:{tag}" if prefix else tag


def _sub(parent: ET.Element, tag: str, text: str | None = None, ns: str = OAI_NS, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(ns, tag), attrs)
    if text is not None:
        element.text = text
    return element


def _datestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_identifier(record_pk: int) -> str:
    return f"oai:{oai_repository_identifier()}:record/{record_pk}"


def _record_pk(identifier: str) -> int | None:
    match = re.fullmatch(rf"oai:{re.escape(oai_repository_identifier())}:record/(\d+)", identifier)
    return int(match.group(1)) if match else None


def _parse_date(value: str, *, end: bool) -> tuple[dt.datetime, str]:
    for pattern, granularity in (("%Y-%m-%dT%H:%M:%SZ", "seconds"), ("%Y-%m-%d", "day")):
        try:
            parsed = dt.datetime.strptime(value, pattern).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        if end:
            step = dt.timedelta(days=1) if granularity == "day" else dt.timedelta(seconds=1)
            try:
                parsed = parsed + step - dt.timedelta(microseconds=1)
            except OverflowError:  # until=9999-12-31: the end of that day is the last instant there is
                parsed = dt.datetime.max.replace(tzinfo=dt.UTC)
        return parsed, granularity
    raise OAIError("badArgument", f"Illegal date: {value!r} (use YYYY-MM-DD or {GRANULARITY}).")


def exposed_records(today: dt.date | None = None):
    """Records with at least one file open to all today, each annotated with its OAI datestamp (a withdrawn
    record's: its withdrawal, when it became a deleted record)."""
    today = today or timezone.localdate()
    open_files = DigitalFile.objects.open_at(today).filter(record=OuterRef("pk"))
    latest_file_change = Subquery(
        open_files.order_by().values("record").annotate(latest=Max("updated_at")).values("latest")[:1]
    )
    return (
        BibliographicRecord.objects.filter(Exists(open_files))
        .annotate(oai_datestamp=Case(When(withdrawn_at__isnull=False, then=F("withdrawn_at")),
                                     default=Greatest("updated_at", latest_file_change)))
        .select_related("database")
        .order_by("pk")
    )


class Provider:
    """Answers one OAI-PMH request."""

    def __init__(self, base_url: str, absolute_url=lambda path: path):
        self.base_url = base_url
        self.absolute_url = absolute_url
        self.now = timezone.now()

    # --- entry point ---

    def respond(self, arguments: Mapping[str, list[str]]) -> bytes:
        root = ET.Element(_q(OAI_NS, "OAI-PMH"), {"xmlns": OAI_NS, "xmlns:xsi": XSI_NS})
        root.set(_q(XSI_NS, "schemaLocation"), f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
        _sub(root, "responseDate", _datestamp(self.now))
        request_element = _sub(root, "request", self.base_url)
        try:
            verb, args = self._validate(arguments)
            for name, value in args.items():
                request_element.set(name, value)
            request_element.set("verb", verb)
            with translation.override("en"):
                getattr(self, f"_{verb}")(root, args)
        except OAIError as error:
            if error.code in BARE_REQUEST_ERRORS:
                request_element.attrib.clear()
            _sub(root, "error", error.message, code=error.code)
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)

    def _validate(self, arguments: Mapping[str, list[str]]) -> tuple[str, dict[str, str]]:
        for name, values in arguments.items():
            if any(_NOT_XML_CHAR.search(text) for text in (name, *values)):
                raise OAIError("badArgument", "An argument contains a character that is not allowed (e.g. NUL).")
        for name, values in arguments.items():
            if len(values) > 1:
                code = "badVerb" if name == "verb" else "badArgument"
                raise OAIError(code, f"The argument {name!r} is repeated.")
        flat = {name: values[0] for name, values in arguments.items()}
        verb = flat.pop("verb", None)
        if verb is None:
            raise OAIError("badVerb", "The verb argument is missing.")
        if verb not in VERB_ARGUMENTS:
            raise OAIError("badVerb", f"Illegal verb: {verb!r}.")
        required, optional, exclusive = VERB_ARGUMENTS[verb]
        given = set(flat)
        illegal = given - required - optional - exclusive
        if illegal:
            raise OAIError("badArgument", f"Illegal argument(s) for {verb}: {', '.join(sorted(illegal))}.")
        if given & exclusive:
            if len(given) > 1:
                raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
            return verb, flat
        missing = required - given
        if missing:
            raise OAIError("badArgument", f"Missing argument(s) for {verb}: {', '.join(sorted(missing))}.")
        return verb, flat

    # --- verbs ---

    def _Identify(self, root: ET.Element, args: dict[str, str]) -> None:
        identify = _sub(root, "Identify")
        _sub(identify, "repositoryName", "Kitaphana — Scientific Library of Satbayev University")
        _sub(identify, "baseURL", self.base_url)
        _sub(identify, "protocolVersion", "2.0")
        _sub(identify, "adminEmail", settings.LIBRARY_EMAIL)
        earliest = exposed_records().order_by("oai_datestamp").values_list("oai_datestamp", flat=True).first()
        _sub(identify, "earliestDatestamp", _datestamp(earliest) if earliest else OAI_EARLIEST_DATESTAMP)
        _sub(identify, "deletedRecord", "transient")
        _sub(identify, "granularity", GRANULARITY)

    def _ListMetadataFormats(self, root: ET.Element, args: dict[str, str]) -> None:
        if "identifier" in args:
            self._exposed_record(args["identifier"])
        formats = _sub(root, "ListMetadataFormats")
        for prefix, (schema, namespace) in METADATA_FORMATS.items():
            entry = _sub(formats, "metadataFormat")
            _sub(entry, "metadataPrefix", prefix)
            _sub(entry, "schema", schema)
            _sub(entry, "metadataNamespace", namespace)

    def _ListSets(self, root: ET.Element, args: dict[str, str]) -> None:
        if "resumptionToken" in args:
            raise OAIError("badResumptionToken", "The list of sets is never split; this token is not valid.")
        sets = _sub(root, "ListSets")
        for database in CatalogueDatabase.objects.order_by("ordering", "code"):
            entry = _sub(sets, "set")
            _sub(entry, "setSpec", database.code)
            _sub(entry, "setName", database.name_in("en"))

    def _GetRecord(self, root: ET.Element, args: dict[str, str]) -> None:
        self._check_prefix(args["metadataPrefix"])
        record = self._exposed_record(args["identifier"])
        self._record(_sub(root, "GetRecord"), record)

    def _ListIdentifiers(self, root: ET.Element, args: dict[str, str]) -> None:
        self._list(root, args, headers_only=True)

    def _ListRecords(self, root: ET.Element, args: dict[str, str]) -> None:
        self._list(root, args, headers_only=False)

    # --- helpers ---

    def _check_prefix(self, prefix: str) -> None:
        if prefix not in METADATA_FORMATS:
            raise OAIError("cannotDisseminateFormat", f"The metadata format {prefix!r} is not supported.")

    def _exposed_record(self, identifier: str):
        pk = _record_pk(identifier)
        record = exposed_records().filter(pk=pk).first() if pk else None
        if record is None:
            raise OAIError("idDoesNotExist", f"No item has the identifier {identifier!r}.")
        return record

    def _query(self, args: dict[str, str]) -> ListQuery:
        if "resumptionToken" in args:
            try:
                data = signing.loads(
                    args["resumptionToken"], salt=TOKEN_SALT, max_age=OAI_TOKEN_MAX_AGE.total_seconds(),
                )
                return ListQuery(
                    metadata_prefix=data["p"], set_spec=data["s"],
                    from_=dt.datetime.fromisoformat(data["f"]) if data["f"] else None,
                    until=dt.datetime.fromisoformat(data["u"]) if data["u"] else None,
                    offset=int(data["o"]),
                )
            except (signing.BadSignature, KeyError, TypeError, ValueError):
                raise OAIError("badResumptionToken", "The resumption token is invalid or has expired.") from None
        self._check_prefix(args["metadataPrefix"])
        from_ = until = None
        granularities = set()
        if "from" in args:
            from_, granularity = _parse_date(args["from"], end=False)
            granularities.add(granularity)
        if "until" in args:
            until, granularity = _parse_date(args["until"], end=True)
            granularities.add(granularity)
        if len(granularities) > 1:
            raise OAIError("badArgument", "from and until must have the same granularity.")
        if from_ and until and from_ > until:
            raise OAIError("badArgument", "from is later than until.")
        set_spec = args.get("set")
        if set_spec is not None and not CatalogueDatabase.objects.filter(code=set_spec).exists():
            raise OAIError("noRecordsMatch", f"No set {set_spec!r}.")
        return ListQuery(args["metadataPrefix"], set_spec, from_, until)

    def _list(self, root: ET.Element, args: dict[str, str], *, headers_only: bool) -> None:
        query = self._query(args)
        records = exposed_records()
        if query.set_spec:
            records = records.filter(database__code=query.set_spec)
        if query.from_:
            records = records.filter(oai_datestamp__gte=query.from_)
        if query.until:
            records = records.filter(oai_datestamp__lte=query.until)
        total = records.count()
        if total == 0:
            raise OAIError("noRecordsMatch", "No items match the request.")
        if query.offset >= total:
            raise OAIError("badResumptionToken", "The resumption token points past the end of the list.")
        size = oai_page_size()
        page = list(records[query.offset : query.offset + size])
        container = _sub(root, "ListIdentifiers" if headers_only else "ListRecords")
        for record in page:
            if headers_only:
                self._header(container, record)
            else:
                self._record(container, record)
        next_offset = query.offset + len(page)
        if next_offset < total or query.offset > 0:
            attrs = {"completeListSize": str(total), "cursor": str(query.offset)}
            token_text = None
            if next_offset < total:
                token_text = signing.dumps(
                    {"p": query.metadata_prefix, "s": query.set_spec,
                     "f": query.from_.isoformat() if query.from_ else None,
                     "u": query.until.isoformat() if query.until else None, "o": next_offset},
                    salt=TOKEN_SALT, compress=True,
                )
                attrs["expirationDate"] = _datestamp(self.now + OAI_TOKEN_MAX_AGE)
            _sub(container, "resumptionToken", token_text, **attrs)

    def _header(self, parent: ET.Element, record) -> None:
        header = _sub(parent, "header", **({"status": "deleted"} if record.is_withdrawn else {}))
        _sub(header, "identifier", record_identifier(record.pk))
        _sub(header, "datestamp", _datestamp(record.oai_datestamp))
        _sub(header, "setSpec", record.database.code)

    def _record(self, parent: ET.Element, record) -> None:
        element = _sub(parent, "record")
        self._header(element, record)
        if record.is_withdrawn:  # a deleted record has no metadata (OAI-PMH 2.0 §2.5.1)
            return
        metadata = _sub(element, "metadata")
        dc = ET.SubElement(metadata, _q(OAI_DC_NS, "dc"), {"xmlns:oai_dc": OAI_DC_NS, "xmlns:dc": DC_NS})
        dc.set(_q(XSI_NS, "schemaLocation"), f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
        for tag, value in self._dublin_core(record):
            if value:
                ET.SubElement(dc, _q(DC_NS, tag)).text = value

    def _dublin_core(self, record) -> list[tuple[str, str]]:
        files = list(DigitalFile.objects.open_at(timezone.localdate()).filter(record=record).order_by("pk"))
        fields: list[tuple[str, str]] = [("title", record.title)]
        fields += [("creator", name.strip()) for name in record.authors.split(";") if name.strip()]
        fields += [("subject", subject.strip()) for subject in record.subjects.split(";") if subject.strip()]
        if record.udc:
            fields.append(("subject", f"UDC {record.udc}"))
        fields += [("description", record.annotation), ("publisher", record.publisher)]
        if record.year:
            fields.append(("date", str(record.year)))
        fields.append(("type", "Text"))
        fields.append(("type", str(record.get_document_type_display())))
        fields += [("format", mime) for mime in sorted({f.mime_type for f in files})]
        fields.append(("identifier", self.absolute_url(reverse("digital_library:record", args=[record.pk]))))
        fields += [
            ("identifier", self.absolute_url(reverse("digital_library:file_download", args=[f.pk]))) for f in files
        ]
        if record.isbn:
            fields.append(("identifier", f"urn:isbn:{record.isbn}"))
        if record.issn:
            fields.append(("identifier", f"urn:issn:{record.issn}"))
        fields.append(("language", record.language))
        fields.append(("rights", "info:eu-repo/semantics/openAccess"))
        fields += [("rights", licence) for licence in sorted({f.licence for f in files if f.licence})]
        return fields
