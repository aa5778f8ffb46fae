"""Script-neutral folding of catalogue text (issue 3, item 10). Pure Python, no Django.

Kazakh is written in Cyrillic, in the official Latin alphabet (2021: ä ğ ı i ñ ö q ş ç ū ü j…, and the
earlier 2017/2018 variants with apostrophes and acutes), and in whatever ad-hoc transliteration a reader
types ("Satbayev", "Zhumabayev", "Kazakhstan"). Russian names arrive in Cyrillic and in GOST/BGN-style
Latin ("Ivanov", "Shcherbakov", "Dostoyevsky"). `fold()` maps all of them onto one lower-case Latin
skeleton so that a query and a record written in different scripts meet on the same key:

    fold("Сәтбаев") == fold("Sätbaev") == fold("Satbayev") == fold("Satbaev") == "satbaev"

The skeleton is deliberately lossy (ы/і/и/й/y all become "i", doubled letters collapse, a glide "y" between
vowels disappears): it is a matching key, never shown to anyone. Records and queries must be folded by the
same function, so every rule here is applied to both sides.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import kazakh

# Cyrillic (Russian + Kazakh letters) to a Latin base. Kazakh letters lose their "hard/soft" distinction on
# purpose: ә/а, ө/о, ү/ұ/у, і/и/ы/й, қ/к, ғ/г, ң/н are the pairs that ad-hoc Latin spellings merge.
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f",
    "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
    # Ukrainian/Belarusian letters that turn up in Soviet-era imprints.
    "ї": "i", "є": "e", "ґ": "g", "ў": "u",
}

# Latin letters with a meaning of their own in the Kazakh alphabets (2017 apostrophe, 2018 acute, 2021
# Turkic-style), in Turkish/Azerbaijani names, and the ligatures that NFD does not decompose.
_LATIN_SPECIAL = {
    "ä": "a", "ə": "a", "ğ": "g", "ǵ": "g", "ı": "i", "ñ": "n", "ń": "n", "ö": "o", "ū": "u", "ü": "u",
    "ú": "u", "ý": "u",  # 2018 alphabet: Ý = У
    "ş": "sh", "ç": "ch", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th",
}

_TRANSLATE = str.maketrans({**_CYRILLIC, **_LATIN_SPECIAL})

# Apostrophe-like marks are dropped inside a word ("Ol'ga", "O’Brien", 2017 "Qazaqstan'"), hyphens and
# quotation marks separate words.
_APOSTROPHES = "'’ʼ‘`´ʹ′"
_APOSTROPHE_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
# 2017 apostrophe alphabet: s' = ш, c' = ч (only before a vowel, so an English "Jones's" is left alone).
_APOSTROPHE_DIGRAPH_RE = re.compile(f"([sc])[{re.escape(_APOSTROPHES)}](?=[aeiouyäöüı])")
_HYPHENS = "-‐‑‒–—―−"
_NON_WORD_RE = re.compile(r"[^\w]+|_+")
_HYPHEN_RE = re.compile(f"[{re.escape(_HYPHENS)}]")
_HYPHENATED_RE = re.compile(rf"\w+(?:[{re.escape(_HYPHENS)}]\w+)+")

# Ad-hoc and GOST/BGN digraphs onto the skeleton (applied to Latin text after transliteration, so
# Cyrillic input goes through exactly the same rules).
_DIGRAPHS = (
    (re.compile("shch"), "sh"),
    (re.compile("dzh"), "j"),
    (re.compile("zh"), "j"),
    (re.compile("kh"), "h"),
    (re.compile("gh"), "g"),
    (re.compile("q"), "k"),
    (re.compile("x"), "ks"),
    (re.compile("w"), "v"),
    # "Fyodor", "Pyotr": the Latin rendering of ё after a consonant.
    (re.compile("(?<=[bcdfgjklmnprstvz])yo"), "e"),
    (re.compile("y"), "i"),
)
_DOUBLE_LETTER_RE = re.compile(r"([a-z])\1+")
# A glide between vowels ("Satbayev", "Dostoyevsky", "Maya") exists in Latin spellings and not in Cyrillic.
_INTERVOCALIC_I_RE = re.compile("(?<=[aeou])i(?=[aeou])")
# Word-initial "ye" ("Yerbol", "Yeltsin") is a plain "е" in Cyrillic.
_INITIAL_IE_RE = re.compile(r"\bie")


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Words repeat heavily across a catalogue: caching the per-word rules makes re-indexing a million records
# several times faster.
@lru_cache(maxsize=200_000)
def _skeleton(word: str) -> str:
    return _tidy(_letters(word))


# The Kazakh stem is taken between the two halves of the skeleton: after the digraphs (so every script spells
# the endings alike) and before doubled letters collapse (so «Қазақстан-ның» keeps its boundary).
@lru_cache(maxsize=200_000)
def _stemmed_skeleton(word: str) -> str:
    return _tidy(kazakh.stem(_letters(word)))


def _letters(word: str) -> str:
    for pattern, replacement in _DIGRAPHS:
        word = pattern.sub(replacement, word)
    return word


def _tidy(word: str) -> str:
    word = _DOUBLE_LETTER_RE.sub(r"\1", word)
    word = _INTERVOCALIC_I_RE.sub("", word)
    return _INITIAL_IE_RE.sub("e", word)


def fold_words(text: str | None, *, stem: bool = False) -> list[str]:
    """The folded words of `text`, in order (hyphens and quotes separate words); with `stem`, each word's
    Kazakh stem (`kazakh.stem`): the form the search index and the search query are both made of."""
    if not text:
        return []
    skeleton = _stemmed_skeleton if stem else _skeleton
    text = unicodedata.normalize("NFC", text).lower()
    text = _APOSTROPHE_DIGRAPH_RE.sub(lambda m: m.group(1) + "h", text)
    text = _APOSTROPHE_RE.sub("", text)
    text = _strip_marks(text.translate(_TRANSLATE))
    words = []
    for raw in _NON_WORD_RE.split(text):
        if raw:
            word = skeleton(raw)
            if word:
                words.append(word)
    return words


def fold(text: str | None) -> str:
    """The script-neutral matching key of `text`: folded words joined by single spaces."""
    return " ".join(fold_words(text))


def search_words(text: str | None) -> list[str]:
    """The words of a search query as the index holds them: folded, each to its Kazakh stem."""
    return fold_words(text, stem=True)


def fold_document(text: str | None) -> str:
    """The text being indexed, as `search_words()` reads a query: folded, each word to its Kazakh stem. The one
    function both backends index with (PostgreSQL's 'simple' vector and SQLite's LIKE read the same words). A
    hyphenated compound is kept both split and joined, so that "Ала-Тау" is found by "Ала Тау", "Ала-Тау"
    and "Алатау"."""
    if not text:
        return ""
    # Every rule of fold() stays inside a run of non-space characters, so the text is folded run by run and
    # each distinct run once: titles, names and subjects of a catalogue share most of their words.
    words: list[str] = []
    joined: list[str] = []
    for run in text.split():
        run_words, run_joined = _fold_run(run)
        words += run_words
        if run_joined:
            joined += run_joined
    folded = " ".join(words)
    return " ".join([folded, *joined]) if joined else folded


@lru_cache(maxsize=1 << 17)
def _fold_run(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The indexed words of a run of non-space characters, and its hyphenated compounds joined into one word
    («Ала-Тауда» → "ala", "tau", "alatau")."""
    return (tuple(search_words(run)),
            tuple("".join(search_words(_HYPHEN_RE.sub("", compound))) for compound in _HYPHENATED_RE.findall(run)))
