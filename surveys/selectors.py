"""Reads of the surveys: §7's satisfaction %, a survey's results, the surveys open to a person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q

from accounts.roles import READER

from .constants import SATISFIED_FROM, SCALE_VALUES, Audience, QuestionKind
from .models import Answer, Participation, Response, Survey

HUNDREDTH = Decimal("0.01")


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def satisfaction_percent(date_from: dt.date, date_to: dt.date) -> Decimal | None:
    """§7 "satisfaction %": of the answers given in the period (the response's day, inclusive) to the scale
    questions marked "counts for satisfaction" of readers' surveys, the share that are 4 or 5, in percent with
    two decimals. None when the period has no such answer (there is nothing to take a share of)."""
    figures = Answer.objects.filter(
        response__survey__audience=Audience.READERS,
        response__submitted_on__gte=date_from, response__submitted_on__lte=date_to,
        question__counts_for_satisfaction=True, scale_value__isnull=False,
    ).aggregate(total=Count("id"), satisfied=Count("id", filter=Q(scale_value__gte=SATISFIED_FROM)))
    return _percent(figures["satisfied"], figures["total"])


@dataclass
class QuestionResult:
    question: object
    total: int = 0  # people who answered the question
    rows: list[tuple[str, int]] = field(default_factory=list)  # label, count (scale values or options)
    texts: list[str] = field(default_factory=list)
    mean: Decimal | None = None
    satisfied_percent: Decimal | None = None


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]
    satisfied_percent: Decimal | None


def survey_results(survey: Survey) -> SurveyResults:
    """Counts per scale value and per option, the mean of each scale, the texts, and the survey's satisfaction %
    (as §7 defines it, over this survey's counted questions). A fixed number of queries whatever the answers."""
    questions = list(survey.questions.prefetch_related("choices"))
    grouped = (Answer.objects.filter(response__survey=survey)
               .values("question_id", "scale_value", "choice_id").annotate(n=Count("id")))
    by_question: dict[int, dict] = {}
    for row in grouped:
        by_question.setdefault(row["question_id"], {})[(row["scale_value"], row["choice_id"])] = row["n"]
    people = dict(Answer.objects.filter(response__survey=survey).values("question_id")
                  .annotate(n=Count("response_id", distinct=True)).values_list("question_id", "n"))
    texts: dict[int, list[str]] = {}
    for question_id, text in (Answer.objects.filter(response__survey=survey, question__kind=QuestionKind.TEXT)
                              .exclude(text="").order_by("text").values_list("question_id", "text")):
        texts.setdefault(question_id, []).append(text)
    results, counted_total, counted_satisfied = [], 0, 0
    for question in questions:
        counts = by_question.get(question.pk, {})
        result = QuestionResult(question, total=people.get(question.pk, 0))
        if question.kind == QuestionKind.SCALE:
            per_value = {value: counts.get((value, None), 0) for value in SCALE_VALUES}
            result.rows = [(str(value), per_value[value]) for value in SCALE_VALUES]
            answered = sum(per_value.values())
            satisfied = sum(n for value, n in per_value.items() if value >= SATISFIED_FROM)
            if answered:
                result.mean = (Decimal(sum(v * n for v, n in per_value.items())) / answered).quantize(HUNDREDTH)
            result.satisfied_percent = _percent(satisfied, answered)
            if question.counts_for_satisfaction:
                counted_total += answered
                counted_satisfied += satisfied
        elif question.has_choices:
            result.rows = [(choice.text, counts.get((None, choice.pk), 0)) for choice in question.choices.all()]
        else:
            result.texts = texts.get(question.pk, [])
        results.append(result)
    return SurveyResults(survey, survey.responses.count(), results, _percent(counted_satisfied, counted_total))


def surveys_for(user, on: dt.date):
    """The surveys open that day to this person's audiences, each with `answered` (whether they have answered)."""
    audiences = []
    if user.is_authenticated:
        if user.has_role(READER):
            audiences.append(Audience.READERS)
        if user.is_staff:
            audiences.append(Audience.STAFF)
    return (Survey.objects.open_on(on).filter(audience__in=audiences)
            .annotate(answered=Exists(Response.objects.filter(survey=OuterRef("pk"), respondent=user.pk))
                      | Exists(Participation.objects.filter(survey=OuterRef("pk"), person=user.pk)))
            .order_by("closes_on", "id"))


def surveys_with_counts():
    """Every survey with its number of responses, for the results list."""
    return Survey.objects.annotate(response_count=Count("responses")).order_by("-opens_on", "-id")

