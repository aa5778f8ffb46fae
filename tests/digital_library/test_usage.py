"""Usage counted the COUNTER way: robots out, a double click within 30 seconds counts once; the KPI figure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from freezegun import freeze_time

from digital_library.choices import AccessLevel, UsageKind
from digital_library.models import UsageEvent
from digital_library.selectors import kpi_downloads, usage_per_file, usage_totals
from digital_library.services import is_robot, usage_record

from .factories import digital_file

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
T0 = dt.datetime(2026, 3, 2, 10, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def open_file(digital_librarian):
    return digital_file(user=digital_librarian, access_level=AccessLevel.OPEN)


def count(open_file, *, at, user=None, session="s1", ip="198.51.100.1", agent=BROWSER, kind=UsageKind.DOWNLOAD):
    return usage_record(digital_file=open_file, kind=kind, user=user or AnonymousUser(), session_key=session,
                        ip_address=ip, user_agent=agent, at=at)


@pytest.mark.parametrize("agent", [
    "Googlebot/2.1 (+http://www.google.com/bot.html)", "Mozilla/5.0 (compatible; bingbot/2.0)",
    "python-requests/2.32", "curl/8.5.0", "Wget/1.21", "", "Mozilla/5.0 HeadlessChrome/120.0",
])
def test_robots_are_not_counted(open_file, agent):
    assert is_robot(agent)
    assert count(open_file, at=T0, agent=agent) is None
    assert not UsageEvent.objects.exists()


def test_a_browser_is_counted(open_file):
    assert not is_robot(BROWSER)
    assert count(open_file, at=T0) is not None


def test_double_click_within_30_seconds_counts_once(open_file):
    count(open_file, at=T0)
    count(open_file, at=T0 + dt.timedelta(seconds=29))
    assert UsageEvent.objects.count() == 1


def test_a_repeat_at_exactly_30_seconds_still_counts_once(open_file):
    count(open_file, at=T0)
    count(open_file, at=T0 + dt.timedelta(seconds=30))
    assert UsageEvent.objects.count() == 1


def test_a_repeat_after_30_seconds_counts_again(open_file):
    count(open_file, at=T0)
    count(open_file, at=T0 + dt.timedelta(seconds=31))
    assert UsageEvent.objects.count() == 2


def test_same_session_from_another_address_counts_separately(open_file):
    count(open_file, at=T0, ip="198.51.100.1")
    count(open_file, at=T0 + dt.timedelta(seconds=5), ip="198.51.100.2")
    assert UsageEvent.objects.count() == 2


def test_two_readers_clicking_at_once_count_twice(open_file, reader, librarian):
    count(open_file, at=T0, user=reader)
    count(open_file, at=T0 + dt.timedelta(seconds=1), user=librarian)
    assert UsageEvent.objects.count() == 2


def test_signed_in_reader_double_click_counts_once_even_across_addresses(open_file, reader):
    count(open_file, at=T0, user=reader, ip="198.51.100.1")
    count(open_file, at=T0 + dt.timedelta(seconds=10), user=reader, ip="198.51.100.9", session="other")
    assert UsageEvent.objects.count() == 1


def test_a_view_and_a_download_are_counted_separately(open_file):
    count(open_file, at=T0, kind=UsageKind.VIEW)
    count(open_file, at=T0 + dt.timedelta(seconds=2), kind=UsageKind.DOWNLOAD)
    assert usage_totals(date_from=T0.date(), date_to=T0.date()) == {"views": 1, "downloads": 1}


def test_anonymous_without_session_is_told_apart_by_address_and_agent(open_file):
    count(open_file, at=T0, session=None)
    count(open_file, at=T0 + dt.timedelta(seconds=3), session=None)
    count(open_file, at=T0 + dt.timedelta(seconds=4), session=None, agent=BROWSER + " Edg/130")
    assert UsageEvent.objects.count() == 2


def test_download_view_counts_through_the_protected_view(client, open_file):
    with freeze_time(T0) as frozen:
        client.get(f"/digital/files/{open_file.pk}/download/", HTTP_USER_AGENT=BROWSER)
        frozen.tick(dt.timedelta(seconds=3))
        client.get(f"/digital/files/{open_file.pk}/download/", HTTP_USER_AGENT=BROWSER)
        frozen.tick(dt.timedelta(seconds=60))
        client.get(f"/digital/files/{open_file.pk}/view/", HTTP_USER_AGENT=BROWSER)
        client.get(f"/digital/files/{open_file.pk}/download/", HTTP_USER_AGENT="Googlebot/2.1")
    assert usage_totals(date_from=T0.date(), date_to=T0.date()) == {"views": 1, "downloads": 1}


def test_refused_request_is_not_counted(client, digital_librarian):
    closed = digital_file(user=digital_librarian, access_level=AccessLevel.CLOSED)
    client.get(f"/digital/files/{closed.pk}/download/", HTTP_USER_AGENT=BROWSER)
    assert not UsageEvent.objects.exists()


def test_usage_per_file_and_kpi_downloads_for_a_period(open_file, digital_librarian):
    other = digital_file(user=digital_librarian, access_level=AccessLevel.OPEN)
    count(open_file, at=T0)
    count(open_file, at=T0 + dt.timedelta(minutes=5))
    count(other, at=T0, kind=UsageKind.VIEW)
    count(open_file, at=T0 + dt.timedelta(days=40))  # outside the period
    rows = list(usage_per_file(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31)))
    assert [(row.pk, row.views, row.downloads) for row in rows] == [(open_file.pk, 0, 2), (other.pk, 1, 0)]
    assert kpi_downloads(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31)) == 2


def test_staff_see_usage_statistics_in_the_admin(client_for, digital_librarian, open_file):
    count(open_file, at=dt.datetime.now(dt.UTC))
    response = client_for(digital_librarian).get("/admin/digital_library/usageevent/statistics/")
    assert response.status_code == 200
    assert "COUNTER" in response.content.decode()


def test_file_list_in_the_admin_shows_counts(client_for, digital_librarian, open_file):
    count(open_file, at=T0)
    response = client_for(digital_librarian).get("/admin/digital_library/digitalfile/")
    assert response.status_code == 200


def test_usage_list_links_to_the_statistics(client_for, digital_librarian):
    response = client_for(digital_librarian).get("/admin/digital_library/usageevent/")
    assert "/admin/digital_library/usageevent/statistics/" in response.content.decode()
