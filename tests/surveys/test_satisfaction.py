"""§7 "satisfaction %": the share of 4s and 5s among the answers to scale questions counted for satisfaction, on
readers' surveys, in the period; hand-counted here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from surveys.constants import Audience, QuestionKind
from surveys.selectors import satisfaction_percent, survey_results
from surveys.services import response_submit
from tests.factories import UserFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def _readers(n: int):
    return [UserFactory(roles=["reader"]) for _i in range(n)]


def test_satisfaction_is_the_share_of_4_and_5_on_counted_scale_questions():
    survey = SurveyFactory()
    counted = QuestionFactory(survey=survey)
    other_counted = QuestionFactory(survey=survey, is_required=False)
    not_counted = QuestionFactory(survey=survey, counts_for_satisfaction=False)
    # 7 answers counted: 5, 4, 4, 3, 1 | 5, 2  → satisfied 5, 4, 4, 5 = 4 of 7 = 57.14 %
    values = [(5, 5, 1), (4, 2, 1), (4, None, 1), (3, None, 5), (1, None, 5)]
    for person, (a, b, c) in zip(_readers(5), values, strict=True):
        answers = {counted.pk: a, not_counted.pk: c}
        if b is not None:
            answers[other_counted.pk] = b
        response_submit(survey=survey, answers=answers, respondent=person, on=dt.date(2026, 3, 10))
    assert satisfaction_percent(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == Decimal("57.14")
    assert survey_results(survey).satisfied_percent == Decimal("57.14")


def test_satisfaction_reads_only_readers_surveys_in_the_period():
    readers_survey = SurveyFactory()
    question = QuestionFactory(survey=readers_survey)
    staff_survey = SurveyFactory(audience=Audience.STAFF)
    staff_question = QuestionFactory(survey=staff_survey)
    first, second = _readers(2)
    response_submit(survey=readers_survey, answers={question.pk: 2}, respondent=first, on=dt.date(2026, 3, 2))
    response_submit(survey=readers_survey, answers={question.pk: 5}, respondent=second, on=dt.date(2026, 3, 20))
    librarian = UserFactory(roles=["librarian_service"])
    response_submit(survey=staff_survey, answers={staff_question.pk: 5}, respondent=librarian,
                    on=dt.date(2026, 3, 2))
    assert satisfaction_percent(dt.date(2026, 3, 1), dt.date(2026, 3, 10)) == Decimal("0.00")
    assert satisfaction_percent(dt.date(2026, 3, 1), dt.date(2026, 3, 20)) == Decimal("50.00")


def test_satisfaction_is_none_without_any_answer():
    QuestionFactory(survey=SurveyFactory())
    assert satisfaction_percent(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) is None


def test_results_count_each_scale_value_and_option():
    survey = SurveyFactory()
    scale = QuestionFactory(survey=survey)
    choice_question = QuestionFactory(survey=survey, kind=QuestionKind.MULTIPLE, counts_for_satisfaction=False)
    wifi = choice_question.choices.create(text_kk="Wi-Fi", position=1)
    pcs = choice_question.choices.create(text_kk="Компьютерлер", position=2)
    text = QuestionFactory(survey=survey, kind=QuestionKind.TEXT, counts_for_satisfaction=False, is_required=False)
    first, second = _readers(2)
    response_submit(survey=survey, answers={scale.pk: 5, choice_question.pk: [wifi.pk, pcs.pk],
                                            text.pk: "Залды ұзағырақ ашыңыз"}, respondent=first,
                    on=dt.date(2026, 3, 5))
    response_submit(survey=survey, answers={scale.pk: 2, choice_question.pk: [wifi.pk]}, respondent=second,
                    on=dt.date(2026, 3, 6))
    results = survey_results(survey)
    assert results.responses == 2
    by_question = {row.question.pk: row for row in results.questions}
    assert by_question[scale.pk].rows == [("1", 0), ("2", 1), ("3", 0), ("4", 0), ("5", 1)]
    assert by_question[scale.pk].mean == Decimal("3.50")
    assert by_question[choice_question.pk].rows == [("Wi-Fi", 2), ("Компьютерлер", 1)]
    assert by_question[choice_question.pk].total == 2
    assert by_question[text.pk].texts == ["Залды ұзағырақ ашыңыз"]
