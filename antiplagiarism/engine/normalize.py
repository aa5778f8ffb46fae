"""Normalisation that undoes the usual tricks, each recorded as an alert with its count.

- look-alike letters: a Latin "a", "o", "e", "p", "c"… inside a Cyrillic word (or a Cyrillic one inside a
  Latin word) makes the word differ for a naive comparer while looking the same; each such letter is put
  back into the script of its word (or, for a word made only of look-alike letters, of its neighbours);
- zero-width and other invisible characters (ZWSP, ZWJ, soft hyphen, BOM, direction marks…) are removed;
  rare typographic spaces become plain spaces;
- hidden text (found by the extractor: white, tiny or "hidden" runs) is dropped; where a hidden run stood
  between two visible letters it stood for a space, so a space is put back.

The result keeps line breaks (paragraphs) so that headings such as the bibliography can still be found.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .extract import HIDDEN_MARK, HiddenRun

LOOKALIKE = "lookalike"
INVISIBLE = "invisible"
HIDDEN_TEXT = "hidden_text"
ODD_SPACES = "odd_spaces"
ALERT_CODES = (LOOKALIKE, INVISIBLE, HIDDEN_TEXT, ODD_SPACES)

# Latin letter → the Cyrillic letter drawn the same way (Kazakh і and һ included).
LATIN_TO_CYRILLIC = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "j": "ј", "s": "ѕ",
    "h": "һ", "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "I": "І", "J": "Ј", "S": "Ѕ",
}
CYRILLIC_TO_LATIN = {cyr: lat for lat, cyr in LATIN_TO_CYRILLIC.items()}
# Greek capitals and small letters that pass for Latin ones (a rarer variant of the same trick).
GREEK_TO_LATIN = {
    "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Χ": "X", "Υ": "Y", "Ζ": "Z", "ο": "o", "α": "a", "ν": "v", "ι": "i",
}

# Characters with no width: never part of a word as the reader sees it.
INVISIBLE_CHARS = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
)
# Spaces other than the plain and the no-break one: kept as spaces, counted because they are rare in
# honest text and are used to glue or split words invisibly.
ODD_SPACE_CHARS = frozenset("\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000\u1680")

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass
class Alert:
    code: str
    count: int
    examples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"code": self.code, "count": self.count, "examples": self.examples}


@dataclass
class Normalized:
    text: str
    alerts: list[Alert]

    def alert(self, code: str) -> Alert | None:
        return next((a for a in self.alerts if a.code == code), None)


def _char_class(chars) -> str:
    return "".join(re.escape(ch) for ch in sorted(chars))


_LOOKALIKES = set(LATIN_TO_CYRILLIC) | set(CYRILLIC_TO_LATIN) | set(GREEK_TO_LATIN)
_LATIN = {chr(c) for c in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250)] if chr(c).isalpha()}
_CYRILLIC = {chr(c) for c in range(0x0400, 0x0530) if chr(c).isalpha()}
_GREEK = {chr(c) for c in range(0x0370, 0x0400) if chr(c).isalpha()}
_LATIN_RE = re.compile(f"[{_char_class(_LATIN)}]")
_CYRILLIC_RE = re.compile(f"[{_char_class(_CYRILLIC)}]")
_GREEK_RE = re.compile(f"[{_char_class(_GREEK)}]")
# Letters with no look-alike twin: they decide the script of their word.
_LATIN_OWN_RE = re.compile(f"[{_char_class(_LATIN - _LOOKALIKES)}]")
_CYRILLIC_OWN_RE = re.compile(f"[{_char_class(_CYRILLIC - _LOOKALIKES)}]")


def _scripts(word: str) -> set[str]:
    found = set()
    if _LATIN_RE.search(word):
        found.add("lat")
    if _CYRILLIC_RE.search(word):
        found.add("cyr")
    if _GREEK_RE.search(word):
        found.add("grk")
    return found


def _decided_script(word: str) -> str | None:
    """The script of a word from its letters that have no look-alike twin; None when it has none."""
    latin = _LATIN_OWN_RE.search(word) is not None
    cyrillic = _CYRILLIC_OWN_RE.search(word) is not None
    if latin and cyrillic:
        return "cyr" if len(_CYRILLIC_OWN_RE.findall(word)) >= len(_LATIN_OWN_RE.findall(word)) else "lat"
    if cyrillic:
        return "cyr"
    if latin:
        return "lat"
    return None


def _convert(word: str, target: str) -> tuple[str, int]:
    out = []
    changed = 0
    for ch in word:
        new = ch
        if target == "cyr":
            if ch in LATIN_TO_CYRILLIC:
                new = LATIN_TO_CYRILLIC[ch]
            elif ch in GREEK_TO_LATIN and GREEK_TO_LATIN[ch] in LATIN_TO_CYRILLIC:
                new = LATIN_TO_CYRILLIC[GREEK_TO_LATIN[ch]]
        elif target == "lat":
            if ch in CYRILLIC_TO_LATIN:
                new = CYRILLIC_TO_LATIN[ch]
            elif ch in GREEK_TO_LATIN:
                new = GREEK_TO_LATIN[ch]
        if new != ch:
            changed += 1
        out.append(new)
    return "".join(out), changed


def fix_lookalikes(text: str) -> tuple[str, Alert]:
    """Put every look-alike letter back into the script of its word (or of its neighbourhood)."""
    words = list(_WORD_RE.finditer(text))
    decided = [_decided_script(m.group()) for m in words]
    doc_counts = Counter(s for s in decided if s)
    document_script = doc_counts.most_common(1)[0][0] if doc_counts else "lat"
    pieces: list[str] = []
    last = 0
    total = 0
    examples: list[str] = []
    for index, match in enumerate(words):
        word = match.group()
        target = decided[index]
        scripts = _scripts(word)
        if target is not None and scripts == {target}:
            continue  # the common case: a word wholly in the script its own letters decide
        if target is None:
            # Only look-alike letters: take the script of the nearest words that decide one.
            window = [s for s in decided[max(0, index - 6): index + 7] if s]
            target = Counter(window).most_common(1)[0][0] if window else document_script
            if len(scripts) == 1 and word.isupper():
                continue  # an abbreviation such as "PC" or "ТОО" in the other script is left as written
        if scripts <= {target}:
            continue
        fixed, changed = _convert(word, target)
        if changed:
            total += changed
            if len(examples) < 10:
                examples.append(word)
            pieces.append(text[last: match.start()])
            pieces.append(fixed)
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), Alert(LOOKALIKE, total, examples)


# Every format character (Unicode category Cf) is invisible too; the hidden-run mark is ours and stays.
_INVISIBLE_RE = re.compile(
    "[" + re.escape("".join(
        sorted(INVISIBLE_CHARS | {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"})
    )) + "]"
)
_ODD_SPACE_RE = re.compile("[" + re.escape("".join(sorted(ODD_SPACE_CHARS))) + "]")


def strip_invisible(text: str) -> tuple[str, Alert, Alert]:
    text, invisible = _INVISIBLE_RE.subn("", text)
    text, odd = _ODD_SPACE_RE.subn(" ", text)
    return text, Alert(INVISIBLE, invisible), Alert(ODD_SPACES, odd)


def drop_hidden(text: str, hidden: list[HiddenRun]) -> tuple[str, Alert]:
    """Remove the hidden runs' marks: a mark between two visible non-space characters becomes a space."""
    chars = sum(len(run.text) for run in hidden)
    examples = [run.text[:40] for run in hidden[:10]]
    if HIDDEN_MARK not in text:
        return text, Alert(HIDDEN_TEXT, chars, examples)
    out = []
    length = len(text)
    for index, ch in enumerate(text):
        if ch != HIDDEN_MARK:
            out.append(ch)
            continue
        before = out[-1] if out else " "
        after_index = index + 1
        while after_index < length and text[after_index] == HIDDEN_MARK:
            after_index += 1
        after = text[after_index] if after_index < length else " "
        if not before.isspace() and not after.isspace() and (not out or out[-1] != " "):
            out.append(" ")
    return "".join(out), Alert(HIDDEN_TEXT, chars, examples)


_SPACES_RE = re.compile(r"[ \t\u00a0\r\f\v]+")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")


def tidy_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


def normalize(text: str, hidden: list[HiddenRun] | None = None) -> Normalized:
    """Clean extracted text; every trick undone is counted in an alert (zero counts are left out)."""
    hidden = hidden or []
    text = unicodedata.normalize("NFC", text)
    text, invisible, odd = strip_invisible(text)
    text, hidden_alert = drop_hidden(text, hidden)
    text, lookalike = fix_lookalikes(text)
    text = tidy_whitespace(text)
    alerts = [alert for alert in (hidden_alert, invisible, lookalike, odd) if alert.count]
    return Normalized(text, alerts)
