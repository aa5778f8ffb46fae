"""Answering a survey: once per person, anonymity kept at the database level, one-time links, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from freezegun import freeze_time

from surveys.constants import Audience, QuestionKind
from surveys.exceptions import AlreadyAnswered, InvalidAnswers, SurveyClosed, SurveyError
from surveys.models import Answer, Invitation, Participation, Response
from surveys.services import invitations_issue, response_submit
from tests.factories import UserFactory

from .factories import QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def test_reader_answers_a_named_survey_only_once(reader):
    question = QuestionFactory(survey=SurveyFactory(is_anonymous=False))
    response = response_submit(survey=question.survey, answers={question.pk: 5}, respondent=reader, on=DAY)
    assert response.respondent == reader
    with pytest.raises(AlreadyAnswered):
        response_submit(survey=question.survey, answers={question.pk: 1}, respondent=reader, on=DAY)
    assert Answer.objects.get().scale_value == 5


def test_the_database_refuses_a_second_named_response():
    survey = SurveyFactory(is_anonymous=False)
    person = UserFactory(roles=["reader"])
    Response.objects.create(survey=survey, respondent=person, submitted_on=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, respondent=person, submitted_on=DAY)


def test_anonymous_answer_stores_no_link_to_the_person(reader):
    question = QuestionFactory(survey=SurveyFactory(is_anonymous=True))
    text = QuestionFactory(survey=question.survey, kind=QuestionKind.TEXT, counts_for_satisfaction=False)
    response_submit(survey=question.survey, answers={question.pk: 4, text.pk: "Жақсы"}, respondent=reader, on=DAY)
    # Read the rows as stored: no column of the response or its answers holds the reader's id or a time.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Response._meta.db_table}")
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    assert len(rows) == 1
    stored = dict(zip(columns, rows[0], strict=True))
    assert stored["respondent_id"] is None
    assert set(columns) == {"id", "survey_id", "respondent_id", "submitted_on"}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Answer._meta.db_table}")
        answer_columns = [c[0] for c in cursor.description]
    assert not {"respondent_id", "person_id", "user_id", "created_at"} & set(answer_columns)
    # The participation says the reader answered (once-rule), and points to no response.
    participation_columns = {f.column for f in Participation._meta.concrete_fields}
    assert participation_columns == {"id", "survey_id", "person_id"}
    assert Participation.objects.filter(person=reader).count() == 1


def test_reader_answers_an_anonymous_survey_only_once(reader):
    question = QuestionFactory(survey=SurveyFactory(is_anonymous=True))
    response_submit(survey=question.survey, answers={question.pk: 4}, respondent=reader, on=DAY)
    with pytest.raises(AlreadyAnswered):
        response_submit(survey=question.survey, answers={question.pk: 2}, respondent=reader, on=DAY)
    assert Response.objects.count() == 1


def test_one_time_link_answers_once_and_keeps_only_its_hash():
    question = QuestionFactory(survey=SurveyFactory(is_anonymous=True))
    token, other = invitations_issue(survey=question.survey, count=2)
    assert not Invitation.objects.filter(token_hash__in=[token, other]).exists()
    response_submit(survey=question.survey, answers={question.pk: 5}, invitation_token=token, on=DAY)
    with pytest.raises(AlreadyAnswered):
        response_submit(survey=question.survey, answers={question.pk: 5}, invitation_token=token, on=DAY)
    with pytest.raises(AlreadyAnswered):
        response_submit(survey=question.survey, answers={question.pk: 5}, invitation_token="made-up", on=DAY)
    response_submit(survey=question.survey, answers={question.pk: 3}, invitation_token=other, on=DAY)
    assert Response.objects.filter(respondent__isnull=True).count() == 2


def test_named_survey_has_no_one_time_links():
    survey = SurveyFactory(is_anonymous=False)
    with pytest.raises(SurveyError):
        invitations_issue(survey=survey, count=5)


def test_missing_and_wrong_answers_are_refused_with_nothing_written(reader):
    survey = SurveyFactory()
    scale = QuestionFactory(survey=survey)
    single = QuestionFactory(survey=survey, kind=QuestionKind.SINGLE, counts_for_satisfaction=False)
    yes = single.choices.create(text_kk="Иә")
    multiple = QuestionFactory(survey=survey, kind=QuestionKind.MULTIPLE, counts_for_satisfaction=False)
    with pytest.raises(InvalidAnswers) as error:
        response_submit(survey=survey, answers={scale.pk: 7, single.pk: None, multiple.pk: [yes.pk]},
                        respondent=reader, on=DAY)
    assert set(error.value.errors) == {scale.pk, single.pk, multiple.pk}
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_closed_survey_takes_no_answers(reader):
    question = QuestionFactory(survey=SurveyFactory())
    with pytest.raises(SurveyClosed):
        response_submit(survey=question.survey, answers={question.pk: 5}, respondent=reader,
                        on=dt.date(2026, 4, 1))


def test_reader_cannot_answer_a_staff_survey(reader, librarian):
    question = QuestionFactory(survey=SurveyFactory(audience=Audience.STAFF))
    with pytest.raises(PermissionDenied):
        response_submit(survey=question.survey, answers={question.pk: 5}, respondent=reader, on=DAY)
    response_submit(survey=question.survey, answers={question.pk: 5}, respondent=librarian, on=DAY)


@freeze_time("2026-03-10 09:00:00+05:00")
def test_reader_answers_from_the_cabinet_once(client_for, reader):
    question = QuestionFactory(survey=SurveyFactory(is_anonymous=True))
    client = client_for(reader)
    page = client.get("/surveys/")
    assert question.survey.title_kk in page.content.decode()
    answer_url = f"/surveys/{question.survey.pk}/"
    assert client.get(answer_url).status_code == 200
    response = client.post(answer_url, {f"q{question.pk}": "5"})
    assert response.status_code == 200
    assert Answer.objects.get().scale_value == 5
    assert client.get(answer_url).status_code == 302  # already answered: back to the list
    assert client.post(answer_url, {f"q{question.pk}": "1"}).status_code == 302
    assert Answer.objects.count() == 1


@freeze_time("2026-03-10 09:00:00+05:00")
def test_form_shows_the_services_message_beside_the_question(client_for, reader):
    question = QuestionFactory(survey=SurveyFactory())
    response = client_for(reader).post(f"/surveys/{question.survey.pk}/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Answer this question." in response.content.decode()
    assert not Response.objects.exists()


@freeze_time("2026-03-10 09:00:00+05:00")
def test_one_time_link_works_without_signing_in_once(client):
    question = QuestionFactory(survey=SurveyFactory(is_anonymous=True))
    (token,) = invitations_issue(survey=question.survey, count=1)
    url = f"/surveys/link/{token}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {f"q{question.pk}": "4"}).status_code == 200
    assert client.get(url).status_code == 410
    assert client.post(url, {f"q{question.pk}": "4"}).status_code == 410
    assert Response.objects.count() == 1
