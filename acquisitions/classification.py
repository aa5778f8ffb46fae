"""The summary book's columns (type, subject, language) of a catalogue record."""

from __future__ import annotations

from cataloguing.constants import DocumentType

from .constants import DocumentKind, LanguageGroup

DOCUMENT_KINDS = {
    DocumentType.BOOK: DocumentKind.BOOK,
    DocumentType.TEXTBOOK: DocumentKind.TEXTBOOK,
    DocumentType.METHODICAL: DocumentKind.TEXTBOOK,
    DocumentType.PERIODICAL: DocumentKind.PERIODICAL,
    DocumentType.ARTICLE: DocumentKind.PERIODICAL,
    DocumentType.E_RESOURCE: DocumentKind.ELECTRONIC,
}


def language_group(language: str) -> LanguageGroup:
    """The group of a record's MARC language code: Kazakh, Russian, English or other."""
    return LanguageGroup(language) if language in LanguageGroup.values else LanguageGroup.OTHER


def classify(record) -> dict[str, str]:
    """Type, UDC main class and language group of a record, as kept on summary-book lines."""
    udc = (record.udc or "").strip()
    return {
        "document_kind": DOCUMENT_KINDS.get(record.document_type, DocumentKind.OTHER),
        "subject_class": udc[0] if udc[:1].isdigit() else "",
        "language_group": language_group(record.language),
    }
