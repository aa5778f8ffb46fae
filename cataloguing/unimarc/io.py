"""UNIMARC files: ISO 2709 (each record decoded in its own character set, see `charsets`) and XML (the MARCXML
slim schema, which UNIMARC XML uses, or MarcXchange), read into the MARC 21 records the import stores, and
written back from them."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import IO

from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _
from pymarc import Field, Indicators, Leader, Record, Subfield, XMLWriter

from .. import marc
from ..constants import MarcEncoding
from ..marcio import END_OF_RECORD, Parsed, split_iso2709
from .charsets import Undecodable, decoder_for
from .convert import to_marc21, to_unimarc

FIELD_TERMINATOR = b"\x1e"
SUBFIELD_DELIMITER = b"\x1f"
XML_NAMESPACES = ("{http://www.loc.gov/MARC21/slim}", "{info:lc/xmlns/marcxchange-v1}", "")
_ENTRY = re.compile(rb"(\d{3})(\d{4})(\d{5})")


# -- reading -----------------------------------------------------------------------------------------------

def read_unimarc(stream: IO[bytes], encoding: str = MarcEncoding.UTF8) -> Iterator[Parsed]:
    """UNIMARC records of a file, ISO 2709 or XML (told apart by the first byte), as MARC 21 records.

    `encoding`: UTF-8 (the default) and MARC-8 (which UNIMARC does not use: its ISO sets are declared in 100)
    let each record's 100 $a/26-29 or its bytes decide; CP1251 forces Windows-1251 (KZ-1048 when Kazakh letters
    show) whatever the record declares. An XML file's own declaration decides its encoding."""
    head = stream.read(64)
    stream.seek(0)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return read_unimarc_xml(stream)
    return read_unimarc_iso2709(stream, forced="cp1251" if encoding == MarcEncoding.CP1251 else None)


def read_unimarc_iso2709(stream: IO[bytes], forced: str | None = None) -> Iterator[Parsed]:
    """Records of a UNIMARC ISO 2709 file, split like MARC 21's (a damaged record is reported alone)."""
    return split_iso2709(stream, lambda raw, position, offset: _parsed(raw, position, offset, forced))


def _parsed(raw: bytes, position: int, offset: int, forced: str | None) -> Parsed:
    try:
        record = to_marc21(parse_iso2709(raw.lstrip(b"\r\n"), forced=forced))
    except (ValueError, UnicodeDecodeError) as exc:  # Undecodable is a ValueError
        return Parsed(position, error=str(exc), offset=offset)
    return Parsed(position, record=record, offset=offset)


def parse_iso2709(raw: bytes, *, forced: str | None = None) -> Record:
    """One ISO 2709 record as a pymarc Record of UNIMARC fields, decoded; raises ValueError with the reason."""
    if len(raw) < 25 or not raw[:5].isdigit() or not raw[12:17].isdigit():
        raise ValueError(_("the leader is missing or invalid."))
    if int(raw[:5]) != len(raw):
        raise ValueError(_("the record length in the leader (%(declared)s) differs from the actual length "
                           "(%(actual)s).") % {"declared": int(raw[:5]), "actual": len(raw)})
    base = int(raw[12:17])
    directory = raw[24:base - 1]
    if base > len(raw) or raw[base - 1:base] != FIELD_TERMINATOR or len(directory) % 12:
        raise ValueError(_("the directory of the record is broken."))
    entries: list[tuple[str, bytes]] = []
    for start in range(0, len(directory), 12):
        match = _ENTRY.fullmatch(directory[start:start + 12])
        if match is None:
            raise ValueError(_("the directory of the record is broken."))
        tag, length, at = match.group(1).decode(), int(match.group(2)), base + int(match.group(3))
        data = raw[at:at + length]
        if len(data) != length or not data.endswith(FIELD_TERMINATOR):
            raise ValueError(_("field %(tag)s lies outside the record or is not terminated.") % {"tag": tag})
        entries.append((tag, data[:-1]))
    general = next((data for tag, data in entries if tag == "100"), b"")
    try:
        _name, decode = decoder_for([data for _tag, data in entries], general[4:], forced)
        leader = raw[:24].decode("ascii")
        record = Record()
        record.leader = Leader(leader)  # as read: Record(leader=…) would write MARC 21's "4500" into 20-23
        fields = []
        for tag, data in entries:
            if tag < "010":
                fields.append(Field(tag=tag, data=decode(data)))
                continue
            indicators = data[:2].decode("ascii", "replace").ljust(2)
            subfields = [Subfield(chunk[:1].decode("ascii", "replace"), decode(chunk[1:]))
                         for chunk in data[2:].split(SUBFIELD_DELIMITER)[1:] if chunk]
            fields.append(Field(tag=tag, indicators=Indicators(indicators[0], indicators[1]), subfields=subfields))
    except UnicodeDecodeError as exc:
        raise Undecodable(_("the text is not valid %(encoding)s (%(detail)s).") % {
            "encoding": exc.encoding, "detail": exc.reason}) from None
    record.fields = fields
    return record


