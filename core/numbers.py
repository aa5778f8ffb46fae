"""Numbers as people read them on printed forms, pages and mails: counts and amounts grouped by thousands in the
active language's format (Kazakh and Russian "7 800,00" with a non-breaking space and a decimal comma, English
"7,800.00"), a sum in Kazakh words for the acts that need one (QP 607, form 607-16), issue numbers as ranges and
inventory numbers in natural order.

Django's `localize` already uses config/formats/kk/formats.py, but without `USE_THOUSAND_SEPARATOR` it does not
group ("7800,00"), and `number_format` cuts extra decimals instead of rounding them (1,999 → "1,99"): these
functions round half up to the kopeck (tiyn) first and always group. Pure functions, no database.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats

Number = int | float | Decimal | str

_UNITS_KK = ("", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
_TENS_KK = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
# Kazakh numerals do not inflect for the count: "бес мың", "екі миллион", "бес теңге".
_SCALES_KK = ("", "мың", "миллион", "миллиард", "триллион")
ZERO_KK = "нөл"


def to_decimal(value: Number) -> Decimal:
    """`value` as a Decimal (a float through its shortest text, so 0.1 stays 0.1); ValueError when it is no number."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise ValueError(f"not a number: {value!r}") from error
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def rounded(value: Number, decimals: int) -> Decimal:
    """`value` rounded half up (away from zero) to `decimals` places, as amounts are rounded in accounting."""
    return to_decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Number | None, decimals: int = 0) -> str:
    """`value` rounded to `decimals` places and grouped by thousands in the active language: "12 345" in Kazakh.
    Empty for None or ""."""
    if value is None or value == "":
        return ""
    return formats.number_format(rounded(value, decimals), decimals, force_grouping=True)


def format_amount(value: Number | None) -> str:
    """A sum of money with its two decimals: "7 800,00" in Kazakh and Russian, "7,800.00" in English."""
    return format_number(value, 2)


def number_in_words_kk(value: int) -> str:
    """A whole number in Kazakh words, lower case: 7800 → "жеті мың сегіз жүз". Hundreds and thousands are
    preceded by "бір" ("бір мың бір жүз"), as sums are written in financial documents so that no word can be
    added in front."""
    if value < 0:
        return f"минус {number_in_words_kk(-value)}"
    if value == 0:
        return ZERO_KK
    groups: list[str] = []
    scale = 0
    while value:
        value, group = divmod(value, 1000)
        if scale >= len(_SCALES_KK):
            raise ValueError("number too large to write in words")
        if group:
            words = _hundreds_in_words_kk(group)
            groups.append(f"{words} {_SCALES_KK[scale]}".rstrip())
        scale += 1
    return " ".join(reversed(groups))


def _hundreds_in_words_kk(value: int) -> str:
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds:
        words += [_UNITS_KK[hundreds], "жүз"]
    words += [_TENS_KK[tens], _UNITS_KK[units]]
    return " ".join(word for word in words if word)


def amount_in_words_kk(value: Number, currency: str = "теңге", minor_unit: str = "тиын") -> str:
    """A sum of money in Kazakh as written on an act, capitalised, the tiyn in figures:
    7800 → "Жеті мың сегіз жүз теңге 00 тиын"; 1234.5 → "Бір мың екі жүз отыз төрт теңге 50 тиын"."""
    amount = rounded(value, 2)
    sign = "минус " if amount < 0 else ""
    whole, minor = divmod(abs(amount) * 100, 100)
    text = f"{sign}{number_in_words_kk(int(whole))} {currency} {int(minor):02d} {minor_unit}"
    return text[:1].upper() + text[1:]


def number_ranges(numbers) -> str:
    """Whole numbers listed compactly, runs of three or more as ranges: 1…12, 14, 20…24 → "1–12, 14, 20–24"
    (an arrivals sheet lists a daily's 228 issues in one line)."""
    values = sorted(set(numbers))
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    parts = []
    for run in runs:
        parts += [f"{run[0]}–{run[-1]}"] if len(run) >= 3 else [str(value) for value in run]
    return ", ".join(parts)


def natural_key(text: str) -> tuple:
    """A sort key ordering the numbers inside a text by value: "Б1-2" before "Б1-10" (inventory numbers)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", str(text or "")) if part)
