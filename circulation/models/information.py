"""The information services' registers: feedback cards (607-45), bibliographic references (607-46),
exhibition requests (607-47), information service requests (607-49), the information-literacy plan and the
departments' class bookings, events and their participants (607-50), the university's publications (607-51).
The exhibitions themselves are in `exhibitions.py`."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import DEPARTMENT_HEAD

from ..constants import (
    BibliometricSource,
    ClassBookingStatus,
    EventKind,
    ExhibitionKind,
    ExhibitionRequestStatus,
    FeedbackService,
    InfoRequestStatus,
    InfoServiceKind,
    ReferenceKind,
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


class ExhibitionRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> ExhibitionRequestQuerySet:
        """A head of department sees their department's requests; the processing librarians see all."""
        from ..outreach_access import processes_outreach

        if processes_outreach(user):
            return self
        if user.academic_department_id:
            return self.filter(department_id=user.academic_department_id)
        return self.none()


class ExhibitionRequest(models.Model):
    """A department's request to prepare an exhibition (607-47), submitted on the web by the head of the
    department and processed by a librarian of the information services (QP 607 §5.5)."""

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
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ExhibitionRequestStatus.choices,
                              default=ExhibitionRequestStatus.SUBMITTED, db_index=True)
    librarian = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("responsible librarian"))
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)

    objects = ExhibitionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibition request (607-47)")
        verbose_name_plural = _("exhibition requests (607-47)")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=models.F("date_from")),
                                   name="circulation_exhibition_dates_ordered"),
            # A refusal is always explained to the department.
            models.CheckConstraint(condition=~Q(status=ExhibitionRequestStatus.REFUSED) | ~Q(refusal_reason=""),
                                   name="circulation_exhibition_request_refusal_reasoned"),
        ]

    def __str__(self) -> str:
        return self.topic[:80]

    @property
    def awaits_decision(self) -> bool:
        return self.status == ExhibitionRequestStatus.SUBMITTED

    @property
    def may_be_held(self) -> bool:
        return self.status == ExhibitionRequestStatus.ACCEPTED

    @property
    def is_refused(self) -> bool:
        return self.status == ExhibitionRequestStatus.REFUSED


class InfoServiceRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> InfoServiceRequestQuerySet:
        """The requester sees their own requests, a head also their department's; the librarians see all."""
        from ..outreach_access import processes_outreach

        if processes_outreach(user):
            return self
        if not user.is_authenticated:
            return self.none()
        mine = Q(requested_by=user)
        if user.academic_department_id and user.has_role(DEPARTMENT_HEAD):
            mine |= Q(department_id=user.academic_department_id)
        return self.filter(mine)

    def awaiting_answer(self) -> InfoServiceRequestQuerySet:
        return self.filter(status=InfoRequestStatus.SUBMITTED)


