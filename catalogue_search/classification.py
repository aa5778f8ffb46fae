"""Class numbers of a record as the catalogue shows them (UDC and BBK), read from its stored MARC. Pure Python.

Cataloguing derives `udc` (MARC 080) onto the record; BBK (LBC, the Library-Bibliographical Classification
of Russia and Kazakhstan) is carried only in MARC 084 with its scheme named in $2 ("rubbk", "rubbks", …).
084 also holds other schemes (GRNTI "rugasnti", DDC…), so only fields naming a BBK scheme count.
"""

from __future__ import annotations

import unicodedata
from typing import Any

# $2 values naming BBK in Russian and Kazakh MARC practice (RUSMARC/MARC 21 source codes and local variants).
BBK_SOURCES = ("rubbk", "bbk", "lbc", "kzbbk", "kbzh")
BBK_TAG = "084"


def _subfields(field: dict[str, Any]) -> list[tuple[str, str]]:
    return [(code, value) for sub in field.get("subfields", []) for code, value in sub.items()]


def bbk_numbers(marc: dict[str, Any] | None) -> list[str]:
    """The BBK numbers of a stored MARC record (`BibliographicRecord.marc`), in field order."""
    numbers: list[str] = []
    for entry in (marc or {}).get("fields", []):
        field = entry.get(BBK_TAG)
        if not isinstance(field, dict):
            continue
        subfields = _subfields(field)
        source = next((value for code, value in subfields if code == "2"), "").strip().lower()
        if not source.startswith(BBK_SOURCES):
            continue
        numbers += [value.strip() for code, value in subfields if code == "a" and value.strip()]
    return numbers


def class_key(number: str | None) -> str:
    """The matching key of a class number: as shown, without spaces, lower-case ("63.3(5Каз)" and
    "63.3 (5каз)" meet). A query's number is a prefix of the key of every record below it."""
    if not number:
        return ""
    return "".join(unicodedata.normalize("NFC", number).lower().split())


def bbk_index_key(marc: dict[str, Any] | None) -> str:
    """What the search entry keeps of a record's BBK numbers: their keys, space-separated (the first leads,
    and prefix search matches it)."""
    return " ".join(class_key(number) for number in bbk_numbers(marc))[:255]
