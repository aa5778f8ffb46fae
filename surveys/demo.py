"""Demo surveys: the readers' anonymous satisfaction survey of the spring, answered by the demo readers and through
one-time links, a named survey of the autumn open now (the demo reader still has it to answer), and the staff's
anonymous survey of working conditions. Their answers give the year's satisfaction % (§7)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from accounts.models import User
from accounts.roles import READER

from .constants import Audience, QuestionKind
from .models import Choice, Question, Survey
from .services import invitations_issue, response_submit, survey_save

READERS_QUESTIONS = [
    (QuestionKind.SCALE, True, "Кітапхана қызметінің сапасын жалпы бағалаңыз",
     "Оцените качество обслуживания в библиотеке в целом", "Rate the library's service overall", []),
    (QuestionKind.SCALE, True, "Қажетті әдебиетті табу қаншалықты оңай?", "Насколько легко найти нужную литературу?",
     "How easy is it to find the literature you need?", []),
    (QuestionKind.SCALE, True, "Электрондық каталог пен жеке кабинетті бағалаңыз",
     "Оцените электронный каталог и личный кабинет", "Rate the electronic catalogue and the personal cabinet", []),
    (QuestionKind.SINGLE, False, "Кітапханаға қаншалықты жиі келесіз?", "Как часто вы посещаете библиотеку?",
     "How often do you visit the library?",
     [("Күн сайын", "Ежедневно", "Daily"), ("Аптасына бір-екі рет", "Раз-два в неделю", "Once or twice a week"),
      ("Айына бір рет", "Раз в месяц", "Once a month"), ("Сирек", "Редко", "Rarely")]),
    (QuestionKind.MULTIPLE, False, "Қандай қызметтерді пайдаланасыз?", "Какими услугами вы пользуетесь?",
     "Which services do you use?",
     [("Абонемент", "Абонемент", "Loan desk"), ("Оқу залы", "Читальный зал", "Reading room"),
      ("Электрондық кітапхана", "Электронная библиотека", "Digital library"), ("Wi-Fi", "Wi-Fi", "Wi-Fi")]),
    (QuestionKind.TEXT, False, "Кітапхананың жұмысын жақсарту бойынша ұсыныстарыңыз",
     "Ваши предложения по улучшению работы библиотеки", "Your suggestions to improve the library", []),
]
STAFF_QUESTIONS = [
    (QuestionKind.SCALE, False, "Жұмыс орныңыздың жабдықталуын бағалаңыз", "Оцените оснащение вашего рабочего места",
     "Rate the equipment of your workstation", []),
    (QuestionKind.SCALE, False, "Біліктілікті арттыру мүмкіндіктерін бағалаңыз",
     "Оцените возможности повышения квалификации", "Rate the opportunities for professional development", []),
    (QuestionKind.TEXT, False, "Не өзгерту керек?", "Что нужно изменить?", "What should change?", []),
]
SUGGESTIONS = ["Оқу залын сессия кезінде 22:00-ге дейін ашу керек.", "Көбірек ағылшын тіліндегі оқулықтар керек.",
               "Wi-Fi жылдамдығын арттыру қажет.", "Больше розеток в читальном зале.", ""]


def _survey(title: tuple[str, str, str], audience: str, opens_on: dt.date, closes_on: dt.date, anonymous: bool,
            questions: list, by) -> Survey:
    survey = survey_save(survey=Survey(title_kk=title[0], title_ru=title[1], title_en=title[2], audience=audience,
                                       opens_on=opens_on, closes_on=closes_on, is_anonymous=anonymous), by=by)
    for position, (kind, counts, kk, ru, en, options) in enumerate(questions, start=1):
        question = Question.objects.create(survey=survey, position=position, kind=kind, text_kk=kk, text_ru=ru,
                                           text_en=en, counts_for_satisfaction=counts,
                                           is_required=kind == QuestionKind.SCALE)
        Choice.objects.bulk_create([Choice(question=question, position=n, text_kk=o[0], text_ru=o[1], text_en=o[2])
                                    for n, o in enumerate(options, start=1)])
    return survey


def _answers(survey: Survey, rng: random.Random) -> dict:
    answers = {}
    for question in survey.questions.prefetch_related("choices"):
        options = [c.pk for c in question.choices.all()]
        if question.kind == QuestionKind.SCALE:
            answers[question.pk] = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 6, 14, 12])[0]
        elif question.kind == QuestionKind.SINGLE:
            answers[question.pk] = rng.choice(options)
        elif question.kind == QuestionKind.MULTIPLE:
            answers[question.pk] = rng.sample(options, rng.randint(1, len(options)))
        else:
            answers[question.pk] = rng.choice(SUGGESTIONS)
    return answers


def load(stdout) -> None:
    if Survey.objects.exists():
        stdout.write("surveys: already there")
        return
    rng = random.Random(607)  # noqa: S311 - the same demo answers on every load, nothing secret
    today = timezone.localdate()
    year_start = dt.date(today.year, 1, 1)
    analyst = User.objects.filter(username="analyst").first()
    readers = list(User.objects.filter(groups__name=READER).exclude(username="reader").order_by("username"))

    # Spring: anonymous, answered by the demo readers (signed in) and 40 one-time links from the reading rooms.
    opens_on = max(year_start, today - dt.timedelta(days=150))
    closes_on = min(opens_on + dt.timedelta(days=30), today)
    spring = _survey(("Оқырмандардың кітапхана қызметіне қанағаттануы", "Удовлетворённость читателей обслуживанием",
                      "Readers' satisfaction with the library's service"), Audience.READERS, opens_on, closes_on,
                     True, READERS_QUESTIONS, analyst)
    span = (closes_on - opens_on).days
    for person in readers:
        response_submit(survey=spring, answers=_answers(spring, rng), respondent=person,
                        on=opens_on + dt.timedelta(days=rng.randint(0, span)))
    for token in invitations_issue(survey=spring, count=40):
        response_submit(survey=spring, answers=_answers(spring, rng), invitation_token=token,
                        on=opens_on + dt.timedelta(days=rng.randint(0, span)))

    # Autumn: named and open now; the readers but the demo "reader" have answered.
    autumn_opens = max(year_start, today - dt.timedelta(days=10))
    autumn = _survey(("Электрондық ресурстар туралы сауалнама", "Опрос об электронных ресурсах",
                      "Survey on electronic resources"), Audience.READERS, autumn_opens,
                     today + dt.timedelta(days=30), False, READERS_QUESTIONS[1:3] + READERS_QUESTIONS[5:], analyst)
    for person in readers:
        response_submit(survey=autumn, answers=_answers(autumn, rng), respondent=person,
                        on=autumn_opens + dt.timedelta(days=rng.randint(0, (today - autumn_opens).days)))

    # Staff: anonymous, open now; some of the staff have answered.
    title = ("Қызметкерлердің жұмыс жағдайларына қанағаттануы", "Удовлетворённость сотрудников условиями работы",
             "Staff satisfaction with working conditions")
    staff_survey = _survey(title, Audience.STAFF, autumn_opens, today + dt.timedelta(days=20), True, STAFF_QUESTIONS,
                           analyst)
    for person in User.objects.filter(is_staff=True, username__in=["desk", "cataloguer", "storage"]):
        response_submit(survey=staff_survey, answers=_answers(staff_survey, rng), respondent=person, on=today)
    stdout.write(f"surveys: {Survey.objects.count()} surveys, {spring.responses.count()} spring responses")
