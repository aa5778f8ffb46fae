"""Citation: quoted passages followed (or preceded) by a reference, and the bibliography section.

A passage in quotation marks «…», “…”, „…“ or "…" counts as a citation when a reference stands next to
it: a bracketed number ([12], [12, p. 45], [3; 7]) or an author-year reference ((Smith, 2010)). The
bibliography is the section under the last heading such as "Список литературы", "Пайдаланылған
әдебиеттер тізімі" or "References" in the second half of the text, up to the appendices.
"""

from __future__ import annotations

import re

QUOTE_RE = re.compile(
    r"«[^«»]{8,3000}?»|“[^“”]{8,3000}?”|„[^„“”]{8,3000}?[“”]|\"[^\"\n]{8,3000}?\"",
)
_BRACKET_REF = r"\[\s*\d[^\[\]\n]{0,40}\]"
_AUTHOR_YEAR_REF = r"\((?=[^()\n]{0,80}\b(?:1[5-9]|20)\d\d)[^()\n]{2,80}\)"
REF_AFTER_RE = re.compile(rf"[\s.,;:]{{0,3}}(?:{_BRACKET_REF}|{_AUTHOR_YEAR_REF})")
# "[3] сказано: «…»" — a reference a few words before the opening quote, in the same sentence.
REF_BEFORE_RE = re.compile(rf"(?:{_BRACKET_REF}|{_AUTHOR_YEAR_REF})[^\n.!?«»“”„\"]{{0,30}}$")

BIBLIOGRAPHY_HEADINGS = frozenset({
    # Russian
    "список литературы", "список использованной литературы", "список использованных источников",
    "список использованных источников и литературы", "библиографический список", "литература",
    "использованная литература", "список источников",
    # Kazakh
    "әдебиеттер тізімі", "пайдаланылған әдебиеттер тізімі", "пайдаланылған әдебиеттер", "әдебиеттер",
    "қолданылған әдебиеттер тізімі", "пайдаланылған дереккөздер тізімі", "пайдаланылған дереккөздер",
    # English
    "references", "bibliography", "works cited", "literature", "list of references", "reference list",
    "list of sources",
})
APPENDIX_HEADINGS = ("приложение", "приложения", "қосымша", "қосымшалар", "appendix", "appendices")
_NUMBERING_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[ivxlc]+\.)\s*", re.IGNORECASE)


def _heading_key(line: str) -> str:
    return _NUMBERING_RE.sub("", line.strip()).rstrip(" :.").casefold()


def quoted_references(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations that carry a reference (the reference included)."""
    spans = []
    for match in QUOTE_RE.finditer(text):
        if "\n\n" in match.group():
            continue
        after = REF_AFTER_RE.match(text, match.end(), min(len(text), match.end() + 50))
        if after:
            spans.append((match.start(), after.end()))
            continue
        before = REF_BEFORE_RE.search(text, max(0, match.start() - 60), match.start())
        if before:
            spans.append((before.start(), match.end()))
    return spans


def bibliography(text: str) -> tuple[int, int] | None:
    """The span of the bibliography section, or None."""
    heading_at = None
    offset = 0
    lines = text.split("\n")
    positions = []
    for line in lines:
        positions.append(offset)
        offset += len(line) + 1
    for line, start in zip(lines, positions, strict=True):
        if start >= len(text) // 2 and _heading_key(line) in BIBLIOGRAPHY_HEADINGS:
            heading_at = start
    if heading_at is None:
        return None
    end = len(text)
    for line, start in zip(lines, positions, strict=True):
        if start > heading_at and _heading_key(line).startswith(APPENDIX_HEADINGS) and len(line) < 80:
            end = start
            break
    return heading_at, end


def citation_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) with kind "quote" or "bibliography"."""
    spans = [(start, end, "quote") for start, end in quoted_references(text)]
    section = bibliography(text)
    if section:
        spans.append((*section, "bibliography"))
    return spans
