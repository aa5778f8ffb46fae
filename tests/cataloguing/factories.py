"""Factories of cataloguing: MARC records, bibliographic records (through the services) and items."""

from __future__ import annotations

import io
import itertools
from decimal import Decimal

from pymarc import Field, Indicators, Record, Subfield

from cataloguing import services
from cataloguing.constants import ItemStatus
from cataloguing.models import BibliographicRecord, CatalogueDatabase, Item

_numbers = itertools.count(1)


def isbn13(body: str) -> str:
    """A valid ISBN-13 from its first 12 digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def database(code: str = "fund") -> CatalogueDatabase:
    return CatalogueDatabase.objects.get(code=code)  # seeded by a migration


def _field(tag: str, ind1: str, ind2: str, *pairs: tuple[str, str]) -> Field:
    return Field(tag=tag, indicators=Indicators(ind1, ind2), subfields=[Subfield(c, v) for c, v in pairs])


def marc_record(*, control_number: str | None = None, title: str = "Геология Казахстана", author: str | None =
                "Сатпаев, Каныш Имантаевич", place: str = "Алматы", publisher: str = "Ғылым", year: int = 2023,
                isbn: str | None = None, language: str = "rus", pages: int = 250, udc: str = "55(574)",
                extra: tuple[Field, ...] = ()) -> Record:
    """A realistic MARC 21 book record (UTF-8)."""
    record = Record(leader="     nam a22     4i 4500")
    if control_number is not False:
        record.add_field(Field(tag="001", data=control_number or f"TEST{next(_numbers):06d}"))
    record.add_field(Field(tag="008", data=f"230101s{year}    kz            000 0 {language} d"))
    if isbn:
        record.add_field(_field("020", " ", " ", ("a", isbn)))
    record.add_field(_field("041", "0", " ", ("a", language)))
    if udc:
        record.add_field(_field("080", " ", " ", ("a", udc)))
    if author:
        record.add_field(_field("100", "1", " ", ("a", author), ("e", "автор")))
    record.add_field(_field("245", "1" if author else "0", "0", ("a", title)))
    record.add_field(_field("264", " ", "1", ("a", f"{place} :"), ("b", f"{publisher},"), ("c", str(year))))
    record.add_field(_field("300", " ", " ", ("a", f"{pages} с.")))
    record.add_field(_field("650", " ", "7", ("a", "Геология"), ("x", "Казахстан")))
    for field in extra:
        record.add_field(field)
    return record


def iso2709(*records: Record) -> io.BytesIO:
    return io.BytesIO(b"".join(r.as_marc() for r in records))


def make_record(*, database_code: str = "fund", user=None, **fields) -> BibliographicRecord:
    """A record created through the service, as a cataloguer would in the admin."""
    defaults = {
        "title": "Қазақстанның пайдалы қазбалары", "authors": "Сәтбаев, Қаныш Имантайұлы", "place": "Алматы",
        "publisher": "Ғылым", "year": 2020, "language": "kaz", "document_type": "book", "extent": "320 б.",
        "udc": "553(574)",
    }
    defaults.update(fields)
    return services.record_create(database=database(database_code), user=user, **defaults)


def make_item(record: BibliographicRecord, *, inventory_number: str | None = None,
              status: str = ItemStatus.PROCESSING, **kwargs) -> Item:
    number = inventory_number or f"INV{next(_numbers):07d}"
    return services.item_create(record=record, inventory_number=number, status=status,
                                price=kwargs.pop("price", Decimal("3500.00")), **kwargs)


def encode_iso2709(record: Record, encode, *, coding_scheme: str = " ") -> bytes:
    """ISO 2709 bytes of a record with its text encoded by `encode` (for CP1251 and MARC-8 sources)."""
    chunks = []
    for field in record.fields:
        if field.is_control_field():
            body = encode(field.data)
        else:
            body = (field.indicator1 + field.indicator2).encode("ascii") + b"".join(
                b"\x1f" + sub.code.encode("ascii") + encode(sub.value) for sub in field.subfields)
        chunks.append((field.tag, body + b"\x1e"))
    directory, offset = b"", 0
    for tag, body in chunks:
        directory += f"{tag}{len(body):04d}{offset:05d}".encode("ascii")
        offset += len(body)
    directory += b"\x1e"
    base = 24 + len(directory)
    total = base + offset + 1
    leader = str(record.leader)
    leader = f"{total:05d}{leader[5:9]}{coding_scheme}22{base:05d}{leader[17:24]}"
    return leader.encode("ascii") + directory + b"".join(body for _tag, body in chunks) + b"\x1d"


def _marc8_cyrillic() -> dict[str, int]:
    from pymarc import marc8_to_unicode

    return {marc8_to_unicode(b"\x1b(N" + bytes([code])): code for code in range(0x40, 0x80)}


def to_marc8(text: str) -> bytes:
    """MARC-8 bytes of Russian/ASCII text: Cyrillic runs in the Basic Cyrillic set (ESC ( N)."""
    table = _marc8_cyrillic()
    out, cyrillic = b"", False
    for char in text:
        if char in table and not char.isascii():
            if not cyrillic:
                out += b"\x1b(N"
                cyrillic = True
            out += bytes([table[char]])
        else:
            if cyrillic:
                out += b"\x1b(B"
                cyrillic = False
            out += char.encode("ascii")
    return out + (b"\x1b(B" if cyrillic else b"")
