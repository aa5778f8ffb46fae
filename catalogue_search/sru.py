"""SRU 1.2 (Search/Retrieve via URL, Library of Congress), the protocol union catalogues and federated search
speak: `explain` and `searchRetrieve` with a CQL query, answered in XML.

Every search clause goes through the catalogue's own search (`selectors.search`: Kazakh in any script and any
inflection, ISBN twins, class numbers), so SRU finds exactly what the public catalogue shows; `and`/`or`/`not`
combine the record ids the clauses found. `title` and `author` keep, of what the catalogue found for the
words, the records whose title (author) holds them, folded as the index folds them. A clause finds at most
the catalogue's own candidate limit. Records come as MARCXML (the stored MARC, as the cataloguing export writes
it) or simple Dublin Core.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from defusedxml.ElementTree import fromstring

from cataloguing import marc
from cataloguing.constants import MarcFormat
from cataloguing.marcio import export_records
from cataloguing.models import BibliographicRecord

from .constants import MAX_PAGE_SIZE, MAX_QUERY_WORDS
from .cql import BooleanClause, CQLError, SearchClause, parse
from .normalize import fold_document, search_words
from .query import parse_class_number, parse_isbn
from .selectors import SearchFilters, search

VERSION = "1.2"
SRW_NS = "http://www.loc.gov/zing/srw/"
DIAG_NS = "http://www.loc.gov/zing/srw/diagnostic/"
EXPLAIN_NS = "http://explain.z3950.org/dtd/2.0/"
MARCXML_NS = "http://www.loc.gov/MARC21/slim"
SRW_DC_NS = "info:srw/schema/1/dc-schema"
DC_NS = "http://purl.org/dc/elements/1.1/"
DIAGNOSTIC_URI = "info:srw/diagnostic/1/"

for _prefix, _uri in (("srw", SRW_NS), ("diag", DIAG_NS), ("zr", EXPLAIN_NS), ("marc", MARCXML_NS),
                      ("srw_dc", SRW_DC_NS), ("dc", DC_NS)):
    ET.register_namespace(_prefix, _uri)

DEFAULT_MAXIMUM_RECORDS = 10

# SRU 1.2 diagnostics (info:srw/diagnostic/1/N).
GENERAL_SYSTEM_ERROR = 1
UNSUPPORTED_OPERATION = 4
UNSUPPORTED_VERSION = 5
UNSUPPORTED_PARAMETER_VALUE = 6
MANDATORY_PARAMETER_MISSING = 7
UNSUPPORTED_INDEX = 16
UNSUPPORTED_RELATION = 19
EMPTY_TERM = 27
INVALID_TERM = 36
FIRST_RECORD_OUT_OF_RANGE = 61
UNKNOWN_SCHEMA = 66
UNSUPPORTED_RECORD_PACKING = 71

TEXT_RELATIONS = ("=", "==", "all", "any", "adj", "exact")
YEAR_RELATIONS = ("=", "==", "<", ">", "<=", ">=")


@dataclass(frozen=True)
class Schema:
    name: str
    identifier: str
    build: Callable[[BibliographicRecord, Callable[[int], str]], ET.Element]


def _marcxml(record: BibliographicRecord, record_url: Callable[[int], str]) -> ET.Element:
    """The stored MARC as the cataloguing export writes it (one record of its MARCXML collection)."""
    out = io.BytesIO()
    export_records([record], out, fmt=MarcFormat.MARCXML)
    return fromstring(out.getvalue())[0]


def _dublin_core(record: BibliographicRecord, record_url: Callable[[int], str]) -> ET.Element:
    root = ET.Element(f"{{{SRW_DC_NS}}}dc")

    def add(name: str, value) -> None:
        if value:
            ET.SubElement(root, f"{{{DC_NS}}}{name}").text = str(value)

    add("title", " : ".join(part for part in (record.title, record.subtitle) if part))
    for author in marc.split_list(record.authors):
        add("creator", author)
    add("publisher", record.publisher)
    add("date", record.year)
    add("language", record.language)
    add("type", record.get_document_type_display())
    if record.udc:
        add("subject", f"UDC {record.udc}")
    for subject in marc.split_list(record.subjects):
        add("subject", subject)
    add("description", record.annotation)
    if record.isbn:
        add("identifier", f"URN:ISBN:{record.isbn}")
    add("identifier", record_url(record.pk))
    return root


SCHEMAS = {
    "marcxml": Schema("marcxml", "info:srw/schema/1/marcxml-v1.1", _marcxml),
    "dc": Schema("dc", "info:srw/schema/1/dc-v1.1", _dublin_core),
}
SCHEMA_ALIASES = {schema.identifier: name for name, schema in SCHEMAS.items()} | {"marc21": "marcxml"}
DEFAULT_SCHEMA = "marcxml"

# CQL index → what it searches; "dc."/"bath." names are the context sets' names for the same.
INDEXES = {
    "cql.serverchoice": "anywhere", "cql.anywhere": "anywhere", "anywhere": "anywhere", "cql.anyindexes": "anywhere",
    "title": "title", "dc.title": "title",
    "author": "author", "dc.creator": "author", "creator": "author", "bath.author": "author",
    "isbn": "isbn", "bath.isbn": "isbn",
    "udc": "udc",
    "year": "year", "dc.date": "year",
}
EXPLAIN_INDEXES = ("anywhere", "title", "author", "isbn", "udc", "year")


class Diagnostic(Exception):
    """An SRU diagnostic: the request is answered with it instead of records."""

    def __init__(self, code: int, details: str = "") -> None:
        super().__init__(details)
        self.code = code
        self.details = details


# -- searching -----------------------------------------------------------------------------------------------

def _catalogue_ids(text: str, filters: SearchFilters | None = None) -> list[int]:
    """Every record id the catalogue search finds for `text`, in its order (up to its candidate limit)."""
    ids: list[int] = []
    page = 1
    while True:
        result = search(text, filters=filters, page=page, page_size=MAX_PAGE_SIZE)
        ids += [hit.record.pk for hit in result.hits]
        if not result.has_next:
            return ids
        page += 1


def _words_query(term: str, relation: str) -> str:
    """The catalogue query of a text term: a phrase for adj/exact/==, all words for =/all."""
    if relation in ("adj", "exact", "==") and len(term.split()) > 1:
        return f'"{term}"'
    return term


def _folded_holds(text: str, term: str, relation: str) -> bool:
    """Whether `text` (a title, the authors) holds the term's words as the index folds both."""
    folded = f" {fold_document(text)} "
    words = search_words(term)
    if relation in ("adj", "exact", "==") and len(words) > 1:
        return " ".join(words) in folded
    return all(word in folded for word in words)


