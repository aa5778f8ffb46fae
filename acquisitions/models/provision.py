"""Book provision (607-05, 607-06): programmes, disciplines with their students, recommended literature."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import LanguageGroup, LiteratureKind


class EducationalProgramme(models.Model):
    """An educational programme (ОП) of the university."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.PROTECT,
                                   related_name="programmes", verbose_name=_("academic department"))

    class Meta:
        verbose_name = _("educational programme")
        verbose_name_plural = _("educational programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Discipline(models.Model):
    """A discipline taught in a semester to a number of students: the unit of book provision (607-05)."""

    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=255)
    programme = models.ForeignKey(EducationalProgramme, on_delete=models.PROTECT, related_name="disciplines",
                                  verbose_name=_("educational programme"))
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.PROTECT,
                                   related_name="disciplines", verbose_name=_("academic department"))
    semester = models.PositiveSmallIntegerField(_("semester"))
    students = models.PositiveIntegerField(_("students"))
    language = models.CharField(_("language of study"), max_length=8, choices=LanguageGroup.choices,
                                default=LanguageGroup.KAZAKH)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["department", "semester", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code", "semester"], name="acq_discipline_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RecommendedLiterature(models.Model):
    """A catalogue record recommended for a discipline as main or additional literature."""

    discipline = models.ForeignKey(Discipline, on_delete=models.CASCADE, related_name="literature",
                                   verbose_name=_("discipline"))
    record = models.ForeignKey("cataloguing.BibliographicRecord", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("bibliographic record"))
    kind = models.CharField(_("main / additional"), max_length=16, choices=LiteratureKind.choices)
    e_access = models.PositiveIntegerField(
        _("electronic access (licences)"), default=0,
        help_text=_("Concurrent licences of the e-version; counted separately from print copies."),
    )

    class Meta:
        verbose_name = _("recommended literature")
        verbose_name_plural = _("recommended literature")
        ordering = ["discipline", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["discipline", "record"], name="acq_recommended_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.discipline}: {self.record}"
