"""Bibliographic description per GOST 7.1-2003 (interstate standard applied in Kazakhstan), with the
heading per GOST 7.80-2000, generated from a record's library fields.

Areas are separated by ". — ". Conventional words follow the language of the document: Kazakh records
get "б." (бет), "[Электрондық ресурс]"; Russian ones "с.", "[Электронный ресурс]"; foreign ones "p.",
"[Electronic resource]".
"""

from __future__ import annotations

from typing import Any

from .constants import DocumentType
from .marc import split_list

AREA_SEPARATOR = ". — "

# Words used inside the description, per language of the document: kk, ru, foreign (en).
WORDS: dict[str, dict[str, str]] = {
    "pages": {"kk": "б.", "ru": "с.", "en": "p."},
    "page_range": {"kk": "Б.", "ru": "С.", "en": "P."},
    "et_al": {"kk": "т.б.", "ru": "и др.", "en": "et al."},
    "electronic": {"kk": "Электрондық ресурс", "ru": "Электронный ресурс", "en": "Electronic resource"},
    "access": {"kk": "Қолжетімділік режимі", "ru": "Режим доступа", "en": "Mode of access"},
    DocumentType.TEXTBOOK: {"kk": "оқулық", "ru": "учебник", "en": "textbook"},
    DocumentType.METHODICAL: {"kk": "әдістемелік нұсқаулар", "ru": "методические указания", "en": "guidelines"},
    DocumentType.DISSERTATION: {"kk": "диссертация", "ru": "дис.", "en": "thesis"},
    DocumentType.AUTHOR_ABSTRACT: {"kk": "автореферат", "ru": "автореф. дис.", "en": "author's abstract"},
}

# Words that already say what the designation would say (then it is not added twice).
_DESIGNATION_MARKERS: dict[str, tuple[str, ...]] = {
    DocumentType.TEXTBOOK: ("оқулық", "оқу құралы", "учебник", "пособие", "textbook", "course"),
    DocumentType.METHODICAL: ("нұсқау", "методическ", "практикум", "guideline", "manual"),
    DocumentType.DISSERTATION: ("дис", "диссертац", "thesis"),
    DocumentType.AUTHOR_ABSTRACT: ("автореф", "abstract"),
}

_LANGUAGE_GROUP = {"kaz": "kk", "kk": "kk", "rus": "ru", "ru": "ru"}


def description_language(language: str) -> str:
    return _LANGUAGE_GROUP.get((language or "").lower(), "en")


def initials_first(name: str) -> str:
    """ "Сәтбаев, Қаныш Имантайұлы" or "Сәтбаев, Қ. И." → "Қ. И. Сәтбаев" (statement of responsibility)."""
    surname, _sep, given = name.partition(",")
    initials = _initials(given)
    return f"{initials} {surname.strip()}".strip() if initials else surname.strip()


def heading_form(name: str) -> str:
    """ "Сәтбаев, Қаныш Имантайұлы" → "Сәтбаев, Қ. И." (heading, GOST 7.80)."""
    surname, _sep, given = name.partition(",")
    initials = _initials(given)
    return f"{surname.strip()}, {initials}" if initials else surname.strip()


def _initials(given: str) -> str:
    parts = [p for p in given.replace(".", ". ").split() if p]
    return " ".join(f"{p[0]}." for p in parts if p[0].isalpha())


def _join_areas(areas: list[str]) -> str:
    result = ""
    for area in (a.strip() for a in areas if a and a.strip()):
        result = (result.removesuffix(".") + AREA_SEPARATOR + area) if result else area
    return result


def describe(record: Any) -> str:
    """The GOST 7.1-2003 description of a record (a model instance or any object with its fields)."""
    lang = description_language(record.language)
    document_type = record.document_type or DocumentType.BOOK
    authors = split_list(record.authors)

    # Heading: the first author when there are at most three; none for four or more (GOST 7.80).
    heading = heading_form(authors[0]) if authors and len(authors) <= 3 else ""

    # Title and statement of responsibility area.
    title = record.title.strip()
    if document_type == DocumentType.E_RESOURCE:
        title += f" [{WORDS['electronic'][lang]}]"
    other = [record.subtitle.strip()] if record.subtitle else []
    designation = WORDS.get(document_type, {}).get(lang)
    markers = _DESIGNATION_MARKERS.get(document_type, ())
    if designation and not any(marker in part.lower() for part in other for marker in markers):
        other.append(designation)
    for part in other:
        title += f" : {part}"
    responsibility = record.statement_of_responsibility.strip()
    if not responsibility and authors:
        shown = [initials_first(a) for a in authors[:3]]
        responsibility = ", ".join(shown) + (f" [{WORDS['et_al'][lang]}]" if len(authors) > 3 else "")
    title_area = f"{title} / {responsibility}" if responsibility else title

    first = f"{heading} {title_area}" if heading else title_area
    if heading and not heading.endswith("."):
        first = f"{heading}. {title_area}"

    if document_type == DocumentType.ARTICLE:
        return _describe_article(record, first, lang)

    edition = record.edition
    publication = _publication(record, open_ended=document_type == DocumentType.PERIODICAL)
    extent = _extent(record, lang)
    series = f"({record.series})" if record.series else ""
    numbers = []
    if record.isbn:
        numbers.append(f"ISBN {record.isbn}")
    if record.issn:
        numbers.append(f"ISSN {record.issn}")
    access = f"{WORDS['access'][lang]}: {record.url}" if record.url else ""
    areas = [first, edition, publication, extent, series, access if document_type == DocumentType.E_RESOURCE else "",
             ". — ".join(numbers)]
    description = _join_areas(areas)
    return description if description.endswith(".") else description + "."


def _publication(record: Any, *, open_ended: bool = False) -> str:
    year = f"{record.year}–" if open_ended and record.year else (str(record.year) if record.year else "")
    text = record.place or ""
    if record.publisher:
        text = f"{text} : {record.publisher}" if text else record.publisher
    if year:
        text = f"{text}, {year}" if text else year
    return text


def _extent(record: Any, lang: str) -> str:
    if record.pages:
        return f"{record.pages} {WORDS['pages'][lang]}"
    return record.extent or ""


def _describe_article(record: Any, first: str, lang: str) -> str:
    """Analytic description: "Article / authors // Journal. — Year. — № 2. — P. 10–15." """
    source = (record.source or "").strip()
    # "// Journal. — Year. — № 2. — P. 10–15": the year follows the host's title.
    host, _sep, numbering = source.partition(AREA_SEPARATOR)
    parts = [first + (f" // {host}" if host else "")]
    if record.year and str(record.year) not in source:
        parts.append(str(record.year))
    if numbering:
        parts.append(numbering)
    if record.extent and not record.extent[:1].isdigit():
        parts.append(record.extent)
    elif record.extent:
        parts.append(f"{WORDS['page_range'][lang]} {record.extent}")
    if record.issn and record.issn not in source:
        parts.append(f"ISSN {record.issn}")
    description = _join_areas(parts)
    return description if description.endswith(".") else description + "."
