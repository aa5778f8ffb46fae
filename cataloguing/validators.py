"""Quality control of bibliographic records (QP 607 §5.3: the database's creators control record quality):
checksums of ISBN and ISSN, the year range, UDC syntax, mandatory fields per document type, and the
duplicate key."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.utils.translation import gettext as _

from .quality import REQUIRED_FIELDS, record_issues, year_is_valid

__all__ = ["REQUIRED_FIELDS", "duplicate_key", "isbn_is_valid", "issn_is_valid", "udc_is_valid", "validate_fields",
           "year_is_valid"]


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
    """Quality errors of a record given by its library fields: {field: [messages]} (empty when clean): the control
    number (001), which a stored record always has, and the completeness rules of `quality.record_issues`, which the
    admin's form enforces and the import flags instead (issue 17.2)."""
    errors: dict[str, list[str]] = {}
    if not (fields.get("control_number") or "").strip():
        errors["control_number"] = [_("The control number (001) is mandatory.")]
    for issue in record_issues(fields):
        errors.setdefault(issue.field, []).append(issue.message())
    return errors


_NOT_WORD = re.compile(r"[\W_]+")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").casefold().replace("ё", "е")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def duplicate_key(*, title: str, first_author: str, year: int | None) -> str:
    """Normalised title + first author's surname + year: records sharing it are probable duplicates."""
    surname = _normalise(first_author).split(" ")[0] if first_author else ""
    return f"{_normalise(title)[:200]}|{surname[:40]}|{year or ''}"
