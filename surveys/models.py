"""Satisfaction surveys (QP 607 §7 "satisfaction %", §5.5 "results of the service users' survey", §5.1 staff
surveys): questionnaires staff edit in three languages, and the answers readers and staff give once each.

Anonymity (a survey marked anonymous): the answer keeps no link to the person, not even an indirect one. The
response has no respondent; that the person has answered is kept apart (`Participation`, for the once-per-person
rule) with no time and no reference to the response; responses and answers take random ids (UUID) and only the
day of the answer, so neither their order nor their ids pair them with a participation. (What the database
server keeps for itself, such as PostgreSQL's transaction id of each row, is out of reach of the application and
of this rule: it is for whoever administers the server.)
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.roles import READER

from .constants import SCALE_VALUES, Audience, QuestionKind


def _in_language(row, field: str) -> str:
    code = (get_language() or "kk").split("-")[0]
    return getattr(row, f"{field}_{code}", "") or getattr(row, f"{field}_kk")


class SurveyQuerySet(models.QuerySet):
    def open_on(self, on: dt.date):
        return self.filter(opens_on__lte=on, closes_on__gte=on)


class Survey(models.Model):
    """A questionnaire for readers or staff, open between two dates, anonymous or not (QP 607 §7)."""

    title_kk = models.CharField(_("title (Kazakh)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    intro_kk = models.TextField(_("introduction (Kazakh)"), blank=True)
    intro_ru = models.TextField(_("introduction (Russian)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    audience = models.CharField(_("audience"), max_length=8, choices=Audience.choices, default=Audience.READERS)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    is_anonymous = models.BooleanField(
        _("anonymous"), default=True,
        help_text=_("Answers keep no link to the person; one-time links can be issued for people not signed in."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")),
                                   name="surveys_survey_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def intro(self) -> str:
        return _in_language(self, "intro")

    def is_open(self, on: dt.date) -> bool:
        return self.opens_on <= on <= self.closes_on

    def admits(self, user) -> bool:
        """Whether this person is of the survey's audience: a reader for readers' surveys, staff for staff's."""
        if not user.is_authenticated:
            return False
        if self.audience == Audience.STAFF:
            return bool(user.is_staff)
        return user.has_role(READER)


class Question(models.Model):
    """A question of a survey: a 1–5 scale, a single or multiple choice, or free text."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text_kk = models.TextField(_("question (Kazakh)"))
    text_ru = models.TextField(_("question (Russian)"), blank=True)
    text_en = models.TextField(_("question (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=QuestionKind.choices, default=QuestionKind.SCALE)
    is_required = models.BooleanField(_("required"), default=True)
    counts_for_satisfaction = models.BooleanField(
        _("counts for satisfaction"), default=False,
        help_text=_("Scale questions only: answers of 4 and 5 count as satisfied in the satisfaction % (§7)."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(counts_for_satisfaction=False) | Q(kind=QuestionKind.SCALE),
                                   name="surveys_question_satisfaction_is_scale"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _in_language(self, "text")

    @property
    def has_choices(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Choice(models.Model):
    """An option of a single- or multiple-choice question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices",
                                 verbose_name=_("question"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text_kk = models.CharField(_("option (Kazakh)"), max_length=255)
    text_ru = models.CharField(_("option (Russian)"), max_length=255, blank=True)
    text_en = models.CharField(_("option (English)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _in_language(self, "text")


class Response(models.Model):
    """One person's filled questionnaire. `respondent` is set only for a survey that is not anonymous; the
    unique constraint is the once-per-person rule there (anonymous surveys keep it in `Participation`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses", verbose_name=_("survey"))
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("respondent"))
    submitted_on = models.DateField(_("answered on"), db_index=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_on"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent"], condition=Q(respondent__isnull=False),
                                    name="surveys_response_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.submitted_on:%d.%m.%Y}"


class Answer(models.Model):
    """The answer to one question: a scale value, one chosen option (a multiple choice gives a row per option),
    or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name=_("response"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers",
                                 verbose_name=_("question"))
    scale_value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="answers",
                               verbose_name=_("option"))
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_value__isnull=True) | Q(scale_value__gte=SCALE_VALUES[0],
                                                         scale_value__lte=SCALE_VALUES[-1]),
                name="surveys_answer_scale_range",
            ),
            models.UniqueConstraint(fields=["response", "question", "choice"], name="surveys_answer_option_once"),
            models.UniqueConstraint(fields=["response", "question"], condition=Q(choice__isnull=True),
                                    name="surveys_answer_question_once"),
        ]

    def __str__(self) -> str:
        return str(self.question)


class Participation(models.Model):
    """That a person has answered an anonymous survey (the once-per-person rule), and nothing else: no time and
    no link to the response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+", verbose_name=_("survey"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("person"))

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="surveys_participation_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.person}"


class Invitation(models.Model):
    """A one-time link to an anonymous survey for someone not signed in (a printed card in a reading room, a
    mailing to a group). The rule: one answer per link. The link's token is shown once when issued and only its
    SHA-256 is kept, so the database cannot answer in anyone's name; using it sets `used` by a conditional
    update (a second use, even a simultaneous one, finds it used). Nothing records who held it or when it was
    used, so it does not undo the survey's anonymity."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations",
                               verbose_name=_("survey"))
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    used = models.BooleanField(_("used"), default=False)

    class Meta:
        verbose_name = _("one-time link")
        verbose_name_plural = _("one-time links")

    def __str__(self) -> str:
        return f"{self.survey} · {self.token_hash[:8]}"
