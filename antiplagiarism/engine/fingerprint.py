"""Word n-gram fingerprints with winnowing (Schleimer, Wilkerson, Aiken 2003).

Words are reduced to the script-neutral skeleton of the catalogue search (`catalogue_search.normalize.fold`,
issue 21 item 3): Cyrillic, the 2017/2018/2021 Latin alphabets of Kazakh and a Russian-style Latin
transliteration of the same words hash alike, so a passage copied from a Cyrillic source and retyped in Latin
is found as a verbatim copy; mixed-script words fold the same way letter by letter.
Every n-gram of N_GRAM words gets a 63-bit hash (it fits a signed BigInteger column); winnowing keeps
the minimum of each window of WINDOW consecutive hashes, so any shared run of N_GRAM + WINDOW - 1 words
is guaranteed to share at least one stored fingerprint while only about 2 / (WINDOW + 1) of the hashes
are stored.
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from catalogue_search.normalize import fold_words

N_GRAM = 5
WINDOW = 4
# The version of the hashing of words: raised whenever a change makes the stored fingerprints differ from the
# ones a check computes (`refingerprint_collection` brings the collection up to it). 1: look-alike skeleton;
# 2: script-neutral fold.
FINGERPRINT_SCHEME = 2
_MASK = (1 << 63) - 1
_MULT = 0x100000001B3
_APOSTROPHES = "'’ʼ`´"
# A word may hold apostrophes: the 2017 Kazakh alphabet writes ш, ч, ә, ү, у… as "s'", "c'", "a'", "u'", "y'".
_TOKEN_RE = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*[{_APOSTROPHES}]?", re.UNICODE)
# Latin spellings the catalogue's fold leaves apart, put onto the letter it folds: the 2017 "y'" is у (the 2018
# "ý"; a plain "y" is ы), "c'"/"s'" are ч/ш before a consonant too ("pervic'noi'"), the 2021 "şş" is щ (= ш).
_LATIN_SPELLINGS = (
    (re.compile(f"[yY][{_APOSTROPHES}]"), "ý"),
    (re.compile(f"[cC][{_APOSTROPHES}](?=[^\\W\\d_])"), "ç"),
    (re.compile(f"[sS][{_APOSTROPHES}](?=[^\\W\\d_])"), "ş"),
    (re.compile("şş|ŞŞ|Şş"), "ş"),
)


class Token(NamedTuple):
    word: str  # folded form, the one hashed
    start: int  # character offsets in the normalised text
    end: int


_fold_cache: dict[str, str] = {}


def fold_word(word: str) -> str:
    """The script-neutral form of one word, the form that is hashed ("" for a word of signs only, such as "ъ")."""
    value = _fold_cache.get(word)
    if value is None:
        spelled = word
        for pattern, letter in _LATIN_SPELLINGS:
            spelled = pattern.sub(letter, spelled)
        value = "".join(fold_words(spelled))
        if len(_fold_cache) < 500_000:
            _fold_cache[word] = value
    return value


def tokenize(text: str) -> list[Token]:
    """The words of a normalised text, folded, with their character offsets in it."""
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        word = fold_word(match.group())
        if word:
            tokens.append(Token(word, match.start(), match.end()))
    return tokens


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
