"""The library's public site (QP 607 §5.5): pages and news in three languages, and the visit statistics that
§5.5 asks the library to analyse ("сайттағы кітапхана беттеріне кіру статистикасын талдау")."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import create_sanitizer

from .constants import DEFAULT_LANGUAGE, RICH_TEXT_EXTENSIONS, SITE_LANGUAGES, PageSection, PostKind, PublicationStatus

# nh3 with the allow-list django-prose-editor derives from the editor's extensions (tags, attributes, URL schemes).
sanitise_rich_text = create_sanitizer(RICH_TEXT_EXTENSIONS)


def _rich_text(label: str) -> models.TextField:
    # A plain text column: the editor is the admin form's widget (website/admin.py), the sanitiser runs on save.
    return models.TextField(label, blank=True)


class PublicationQuerySet(models.QuerySet):
    def public(self, at: dt.datetime | None = None) -> PublicationQuerySet:
        """What an anonymous visitor may read: published, and its publication time has come."""
        return self.filter(status=PublicationStatus.PUBLISHED, published_at__lte=at or timezone.now())


class Publication(models.Model):
    """Text kept in Kazakh (mandatory), Russian and English; a missing translation shows the Kazakh text with a
    notice. Bodies are rich text, sanitised against the editor's allow-list whenever they are saved."""

    slug = models.SlugField(_("address (slug)"), max_length=120, unique=True,
                            help_text=_("Latin letters, digits and hyphens: the page's address on the site."))
    title_kk = models.CharField(_("title (Kazakh)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    body_kk = _rich_text(_("text (Kazakh)"))
    body_ru = _rich_text(_("text (Russian)"))
    body_en = _rich_text(_("text (English)"))
    status = models.CharField(_("status"), max_length=16, choices=PublicationStatus.choices,
                              default=PublicationStatus.DRAFT)
    published_at = models.DateTimeField(_("publication date"), null=True, blank=True,
                                        help_text=_("Shown to visitors from this moment; set when published."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Whatever path writes the row (the admin, an import, a service), the stored HTML is the sanitised one.
        for language in SITE_LANGUAGES:
            name = f"body_{language}"
            setattr(self, name, sanitise_rich_text(getattr(self, name) or ""))
        super().save(*args, **kwargs)

    @staticmethod
    def _language(language: str | None) -> str:
        code = (language or get_language() or DEFAULT_LANGUAGE).split("-")[0]
        return code if code in SITE_LANGUAGES else DEFAULT_LANGUAGE

    def is_translated(self, language: str | None = None) -> bool:
        """A translation exists when both its title and its text are written."""
        code = self._language(language)
        return bool(getattr(self, f"title_{code}") and getattr(self, f"body_{code}"))

    def translated_languages(self) -> list[str]:
        return [code for code in SITE_LANGUAGES if self.is_translated(code)]

    def shown_language(self, language: str | None = None) -> str:
        """The language the text is shown in: the asked one, else Kazakh (the default)."""
        code = self._language(language)
        return code if self.is_translated(code) else DEFAULT_LANGUAGE

    @property
    def is_fallback(self) -> bool:
        """Shown in Kazakh because the current language has no translation (the page says so)."""
        return self.shown_language() != self._language(None)

    def title_in(self, language: str | None = None) -> str:
        return getattr(self, f"title_{self.shown_language(language)}") or self.title_kk

    def body_in(self, language: str | None = None) -> str:
        return getattr(self, f"body_{self.shown_language(language)}")

    @property
    def title(self) -> str:
        return self.title_in()

    @property
    def body(self) -> str:
        return self.body_in()

    @property
    def is_published(self) -> bool:
        return (self.status == PublicationStatus.PUBLISHED and self.published_at is not None
                and self.published_at <= timezone.now())


class Page(Publication):
    """A static section of the site (QP 607 §5.5): "For researchers" (ORCID, Scopus, Web of Science, publishing
    support, the originality-check rules), "About", the rules of use, opening hours."""

    section = models.CharField(_("menu section"), max_length=16, choices=PageSection.choices,
                               default=PageSection.ABOUT)
    order = models.PositiveSmallIntegerField(_("order in the menu"), default=100)

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ("section", "order", "slug")

    def get_absolute_url(self) -> str:
        return reverse("website:page", kwargs={"slug": self.slug})


def _post_image_path(instance: Post, filename: str) -> str:
    return f"website/posts/{timezone.localdate():%Y}/{filename}"


class Post(Publication):
    """News and announcements of the library (QP 607 §5.5: "ҒК парақшасында жаңалықтар"), counted in §7 as
    posts published."""

    kind = models.CharField(_("kind"), max_length=16, choices=PostKind.choices, default=PostKind.NEWS)
    image = models.ImageField(_("image"), upload_to=_post_image_path, blank=True,
                              width_field="image_width", height_field="image_height",
                              help_text=_("JPEG, PNG or WebP; stored at most 1600 pixels on its longer side."))
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news and announcements")
        ordering = ("-published_at", "-pk")
        indexes = [
            # The public list and the feeds: published posts, newest first; §7 counts them per period.
            models.Index(fields=["status", "published_at"], name="website_post_public_idx"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("website:post", kwargs={"slug": self.slug})

    def get_image_url(self) -> str | None:
        return reverse("website:post_image", kwargs={"slug": self.slug}) if self.image else None


class SiteVisitDay(models.Model):
    """One day of the public site's traffic (QP 607 §5.5 "кіру статистикасы", §7): page views, unique visitors
    (distinct daily salted hashes; no address, cookie or user is stored) and catalogue searches. Written only by
    `website.services.visits_flush` with absolute figures, so a flush run twice leaves the same totals."""

    day = models.DateField(_("day"), unique=True)
    views = models.PositiveIntegerField(_("page views"), default=0)
    visitors = models.PositiveIntegerField(_("unique visitors"), default=0)
    searches = models.PositiveIntegerField(_("catalogue searches"), default=0)

    class Meta:
        verbose_name = _("site visits of a day")
        verbose_name_plural = _("site visits per day")
        ordering = ("-day",)

    def __str__(self) -> str:
        return f"{self.day}"


class PageVisitDay(models.Model):
    """Views and unique visitors of one public page on one day."""

    day = models.DateField(_("day"))
    path = models.CharField(_("page"), max_length=255)
    views = models.PositiveIntegerField(_("page views"), default=0)
    visitors = models.PositiveIntegerField(_("unique visitors"), default=0)

    class Meta:
        verbose_name = _("page visits of a day")
        verbose_name_plural = _("page visits per day")
        ordering = ("-day", "-views")
        constraints = [
            models.UniqueConstraint(fields=["day", "path"], name="website_pagevisitday_one_per_page_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.path}"


class VisitorDigest(models.Model):
    """Without Redis only: the day's salted hashes seen on a page ("" = the whole site), kept to count distinct
    visitors across the processes' batches and deleted once their day is over (the salt is gone by then too)."""

    day = models.DateField()
    path = models.CharField(max_length=255, blank=True)
    digest = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "path", "digest"], name="website_visitordigest_once"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.path}"


class DailySalt(models.Model):
    """The salt of the visitor hash for one day, shared by every process; deleted when the day is over, so a
    hash can no longer be recomputed from an address afterwards."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.day}"
