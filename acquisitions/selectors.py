"""Reads of acquisitions that are more than a filter: holdings look-up, review queue."""

from __future__ import annotations

from django.apps import apps

from .constants import LineStatus, RequestStatus
from .models import RequestLine

HOLDINGS_LIMIT = 8


def holdings_matching(query: str) -> list[dict]:
    """Catalogue records whose title (or ISBN) matches what is being typed, with copies held."""
    query = " ".join(query.split())
    if len(query) < 3:
        return []
    try:
        record_model = apps.get_model("cataloguing", "BibliographicRecord")
    except LookupError:
        return []
    from django.db.models import Count, Q

    digits = "".join(ch for ch in query if ch.isdigit() or ch in "xX")
    condition = Q(title__icontains=query)
    if len(digits) >= 10:
        condition |= Q(isbn=digits.upper())
    records = (
        record_model.objects.filter(condition)
        .annotate(copies=Count("items", filter=~Q(items__status__in=["written_off", "lost"])))
        .order_by("-year")[:HOLDINGS_LIMIT]
    )
    return [
        {"title": r.title, "authors": r.authors, "year": r.year, "publisher": r.publisher, "isbn": r.isbn,
         "copies": r.copies}
        for r in records
    ]


def lines_under_review():
    return RequestLine.objects.filter(
        request__status=RequestStatus.SUBMITTED,
        status__in=(LineStatus.SUBMITTED, LineStatus.CORRECTED),
        order_line__isnull=True,
    ).order_by("request__kind", "title", "id")
