"""The library's completeness rules of a bibliographic record (QP 607 §5.3: the database's creators control record
quality), in one place: the admin's form refuses a record that breaks one, and the write path
(`records.record_input`, used by the MARC import and the admin alike) stores a record that breaks some as it is,
flagged with its reasons, so that a legacy catalogue loses no record: the cataloguer's quality-control queue lists
the flagged records until a save brings them up to the rules, which clears the flag (issue 17.2).

A reason is a code of `QualityReason` and the field it concerns; its message is worded from the code and its figures
(`QualityIssue.message`). A record stores its reasons as {code: message}, the message in the catalogue's language
(`settings.LANGUAGE_CODE`, Kazakh: what the record's own text is checked against, whoever imported it); pages word
the code in their reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import DOCUMENT_TYPES, MIN_YEAR, DocumentType

# Mandatory library fields per document type (beyond the title, which every record has).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    DocumentType.BOOK: ("year", "place", "publisher", "language"),
    DocumentType.TEXTBOOK: ("year", "place", "publisher", "language", "udc"),
    DocumentType.METHODICAL: ("year", "place", "publisher", "language", "udc"),
    DocumentType.ARTICLE: ("authors", "year", "source", "language"),
    DocumentType.DISSERTATION: ("authors", "year", "place", "udc", "language"),
    DocumentType.AUTHOR_ABSTRACT: ("authors", "year", "place", "udc", "language"),
    DocumentType.PERIODICAL: ("place", "publisher", "language"),
    DocumentType.E_RESOURCE: ("url", "year", "language"),
}


class QualityReason(models.TextChoices):
    """Why a record is in the quality-control queue: one code per rule it breaks."""

    NO_TITLE = "no_title", gettext_lazy("No title")
    NO_YEAR = "no_year", gettext_lazy("No year of publication")
    BAD_YEAR = "bad_year", gettext_lazy("Year of publication out of range")
    NO_PLACE = "no_place", gettext_lazy("No place of publication")
    NO_PUBLISHER = "no_publisher", gettext_lazy("No publisher")
    NO_LANGUAGE = "no_language", gettext_lazy("No language")
    NO_UDC = "no_udc", gettext_lazy("No UDC index")
    BAD_UDC = "bad_udc", gettext_lazy("Invalid UDC index")
    NO_AUTHORS = "no_authors", gettext_lazy("No author")
    NO_SOURCE = "no_source", gettext_lazy("No host item (source)")
    NO_URL = "no_url", gettext_lazy("No URL")
    BAD_ISBN = "bad_isbn", gettext_lazy("Invalid ISBN")
    BAD_ISSN = "bad_issn", gettext_lazy("Invalid ISSN")
    BAD_TYPE = "bad_type", gettext_lazy("Unknown document type")


# A mandatory field left empty: its reason.
_MISSING = {
    "title": QualityReason.NO_TITLE, "year": QualityReason.NO_YEAR, "place": QualityReason.NO_PLACE,
    "publisher": QualityReason.NO_PUBLISHER, "language": QualityReason.NO_LANGUAGE, "udc": QualityReason.NO_UDC,
    "authors": QualityReason.NO_AUTHORS, "source": QualityReason.NO_SOURCE, "url": QualityReason.NO_URL,
}


@dataclass(frozen=True, slots=True)
class QualityIssue:
    """One rule a record breaks: its reason, the library field concerned and the figures of the message."""

    reason: QualityReason
    field: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        """The reason worded in the active language."""
        reason, params = self.reason, self.params
        if reason == QualityReason.NO_TITLE:
            return _("The title is mandatory.")
        if reason == QualityReason.BAD_ISBN:
            return _("ISBN %(isbn)s has a wrong check digit or length.") % params
        if reason == QualityReason.BAD_ISSN:
            return _("ISSN %(issn)s has a wrong check digit or length.") % params
        if reason == QualityReason.BAD_YEAR:
            return _("The year %(year)s is outside %(min)s–%(max)s.") % {
                **params, "min": MIN_YEAR, "max": timezone.localdate().year + 1}
        if reason == QualityReason.BAD_UDC:
            return _("\"%(udc)s\" is not a valid UDC index.") % params
        if reason == QualityReason.BAD_TYPE:
            return _("Unknown document type \"%(type)s\".") % params
        return _("Mandatory for the document type \"%(type)s\".") % {"type": DocumentType(params["type"]).label}


def year_is_valid(year: int | None) -> bool:
    if year is None or year < MIN_YEAR:
        return False
    # The local year is never behind the UTC year by more than one: only a year after this one needs the
    # local date (an import checks thousands of years a second).
    return year <= timezone.now().year or year <= timezone.localdate().year + 1


def record_issues(fields: dict[str, Any]) -> list[QualityIssue]:
    """The completeness rules a record given by its library fields breaks (empty when it keeps them all). Pure."""
    from .validators import isbn_is_valid, issn_is_valid, udc_is_valid

    issues: list[QualityIssue] = []
    if not (fields.get("title") or "").strip():
        issues.append(QualityIssue(QualityReason.NO_TITLE, "title"))
    isbn = fields.get("isbn") or ""
    if isbn and not isbn_is_valid(isbn):
        issues.append(QualityIssue(QualityReason.BAD_ISBN, "isbn", {"isbn": isbn}))
    issn = fields.get("issn") or ""
    if issn and not issn_is_valid(issn):
        issues.append(QualityIssue(QualityReason.BAD_ISSN, "issn", {"issn": issn}))
    year = fields.get("year")
    if year is not None and not year_is_valid(year):
        issues.append(QualityIssue(QualityReason.BAD_YEAR, "year", {"year": year}))
    udc = fields.get("udc") or ""
    if udc and not udc_is_valid(udc):
        issues.append(QualityIssue(QualityReason.BAD_UDC, "udc", {"udc": udc}))
    document_type = fields.get("document_type") or DocumentType.BOOK
    if document_type not in DOCUMENT_TYPES:
        issues.append(QualityIssue(QualityReason.BAD_TYPE, "document_type", {"type": document_type}))
        return issues
    broken = {issue.field for issue in issues}
    issues += [QualityIssue(_MISSING[name], name, {"type": str(document_type)})
               for name in REQUIRED_FIELDS[document_type] if fields.get(name) in (None, "") and name not in broken]
    return issues


def quality_flags(fields: dict[str, Any]) -> dict[str, str] | None:
    """What a record stores about its quality: {reason code: message in the catalogue's language}, or None when it
    keeps every rule (the column stays NULL: clean records are not in the queue's partial index)."""
    issues = record_issues(fields)
    if not issues:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return {str(issue.reason): issue.message() for issue in issues}


def reason_labels(flags: dict[str, str] | None) -> list[str]:
    """The reasons of stored flags worded in the active language (a code no longer known is shown as it is)."""
    return [str(QualityReason(code).label) if code in QualityReason.values else code for code in (flags or {})]