def _field_ids(clause: SearchClause, field: str) -> list[int]:
    ids = _catalogue_ids(_words_query(clause.term, clause.relation))
    rows = BibliographicRecord.objects.filter(pk__in=ids).values_list("pk", "title", "subtitle", "authors")
    texts = {pk: (f"{title} {subtitle}" if field == "title" else authors) for pk, title, subtitle, authors in rows}
    return [pk for pk in ids if _folded_holds(texts.get(pk, ""), clause.term, clause.relation)]


def _year_filters(clause: SearchClause) -> SearchFilters:
    if clause.relation not in YEAR_RELATIONS:
        raise Diagnostic(UNSUPPORTED_RELATION, clause.relation)
    try:
        year = int(clause.term)
    except ValueError:
        raise Diagnostic(INVALID_TERM, clause.term) from None
    if not 1000 <= year <= 2999:
        raise Diagnostic(INVALID_TERM, clause.term)
    bounds = {"=": {"year": year}, "==": {"year": year}, "<": {"year_to": year - 1}, ">": {"year_from": year + 1},
              "<=": {"year_to": year}, ">=": {"year_from": year}}
    return SearchFilters(**bounds[clause.relation])


def _clause_ids(clause: SearchClause) -> list[int]:
    target = INDEXES.get(clause.index)
    if target is None:
        raise Diagnostic(UNSUPPORTED_INDEX, clause.index)
    if target == "year":
        return _catalogue_ids("", _year_filters(clause))
    if clause.relation not in TEXT_RELATIONS:
        raise Diagnostic(UNSUPPORTED_RELATION, clause.relation)
    term = clause.term.strip()
    if not term:
        raise Diagnostic(EMPTY_TERM, clause.index)
    if target == "isbn":
        return _catalogue_ids(term) if parse_isbn(term) else []
    if target == "udc":
        return _catalogue_ids(f"UDC {term}") if parse_class_number(f"UDC {term}") else []
    if clause.relation == "any":
        found: dict[int, None] = {}
        for word in term.split()[:MAX_QUERY_WORDS]:  # the catalogue's own word budget
            found.update(dict.fromkeys(_clause_ids(SearchClause(clause.index, "all", word))))
        return list(found)
    if target == "anywhere":
        return _catalogue_ids(_words_query(term, clause.relation))
    return _field_ids(clause, target)


