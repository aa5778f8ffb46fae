"""Issue 16.7: the statistics page (who opens it, what it shows), and the public pages' query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts import roles
from core.numbers import format_number
from tests.factories import UserFactory
from website.models import PageVisitDay, SiteVisitDay

from .factories import PageFactory, PostFactory

pytestmark = pytest.mark.django_db

READERS_OF_STATISTICS = {roles.DIRECTOR, roles.VICE_RECTOR, roles.LIBRARIAN_ANALYTICS, roles.SYSADMIN}


def _statistics_url() -> str:
    with translation.override("kk"):
        return reverse("website:statistics")


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_the_statistics_page_opens_to_the_director_analytics_vice_rector_and_sysadmin(client_for, role):
    user = UserFactory(username=f"s-{role}", roles=[role])
    response = client_for(user).get(_statistics_url())
    assert response.status_code == (200 if role in READERS_OF_STATISTICS else 403)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(_statistics_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_page_shows_the_periods_figures_chart_and_top_pages(client_for, director):
    today = timezone.localdate()
    SiteVisitDay.objects.create(day=today - dt.timedelta(days=1), views=1200, visitors=300, searches=45)
    SiteVisitDay.objects.create(day=today, views=34, visitors=12, searches=5)
    SiteVisitDay.objects.create(day=today - dt.timedelta(days=40), views=999, visitors=99, searches=9)
    PageVisitDay.objects.create(day=today, path="/kk/site/news/", views=30, visitors=10)
    PageVisitDay.objects.create(day=today - dt.timedelta(days=1), path="/kk/site/news/", views=70, visitors=20)
    PageVisitDay.objects.create(day=today, path="/catalogue/", views=4, visitors=2)
    PostFactory(published_at=timezone.now() - dt.timedelta(days=3))
    page = client_for(director).get(_statistics_url()).content.decode()
    assert f'<dd id="total-views">{format_number(1234)}</dd>' in page
    assert '<dd id="total-visitors">312</dd>' in page
    assert '<dd id="total-searches">50</dd>' in page
    assert '<dd id="total-posts">1</dd>' in page
    assert '<dd id="total-remote">0</dd>' in page  # digital_library.selectors.remote_users, tested there
    assert "<svg" in page
    table = page[page.index('id="pages-title"'):]
    assert table.index(">/kk/site/news/<") < table.index(">/catalogue/<")
    assert "<td>100</td><td>30</td>" in table


def test_a_backwards_period_is_refused_with_a_message(client_for, director):
    with translation.override("en"):
        response = client_for(director).get(reverse("website:statistics"),
                                            {"date_from": "2026-03-10", "date_to": "2026-03-01"})
    assert response.status_code == 200
    assert "The period ends before it starts." in response.content.decode()


def _public_rows(count: int) -> None:
    for _ in range(count):
        PostFactory()
        PageFactory(section="researchers")


@pytest.mark.parametrize("url_name", ["home", "website:posts", "website:researchers", "website:feed_rss"])
def test_public_pages_cost_the_same_queries_whatever_the_rows(client, django_assert_max_num_queries, url_name):
    with translation.override("kk"):
        url = reverse(url_name)
    _public_rows(2)
    with django_assert_max_num_queries(12) as first:
        assert client.get(url).status_code == 200
    _public_rows(6)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_statistics_page_costs_the_same_queries_whatever_the_days(client_for, director,
                                                                       django_assert_max_num_queries):
    client = client_for(director)
    today = timezone.localdate()
    for back in range(3):
        SiteVisitDay.objects.create(day=today - dt.timedelta(days=back), views=10, visitors=5)
        PageVisitDay.objects.create(day=today - dt.timedelta(days=back), path=f"/p{back}/", views=3, visitors=1)
    with django_assert_max_num_queries(12) as first:
        client.get(_statistics_url())
    for back in range(3, 12):
        SiteVisitDay.objects.create(day=today - dt.timedelta(days=back), views=10, visitors=5)
        PageVisitDay.objects.create(day=today - dt.timedelta(days=back), path=f"/p{back}/", views=3, visitors=1)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(_statistics_url())
