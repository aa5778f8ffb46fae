"""Normalisation and quality control of a record to store (pure: the import runs it in its reader process), and
the comparison of a stored record with its new state (what the history keeps)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.utils.translation import gettext as _
from pymarc import Field, Record

from .. import marc
from ..exceptions import RecordInvalid
from ..quality import quality_flags
from ..validators import duplicate_key

DERIVED_ATTRIBUTES = (
    "leader", "control_number", "title", "subtitle", "statement_of_responsibility", "authors", "first_author",
    "edition", "place", "publisher", "year", "extent", "pages", "series", "source", "isbn", "issn", "udc",
    "language", "document_type", "subjects", "annotation", "url",
)
_TRUNCATE = {"first_author": 255, "publisher": 255, "place": 255, "edition": 255, "extent": 255, "series": 500,
             "udc": 255, "control_number": 64}
# The record's own columns after its derived fields: its quality flags (issue 17.2; in `fields`, as a dict or None),
# then the MARC and the duplicate key, which end a COPY line (`RecordInput.marc_text`).
UPDATE_FIELDS = [*DERIVED_ATTRIBUTES, "quality_flags", "marc", "dedup_key"]
SNAPSHOT_FIELDS = (*marc.LIBRARY_FIELDS, "leader")
_DERIVED_VALUES = itemgetter(*DERIVED_ATTRIBUTES)


def new_control_number() -> str:
    """Control number (001) for a record created here rather than imported."""
    return f"KAZNTU{uuid.uuid4().hex[:12].upper()}"


def prepare_record(marc_record: Record, *, control_number: str | None = None,
                   allow_missing_control_number: bool = False) -> dict[str, Any]:
    """Normalise a MARC record (completed in place: 001, 005, 008, leader) and return its library fields, ready to
    store, with its quality flags (`quality_flags`: the completeness rules it breaks, or None). Only a record without
    a control number is refused (RecordInvalid), unless `allow_missing_control_number`: it is then given one when
    stored. Pure (no database access)."""
    if control_number and not marc_record.get_fields("001"):
        marc.ensure_required(marc_record, control_number=control_number)
    fields = marc.derive_fields(marc_record)
    if not allow_missing_control_number and not (fields.get("control_number") or "").strip():
        raise RecordInvalid({"control_number": [_("The control number (001) is mandatory.")]})
    # A record that breaks a completeness rule is stored and flagged, never refused (issue 17.2).
    flags = quality_flags(fields)
    marc.ensure_required(marc_record, control_number=fields["control_number"])
    fields["leader"] = str(marc_record.leader)
    fields["document_type"] = str(fields["document_type"])  # a plain value for COPY and the history
    for name, limit in _TRUNCATE.items():
        if isinstance(fields.get(name), str) and len(fields[name]) > limit:
            fields[name] = fields[name][:limit]
    fields["quality_flags"] = flags
    return fields


@dataclass(slots=True)
class RecordInput:
    """One record to store: it could be read (the rules it breaks are its quality flags, in `fields`), and what is
    stored about it is computed once (library fields, the MARC as the JSON text stored, duplicate key, COPY line).
    Made by `record_input`. It crosses from the import's reader process as plain values (`portable`); the pymarc
    record is rebuilt from the JSON only when it must change (`renumber`).

    `target`: the record it replaces (the admin's edit), else it is matched; `expected_version`: the version its
    form was opened at; `move_to`: the catalogue database it moves to (the admin's edit)."""

    position: int
    offset: int | None
    fields: dict[str, Any]
    _marc_text: str | None  # None: the COPY line holds it (see `portable`)
    dedup_key: str
    number_in_record: str | None  # the record's own 001, if any
    _text: str | bool | None = False  # False: not formatted yet
    target: int | None = None
    expected_version: int | None = None
    move_to: int | None = None
    pk: int | None = None
    _marc: dict[str, Any] | None = None
    _row: tuple | None = None

    @property
    def portable(self) -> tuple:
        """What crosses the pipe from the reader process (see `RecordInput(*portable)`). The MARC text goes once:
        when the COPY line holds it, not beside it as well."""
        marc_text = None if isinstance(self._text, str) else self._marc_text
        return (self.position, self.offset, self.fields, marc_text, self.dedup_key, self.number_in_record,
                self._text)

    @property
    def marc_text(self) -> str:
        """The MARC as the JSON text stored."""
        if self._marc_text is None:
            # A COPY line has no escapes (`copy_text`) and ends with the MARC and the duplicate key.
            self._marc_text = self._text.rsplit("\t", 2)[1]
        return self._marc_text

    @property
    def row(self) -> tuple:
        """The record's own columns of its COPY row (derived fields, MARC, duplicate key)."""
        if self._row is None:
            flags = self.fields["quality_flags"]
            self._row = (*_DERIVED_VALUES(self.fields), flags and json.dumps(flags, ensure_ascii=False),
                         self.marc_text, self.dedup_key)
        return self._row

    @property
    def text(self) -> str | None:
        """`row` formatted for COPY (see `copy_text`), or None when psycopg must format it."""
        if self._text is False:
            self._text = copy_text(self.row)
        return self._text

    @property
    def marc(self) -> dict[str, Any]:
        """The MARC as a dict (an update's history and the portable path need it)."""
        if self._marc is None:
            self._marc = json.loads(self.marc_text)
        return self._marc

    def renumber(self, number: str) -> None:
        """Store the record under this control number (001): a new one, or the matched record's."""
        if self.fields["control_number"] == number and self.number_in_record == number:
            return
        record = marc.record_from_json(self.marc)
        _set_control_number(record, number)
        self.fields["control_number"] = self.number_in_record = number
        self._marc_text, self._marc, self._row, self._text = marc.record_to_json_text(record), None, None, False


def record_input(marc_record: Record, *, position: int = 1, offset: int | None = None, target: int | None = None,
                 expected_version: int | None = None, move_to: int | None = None,
                 control_number: str | None = None) -> RecordInput:
    """Normalise and check a MARC record for `records_upsert` (the completeness rules it breaks become its quality
    flags); raises RecordInvalid only without a control number to give it. Pure (no database access).

    A record without 001 takes `control_number` when given; otherwise it is matched on its ISBN, or gets a new
    control number, when it is stored."""
    fields = prepare_record(marc_record, control_number=control_number, allow_missing_control_number=True)
    control = marc_record.get_fields("001")
    entry = RecordInput(position, offset, fields, marc.record_to_json_text(marc_record),
                        duplicate_key(title=fields["title"], first_author=fields["first_author"], year=fields["year"]),
                        control[0].data if control else None, target=target, expected_version=expected_version,
                        move_to=move_to)
    entry.text  # noqa: B018  (formatted here, by the import's reader process, not by the process that writes)
    return entry


def _set_control_number(record: Record, number: str) -> None:
    fields = record.get_fields("001")
    if fields:
        fields[0].data = number
    else:
        record.add_ordered_field(Field(tag="001", data=number))


def _tags(data: dict[str, Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for entry in (data or {}).get("fields", []):
        for tag, value in entry.items():
            grouped.setdefault(tag, []).append(value)
    return grouped


def diff_records(before: dict[str, Any], before_marc: dict[str, Any], after) -> dict[str, Any]:
    """What changed: library fields as [old, new], plus the MARC tags whose content changed."""
    changes: dict[str, Any] = {}
    for name, old in before.items():
        new = getattr(after, name)
        if (old or "") != (new or ""):
            changes[name] = [old, new]
    old_tags, new_tags = _tags(before_marc), _tags(after.marc)
    changed_tags = sorted(
        tag for tag in old_tags.keys() | new_tags.keys() if tag != "005" and old_tags.get(tag) != new_tags.get(tag)
    )
    if changed_tags:
        changes["marc_tags"] = changed_tags
    return changes


_STAMP_ENTRY = '{"005": '


def unchanged(before: dict[str, Any], before_marc: dict[str, Any] | str, entry: RecordInput) -> bool:
    """True when an input brings nothing new: the same library fields (compared as diff_records does) and the
    same MARC but for 005, the moment of the last change. The stored MARC comes from PostgreSQL as its text,
    which is how the record's own JSON is written (`marc.record_to_json_text`), so the two compare as text
    without parsing either; whatever this cannot tell apart goes through diff_records."""
    fields = entry.fields
    for name, old in before.items():
        if (old or "") != (fields[name] or ""):
            return False
    return isinstance(before_marc, str) and _without_stamp(before_marc) == _without_stamp(entry.marc_text)


def _without_stamp(text: str) -> str:
    # Cuts from the first 005 entry to the first "}" after it: all of that entry or a part of it, never more,
    # so texts equal after the cut differ at most inside their 005 (which the history ignores).
    start = text.find(_STAMP_ENTRY)
    if start < 0:
        return text
    return text[:start] + text[text.find("}", start) + 1:]


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal | date):
        return str(value)
    return value


_COPY_SPECIAL = "\x00\b\n\v\f\r"


def copy_text(values: Sequence[Any]) -> str | None:
    """Plain values (str, int, None) as one line of COPY's text format, without its newline, when none of the
    text needs escaping (nearly every record); otherwise None, and psycopg formats the row (`_copy`).

    psycopg formats a row value by value (a third of the importing process's time for a record's thirty
    columns); a record's own columns are formatted by `record_input` (in the import's reader process), and the
    writer joins the line."""
    parts = []
    nulls = 0
    for value in values:
        kind = type(value)
        if kind is str:
            parts.append(value)
        elif value is None:
            parts.append("\\N")
            nulls += 1
        elif kind is int:
            parts.append(str(value))
        else:
            return None
    line = "\t".join(parts)
    if line.count("\t") != len(parts) - 1 or line.count("\\") != nulls:
        return None
    # Six substring searches in C: a regular expression over the line took four times as long.
    for special in _COPY_SPECIAL:
        if special in line:
            return None
    return line