class InfoServiceRequest(models.Model):
    """A request for information-bibliographic services: consultations, trainings, webinars (607-49), submitted
    on the web by a reader for themselves or by a head for their department, and answered by a librarian."""

    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("academic department"))
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("reader"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    kind = models.CharField(_("kind"), max_length=20, choices=InfoServiceKind.choices)
    topic = models.CharField(_("topic"), max_length=500)
    details = models.TextField(_("question in detail"), blank=True)
    preferred_date = models.DateField(_("preferred date"), null=True, blank=True)
    audience = models.CharField(_("audience (group, course)"), max_length=255, blank=True)
    participants_expected = models.PositiveSmallIntegerField(_("participants expected"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=InfoRequestStatus.choices,
                              default=InfoRequestStatus.SUBMITTED, db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    librarian = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("responsible librarian"))

    objects = InfoServiceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("information service request (607-49)")
        verbose_name_plural = _("information service requests (607-49)")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(status=InfoRequestStatus.ANSWERED) | ~Q(answer=""),
                                   name="circulation_info_request_answered_has_answer"),
            models.CheckConstraint(condition=~Q(status=InfoRequestStatus.REFUSED) | ~Q(refusal_reason=""),
                                   name="circulation_info_request_refusal_reasoned"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic[:60]}"

    @property
    def awaits_answer(self) -> bool:
        return self.status == InfoRequestStatus.SUBMITTED

    @property
    def is_answered(self) -> bool:
        return self.status == InfoRequestStatus.ANSWERED

    @property
    def is_refused(self) -> bool:
        return self.status == InfoRequestStatus.REFUSED

    @property
    def requester_name(self) -> str:
        if self.reader_id:
            return self.reader.full_name
        return self.requested_by.get_full_name() if self.requested_by else ""


class LiteracyPlanItem(models.Model):
    """One line of the year's plan of information-literacy work (QP 607 §5.5, §7 "the plan of measures to teach
    users information literacy"): a class, excursion, training or event with its topic, month and audience.
    Departments book classes from it."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    topic = models.CharField(_("topic"), max_length=500)
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("responsible"))

    class Meta:
        verbose_name = _("information-literacy plan item")
        verbose_name_plural = _("information-literacy plan")
        ordering = ["year", "month", "topic"]

    def __str__(self) -> str:
        return f"{self.year}/{self.month:02d} {self.get_kind_display()}: {self.topic[:60]}"


class Event(models.Model):
    """A library event (class, excursion, training, other event) whose participants are registered (607-50);
    a class booked by a department is confirmed into one."""

    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices, default=EventKind.EVENT,
                            db_index=True)
    held_on = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    plan_item = models.ForeignKey(LiteracyPlanItem, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="events", verbose_name=_("plan item"))
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("organiser"))

    class Meta:
        verbose_name = _("event (607-50)")
        verbose_name_plural = _("events (607-50)")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title[:60]}"

    @property
    def gives_certificates(self) -> bool:
        """Trainings end with a certificate for those who attended (§7 counts the certified participants)."""
        return self.kind == EventKind.TRAINING


class ClassBookingQuerySet(models.QuerySet):
    def visible_to(self, user) -> ClassBookingQuerySet:
        from ..outreach_access import processes_outreach

        if processes_outreach(user):
            return self
        if user.academic_department_id:
            return self.filter(department_id=user.academic_department_id)
        return self.none()


class ClassBooking(models.Model):
    """A department's booking of a class, excursion or training for a study group (QP 607 §5.5): the librarian
    confirms a date and the booking becomes an event (607-50) whose participants are the group's readers."""

    created_at = models.DateTimeField(_("booked at"), default=timezone.now, db_index=True)
    department = models.ForeignKey("accounts.AcademicDepartment", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("academic department"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices, default=EventKind.CLASS)
    plan_item = models.ForeignKey(LiteracyPlanItem, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="bookings", verbose_name=_("topic from the plan"))
    topic = models.CharField(_("topic"), max_length=500)
    group_name = models.CharField(_("study group"), max_length=64)
    students_count = models.PositiveSmallIntegerField(_("number of students"),
                                                      validators=[MinValueValidator(1), MaxValueValidator(500)])
    preferred_from = models.DateField(_("preferred from"))
    preferred_to = models.DateField(_("preferred to"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ClassBookingStatus.choices,
                              default=ClassBookingStatus.SUBMITTED, db_index=True)
    event = models.OneToOneField(Event, on_delete=models.PROTECT, null=True, blank=True, related_name="booking",
                                 verbose_name=_("event"))
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("librarian"))
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    objects = ClassBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("class booking")
        verbose_name_plural = _("class bookings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(preferred_to__gte=models.F("preferred_from")),
                                   name="circulation_class_booking_dates_ordered"),
            models.CheckConstraint(condition=~Q(status=ClassBookingStatus.CONFIRMED) | Q(event__isnull=False),
                                   name="circulation_class_booking_confirmed_has_event"),
            models.CheckConstraint(condition=~Q(status=ClassBookingStatus.REFUSED) | ~Q(refusal_reason=""),
                                   name="circulation_class_booking_refusal_reasoned"),
        ]

    def __str__(self) -> str:
        return f"{self.group_name}: {self.topic[:60]}"

    @property
    def awaits_decision(self) -> bool:
        return self.status == ClassBookingStatus.SUBMITTED

    @property
    def is_refused(self) -> bool:
        return self.status == ClassBookingStatus.REFUSED


class EventParticipant(models.Model):
    """One line of the registration sheet of event participants (607-50)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event"))
    reader = models.ForeignKey(Reader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("reader"))
    full_name = models.CharField(_("full name"), max_length=255)
    unit = models.CharField(_("department, group or organisation"), max_length=255, blank=True)
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    # None until the attendance is recorded after the event.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
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
