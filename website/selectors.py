"""Reads of the public site: what visitors see, and the visit figures of §7 (planning's indicators import the
four period functions; their signatures are fixed in the helpers' contract)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import Coalesce

from core.periods import period_filter
from digital_library.selectors import remote_users

from .constants import PublicationStatus
from .models import Page, PageVisitDay, Post, SiteVisitDay


def posts_published(date_from: dt.date, date_to: dt.date) -> int:
    """News and announcements published in the period (their publication date falls on a local day of it); a
    post still a draft, or withdrawn back to draft, is not counted."""
    return Post.objects.filter(period_filter("published_at", date_from, date_to),
                               status=PublicationStatus.PUBLISHED).count()


def _visit_total(field: str, date_from: dt.date, date_to: dt.date) -> int:
    return SiteVisitDay.objects.filter(day__gte=date_from, day__lte=date_to).aggregate(
        total=Coalesce(Sum(field), 0))["total"]


def page_visits(date_from: dt.date, date_to: dt.date) -> int:
    """Page views of the public site in the period: public GET pages answered 200, robots left out."""
    return _visit_total("views", date_from, date_to)


def unique_visitors(date_from: dt.date, date_to: dt.date) -> int:
    """The sum of each day's unique visitors (a visitor is a distinct daily salted hash of address and browser;
    one person on two days counts twice, as no identifier survives its day)."""
    return _visit_total("visitors", date_from, date_to)


def catalogue_searches(date_from: dt.date, date_to: dt.date) -> int:
    """Search requests typed into the public catalogue in the period (robots left out)."""
    return _visit_total("searches", date_from, date_to)


# --- What visitors read ------------------------------------------------------------------------------------------


def public_posts(*, kind: str | None = None):
    posts = Post.objects.public().order_by("-published_at", "-pk")
    return posts.filter(kind=kind) if kind else posts


def section_pages(section: str):
    """The published pages of a menu section, in their order."""
    return Page.objects.public().filter(section=section).order_by("order", "slug")


# --- The statistics page ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitSummary:
    date_from: dt.date
    date_to: dt.date
    views: int
    visitors: int
    searches: int
    posts: int
    remote_users: int
    days: list[SiteVisitDay]
    top_pages: list[dict]


def visit_summary(date_from: dt.date, date_to: dt.date, *, top: int = 15) -> VisitSummary:
    """The period's totals with the other §7 figures of the site's work (posts, remote users of the e-library),
    its days (for the chart) and its most viewed pages."""
    days = list(SiteVisitDay.objects.filter(day__gte=date_from, day__lte=date_to).order_by("day"))
    top_pages = list(
        PageVisitDay.objects.filter(day__gte=date_from, day__lte=date_to)
        .values("path").annotate(views=Sum("views"), visitors=Sum("visitors")).order_by("-views", "path")[:top]
    )
    return VisitSummary(
        date_from=date_from, date_to=date_to,
        views=sum(day.views for day in days), visitors=sum(day.visitors for day in days),
        searches=sum(day.searches for day in days), posts=posts_published(date_from, date_to),
        remote_users=remote_users(date_from, date_to),
        days=days, top_pages=top_pages,
    )
