"""Issue 16.7: visits counted on the server, without cookies or personal data, robots left out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from website import selectors, visits
from website.models import DailySalt, PageVisitDay, SiteVisitDay, VisitorDigest
from website.services import visits_flush

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
OTHER_BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture(autouse=True)
def _fresh_counter(settings):
    settings.REDIS_URL = ""
    settings.VISIT_COUNTING = True
    # The batch is written by the request that fills it: these tests' database lives in their transaction.
    settings.VISIT_COUNTER_IN_BACKGROUND = False
    visits.reset_counter()
    yield
    visits.reset_counter()


def _get(client, url: str, *, agent: str = BROWSER, address: str = "10.1.2.3", **query):
    return client.get(url, query, HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def _flush() -> None:
    visits_flush()


def test_a_public_page_is_counted_once_per_view_and_once_per_visitor(client):
    url = reverse("website:posts")
    for _ in range(3):
        assert _get(client, url).status_code == 200
    _get(client, url, address="10.9.9.9")
    _get(client, url, agent=OTHER_BROWSER)  # the same address with another browser: another visitor
    _flush()
    today = timezone.localdate()
    row = PageVisitDay.objects.get(day=today, path=url)
    assert (row.views, row.visitors) == (5, 3)
    assert selectors.page_visits(today, today) == 5
    assert selectors.unique_visitors(today, today) == 3


def test_robots_staff_pages_errors_and_posts_are_not_counted(client, librarian):
    _get(client, reverse("website:posts"), agent=GOOGLEBOT)
    _get(client, reverse("website:posts"), agent="")
    _get(client, "/kk/site/news/no-such-post/")  # 404
    _get(client, reverse("website:feed_rss"))  # a feed is no page view
    client.post(reverse("website:posts"), HTTP_USER_AGENT=BROWSER)
    client.force_login(librarian)
    _get(client, reverse("core:workbench"))
    _flush()
    assert PageVisitDay.objects.count() == 0
    assert SiteVisitDay.objects.filter(views__gt=0).count() == 0


def test_catalogue_searches_are_counted_apart_from_browsing(client):
    _get(client, reverse("catalogue_search:search"), q="геология")
    _get(client, reverse("catalogue_search:search"), q="  ")
    _get(client, reverse("catalogue_search:search"))
    _get(client, reverse("catalogue_search:search"), q="mining", agent=GOOGLEBOT)
    _flush()
    today = timezone.localdate()
    assert selectors.catalogue_searches(today, today) == 1
    assert selectors.page_visits(today, today) == 3


def test_no_address_user_agent_or_cookie_is_kept(client):
    address = "203.0.113.77"
    response = _get(client, reverse("website:posts"), address=address)
    # The only cookie is the CSRF token of the header's language switcher form: the counter sets none.
    assert set(response.cookies) <= {"csrftoken"}
    _flush()
    assert VisitorDigest.objects.exists()  # today's hashes, to count distinct visitors across batches
    with connection.cursor() as cursor:
        for model in (PageVisitDay, SiteVisitDay, VisitorDigest, DailySalt):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            dump = repr(cursor.fetchall())
            assert address not in dump, model
            assert "Chrome" not in dump, model
            assert "203.0.113" not in dump, model


def test_the_days_hashes_and_salt_are_gone_after_the_day(client):
    _get(client, reverse("website:posts"))
    _get(client, reverse("website:posts"), address="10.0.0.2")
    today = timezone.localdate()
    visits_flush(today=today + dt.timedelta(days=1))
    assert not VisitorDigest.objects.exists()
    assert not DailySalt.objects.filter(day__lt=today + dt.timedelta(days=1)).exists()
    row = SiteVisitDay.objects.get(day=today)
    assert (row.views, row.visitors) == (2, 2)  # the counts stay


def test_the_same_visitor_gets_another_hash_on_another_day():
    day = dt.date(2026, 3, 1)
    first = visits.visitor_digest(visits.salt_for(day), "10.0.0.1", BROWSER)
    visits.forget_salt_cache()
    second = visits.visitor_digest(visits.salt_for(day + dt.timedelta(days=1)), "10.0.0.1", BROWSER)
    assert first != second
    assert visits.visitor_digest(visits.salt_for(day + dt.timedelta(days=1)), "10.0.0.1", BROWSER) == second


def test_flush_twice_leaves_the_same_totals(client):
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.1"):
        _get(client, reverse("website:posts"), address=address)
        _get(client, reverse("catalogue_search:search"), address=address, q="тау-кен")
    _flush()
    first = list(SiteVisitDay.objects.values_list("day", "views", "visitors", "searches"))
    pages = list(PageVisitDay.objects.order_by("path").values_list("path", "views", "visitors"))
    _flush()
    visits_flush(today=timezone.localdate() + dt.timedelta(days=1))
    visits_flush(today=timezone.localdate() + dt.timedelta(days=1))
    assert list(SiteVisitDay.objects.values_list("day", "views", "visitors", "searches")) == first
    assert list(PageVisitDay.objects.order_by("path").values_list("path", "views", "visitors")) == pages
    assert first[0][1:] == (6, 2, 3)


def test_the_buffer_writes_by_itself_after_enough_hits(client, monkeypatch):
    monkeypatch.setattr(visits.BufferCounter, "max_hits", 3)
    for _ in range(3):
        _get(client, reverse("website:posts"))
    assert SiteVisitDay.objects.get(day=timezone.localdate()).views == 3  # no flush called


@pytest.mark.django_db(transaction=True)
def test_a_full_buffer_is_written_by_a_background_thread_not_by_the_page(client, monkeypatch, settings):
    settings.VISIT_COUNTER_IN_BACKGROUND = True
    visits.reset_counter()
    monkeypatch.setattr(visits.BufferCounter, "max_hits", 2)
    for address in ("10.0.0.1", "10.0.0.2"):
        _get(client, reverse("website:posts"), address=address)
    writer = visits.get_counter().writer
    assert writer is not None
    writer.join(timeout=10)
    row = SiteVisitDay.objects.get(day=timezone.localdate())
    assert (row.views, row.visitors) == (2, 2)


def test_batches_count_a_visitor_once_per_day(client, monkeypatch):
    monkeypatch.setattr(visits.BufferCounter, "max_hits", 2)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.1", "10.0.0.3", "10.0.0.2", "10.0.0.1"):
        _get(client, reverse("website:posts"), address=address)
    row = SiteVisitDay.objects.get(day=timezone.localdate())
    assert (row.views, row.visitors) == (6, 3)  # written in three batches, before any flush


def test_the_management_command_flushes(client):
    from django.core.management import call_command

    _get(client, reverse("website:posts"))
    call_command("flush_site_visits")
    call_command("flush_site_visits")
    assert SiteVisitDay.objects.get(day=timezone.localdate()).views == 1


@pytest.mark.redis
def test_with_redis_counts_go_through_redis_and_flush_is_idempotent(client, settings):
    import os

    import redis

    settings.REDIS_URL = os.environ["REDIS_URL"]
    visits.reset_counter()
    day = timezone.localdate()
    client_redis = redis.Redis.from_url(settings.REDIS_URL)
    for key in client_redis.scan_iter(f"website:*:{day.isoformat()}*"):
        client_redis.delete(key)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.1"):
        _get(client, reverse("website:posts"), address=address)
    _get(client, reverse("catalogue_search:search"), q="kaz")
    assert not SiteVisitDay.objects.exists()  # counted in Redis until the flush
    visits_flush()
    visits_flush()
    row = SiteVisitDay.objects.get(day=day)
    assert (row.views, row.visitors, row.searches) == (4, 3, 1)
    assert PageVisitDay.objects.get(day=day, path=reverse("website:posts")).visitors == 2
    assert not VisitorDigest.objects.exists()
    for key in client_redis.scan_iter(f"website:*:{day.isoformat()}*"):
        client_redis.delete(key)
