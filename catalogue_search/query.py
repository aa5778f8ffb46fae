"""What a reader typed into the catalogue search box, taken apart (pure, no Django).

A query is one of: an ISBN (10 or 13 digits, hyphens and spaces allowed, "ISBN" prefix optional), a class
number as the catalogue shows it (UDC "004.42", "94(574)", "УДК 622.276", "ӘОЖ 53"; BBK "63.3(5Каз)",
"ББК 65.9"), or words and "quoted phrases". Each word keeps its
original spelling (for Russian/English stemming) and its script-neutral fold taken to its Kazakh stem (for Kazakh
in any script and any inflection: the form the index holds, `normalize.fold_document`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .constants import MAX_QUERY_WORDS
from .normalize import search_words

_ISBN_PREFIX_RE = re.compile(r"^\s*isbn[\s:\-]*", re.IGNORECASE)
_ISBN_BODY_RE = re.compile(r"^[\d\s\-xX]+$")
_UDC_PREFIX_RE = re.compile(r"^\s*(?:удк|udc|udk|әож|аож)[\s:.]*", re.IGNORECASE)
# BBK (LBC): "ББК" in Russian, "КБЖ" in Kazakh (кітапханалық-библиографиялық жіктеу).
_BBK_PREFIX_RE = re.compile(r"^\s*(?:ббк|bbk|lbc|кбж)(?![^\W\d_])[\s:.]*", re.IGNORECASE)
# A UDC or BBK number as typed: main number with dotted groups, optionally followed by signs and auxiliaries
# (:, +, /, (…), "…", BBK's territorial "(5Каз)" and form "я73").
_UDC_RE = re.compile(r"^\d{1,3}(?:\.\d+)*(?:[:+/(\[\"=\-.][\w.:+/()\[\]\"=\-]*)?$")
# After "ББК" a number may also start with a letter (literature: "Ш5(5Каз)").
_BBK_RE = re.compile(r"^(?=.*\d)\w{1,3}(?:\.\d+)*(?:[:+/(\[\"=\-.][\w.:+/()\[\]\"=\-]*)?$")
# Without a prefix a number is a class number only when it shows a class number's form: a dotted group
# ("004.4") or a sign right after the main number ("94(574)", "622:553"); "2020" and "12-15" stay words.
_UDC_DOTTED_RE = re.compile(r"^\d{1,3}(?:\.\d|[(:+/\[\"=])")
_PHRASE_RE = re.compile(r"[\"«“„](.+?)[\"»”“]")
_APOSTROPHES_RE = re.compile("['’ʼ‘`´]")
_RAW_WORD_RE = re.compile(r"\w+")


def isbn10_to_13(isbn10: str) -> str:
    body = "978" + isbn10[:9]
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def isbn13_to_10(isbn13: str) -> str | None:
    if not isbn13.startswith("978"):
        return None
    body = isbn13[3:12]
    total = sum(int(d) * (10 - i) for i, d in enumerate(body))
    check = (11 - total % 11) % 11
    return body + ("X" if check == 10 else str(check))


def parse_isbn(text: str) -> tuple[str, ...]:
    """The stored forms (digits/X, no hyphens) an ISBN query may match: itself and its 10/13 twin."""
    body = _ISBN_PREFIX_RE.sub("", text).strip()
    if not body or not _ISBN_BODY_RE.match(body):
        return ()
    digits = re.sub(r"[\s\-]", "", body).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        return (digits, isbn10_to_13(digits))
    if re.fullmatch(r"\d{13}", digits):
        twin = isbn13_to_10(digits)
        return (digits, twin) if twin else (digits,)
    return ()


def parse_class_number(text: str) -> tuple[str, str] | None:
    """(scheme, number) when the query is a class number: scheme "udc" after "УДК"/"UDC"/"ӘОЖ", "bbk" after
    "ББК"/"BBK"/"КБЖ", and "" (either scheme: UDC and BBK numbers look alike) for a bare number such as
    "004.4", "94(574)" or "63.3(5Каз)". A bare number without a dot or a sign ("2020") stays a word."""
    stripped = text.strip()
    for scheme, prefix_re, number_re in (("udc", _UDC_PREFIX_RE, _UDC_RE), ("bbk", _BBK_PREFIX_RE, _BBK_RE)):
        prefixed = prefix_re.match(stripped)
        if prefixed:
            candidate = stripped[prefixed.end():].strip()
            if candidate and " " not in candidate and number_re.match(candidate):
                return scheme, candidate
            return None
    if " " not in stripped and _UDC_RE.match(stripped) and _UDC_DOTTED_RE.match(stripped):
        return "", stripped
    return None


def parse_udc(text: str) -> str | None:
    """The UDC index (prefix) of a query, or None: a class number that is not explicitly BBK."""
    parsed = parse_class_number(text)
    return parsed[1] if parsed and parsed[0] != "bbk" else None


@dataclass(frozen=True)
class Word:
    """One query word: as typed (lower-case) and folded to its stem (`normalize.search_words`)."""

    raw: str
    folded: str


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    isbns: tuple[str, ...] = ()
    # A class number: `udc` is searched among UDC indexes, `bbk` among BBK indexes; a bare number sets both.
    udc: str | None = None
    bbk: str | None = None
    words: tuple[Word, ...] = ()
    phrases: tuple[tuple[Word, ...], ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.isbns or self.udc or self.bbk or self.words or self.phrases)

    @property
    def is_class_number(self) -> bool:
        return bool(self.udc or self.bbk)

    @property
    def folded_words(self) -> list[str]:
        return [w.folded for w in self.words] + [w.folded for phrase in self.phrases for w in phrase]


def _words(text: str) -> list[Word]:
    words = []
    for raw in _RAW_WORD_RE.findall(_APOSTROPHES_RE.sub("", text.lower())):
        raw = raw.strip("_")
        if not raw:
            continue
        folded = search_words(raw)
        if folded:
            words.append(Word(raw=raw, folded="".join(folded)))
    return words


def parse_query(text: str | None) -> ParsedQuery:
    text = (text or "").strip()
    if not text:
        return ParsedQuery(text="")
    isbns = parse_isbn(text)
    if isbns:
        return ParsedQuery(text=text, isbns=isbns)
    class_number = parse_class_number(text)
    if class_number:
        scheme, number = class_number
        return ParsedQuery(text=text, udc=number if scheme != "bbk" else None,
                           bbk=number if scheme != "udc" else None)
    budget = MAX_QUERY_WORDS
    phrases: list[tuple[Word, ...]] = []
    quoted_words: list[Word] = []
    for match in _PHRASE_RE.finditer(text):
        phrase = _words(match.group(1))[:budget]
        budget -= len(phrase)
        if len(phrase) > 1:
            phrases.append(tuple(phrase))
        else:
            quoted_words.extend(phrase)  # a quoted single word is just a word
    words: list[Word] = []
    seen: set[str] = set()
    for word in [*quoted_words, *_words(_PHRASE_RE.sub(" ", text))]:
        if word.folded in seen or (budget <= 0 and word not in quoted_words):
            continue
        seen.add(word.folded)
        words.append(word)
        if word not in quoted_words:
            budget -= 1
    return ParsedQuery(text=text, words=tuple(words), phrases=tuple(phrases))
