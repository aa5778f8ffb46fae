"""Reference dictionaries of the library system and the log of their edits (ҚазҰТЗУ 607-33 Ү).

The dictionaries are kept here as models so cataloguers pick values from one list; every create, change and
delete goes through `services.dictionary_entry_save/delete`, which writes a `DictionaryEdit`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import MultilingualName
from core.periods import period_filter

from ..choices import DictionaryAction


class DocumentTypeEntry(MultilingualName):
    """A type of document (book, textbook, article, dissertation…), keyed by the catalogue's code."""

    code = models.SlugField(_("code"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["code"]


class LanguageEntry(MultilingualName):
    """A language of documents, keyed by its MARC 21 code (kaz, rus, eng…)."""

    code = models.CharField(_("MARC code"), max_length=3, unique=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]


class PublicationPlace(MultilingualName):
    """A place of publication as written in bibliographic descriptions (Алматы, Москва, London)."""

    country = models.CharField(_("country code"), max_length=2, blank=True, help_text=_("ISO 3166-1, e.g. KZ."))

    class Meta:
        verbose_name = _("place of publication")
        verbose_name_plural = _("places of publication")
        ordering = ["name_kk"]
        constraints = [
            models.UniqueConstraint(fields=["name_kk", "country"], name="digital_library_place_name_country_unique"),
        ]


class Publisher(models.Model):
    """A publisher, with its usual place of publication."""

    name = models.CharField(_("name"), max_length=255)
    place = models.ForeignKey(
        PublicationPlace, on_delete=models.PROTECT, null=True, blank=True, related_name="publishers",
        verbose_name=_("place of publication"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("publisher")
        verbose_name_plural = _("publishers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "place"], name="digital_library_publisher_name_place_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.place})" if self.place_id else self.name


class SubjectHeading(models.Model):
    """A subject heading of the library's rubricator; headings may be nested under a broader one."""

    heading = models.CharField(_("heading"), max_length=255)
    broader = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="narrower",
        verbose_name=_("broader heading"),
    )
    scope_note = models.TextField(_("scope note"), blank=True)

    class Meta:
        verbose_name = _("subject heading")
        verbose_name_plural = _("subject headings")
        ordering = ["heading"]
        constraints = [
            models.UniqueConstraint(fields=["heading", "broader"], name="digital_library_subject_heading_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.broader} — {self.heading}" if self.broader_id else self.heading


DICTIONARY_MODELS = (DocumentTypeEntry, LanguageEntry, PublicationPlace, Publisher, SubjectHeading)


class DictionaryEditQuerySet(models.QuerySet):
    def in_period(self, date_from, date_to):
        return self.filter(period_filter("edited_at", date_from, date_to))


class DictionaryEdit(models.Model):
    """One create/change/delete of a dictionary entry: who, when, which entry, what changed (607-33)."""

    edited_at = models.DateTimeField(_("edited at"), auto_now_add=True, db_index=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("edited by"),
    )
    dictionary = models.CharField(_("dictionary"), max_length=64, db_index=True)
    entry_id = models.PositiveBigIntegerField(_("entry id"))
    entry_repr = models.CharField(_("entry"), max_length=300)
    action = models.CharField(_("action"), max_length=8, choices=DictionaryAction.choices)
    changes = models.JSONField(
        _("changes"), default=dict, blank=True, help_text=_("Field: [old value, new value]."),
    )

    objects = DictionaryEditQuerySet.as_manager()

    class Meta:
        verbose_name = _("dictionary edit (607-33)")
        verbose_name_plural = _("dictionary edits (607-33)")
        ordering = ["-edited_at", "-pk"]
        indexes = [
            # The history of one entry, shown on its admin page.
            models.Index(fields=["dictionary", "entry_id"], name="dl_dictedit_entry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.entry_repr}"

    @property
    def dictionary_model(self) -> type[models.Model] | None:
        """The dictionary edited (one of DICTIONARY_MODELS, named by its model name; None for one since removed)."""
        return next((model for model in DICTIONARY_MODELS if model._meta.model_name == self.dictionary), None)

    @property
    def dictionary_name(self) -> str:
        model = self.dictionary_model
        return str(model._meta.verbose_name_plural) if model else self.dictionary

    @property
    def changes_text(self) -> str:
        return "; ".join(f"{field}: {old or '—'} → {new or '—'}" for field, (old, new) in self.changes.items())