def matching_ids(tree: SearchClause | BooleanClause) -> list[int]:
    """The record ids a CQL tree finds, in the catalogue's order of the leftmost clause."""
    if isinstance(tree, SearchClause):
        return _clause_ids(tree)
    left = matching_ids(tree.left)
    right = set(right_ids := matching_ids(tree.right))
    if tree.operator == "and":
        return [pk for pk in left if pk in right]
    if tree.operator == "not":
        return [pk for pk in left if pk not in right]
    seen = set(left)
    return left + [pk for pk in right_ids if pk not in seen]


# -- the protocol --------------------------------------------------------------------------------------------

def _element(parent: ET.Element, name: str, text=None, ns: str = SRW_NS) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = str(text)
    return element


def _diagnostics(parent: ET.Element, diagnostic: Diagnostic) -> None:
    holder = _element(parent, "diagnostics")
    entry = ET.SubElement(holder, f"{{{DIAG_NS}}}diagnostic")
    _element(entry, "uri", f"{DIAGNOSTIC_URI}{diagnostic.code}", ns=DIAG_NS)
    if diagnostic.details:
        _element(entry, "details", diagnostic.details, ns=DIAG_NS)


def _serialize(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _positive_int(params, name: str, default: int, minimum: int) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise Diagnostic(UNSUPPORTED_PARAMETER_VALUE, name) from None
    if value < minimum:
        raise Diagnostic(UNSUPPORTED_PARAMETER_VALUE, name)
    return value


def _check_version(params) -> None:
    version = params.get("version")
    if version not in (None, "", "1.1", VERSION):
        raise Diagnostic(UNSUPPORTED_VERSION, VERSION)


def explain(params, *, base_url: str) -> bytes:
    root = ET.Element(f"{{{SRW_NS}}}explainResponse")
    _element(root, "version", VERSION)
    try:
        _check_version(params)
    except Diagnostic as diagnostic:
        _diagnostics(root, diagnostic)
        return _serialize(root)
    record = _element(root, "record")
    _element(record, "recordSchema", "http://explain.z3950.org/dtd/2.0/")
    _element(record, "recordPacking", "xml")
    data = _element(record, "recordData")
    explain_root = ET.SubElement(data, f"{{{EXPLAIN_NS}}}explain")
    server = _element(explain_root, "serverInfo", ns=EXPLAIN_NS)
    server.set("protocol", "SRU")
    server.set("version", VERSION)
    host, _sep, rest = base_url.split("://", 1)[-1].partition("/")
    hostname, _colon, port = host.partition(":")
    _element(server, "host", hostname, ns=EXPLAIN_NS)
    _element(server, "port", port or ("443" if base_url.startswith("https") else "80"), ns=EXPLAIN_NS)
    _element(server, "database", rest or "sru", ns=EXPLAIN_NS)
    info = _element(explain_root, "databaseInfo", ns=EXPLAIN_NS)
    _element(info, "title", "Kitaphana — Satbayev University library catalogue", ns=EXPLAIN_NS)
    index_info = _element(explain_root, "indexInfo", ns=EXPLAIN_NS)
    for name in EXPLAIN_INDEXES:
        index = _element(index_info, "index", ns=EXPLAIN_NS)
        _element(index, "title", name, ns=EXPLAIN_NS)
        names = _element(index, "map", ns=EXPLAIN_NS)
        _element(names, "name", name, ns=EXPLAIN_NS)
    schema_info = _element(explain_root, "schemaInfo", ns=EXPLAIN_NS)
    for name, schema in SCHEMAS.items():
        element = _element(schema_info, "schema", ns=EXPLAIN_NS)
        element.set("name", name)
        element.set("identifier", schema.identifier)
        _element(element, "title", name, ns=EXPLAIN_NS)
    config = _element(explain_root, "configInfo", ns=EXPLAIN_NS)
    _element(config, "default", DEFAULT_MAXIMUM_RECORDS, ns=EXPLAIN_NS).set("type", "numberOfRecords")
    _element(config, "setting", MAX_PAGE_SIZE, ns=EXPLAIN_NS).set("type", "maximumRecords")
    return _serialize(root)


def search_retrieve(params, *, record_url: Callable[[int], str]) -> bytes:
    root = ET.Element(f"{{{SRW_NS}}}searchRetrieveResponse")
    _element(root, "version", VERSION)
    try:
        _check_version(params)
        query = params.get("query")
        if not query:
            raise Diagnostic(MANDATORY_PARAMETER_MISSING, "query")
        start = _positive_int(params, "startRecord", 1, 1)
        maximum = min(_positive_int(params, "maximumRecords", DEFAULT_MAXIMUM_RECORDS, 0), MAX_PAGE_SIZE)
        schema_name = params.get("recordSchema") or DEFAULT_SCHEMA
        schema = SCHEMAS.get(SCHEMA_ALIASES.get(schema_name, schema_name))
        if schema is None:
            raise Diagnostic(UNKNOWN_SCHEMA, schema_name)
        packing = params.get("recordPacking") or "xml"
        if packing not in ("xml", "string"):
            raise Diagnostic(UNSUPPORTED_RECORD_PACKING, packing)
        try:
            tree = parse(query)
        except CQLError as error:
            raise Diagnostic(error.code, error.details) from None
        ids = matching_ids(tree)
        if maximum and ids and start > len(ids):
            raise Diagnostic(FIRST_RECORD_OUT_OF_RANGE, str(start))
    except Diagnostic as diagnostic:
        _element(root, "numberOfRecords", 0)
        _diagnostics(root, diagnostic)
        return _serialize(root)

    _element(root, "numberOfRecords", len(ids))
    shown = ids[start - 1:start - 1 + maximum]
    if shown:
        records = BibliographicRecord.objects.in_bulk(shown)
        holder = _element(root, "records")
        for position, pk in enumerate(shown, start=start):
            if pk not in records:  # deleted since the search
                continue
            record = _element(holder, "record")
            _element(record, "recordSchema", schema.identifier)
            _element(record, "recordPacking", packing)
            data = _element(record, "recordData")
            content = schema.build(records[pk], record_url)
            if packing == "xml":
                data.append(content)
            else:
                data.text = ET.tostring(content, encoding="unicode")
            _element(record, "recordPosition", position)
    if start - 1 + maximum < len(ids) and maximum:
        _element(root, "nextRecordPosition", start + maximum)
    return _serialize(root)


def unsupported_operation(operation: str) -> bytes:
    """scan and anything else: an explain response carrying diagnostic 4."""
    root = ET.Element(f"{{{SRW_NS}}}explainResponse")
    _element(root, "version", VERSION)
    _diagnostics(root, Diagnostic(UNSUPPORTED_OPERATION, operation))
    return _serialize(root)
