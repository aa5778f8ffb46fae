"""The report of one check: every character of the checked text is original, matched, cited or
self-cited; the shares are computed in characters and rounded so that they add up to exactly 100 %.

Priority when a character falls in more than one class: citation (quoted with a reference, or in the
bibliography) first, then a match with somebody else's work, then self-citation (a match with an
earlier work of the same author). Each source's share is the part of the text it covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from .align import MIN_WORDS, align, source_index
from .citations import citation_spans
from .fingerprint import N_GRAM, fold_word, ngram_hashes, tokenize
from .normalize import Alert

# The alert of a passage found in a source written in another alphabet (issue 21, item 3): Cyrillic retyped in
# one of the Latin alphabets of Kazakh or in a Russian-style transliteration, or the reverse. Its count is the
# words of such passages, its examples their openings.
TRANSLITERATED = "transliterated"
_LATIN_LETTER_RE = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_CYRILLIC_LETTER_RE = re.compile(r"[\u0400-\u052f]")

ORIGINAL, MATCH, SELF_CITATION, CITATION = 0, 1, 2, 3
KIND_NAMES = {ORIGINAL: "original", MATCH: "match", SELF_CITATION: "self_citation", CITATION: "citation"}
SHARE_UNITS = 10_000  # shares are kept in hundredths of a per cent


def author_key(name: str) -> str:
    """Surname and first initial, case- and script-folded: "Иванов И.И." = "иванов иван иванович" = "Ivanov I."
    (a work written in Latin letters is still its Cyrillic-named author's own)."""
    words = re.findall(r"[^\W\d_]+", name or "")
    if not words:
        return ""
    long_words = [w for w in words if len(w) > 1]
    if not long_words:
        return " ".join(fold_word(w) for w in words)
    # "И.И. Иванов" and "Иванов Иван" both name the surname as the first word longer than an initial.
    surname = long_words[0]
    rest = [w for w in words if w is not surname]
    initial = fold_word(rest[0])[:1] if rest else ""
    return f"{fold_word(surname)} {initial}".strip()


@dataclass
class SourceText:
    """A candidate source: a document of the collection, its normalised text and its author."""

    id: int
    title: str
    text: str
    author_key: str = ""
    url: str = ""


@dataclass
class PassageMatch:
    number: int
    source_id: int
    kind: str
    start: int
    end: int
    source_start: int
    source_end: int
    words: int
    source_text: str = ""

    def as_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class SourceShare:
    source_id: int
    title: str
    kind: str  # "match" or "self_citation"
    chars: int
    share: int  # hundredths of a per cent of the checked text

    def as_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class Report:
    total_chars: int
    chars: dict[str, int]
    shares: dict[str, int]
    sources: list[SourceShare]
    passages: list[PassageMatch]
    citations: list[tuple[int, int, str]]
    alerts: list[Alert] = field(default_factory=list)
    classes: bytearray = field(default_factory=bytearray, repr=False)

    def as_dict(self) -> dict:
        return {
            "total_chars": self.total_chars,
            "chars": self.chars,
            "shares": self.shares,
            "sources": [s.as_dict() for s in self.sources],
            "passages": [p.as_dict() for p in self.passages],
            "citations": [list(c) for c in self.citations],
            "alerts": [a.as_dict() for a in self.alerts],
        }


def largest_remainder(counts: dict[str, int], total: int, units: int = SHARE_UNITS) -> dict[str, int]:
    """Integer shares of `units` proportional to counts and summing to exactly `units` (Hamilton's method)."""
    if total <= 0:
        return {key: (units if index == 0 else 0) for index, key in enumerate(counts)}
    exact = {key: value * units / total for key, value in counts.items()}
    floors = {key: int(value) for key, value in exact.items()}
    left = units - sum(floors.values())
    for key in sorted(exact, key=lambda k: (exact[k] - floors[k], counts[k]), reverse=True)[:left]:
        floors[key] += 1
    return floors



def _through_punctuation(text: str, end: int) -> int:
    """Extend a passage over the punctuation right after its last word (a full stop, a closing bracket)."""
    limit = min(len(text), end + 3)
    while end < limit and not text[end].isspace() and not text[end].isalnum() and text[end] not in "«»“”„\"":
        end += 1
    return end


def script_of(text: str) -> str | None:
    """"lat" or "cyr", whichever alphabet most letters of the text are written in; None for no letter."""
    latin, cyrillic = len(_LATIN_LETTER_RE.findall(text)), len(_CYRILLIC_LETTER_RE.findall(text))
    if not latin and not cyrillic:
        return None
    return "lat" if latin > cyrillic else "cyr"


def transliteration_alert(passages: list[PassageMatch], text: str) -> Alert:
    """The passages whose text and source are written in different alphabets, as one alert."""
    words, examples = 0, []
    for passage in passages:
        copied = script_of(text[passage.start:passage.end])
        if copied and script_of(passage.source_text) not in (None, copied):
            words += passage.words
            if len(examples) < 10:
                examples.append(text[passage.start:passage.end][:40])
    return Alert(TRANSLITERATED, words, examples)


def analyse(
    text: str, sources: list[SourceText], *, author: str = "", alerts: list[Alert] | None = None,
    common: set[int] | frozenset[int] = frozenset(),
) -> Report:
    """Classify every character of a normalised text against the candidate sources.

    `common` holds n-gram hashes that occur all over the collection (boilerplate): a passage counts only
    when at least MIN_WORDS of its words lie outside such n-grams.
    """
    own = author_key(author)
    tokens = tokenize(text)
    hashes = ngram_hashes(tokens)
    boilerplate = bytearray(len(tokens))
    for position, value in enumerate(hashes):
        if value in common:
            boilerplate[position: position + N_GRAM] = b"\x01" * N_GRAM
    total = len(text)
    matched = bytearray(total)
    self_cited = bytearray(total)
    passages: list[PassageMatch] = []
    coverage: dict[int, bytearray] = {}
    for source in sources:
        s_tokens = tokenize(source.text)
        found = align(hashes, source_index(ngram_hashes(s_tokens)))
        if not found:
            continue
        is_self = bool(own) and source.author_key == own
        kind = "self_citation" if is_self else "match"
        mask = coverage.setdefault(source.id, bytearray(total))
        for p in found:
            if p.words - boilerplate[p.q_start:p.q_end].count(1) < MIN_WORDS:
                continue
            start, end = tokens[p.q_start].start, _through_punctuation(text, tokens[p.q_end - 1].end)
            source_start = s_tokens[p.s_start].start
            source_end = _through_punctuation(source.text, s_tokens[p.s_end - 1].end)
            passages.append(PassageMatch(
                number=0, source_id=source.id, kind=kind, start=start, end=end,
                source_start=source_start, source_end=source_end, words=p.words,
                source_text=source.text[source_start:source_end],
            ))
            target = self_cited if is_self else matched
            target[start:end] = b"\x01" * (end - start)
            mask[start:end] = b"\x01" * (end - start)
    cited = bytearray(total)
    citations = citation_spans(text)
    for start, end, _kind in citations:
        cited[start:end] = b"\x01" * (end - start)

    classes = _combine(cited, matched, self_cited)
    cited_bits = int.from_bytes(cited, "big")
    counts = dict.fromkeys(KIND_NAMES.values(), 0)
    for kind, name in KIND_NAMES.items():
        counts[name] = classes.count(kind)
    shares = largest_remainder(counts, total)

    passages.sort(key=lambda p: (p.start, p.source_id))
    for number, passage in enumerate(passages, start=1):
        passage.number = number
        if all(classes[i] == CITATION for i in range(passage.start, passage.end)):
            passage.kind = "citation"
    titles = {s.id: s.title for s in sources}
    kinds = {p.source_id: p.kind for p in passages if p.kind != "citation"}
    source_shares = []
    for source_id, mask in coverage.items():
        chars = total - mask.count(0) - (int.from_bytes(mask, "big") & cited_bits).bit_count()
        if not chars:
            continue
        source_shares.append(SourceShare(
            source_id=source_id, title=titles[source_id], kind=kinds.get(source_id, "match"), chars=chars,
            share=round(chars * SHARE_UNITS / total) if total else 0,
        ))
    source_shares.sort(key=lambda s: -s.chars)
    alerts = list(alerts or [])
    transliterated = transliteration_alert([p for p in passages if p.kind != "citation"], text)
    if transliterated.count:
        alerts.append(transliterated)
    return Report(total, counts, shares, source_shares, passages, citations, alerts, classes)


# Byte (cited << 2 | matched << 1 | self-cited) → class: citation over match over self-citation.
_CLASS_OF_FLAGS = bytes(
    CITATION if flags & 4 else MATCH if flags & 2 else SELF_CITATION if flags & 1 else ORIGINAL for flags in range(256)
)


def _combine(cited: bytearray, matched: bytearray, self_cited: bytearray) -> bytearray:
    """Per-character class from three 0/1 masks, computed on big integers rather than character by character."""
    total = len(cited)
    if not total:
        return bytearray()
    flags = (
        (int.from_bytes(cited, "big") << 2) | (int.from_bytes(matched, "big") << 1) | int.from_bytes(self_cited, "big")
    )
    return bytearray(flags.to_bytes(total, "big").translate(_CLASS_OF_FLAGS))


def classes_from_dict(total: int, report: dict) -> bytearray:
    """Rebuild the class of every character from a stored report (same priority as `analyse`)."""
    cited, matched, self_cited = bytearray(total), bytearray(total), bytearray(total)
    for start, end, _kind in report.get("citations", []):
        cited[start:end] = b"\x01" * (end - start)
    for p in report.get("passages", []):
        target = self_cited if p["kind"] == "self_citation" else matched
        if p["kind"] != "citation":
            target[p["start"]:p["end"]] = b"\x01" * (p["end"] - p["start"])
    return _combine(cited, matched, self_cited)


def segments(text: str, classes: bytearray, passages: list[dict]) -> list[dict]:
    """The checked text cut into runs of one class, each with the numbers of the passages over it."""
    bounds = {0, len(text)}
    for p in passages:
        bounds.update((p["start"], p["end"]))
    for i in range(1, len(text)):
        if classes[i] != classes[i - 1]:
            bounds.add(i)
    ordered = sorted(b for b in bounds if 0 <= b <= len(text))
    runs = []
    for start, end in pairwise(ordered):
        if start == end:
            continue
        kind = KIND_NAMES[classes[start]]
        numbers = (
            [p["number"] for p in passages if p["start"] <= start and p["end"] >= end] if kind != "original" else []
        )
        if runs and runs[-1]["kind"] == kind and runs[-1]["passages"] == numbers:
            runs[-1]["text"] += text[start:end]
            runs[-1]["end"] = end
        else:
            runs.append({"start": start, "end": end, "kind": kind, "passages": numbers, "text": text[start:end]})
    return runs
