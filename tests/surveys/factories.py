"""Factories of the surveys."""

from __future__ import annotations

import datetime as dt

import factory

from surveys.constants import Audience, QuestionKind
from surveys.models import Choice, Question, Survey


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    title_kk = factory.Sequence(lambda n: f"Кітапхана қызметіне қанағаттану сауалнамасы №{n}")
    title_ru = factory.Sequence(lambda n: f"Опрос об удовлетворённости №{n}")
    title_en = factory.Sequence(lambda n: f"Satisfaction survey No. {n}")
    audience = Audience.READERS
    opens_on = dt.date(2026, 3, 1)
    closes_on = dt.date(2026, 3, 31)
    is_anonymous = False


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n)
    text_kk = factory.Sequence(lambda n: f"Қызмет сапасын бағалаңыз №{n}")
    text_ru = factory.Sequence(lambda n: f"Оцените качество обслуживания №{n}")
    text_en = factory.Sequence(lambda n: f"Rate the service No. {n}")
    kind = QuestionKind.SCALE
    is_required = True
    counts_for_satisfaction = True


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.SINGLE, counts_for_satisfaction=False)
    position = factory.Sequence(lambda n: n)
    text_kk = factory.Sequence(lambda n: f"Нұсқа {n}")
    text_ru = factory.Sequence(lambda n: f"Вариант {n}")
    text_en = factory.Sequence(lambda n: f"Option {n}")
