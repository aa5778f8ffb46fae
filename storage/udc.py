"""Shelving order by the Universal Decimal Classification.

UDC main numbers are read as decimal fractions ("004" < "5" < "53" < "539.1" < "54" < "6"), so the digits
of the main number, compared as text, give the shelving order; auxiliaries after the main number
("(075.8)", "=111", ":") do not move a book to another shelf.
"""

from __future__ import annotations

import re

_MAIN_NUMBER = re.compile(r"[0-9][0-9.]*")


def udc_sort_key(udc: str) -> str:
    """The shelving key of a UDC index: the digits of its first main number ("" when there is none)."""
    match = _MAIN_NUMBER.search(udc or "")
    return match.group(0).replace(".", "") if match else ""
