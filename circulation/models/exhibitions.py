"""The library's exhibitions (QP 607 §5.5): physical ones in the library and virtual ones on the public site, a
virtual exhibition being a page of catalogue records with images and text (§7 counts the virtual exhibitions
opened). A department's request (607-47) may become one."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..constants import ExhibitionKind, ExhibitionStatus
from .information import ExhibitionRequest


class ExhibitionQuerySet(models.QuerySet):
    def published(self) -> ExhibitionQuerySet:
        return self.filter(status=ExhibitionStatus.PUBLISHED)

    def open_on(self, day: dt.date) -> ExhibitionQuerySet:
        return self.published().filter(date_from__lte=day, date_to__gte=day)

    def past_on(self, day: dt.date) -> ExhibitionQuerySet:
        return self.published().filter(date_to__lt=day)

    def coming_on(self, day: dt.date) -> ExhibitionQuerySet:
        return self.published().filter(date_from__gt=day)


def exhibition_image_path(instance: models.Model, filename: str) -> str:
    return f"exhibitions/{timezone.localdate():%Y}/{filename}"


class Exhibition(models.Model):
    """An exhibition of the library (QP 607 §5.5), physical or virtual, with its title and text in each interface
    language (Kazakh mandatory, the others falling back to it). Anonymous visitors see it once published."""

    slug = models.SlugField(_("address (slug)"), max_length=120, unique=True, allow_unicode=False,
                            help_text=_("Latin letters, digits and hyphens: the end of the exhibition's address."))
    title_kk = models.CharField(_("title (Kazakh)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_kk = models.TextField(_("text (Kazakh)"), blank=True)
    description_ru = models.TextField(_("text (Russian)"), blank=True)
    description_en = models.TextField(_("text (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ExhibitionKind.choices, default=ExhibitionKind.PHYSICAL)
    place = models.CharField(_("place"), max_length=255, blank=True)
    date_from = models.DateField(_("open from"))
    date_to = models.DateField(_("open until"))
    status = models.CharField(_("status"), max_length=16, choices=ExhibitionStatus.choices,
                              default=ExhibitionStatus.DRAFT)
    image = models.ImageField(_("image"), upload_to=exhibition_image_path, blank=True)
    request = models.OneToOneField(ExhibitionRequest, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="exhibition", verbose_name=_("exhibition request (607-47)"))
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("academic department"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))

    objects = ExhibitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        ordering = ["-date_from", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=models.F("date_from")),
                                   name="circulation_exhibition_open_dates_ordered"),
        ]
        # The public lists and the §7 count read published exhibitions by their dates.
        indexes = [models.Index(fields=["status", "date_from"], name="circ_exhibition_status_from")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exhibitions:detail", kwargs={"slug": self.slug})

    def _in_language(self, field: str) -> str:
        code = (get_language() or "kk").split("-")[0]
        return getattr(self, f"{field}_{code}", "") or getattr(self, f"{field}_kk")

    @property
    def title(self) -> str:
        return self._in_language("title")

    @property
    def description(self) -> str:
        return self._in_language("description")

    @property
    def translation_missing(self) -> bool:
        """The page's language has no title of its own: the page shows the Kazakh text and says so."""
        code = (get_language() or "kk").split("-")[0]
        return code != "kk" and not getattr(self, f"title_{code}", "")

    @property
    def is_published(self) -> bool:
        return self.status == ExhibitionStatus.PUBLISHED

    @property
    def image_url(self) -> str | None:
        return self.image.url if self.image else None



def exhibition_entry_image_path(instance: models.Model, filename: str) -> str:
    return f"exhibitions/{timezone.localdate():%Y}/records/{filename}"


class ExhibitionRecord(models.Model):
    """A catalogue record shown on a virtual exhibition's page, in the order the librarian chose, with a caption
    and, when given, an image (a cover or a spread)."""

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="entries",
                                   verbose_name=_("exhibition"))
    record = models.ForeignKey("cataloguing.BibliographicRecord", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("bibliographic record"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    caption = models.TextField(_("caption"), blank=True)
    image = models.ImageField(_("image"), upload_to=exhibition_entry_image_path, blank=True)

    class Meta:
        verbose_name = _("record on an exhibition")
        verbose_name_plural = _("records on the exhibition")
        ordering = ["exhibition", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exhibition", "record"], name="circulation_exhibition_record_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.record_id}"
