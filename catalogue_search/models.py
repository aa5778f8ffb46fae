"""The search read model of the public catalogue (issue 3, item 10; QP 607 §5.3, electronic catalogue).

One `SearchEntry` per bibliographic record, rebuilt from cataloguing's records and items by
`services.reindex_records()`; nothing here is edited by hand. On PostgreSQL the migrations add the GIN
index (full text over `vector`), the trigram index over the vocabulary and a pattern index for UDC
prefixes; on SQLite (demo) search reads `folded` with LIKE.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The searchable, facetable form of one bibliographic record (607-25) with its copies' availability.

    `vector` holds, per field, the Russian-config tsvector of the original text (Russian stemming for
    Cyrillic words, English stemming for ASCII words) and the 'simple'-config tsvector of the script-neutral
    fold taken to Kazakh stems (Kazakh in any script and any inflection; `folded` holds the same words),
    weighted title A, authors B, subjects C, annotation D. Ranking reads title/author matches first by asking
    the same vector for weights A and B only (`selectors._tiers`).
    """

    record = models.OneToOneField(
        "cataloguing.BibliographicRecord", on_delete=models.CASCADE, primary_key=True, related_name="search_entry",
        verbose_name=_("bibliographic record"),
    )
    # Not indexed alone: the (database, document_type) index leads with it.
    database = models.ForeignKey(
        "cataloguing.CatalogueDatabase", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("catalogue database"), db_index=False,
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=3, blank=True)
    document_type = models.CharField(_("document type"), max_length=20)
    # Not indexed: an ISBN query finds its records through the bibliographic record's own ISBN index.
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True)
    udc = models.CharField(_("UDC"), max_length=255, blank=True)
    # The record's BBK numbers from MARC 084 as matching keys (`classification.bbk_index_key`): a BBK query
    # is a prefix of the first (a pattern index on PostgreSQL, as for `udc`).
    bbk = models.CharField(_("BBK"), max_length=255, blank=True, default="")
    folded_head = models.TextField(_("folded title and authors"), blank=True)
    folded = models.TextField(_("folded text"), blank=True)
    items_count = models.PositiveIntegerField(_("copies"), default=0, help_text=_("Copies not lost or written off."))
    available_count = models.PositiveIntegerField(_("copies on the shelf"), default=0)
    vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        indexes = [
            # Facet filters without a query ("all Kazakh textbooks of 2020") and BitmapAnd with full text.
            models.Index(fields=["year"], name="search_entry_year"),
            models.Index(fields=["database", "document_type"], name="search_entry_db_type"),
            models.Index(fields=["language"], name="search_entry_language"),
        ]

    def __str__(self) -> str:
        return f"#{self.record_id}"

    @property
    def is_available(self) -> bool:
        return self.available_count > 0


class SearchWord(models.Model):
    """A folded word that occurs in the catalogue: the vocabulary the typo fallback corrects against
    (pg_trgm similarity over a trigram GIN index). Words are only added; a stale word merely suggests
    a correction that finds nothing, and `rebuild_search_index --full` starts the vocabulary afresh."""

    word = models.CharField(_("word"), max_length=64, primary_key=True)

    class Meta:
        verbose_name = _("search vocabulary word")
        verbose_name_plural = _("search vocabulary")

    def __str__(self) -> str:
        return self.word
