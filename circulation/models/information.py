"""The information services' registers: feedback cards (607-45), bibliographic references (607-46),
exhibition requests (607-47), information service requests (607-49), events and their participants (607-50),
the university's publications (607-51)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import (
    BibliometricSource,
    ExhibitionKind,
    FeedbackService,
    InfoServiceKind,
    ReferenceKind,
    RequestStatus,
)
from .readers import Reader


class FeedbackCard(models.Model):
    """A feedback card (607-45): ratings of a service, what the reader could not get (feeds the refusal
    analysis), suggestions, and the library's handling of it."""

    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback",
                               verbose_name=_("reader"))
    respondent_category = models.ForeignKey("accounts.ReaderCategory", on_delete=models.PROTECT, null=True,
                                            blank=True, related_name="+", verbose_name=_("respondent category"))
    service = models.CharField(_("service rated"), max_length=16, choices=FeedbackService.choices)
    rating_access = models.PositiveSmallIntegerField(_("availability and opening hours"),
                                                     validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_fund = models.PositiveSmallIntegerField(_("completeness of the fund"),
                                                   validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_e_resources = models.PositiveSmallIntegerField(_("quality of electronic resources"),
                                                          validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_staff = models.PositiveSmallIntegerField(_("competence and courtesy of staff"),
                                                    validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_comfort = models.PositiveSmallIntegerField(_("comfort of the premises"),
                                                      validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_overall = models.PositiveSmallIntegerField(_("overall satisfaction"),
                                                      validators=[MinValueValidator(1), MaxValueValidator(5)])
    not_obtained = models.TextField(_("what could you not get?"), blank=True)
    suggestions = models.TextField(_("suggestions or complaints"), blank=True)
    response = models.TextField(_("action taken"), blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("responsible"))
    responded_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback card (607-45)")
        verbose_name_plural = _("feedback cards (607-45)")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"№ {self.pk} {self.created_at:%Y-%m-%d}"

    @property
    def average(self) -> float:
        values = [self.rating_access, self.rating_fund, self.rating_e_resources, self.rating_staff,
                  self.rating_comfort, self.rating_overall]
        return round(sum(values) / len(values), 2)


class ReferenceEntry(models.Model):
    """A bibliographic reference given to a reader (607-46): the accounting sheet of references."""

    given_on = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("reader"))
    requester = models.CharField(_("requester"), max_length=255, blank=True,
                                 help_text=_("Name and unit, when the person is not a registered reader."))
    kind = models.CharField(_("kind of reference"), max_length=16, choices=ReferenceKind.choices)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer and sources"), blank=True)
    remote = models.BooleanField(_("virtual (remote) reference"), default=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("librarian"))

    class Meta:
        verbose_name = _("bibliographic reference (607-46)")
        verbose_name_plural = _("bibliographic references (607-46)")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.given_on} {self.question[:60]}"


class ExhibitionRequest(models.Model):
    """A department's request to prepare an exhibition (607-47)."""

    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("academic department"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    topic = models.CharField(_("topic"), max_length=500)
    occasion = models.CharField(_("occasion or event"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ExhibitionKind.choices, default=ExhibitionKind.PHYSICAL)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.NEW)
    librarian = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("responsible librarian"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("exhibition request (607-47)")
        verbose_name_plural = _("exhibition requests (607-47)")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=models.F("date_from")),
                                   name="circulation_exhibition_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.topic[:80]


class InfoServiceRequest(models.Model):
    """A request for information-bibliographic services: consultations, trainings, webinars (607-49)."""

    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("academic department"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    kind = models.CharField(_("kind"), max_length=20, choices=InfoServiceKind.choices)
    topic = models.CharField(_("topic"), max_length=500)
    preferred_date = models.DateField(_("preferred date"), null=True, blank=True)
    audience = models.CharField(_("audience (group, course)"), max_length=255, blank=True)
    participants_expected = models.PositiveSmallIntegerField(_("participants expected"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.NEW)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    librarian = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("responsible librarian"))

    class Meta:
        verbose_name = _("information service request (607-49)")
        verbose_name_plural = _("information service requests (607-49)")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic[:60]}"


class Event(models.Model):
    """A library event (presentation, training, round table) whose participants are registered (607-50)."""

    title = models.CharField(_("title"), max_length=500)
    held_on = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("organiser"))

    class Meta:
        verbose_name = _("event (607-50)")
        verbose_name_plural = _("events (607-50)")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title[:60]}"


class EventParticipant(models.Model):
    """One line of the registration sheet of event participants (607-50)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event"))
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("reader"))
    full_name = models.CharField(_("full name"), max_length=255)
    unit = models.CharField(_("department, group or organisation"), max_length=255, blank=True)
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    certified = models.BooleanField(_("certificate issued"), default=False)

    class Meta:
        verbose_name = _("event participant")
        verbose_name_plural = _("event participants")
        ordering = ["event", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class Publication(models.Model):
    """A publication of the university's authors from an export of a bibliometric database (Scopus, Web of
    Science…), the data of the publication activity analysis (607-51) per department, author and year."""

    source = models.CharField(_("database"), max_length=8, choices=BibliometricSource.choices)
    external_id = models.CharField(_("identifier in the database"), max_length=128,
                                   help_text=_("EID, UT (accession number) or DOI."))
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    title = models.TextField(_("title"))
    authors = models.TextField(_("authors"), blank=True)
    university_authors = models.CharField(
        _("university authors"), max_length=500, blank=True,
        help_text=_("\"; \"-separated names of the university's authors, as counted in the analysis."),
    )
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("academic department"))
    journal = models.CharField(_("journal or source"), max_length=500, blank=True)
    document_type = models.CharField(_("document type"), max_length=64, blank=True)
    doi = models.CharField(_("DOI"), max_length=255, blank=True)
    citations = models.PositiveIntegerField(_("citations"), default=0)
    quartile = models.CharField(_("quartile"), max_length=2, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("publication (607-51)")
        verbose_name_plural = _("publications (607-51)")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="circulation_publication_unique_in_source"),
        ]
        indexes = [models.Index(fields=["department", "year"], name="circ_pub_dept_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.title[:80]}"

    def author_names(self) -> list[str]:
        return [name.strip() for name in self.university_authors.split(";") if name.strip()]