def read_unimarc_xml(stream: IO[bytes]) -> Iterator[Parsed]:
    """Records of a UNIMARC XML file (slim schema or MarcXchange; collection or single record)."""
    data = stream.read()
    position = 0
    records = tuple(f"{ns}record" for ns in XML_NAMESPACES)
    try:
        for _event, element in iterparse(io.BytesIO(data), events=("end",)):
            if element.tag not in records:
                continue
            position += 1
            try:
                yield Parsed(position, record=to_marc21(_record_from_xml(element)))
            except ValueError as exc:
                yield Parsed(position, error=str(exc))
            element.clear()
    except Exception as exc:  # ParseError from expat, or defusedxml refusing entities
        yield Parsed(position + 1, error=_("the XML is malformed: %(detail)s") % {"detail": exc})


def _record_from_xml(element) -> Record:
    def children(parent, name: str):
        return [e for e in parent if e.tag in {f"{ns}{name}" for ns in XML_NAMESPACES}]

    leaders = children(element, "leader")
    leader = (leaders[0].text or "") if leaders else ""
    if len(leader) != 24:
        raise ValueError(_("the leader must have 24 characters, it has %(n)s.") % {"n": len(leader)})
    record = Record()
    record.leader = Leader(leader)
    fields = []
    for control in children(element, "controlfield"):
        tag = control.get("tag", "")
        if not re.fullmatch(r"00\d", tag):
            raise ValueError(_("invalid control field tag \"%(tag)s\".") % {"tag": tag})
        fields.append(Field(tag=tag, data=control.text or ""))
    for data_field in children(element, "datafield"):
        tag = data_field.get("tag", "")
        if not re.fullmatch(r"\d{3}", tag) or tag < "010":
            raise ValueError(_("invalid data field tag \"%(tag)s\".") % {"tag": tag})
        subfields = [Subfield(sub.get("code", " "), sub.text or "") for sub in children(data_field, "subfield")]
        fields.append(Field(tag=tag, indicators=Indicators(
            (data_field.get("ind1") or " ")[:1], (data_field.get("ind2") or " ")[:1]), subfields=subfields))
    record.fields = fields
    return record


# -- writing -----------------------------------------------------------------------------------------------

def as_iso2709(record: Record, encoding: str = "utf-8") -> bytes:
    """A UNIMARC record as ISO 2709, in UTF-8 unless told (pymarc's writer would mark leader/09, which UNIMARC
    leaves blank; 100 $a/26-29 says the character set)."""
    directory, body = [], []
    offset = 0
    for field in record.fields:
        if field.is_control_field():
            data = (field.data or "").encode(encoding)
        else:
            data = (field.indicator1 + field.indicator2).encode(encoding) + b"".join(
                SUBFIELD_DELIMITER + code.encode(encoding) + value.encode(encoding) for code, value in field.subfields)
        data += FIELD_TERMINATOR
        directory.append(f"{field.tag}{len(data):04d}{offset:05d}".encode("ascii"))
        body.append(data)
        offset += len(data)
    base = 24 + 12 * len(directory) + 1
    length = base + offset + 1
    leader = str(record.leader).ljust(24)
    head = f"{length:05d}{leader[5:12]}{base:05d}{leader[17:24]}".encode("ascii")
    return head + b"".join(directory) + FIELD_TERMINATOR + b"".join(body) + END_OF_RECORD


def export_unimarc(records: Iterable, out: IO[bytes], *, xml: bool = False) -> int:
    """Write stored records (anything with `marc` and `leader`) as UNIMARC; returns how many were written."""
    count = 0
    writer = XMLWriter(out) if xml else None
    for stored in records:
        record = to_unimarc(marc.record_from_json(stored.marc, stored.leader))
        if writer is not None:
            writer.write(record)
        else:
            out.write(as_iso2709(record))
        count += 1
    if writer is not None:
        writer.close(close_fh=False)
    return count


def export_unimarc_queryset(queryset, out: IO[bytes], *, xml: bool = False) -> int:
    records = queryset.select_related(None).only("marc", "leader").order_by("pk")
    return export_unimarc(records.iterator(chunk_size=2000), out, xml=xml)
