"""How a student retypes a Cyrillic text in Latin letters: the Kazakh alphabets of 2017 (apostrophes), 2018
(acutes) and 2021 (Turkic letters), and the Russian-style transliteration (BGN/PCGN-like: zh, kh, ya, yu; the
Kazakh letters written as their Russian neighbours). Letter by letter from the official charts; letters the
charts leave out (ц, щ, ё, ю, я, ъ, ь, э) as people commonly type them. Written independently of
`catalogue_search.normalize`, so that a test or the bench (which imports this module) checks the folding
against the alphabets rather than against itself.
"""

from __future__ import annotations

import re

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "j", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "h", "һ": "h",
    "ц": "ts", "ъ": "", "ь": "", "э": "e",
}
KK_2021 = {
    **_COMMON, "ә": "ä", "ғ": "ğ", "ё": "io", "и": "i", "й": "i", "і": "ı", "қ": "q", "ң": "ñ", "ө": "ö",
    "у": "u", "ұ": "ū", "ү": "ü", "ч": "ç", "ш": "ş", "щ": "şş", "ы": "y", "ю": "iu", "я": "ia",
}
KK_2017 = {
    **_COMMON, "ә": "a'", "ғ": "g'", "ё": "i'o", "и": "i'", "й": "i'", "і": "i", "қ": "q", "ң": "n'",
    "ө": "o'", "у": "y'", "ұ": "u", "ү": "u'", "ч": "c'", "ш": "s'", "щ": "s'", "ы": "y", "ю": "i'y'",
    "я": "i'a",
}
KK_2018 = {
    **_COMMON, "ә": "á", "ғ": "ǵ", "ё": "ıo", "и": "ı", "й": "ı", "і": "i", "қ": "q", "ң": "ń", "ө": "ó",
    "у": "ý", "ұ": "u", "ү": "ú", "ч": "ch", "ш": "sh", "щ": "sh", "ы": "y", "ю": "ıý", "я": "ıa",
}
RUSSIAN_STYLE = {
    **_COMMON, "ә": "a", "ғ": "g", "ё": "yo", "ж": "zh", "и": "i", "й": "y", "і": "i", "қ": "k", "ң": "n",
    "ө": "o", "у": "u", "ұ": "u", "ү": "u", "х": "kh", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y",
    "ъ": "\"", "ь": "'", "ю": "yu", "я": "ya",
}
SCHEMES = {"kk2021": KK_2021, "kk2017": KK_2017, "kk2018": KK_2018, "russian": RUSSIAN_STYLE}

_VOWELS = set("аәеёиоөуұүыіэюя")
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def _word(word: str, table: dict[str, str], *, russian_e: bool) -> str:
    out = []
    previous = ""
    for ch in word:
        low = ch.lower()
        latin = table.get(low, ch if low == ch else low)
        if russian_e and low == "е" and (not previous or previous in _VOWELS or previous in "ъь"):
            latin = "ye"  # "Yerbol", "moye": е at the start of a word and after a vowel
        if ch != low and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = low
    return "".join(out)


def transliterate(text: str, scheme: str) -> str:
    """The text retyped in Latin letters by the named scheme (a key of SCHEMES)."""
    table = SCHEMES[scheme]
    russian_e = scheme == "russian"
    return _WORD_RE.sub(lambda m: _word(m.group(), table, russian_e=russian_e), text)
