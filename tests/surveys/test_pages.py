"""Who edits, answers and reads the results of surveys, per role; the results page and its PDF; query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from surveys.constants import Audience, QuestionKind
from surveys.services import response_submit
from tests.factories import UserFactory

from .factories import ChoiceFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db

@pytest.mark.parametrize(("persona", "status"), [
    ("reader", 403), ("librarian", 403), ("analytics_librarian", 200), ("department_head", 403),
    ("director", 200), ("vice_rector", 200), ("sysadmin", 200),
])
def test_results_are_read_by_the_director_analysts_and_management(request, client_for, persona, status):
    survey = SurveyFactory()
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("surveys:results_list")).status_code == status
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == status


@pytest.mark.parametrize(("persona", "can_edit"), [
    ("librarian", False), ("analytics_librarian", True), ("director", True), ("vice_rector", False),
    ("sysadmin", True),
])
def test_surveys_are_edited_by_the_director_and_analysts(request, client_for, persona, can_edit):
    client = client_for(request.getfixturevalue(persona))
    assert (client.get(reverse("admin:surveys_survey_add")).status_code == 200) is can_edit


def test_anonymous_visitor_is_sent_to_sign_in(client):
    survey = SurveyFactory()
    for url in (reverse("surveys:my_surveys"), reverse("surveys:answer", args=[survey.pk]),
                reverse("surveys:results_list")):
        assert client.get(url).status_code == 302


@freeze_time("2026-03-10 09:00:00+05:00")
@pytest.mark.parametrize(("persona", "readers_status", "staff_status"), [
    ("reader", 200, 403), ("librarian", 403, 200), ("director", 403, 200), ("department_head", 403, 403),
])
def test_each_audience_answers_its_own_surveys(request, client_for, persona, readers_status, staff_status):
    readers = QuestionFactory(survey=SurveyFactory()).survey
    staff = QuestionFactory(survey=SurveyFactory(audience=Audience.STAFF)).survey
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("surveys:answer", args=[readers.pk])).status_code == readers_status
    assert client.get(reverse("surveys:answer", args=[staff.pk])).status_code == staff_status


def test_staff_answer_from_their_home_and_readers_from_the_header(reader, librarian):
    from core.navigation import registry

    assert "surveys.staff" in {entry.key for entry in registry.links_for(librarian)}
    assert "surveys.mine" in {entry.key for entry in registry.links_for(reader, header=True)}
    assert "surveys.mine" not in {entry.key for entry in registry.links_for(librarian, header=True)}


@pytest.mark.parametrize(("persona", "status"), [("reader", 403), ("librarian", 403), ("director", 200),
                                                 ("analytics_librarian", 200)])
def test_one_time_links_are_issued_by_who_edits_surveys(request, client_for, persona, status):
    survey = SurveyFactory(is_anonymous=True)
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("surveys:invitations", args=[survey.pk]), {"count": "3"})
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].startswith("text/csv")
        assert response.content.decode().count("/surveys/link/") == 3


def _answered_survey(people: int):
    survey = SurveyFactory()
    scale = QuestionFactory(survey=survey)
    choice = ChoiceFactory(question__survey=survey)
    text = QuestionFactory(survey=survey, kind=QuestionKind.TEXT, counts_for_satisfaction=False, is_required=False)
    for number in range(people):
        response_submit(survey=survey, answers={scale.pk: 1 + number % 5, choice.question_id: choice.pk,
                                                text.pk: f"Пікір {number}"},
                        respondent=UserFactory(roles=["reader"]), on=dt.date(2026, 3, 10))
    return survey


def test_results_page_shows_a_chart_and_the_satisfaction(client_for, director):
    survey = _answered_survey(5)
    page = client_for(director).get(reverse("surveys:results", args=[survey.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "<svg" in html
    assert "40,00 %" in html or "40.00 %" in html  # 4 and 5 of 1..5
    assert "Пікір 3" in html


def test_results_pdf_is_a_pdf(client_for, director):
    survey = _answered_survey(3)
    response = client_for(director).get(reverse("surveys:results", args=[survey.pk]) + "?format=pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_results_page_query_count_does_not_grow_with_answers(client_for, director, django_assert_max_num_queries):
    survey = _answered_survey(2)
    client = client_for(director)
    url = reverse("surveys:results", args=[survey.pk])
    with django_assert_max_num_queries(20) as first:
        client.get(url)
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    for _number in range(4):
        response_submit(survey=survey, answers={scale.pk: 5, **{
            q.pk: (q.choices.first().pk if q.has_choices else "x") for q in survey.questions.exclude(pk=scale.pk)}},
            respondent=UserFactory(roles=["reader"]), on=dt.date(2026, 3, 11))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


@freeze_time("2026-03-10 09:00:00+05:00")
def test_list_pages_query_counts_do_not_grow(client_for, director, reader, django_assert_max_num_queries):
    for _i in range(2):
        QuestionFactory(survey=SurveyFactory())
    reader_client = client_for(reader)
    with django_assert_max_num_queries(20) as mine:
        reader_client.get(reverse("surveys:my_surveys"))
    director_client = client_for(director)
    with django_assert_max_num_queries(25) as results:
        director_client.get(reverse("surveys:results_list"))
    for _i in range(6):
        QuestionFactory(survey=SurveyFactory())
    with django_assert_max_num_queries(len(mine.captured_queries)):
        reader_client.get(reverse("surveys:my_surveys"))
    with django_assert_max_num_queries(len(results.captured_queries)):
        director_client.get(reverse("surveys:results_list"))


def test_an_answered_surveys_questions_keep_their_kind(client_for, director, reader):
    question = QuestionFactory(survey=SurveyFactory())
    response_submit(survey=question.survey, answers={question.pk: 4}, respondent=reader, on=dt.date(2026, 3, 10))
    client = client_for(director)
    page = client.get(reverse("admin:surveys_question_change", args=[question.pk]))
    assert page.status_code == 200
    assert 'name="kind"' not in page.content.decode()
    survey_page = client.get(reverse("admin:surveys_survey_change", args=[question.survey.pk]))
    assert survey_page.status_code == 200
    assert 'name="questions-0-kind"' not in survey_page.content.decode()
    fresh = QuestionFactory(survey=SurveyFactory())
    assert 'name="kind"' in client.get(reverse("admin:surveys_question_change", args=[fresh.pk])).content.decode()
