"""The summary book's columns (type, subject, language) of a catalogue record."""

from __future__ import annotations

from .constants import DocumentKind, LanguageGroup

DOCUMENT_KINDS = {
    "book": DocumentKind.BOOK,
    "textbook": DocumentKind.TEXTBOOK,
    "methodical": DocumentKind.TEXTBOOK,
    "periodical": DocumentKind.PERIODICAL,
    "article": DocumentKind.PERIODICAL,
    "e_resource": DocumentKind.ELECTRONIC,
}


def classify(record) -> dict[str, str]:
    """Type, UDC main class and language group of a record, as kept on summary-book lines."""
    udc = (record.udc or "").strip()
    language = record.language if record.language in LanguageGroup.values else LanguageGroup.OTHER
    return {
        "document_kind": DOCUMENT_KINDS.get(record.document_type, DocumentKind.OTHER),
        "subject_class": udc[0] if udc[:1].isdigit() else "",
        "language_group": language,
    }
