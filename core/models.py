"""Abstract building blocks shared by the apps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class MultilingualName(models.Model):
    """A label that readers see, kept in each interface language (Kazakh is mandatory).

    Used for admin-defined vocabularies such as reader categories or catalogue database names: the
    value shown follows the reader's language and falls back to Kazakh when a translation is missing.
    """

    name_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_in(get_language() or "kk")

    def name_in(self, language: str) -> str:
        code = (language or "kk").split("-")[0]
        return getattr(self, f"name_{code}", "") or self.name_kk


class TimeStamped(models.Model):
    """Creation and last-change moments, for registers whose rows are counted per period."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
