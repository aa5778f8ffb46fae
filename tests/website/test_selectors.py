"""The four figures of §7 that planning's indicators read (the helpers' contract)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.periods import day_start
from website import selectors
from website.constants import PublicationStatus
from website.models import SiteVisitDay

from .factories import PostFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return day_start(day) + dt.timedelta(hours=hour)


def test_posts_published_counts_published_posts_by_their_local_publication_day():
    PostFactory(published_at=_at(D(2026, 3, 1), hour=0))  # first local instant of the period
    PostFactory(published_at=_at(D(2026, 3, 31), hour=23))
    PostFactory(published_at=_at(D(2026, 4, 1), hour=0))  # the day after
    PostFactory(published_at=_at(D(2026, 2, 28), hour=23))
    PostFactory(published_at=_at(D(2026, 3, 10)), status=PublicationStatus.DRAFT)
    assert selectors.posts_published(D(2026, 3, 1), D(2026, 3, 31)) == 2
    assert selectors.posts_published(D(2026, 1, 1), D(2026, 12, 31)) == 4


def test_visit_figures_sum_the_days_of_the_period_inclusive():
    SiteVisitDay.objects.create(day=D(2026, 3, 1), views=100, visitors=40, searches=7)
    SiteVisitDay.objects.create(day=D(2026, 3, 2), views=50, visitors=30, searches=3)
    SiteVisitDay.objects.create(day=D(2026, 3, 3), views=9, visitors=9, searches=1)
    assert selectors.page_visits(D(2026, 3, 1), D(2026, 3, 2)) == 150
    assert selectors.unique_visitors(D(2026, 3, 1), D(2026, 3, 2)) == 70
    assert selectors.catalogue_searches(D(2026, 3, 1), D(2026, 3, 3)) == 11
    assert selectors.page_visits(D(2026, 3, 3), D(2026, 3, 3)) == 9


def test_visit_figures_are_zero_without_data():
    today = timezone.localdate()
    assert selectors.page_visits(today, today) == 0
    assert selectors.unique_visitors(today, today) == 0
    assert selectors.catalogue_searches(today, today) == 0
    assert selectors.posts_published(today, today) == 0
