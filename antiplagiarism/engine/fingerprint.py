"""Word n-gram fingerprints with winnowing (Schleimer, Wilkerson, Aiken 2003).

Words are case-folded and reduced to a skeleton in which look-alike Cyrillic and Greek letters read as
their Latin twins, so a look-alike letter the normaliser could not decide on still cannot break a match.
Every n-gram of N_GRAM words gets a 63-bit hash (it fits a signed BigInteger column); winnowing keeps
the minimum of each window of WINDOW consecutive hashes, so any shared run of N_GRAM + WINDOW - 1 words
is guaranteed to share at least one stored fingerprint while only about 2 / (WINDOW + 1) of the hashes
are stored.
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from .normalize import CYRILLIC_TO_LATIN, GREEK_TO_LATIN

N_GRAM = 5
WINDOW = 4
_MASK = (1 << 63) - 1
_MULT = 0x100000001B3
_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_SKELETON = str.maketrans({**{k: v.lower() for k, v in CYRILLIC_TO_LATIN.items()},
                           **{k: v.lower() for k, v in GREEK_TO_LATIN.items()}, "ё": "е"})


class Token(NamedTuple):
    word: str  # skeleton form, the one hashed
    start: int  # character offsets in the normalised text
    end: int


def skeleton(word: str) -> str:
    return word.lower().translate(_SKELETON)


def tokenize(text: str) -> list[Token]:
    folded = text.lower().translate(_SKELETON)
    if len(folded) == len(text):  # folding kept every offset (always, but for a few letters such as "İ")
        return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(folded)]
    return [Token(skeleton(m.group()), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


_word_hash_cache: dict[str, int] = {}


def word_hash(word: str) -> int:
    value = _word_hash_cache.get(word)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little") & _MASK
        if len(_word_hash_cache) < 500_000:
            _word_hash_cache[word] = value
    return value


def ngram_hashes(tokens: list[Token], n: int = N_GRAM) -> list[int]:
    """Hash of each run of n words, position i = the run starting at token i."""
    words = [word_hash(t.word) for t in tokens]
    hashes = []
    for i in range(len(words) - n + 1):
        value = 0
        for w in words[i: i + n]:
            value = ((value ^ w) * _MULT + (value >> 29)) & _MASK
        hashes.append(value)
    return hashes


def winnow(hashes: list[int], window: int = WINDOW) -> list[tuple[int, int]]:
    """(hash, position) of the selected fingerprints: the rightmost minimum of each window, each once."""
    if not hashes:
        return []
    if len(hashes) <= window:
        position = min(range(len(hashes)), key=lambda i: (hashes[i], -i))
        return [(hashes[position], position)]
    selected: list[tuple[int, int]] = []
    last = -1
    for start in range(len(hashes) - window + 1):
        best = start
        best_value = hashes[start]
        for i in range(start + 1, start + window):
            if hashes[i] <= best_value:
                best, best_value = i, hashes[i]
        if best != last:
            selected.append((best_value, best))
            last = best
    return selected


def fingerprints(text: str) -> list[tuple[int, int]]:
    """The winnowed fingerprints of a normalised text, as stored in the database."""
    return winnow(ngram_hashes(tokenize(text)))
