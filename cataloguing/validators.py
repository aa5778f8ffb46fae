"""Quality control of bibliographic records (QP 607 §5.3: the database's creators control record quality):
checksums of ISBN and ISSN, the year range, UDC syntax, mandatory fields per document type, and the
duplicate key."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import DOCUMENT_TYPES, MIN_YEAR, DocumentType

# Mandatory library fields per document type (beyond the title, which every record has).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    DocumentType.BOOK: ("year", "place", "publisher", "language"),
    DocumentType.TEXTBOOK: ("year", "place", "publisher", "language", "udc"),
    DocumentType.METHODICAL: ("year", "place", "publisher", "language", "udc"),
    DocumentType.ARTICLE: ("authors", "year", "source", "language"),
    DocumentType.DISSERTATION: ("authors", "year", "place", "udc", "language"),
    DocumentType.AUTHOR_ABSTRACT: ("authors", "year", "place", "udc", "language"),
    DocumentType.PERIODICAL: ("place", "publisher", "language"),
    DocumentType.E_RESOURCE: ("url", "year", "language"),
}


def isbn_is_valid(value: str) -> bool:
    """ISBN-10 (mod 11, X = 10 in the last place) or ISBN-13 (EAN-13, weights 1 and 3)."""
    isbn = "".join(ch for ch in (value or "").upper() if ch.isdigit() or ch == "X")
    if not isbn.isascii():  # "²" and other digits that int() refuses: no valid ISBN has them
        return False
    if len(isbn) == 10:
        if not isbn[:9].isdigit() or not (isbn[9].isdigit() or isbn[9] == "X"):
            return False
        total = sum((10 - i) * int(d) for i, d in enumerate(isbn[:9]))
        total += 10 if isbn[9] == "X" else int(isbn[9])
        return total % 11 == 0
    if len(isbn) == 13 and isbn.isdigit() and isbn[:3] in ("978", "979"):
        total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(isbn[:12]))
        return (10 - total % 10) % 10 == int(isbn[12])
    return False


def issn_is_valid(value: str) -> bool:
    """ISSN: 7 digits and a check character (mod 11, X = 10), weights 8…2."""
    issn = "".join(ch for ch in (value or "").upper() if ch.isdigit() or ch == "X")
    if len(issn) != 8 or not issn.isascii() or not issn[:7].isdigit():
        return False
    total = sum((8 - i) * int(d) for i, d in enumerate(issn[:7]))
    check = (11 - total % 11) % 11
    return issn[7] == ("X" if check == 10 else str(check))


def year_is_valid(year: int | None) -> bool:
    if year is None or year < MIN_YEAR:
        return False
    # The local year is never behind the UTC year by more than one: only a year after this one needs the
    # local date (an import checks thousands of years a second).
    return year <= timezone.now().year or year <= timezone.localdate().year + 1


# A UDC number: main number (digits, a dot after every third digit), with common auxiliaries
# ("(574)", "(075.8)", "=512.122", "\"19\"", "-3", ".03", "'373"), joined by ":", "+", "/" or "::".
_UDC_MAIN = r"\d{1,3}(?:\.\d{1,3})*"
_UDC_AUX = (
    r"(?:\(\d[\d.\-=/]*\)"          # place / form: (574), (075.8), (47+57)
    r"|\(=\d[\d.]*\)"               # nationality: (=512.122)
    r"|=\d{1,3}(?:\.\d{1,3})*"      # language: =512.122
    r"|\"\d[\d./]*\""               # time: "19", "2023"
    r"|-\d+(?:\.\d+)*"              # special auxiliaries: 82-3, 622-1
    r"|\.0\d+(?:\.\d+)*"            # .01, .03
    r"|'\d+(?:\.\d+)*)"             # 811.512.122'373
)
_UDC_UNIT = rf"(?:{_UDC_MAIN}|\(\d[\d.]*\))(?:{_UDC_AUX})*"
_UDC = re.compile(rf"^\[?{_UDC_UNIT}(?:\s*(?:::|:|\+|/)\s*{_UDC_UNIT})*\]?$")


def udc_is_valid(value: str) -> bool:
    """UDC index syntax (not the existence of the class): "004.738.5", "622.276(574)", "82-3", "378:004"."""
    text = (value or "").strip()
    if not text:
        return False
    return all(_UDC.match(part.strip()) for part in text.split(" ") if part.strip() and part.strip() != "+")


def validate_fields(fields: dict[str, Any]) -> dict[str, list[str]]:
    """Quality errors of a record given by its library fields: {field: [messages]} (empty when clean)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not (fields.get("title") or "").strip():
        add("title", _("The title is mandatory."))
    if not (fields.get("control_number") or "").strip():
        add("control_number", _("The control number (001) is mandatory."))
    isbn = fields.get("isbn") or ""
    if isbn and not isbn_is_valid(isbn):
        add("isbn", _("ISBN %(isbn)s has a wrong check digit or length.") % {"isbn": isbn})
    issn = fields.get("issn") or ""
    if issn and not issn_is_valid(issn):
        add("issn", _("ISSN %(issn)s has a wrong check digit or length.") % {"issn": issn})
    year = fields.get("year")
    if year is not None and not year_is_valid(year):
        add("year", _("The year %(year)s is outside %(min)s–%(max)s.") % {
            "year": year, "min": MIN_YEAR, "max": timezone.localdate().year + 1})
    udc = fields.get("udc") or ""
    if udc and not udc_is_valid(udc):
        add("udc", _("\"%(udc)s\" is not a valid UDC index.") % {"udc": udc})
    document_type = fields.get("document_type") or DocumentType.BOOK
    if document_type not in DOCUMENT_TYPES:
        add("document_type", _("Unknown document type \"%(type)s\".") % {"type": document_type})
    else:
        for name in REQUIRED_FIELDS[document_type]:
            if fields.get(name) in (None, "") and name not in errors:
                add(name, _("Mandatory for the document type \"%(type)s\".") % {
                    "type": DocumentType(document_type).label})
    return errors


_NOT_WORD = re.compile(r"[\W_]+")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").casefold().replace("ё", "е")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def duplicate_key(*, title: str, first_author: str, year: int | None) -> str:
    """Normalised title + first author's surname + year: records sharing it are probable duplicates."""
    surname = _normalise(first_author).split(" ")[0] if first_author else ""
    return f"{_normalise(title)[:200]}|{surname[:40]}|{year or ''}"
