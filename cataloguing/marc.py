"""MARC 21 is the stored source of truth of a bibliographic record (607-25): this module derives the
library fields from a pymarc `Record`, writes library fields back into it, and converts between the
pymarc object and the JSON kept in `BibliographicRecord.marc` (pymarc's `as_dict()` shape).

Writing back only touches the MARC fields whose library value really changed, so whatever else a
cataloguer or a source catalogue put into the record (relator codes, 650 subdivisions, local fields)
survives an edit of the title.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from json.encoder import encode_basestring as _json_string
from typing import Any

from django.utils import timezone
from pymarc import Field, Indicators, Leader, Record, Subfield

from .constants import DOCUMENT_TYPES, DocumentType

# Library fields kept in step with the MARC record, in the order the edit form shows them.
LIBRARY_FIELDS = (
    "control_number", "title", "subtitle", "statement_of_responsibility", "authors", "edition", "place",
    "publisher", "year", "extent", "series", "source", "isbn", "issn", "udc", "language", "document_type",
    "subjects", "annotation", "url",
)

# Local field carrying the document type so that it survives export and re-import exactly.
DOCUMENT_TYPE_TAG = "998"
LIST_SEPARATOR = "; "
DEFAULT_LEADER = "     nam a22     4i 4500"

_YEAR = re.compile(r"(1[5-9]\d\d|2[01]\d\d)")
_PAGES = re.compile(r"(\d+)")
# ISBD punctuation a cataloguer puts at the end of a subfield, before the next one.
_TRAILING_PUNCT = re.compile(r"[\s]*[/:;,=.]+\s*$")
_ABBREVIATION_END = re.compile(r"(\b\w\.|\bal\.|\bи др\.|\bт\.б\.)$")

# Leader/06-07 per document type (type of record, bibliographic level).
_LEADER_CODES = {
    DocumentType.BOOK: ("a", "m"),
    DocumentType.TEXTBOOK: ("a", "m"),
    DocumentType.METHODICAL: ("a", "m"),
    DocumentType.DISSERTATION: ("a", "m"),
    DocumentType.AUTHOR_ABSTRACT: ("a", "m"),
    DocumentType.ARTICLE: ("a", "b"),
    DocumentType.PERIODICAL: ("a", "s"),
    DocumentType.E_RESOURCE: ("m", "m"),
}


# -- JSON <-> pymarc ---------------------------------------------------------------------------------------

def record_to_json(record: Record) -> dict[str, Any]:
    """The record as stored in `BibliographicRecord.marc`: pymarc's `as_dict()` shape, built here in one pass
    (the import serialises every record it stores)."""
    fields: list[dict[str, Any]] = []
    append = fields.append
    for field in record.fields:
        if field.control_field:
            append({field.tag: field.data})
        else:
            append({field.tag: {"ind1": field.indicator1, "ind2": field.indicator2,
                                "subfields": [{code: value} for code, value in field.subfields]}})
    return {"leader": str(record.leader), "fields": fields}


def record_to_json_text(record: Record) -> str:
    """`record_to_json()` as JSON text, written directly (the import stores a million of them: several
    times faster than building the dict and dumping it), in the form PostgreSQL gives jsonb back as text
    (keys in jsonb's order, its spacing and escapes), so that a re-import compares stored and new as text."""
    quote = _json_string
    try:
        parts = []
        for field in record.fields:
            if field.control_field:
                data = field.data
                parts.append(f"{{{quote(field.tag)}: {'null' if data is None else quote(data)}}}")
            else:
                subfields = ", ".join([f"{{{quote(code)}: {quote(value)}}}" for code, value in field.subfields])
                parts.append(f'{{{quote(field.tag)}: {{"ind1": {quote(field.indicator1)}, '
                             f'"ind2": {quote(field.indicator2)}, "subfields": [{subfields}]}}}}')
        return f'{{"fields": [{", ".join(parts)}], "leader": {quote(str(record.leader))}}}'
    except TypeError:  # a value that is not text (None where a string belongs): let json decide
        return json.dumps(record_to_json(record), ensure_ascii=False)


def record_from_json(data: dict[str, Any], leader: str | None = None) -> Record:
    """Rebuild a pymarc Record from the stored JSON (inverse of `record_to_json`)."""
    record = Record(leader=leader or data.get("leader") or DEFAULT_LEADER)
    for entry in data.get("fields", []):
        for tag, value in entry.items():
            if isinstance(value, str):
                record.add_field(Field(tag=tag, data=value))
            else:
                subfields = [Subfield(code, text) for sub in value.get("subfields", []) for code, text in sub.items()]
                record.add_field(Field(
                    tag=tag, indicators=Indicators(value.get("ind1", " "), value.get("ind2", " ")),
                    subfields=subfields,
                ))
    return record


# -- helpers -----------------------------------------------------------------------------------------------

# Publishers, places, authors and subjects repeat across a catalogue: an import cleans each once.
@lru_cache(maxsize=1 << 16)
def clean(value: str | None) -> str:
    """A subfield value without the ISBD punctuation that separates it from the next subfield."""
    if not value:
        return ""
    text = " ".join(value.split())
    # Keep a full stop that ends an abbreviation or initial ("Қ.И.", "et al.").
    if text.endswith(".") and _ABBREVIATION_END.search(text):
        return text
    return _TRAILING_PUNCT.sub("", text).strip()


def normalize_isbn(value: str | None) -> str:
    """ISBN as digits (and a final X) only: "978-601-7-0123-4 (pbk.)" → "9786017012344"."""
    if not value:
        return ""
    head = value.strip().split(" ")[0].split("(")[0]
    return "".join(ch for ch in head.upper() if ch.isdigit() or ch == "X")[:13]


def normalize_issn(value: str | None) -> str:
    """ISSN as NNNN-NNNC."""
    if not value:
        return ""
    raw = "".join(ch for ch in value.upper() if ch.isdigit() or ch == "X")[:8]
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def split_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _publication_field(record: Record) -> Field | None:
    return _publication_of(_by_tag(record))


def _fixed_008(record: Record) -> str:
    fields = record.get_fields("008")
    data = fields[0].data if fields else ""
    return (data or "").ljust(40)[:40]


# -- MARC -> library fields --------------------------------------------------------------------------------
# Derivation reads a record through a tag index built in one pass over its fields (`_by_tag`), rather than
# scanning the fields again for each of the twenty-odd tags it looks at: the import derives every record.

_NO_FIELDS: list[Field] = []


def _by_tag(record: Record) -> dict[str, list[Field]]:
    index: dict[str, list[Field]] = {}
    for field in record.fields:
        same = index.get(field.tag)
        if same is None:
            index[field.tag] = [field]
        else:
            same.append(field)
    return index


def _in_order(record: Record, tags: frozenset[str]) -> list[Field]:
    """Fields of several tags in record order (as `Record.get_fields(*tags)`)."""
    return [field for field in record.fields if field.tag in tags]


def _values(field: Field, codes: tuple[str, ...]) -> list[str]:
    """`field.get_subfields(*codes)`, read straight from the (code, value) pairs."""
    return [value for code, value in field.subfields if code in codes]


def _first(field: Field, code: str) -> str | None:
    """The field's first value of subfield `code`, or None."""
    for sub_code, value in field.subfields:
        if sub_code == code:
            return value
    return None


def _first_in(by_tag: dict[str, list[Field]], tag: str, code: str) -> str:
    for field in by_tag.get(tag, _NO_FIELDS):
        value = _first(field, code)
        if value is not None:
            return value
    return ""


def _publication_of(by_tag: dict[str, list[Field]]) -> Field | None:
    for field in by_tag.get("264", _NO_FIELDS):
        if field.indicator2 == "1":
            return field
    fields = by_tag.get("260") or by_tag.get("264")
    return fields[0] if fields else None


_MAIN_ENTRY_TAGS = frozenset(("100", "110"))
_ADDED_ENTRY_TAGS = frozenset(("700", "710"))
_SUBJECT_TAGS = frozenset(("650", "651", "653"))
_GENRE_TAGS = frozenset(("655", "500"))


def _document_type(record: Record, by_tag: dict[str, list[Field]]) -> str:
    explicit = _first_in(by_tag, DOCUMENT_TYPE_TAG, "a")
    if explicit in DOCUMENT_TYPES:
        return explicit
    leader = str(record.leader)
    type_of_record, level = leader[6:7], leader[7:8]
    if level in ("a", "b"):
        return DocumentType.ARTICLE
    if level == "s":
        return DocumentType.PERIODICAL
    if type_of_record == "m":
        return DocumentType.E_RESOURCE
    note = " ".join(f.value() for f in by_tag.get("502", _NO_FIELDS)).lower()
    if note:
        is_abstract = "автореферат" in note or "abstract" in note
        return DocumentType.AUTHOR_ABSTRACT if is_abstract else DocumentType.DISSERTATION
    if "655" not in by_tag and "500" not in by_tag:
        return DocumentType.BOOK
    genre = " ".join(f.value() for f in _in_order(record, _GENRE_TAGS)).lower()
    if any(word in genre for word in ("әдістемелік", "методическ", "guideline")):
        return DocumentType.METHODICAL
    if any(word in genre for word in ("оқулық", "учебник", "учебное пособие", "оқу құралы", "textbook")):
        return DocumentType.TEXTBOOK
    return DocumentType.BOOK


def _first_values(fields: list[Field]) -> list[str]:
    """The cleaned first $a of each field that has one."""
    names = []
    for field in fields:
        value = _first(field, "a")
        if value is not None:
            names.append(clean(value))
    return names


def derive_fields(record: Record) -> dict[str, Any]:
    """The library fields of a record, derived from its MARC fields."""
    by_tag = _by_tag(record)
    get = by_tag.get
    title = subtitle = responsibility = ""
    title_fields = get("245")
    if title_fields:
        field = title_fields[0]
        title = clean(" ".join(_values(field, ("a", "n", "p"))))
        subtitle = clean(" ".join(_values(field, ("b",))))
        responsibility = clean(" ".join(_values(field, ("c",))))

    authors = _first_values(_in_order(record, _MAIN_ENTRY_TAGS)) if ("100" in by_tag or "110" in by_tag) else []
    if "700" in by_tag or "710" in by_tag:
        authors += _first_values(_in_order(record, _ADDED_ENTRY_TAGS))
    authors = [a for a in authors if a]

    place = publisher = date = ""
    publication = _publication_of(by_tag)
    if publication is not None:
        place = clean(_first(publication, "a"))
        publisher = clean(_first(publication, "b"))
        date = _first(publication, "c") or ""
    fixed_fields = get("008")
    fixed = ((fixed_fields[0].data if fixed_fields else "") or "").ljust(40)[:40]
    year_match = _YEAR.search(date) or _YEAR.search(fixed[7:11])
    year = int(year_match.group(1)) if year_match else None

    extent = clean(_first_in(by_tag, "300", "a"))
    pages_match = _PAGES.search(extent)
    language = clean(_first_in(by_tag, "041", "a")).lower()[:3] or fixed[35:38].strip().lower()

    subjects = []
    if "650" in by_tag or "651" in by_tag or "653" in by_tag:
        for field in _in_order(record, _SUBJECT_TAGS):
            parts = [clean(v) for v in _values(field, ("a", "x", "y", "z"))]
            term = " -- ".join(p for p in parts if p)
            if term and term not in subjects:
                subjects.append(term)

    hosts = get("773")
    source_parts = [clean(v) for v in _values(hosts[0], ("t", "d", "g"))] if hosts else []
    control = get("001")
    return {
        "control_number": (control[0].data or "").strip() if control else "",
        "leader": str(record.leader),
        "title": title,
        "subtitle": subtitle,
        "statement_of_responsibility": responsibility,
        "authors": LIST_SEPARATOR.join(authors),
        "first_author": authors[0] if authors else "",
        "edition": clean(_first_in(by_tag, "250", "a")),
        "place": place,
        "publisher": publisher,
        "year": year,
        "extent": extent,
        "pages": int(pages_match.group(1)) if pages_match else None,
        "series": clean(_first_in(by_tag, "490", "a") or _first_in(by_tag, "830", "a")),
        "source": ". — ".join(p for p in source_parts if p),
        "isbn": normalize_isbn(_first_in(by_tag, "020", "a")),
        "issn": normalize_issn(_first_in(by_tag, "022", "a") or _first_in(by_tag, "773", "x")),
        "udc": clean(" ".join(_values(get("080")[0], ("a", "b")))) if "080" in by_tag else "",
        "language": language if language.isalpha() else "",
        "document_type": _document_type(record, by_tag),
        "subjects": LIST_SEPARATOR.join(subjects),
        "annotation": " ".join(" ".join(_values(f, ("a",))) for f in get("520", _NO_FIELDS)).strip(),
        "url": _first_in(by_tag, "856", "u").strip()[:1000],
    }


# -- library fields -> MARC --------------------------------------------------------------------------------

def _replace(record: Record, tags: tuple[str, ...], new_fields: list[Field]) -> None:
    for tag in tags:
        record.remove_fields(tag)
    for field in new_fields:
        record.add_ordered_field(field)


def _data_field(tag: str, ind1: str, ind2: str, *pairs: tuple[str, str]) -> Field:
    return Field(tag=tag, indicators=Indicators(ind1, ind2),
                 subfields=[Subfield(code, value) for code, value in pairs if value not in (None, "")])


def _set_008(record: Record, *, year: int | str | None = None, language: str | None = None) -> None:
    """Set 008/07-10 (date 1) and 008/35-37 (language); None leaves a position alone, "" blanks it."""
    data = _fixed_008(record)
    if data.strip() == "":
        # 00-05 date entered, 06 type of date, 07-14 dates, 15-17 place, 35-37 language, 39 source.
        data = timezone.localdate().strftime("%y%m%d") + "s" + " " * 8 + "kz " + " " * 17 + "   " + " " + "d"
    if year is not None:
        data = data[:7] + str(year).rjust(4)[:4] + data[11:]
    if language is not None:
        data = data[:35] + (language or "   ").ljust(3)[:3] + data[38:]
    existing = record.get_fields("008")
    if existing:
        existing[0].data = data
    else:
        record.add_ordered_field(Field(tag="008", data=data))


def apply_fields(record: Record, fields: dict[str, Any]) -> Record:
    """Write the given library fields into the MARC record, changing only MARC fields whose derived value differs.

    Returns the same record, changed in place.
    """
    current = derive_fields(record)
    changed = {k: v for k, v in fields.items() if k in LIBRARY_FIELDS and _norm(v) != _norm(current.get(k))}
    merged = {**current, **changed}

    if "control_number" in changed:
        _replace(record, ("001",), [Field(tag="001", data=str(merged["control_number"]))])

    if "authors" in changed:
        names = split_list(merged["authors"])
        # Keep an existing field (with its relator terms, dates…) for a name that stays.
        existing = {clean((f.get_subfields("a") or [""])[0]): f for f in record.get_fields("100", "700")}
        new = []
        for position, name in enumerate(names):
            tag = "100" if position == 0 else "700"
            old = existing.get(name)
            subfields = old.subfields if old is not None else [Subfield("a", name)]
            ind1 = old.indicator1 if old is not None else "1"
            new.append(Field(tag=tag, indicators=Indicators(ind1, " "), subfields=subfields))
        _replace(record, ("100", "700"), new)
        changed.setdefault("title", merged["title"])  # the 245 first indicator follows the 1XX

    if {"title", "subtitle", "statement_of_responsibility"} & changed.keys():
        title, subtitle, responsibility = merged["title"], merged["subtitle"], merged["statement_of_responsibility"]
        pairs: list[tuple[str, str]] = []
        a_value = title
        if subtitle:
            a_value += " :"
        elif responsibility:
            a_value += " /"
        pairs.append(("a", a_value))
        if subtitle:
            pairs.append(("b", subtitle + (" /" if responsibility else "")))
        if responsibility:
            pairs.append(("c", responsibility))
        ind1 = "1" if record.get_fields("100", "110", "111") else "0"
        _replace(record, ("245",), [_data_field("245", ind1, "0", *pairs)])

    if "edition" in changed:
        edition = merged["edition"]
        _replace(record, ("250",), [_data_field("250", " ", " ", ("a", edition))] if edition else [])

    if {"place", "publisher", "year"} & changed.keys():
        place, publisher, year = merged["place"], merged["publisher"], merged["year"]
        pairs = []
        if place:
            pairs.append(("a", place + (" :" if publisher else ("," if year else ""))))
        if publisher:
            pairs.append(("b", publisher + ("," if year else "")))
        if year:
            pairs.append(("c", str(year)))
        existing = _publication_field(record)
        if existing is not None and existing.tag == "260":
            _replace(record, ("260",), [_data_field("260", " ", " ", *pairs)] if pairs else [])
        else:
            for field in [f for f in record.get_fields("264") if f.indicator2 == "1"]:
                record.remove_field(field)
            if pairs:
                record.add_ordered_field(_data_field("264", " ", "1", *pairs))
        if "year" in changed:
            _set_008(record, year=year or "")

    if "extent" in changed:
        _replace(record, ("300",), [_data_field("300", " ", " ", ("a", merged["extent"]))] if merged["extent"] else [])

    if "series" in changed:
        _replace(record, ("490",), [_data_field("490", "0", " ", ("a", merged["series"]))] if merged["series"] else [])

    if "source" in changed:
        _replace(record, ("773",), [_data_field("773", "0", " ", ("t", merged["source"]))] if merged["source"] else [])

    if "isbn" in changed:
        isbn = normalize_isbn(merged["isbn"])
        others = list(record.get_fields("020"))[1:]
        _replace(record, ("020",), ([_data_field("020", " ", " ", ("a", isbn))] if isbn else []) + others)

    if "issn" in changed:
        issn = normalize_issn(merged["issn"])
        _replace(record, ("022",), [_data_field("022", " ", " ", ("a", issn))] if issn else [])

    if "udc" in changed:
        _replace(record, ("080",), [_data_field("080", " ", " ", ("a", merged["udc"]))] if merged["udc"] else [])

    if "language" in changed:
        language = (merged["language"] or "").lower()
        _replace(record, ("041",), [_data_field("041", " ", " ", ("a", language))] if language else [])
        _set_008(record, language=language)

    if "document_type" in changed:
        document_type = merged["document_type"] or DocumentType.BOOK
        leader = str(record.leader).ljust(24)
        type_code, level = _LEADER_CODES.get(document_type, ("a", "m"))
        record.leader = Leader(leader[:6] + type_code + level + leader[8:24])
        _replace(record, (DOCUMENT_TYPE_TAG,), [_data_field(DOCUMENT_TYPE_TAG, " ", " ", ("a", document_type))])

    if "subjects" in changed:
        wanted = split_list(merged["subjects"])
        kept = []
        for field in record.get_fields("650", "651", "653"):
            parts = [clean(v) for v in field.get_subfields("a", "x", "y", "z")]
            term = " -- ".join(p for p in parts if p)
            if term in wanted:
                kept.append(field)
                wanted.remove(term)
        _replace(record, ("650", "651", "653"), kept + [_data_field("653", " ", " ", ("a", t)) for t in wanted])

    if "annotation" in changed:
        text = merged["annotation"]
        _replace(record, ("520",), [_data_field("520", " ", " ", ("a", text))] if text else [])

    if "url" in changed:
        _replace(record, ("856",), [_data_field("856", "4", "0", ("u", merged["url"]))] if merged["url"] else [])

    return record


def ensure_required(record: Record, *, control_number: str) -> Record:
    """Fields every stored record has: 001, 005 (moment of change), 008, a leader of 24 positions saying Unicode."""
    tags = {field.tag for field in record.fields}
    if control_number and "001" not in tags:
        record.add_ordered_field(Field(tag="001", data=control_number))
    _set_005(record, _moment_stamp())
    if "008" not in tags:
        fields = derive_fields(record)
        _set_008(record, year=fields["year"] or "", language=fields["language"] or None)
    leader = str(record.leader)
    if len(leader) != 24 or not leader.strip():
        leader = DEFAULT_LEADER
    # Record status, type, level; the text stored as Unicode (09 "a", whatever the source's coding was);
    # indicator/subfield counts; entry map: what readers such as yaz expect.
    # Record length and base address (00-04, 12-16) are computed when the record is written out.
    leader = ("     " + (leader[5].strip() or "n") + (leader[6].strip() or "a") + (leader[7].strip() or "m")
              + leader[8] + "a" + "22" + "     " + leader[17:20] + "4500")
    record.leader = Leader(leader)
    return record


_last_stamp: list[Any] = [None, ""]


def _moment_stamp() -> str:
    """005: the moment of the change, to the second (formatted once a second: an import stamps thousands)."""
    now = timezone.now()
    second = now.replace(microsecond=0)
    if _last_stamp[0] != second:
        _last_stamp[:] = [second, second.strftime("%Y%m%d%H%M%S.0")]
    return _last_stamp[1]


def _set_005(record: Record, stamp: str) -> None:
    """Replace every 005 by one with this stamp, where `add_ordered_field` puts it; a record with one 005 in its
    place (nearly every record) keeps that field and only its data changes."""
    fields = record.fields
    positions = [i for i, f in enumerate(fields) if f.tag == "005"]
    if len(positions) == 1:
        at = positions[0]
        after = fields[at + 1].tag if at + 1 < len(fields) else None
        if (all(f.tag.isdigit() and int(f.tag) <= 5 for f in fields[:at])
                and (after is None or not after.isdigit() or int(after) > 5)):
            fields[at].data = stamp
            return
    if not positions:
        # Where add_ordered_field would put it (before the first tag above 005 or not numeric), found directly:
        # records from many sources come without a 005, and an import stamps every one.
        stamped = Field(tag="005", data=stamp)
        for at, field in enumerate(fields):
            if not field.tag.isdigit() or int(field.tag) > 5:
                fields.insert(at, stamped)
                return
        fields.append(stamped)
        return
    _replace(record, ("005",), [Field(tag="005", data=stamp)])


def new_record(fields: dict[str, Any]) -> Record:
    """A MARC record built from library fields alone (a cataloguer creating a record in the admin)."""
    record = Record(leader=DEFAULT_LEADER)
    document_type = fields.get("document_type") or DocumentType.BOOK
    apply_fields(record, {**fields, "document_type": document_type})
    if not record.get_fields(DOCUMENT_TYPE_TAG):
        record.add_ordered_field(_data_field(DOCUMENT_TYPE_TAG, " ", " ", ("a", document_type)))
    return record


def marc_view(record: Record) -> list[dict[str, Any]]:
    """Rows for the read-only MARC view: tag, indicators, subfields (or control data)."""
    rows = [{"tag": "LDR", "ind1": "", "ind2": "", "subfields": [], "data": str(record.leader)}]
    for field in record.fields:
        if field.is_control_field():
            rows.append({"tag": field.tag, "ind1": "", "ind2": "", "subfields": [], "data": field.data})
        else:
            rows.append({
                "tag": field.tag, "ind1": field.indicator1, "ind2": field.indicator2,
                "subfields": [(sub.code, sub.value) for sub in field.subfields], "data": "",
            })
    return rows


def _norm(value: Any) -> str:
    return "" if value is None else str(value).strip()
