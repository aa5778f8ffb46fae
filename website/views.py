"""The public site (QP 607 §5.5): home, news, static sections and feeds for everyone; the visit statistics
for the staff who analyse them. Language comes from the address (/kk/site/…, /ru/site/…, /en/site/…)."""

from __future__ import annotations

import datetime as dt
import mimetypes

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from catalogue_search.forms import SearchForm
from catalogue_search.selectors import new_arrivals
from catalogue_search.views import NEW_ARRIVALS, result_rows
from circulation.selectors import exhibitions_on_show
from core.access import access_rule, permission_rule
from core.charts import comparison_bars_svg

from . import selectors
from .constants import FEED_ITEMS, HOME_NEWS, NEWS_PER_PAGE, PageSection
from .forms import PeriodForm
from .models import Page, Post, Publication

STATISTICS_PERMISSION = "website.view_sitevisitday"


def _may_preview(user, model: type[Publication]) -> bool:
    """Editors read drafts and posts not yet due; everyone else only what is published."""
    return user.is_authenticated and user.has_perm(f"website.change_{model._meta.model_name}")


def _visible(request: HttpRequest, model: type[Publication], slug: str) -> Publication:
    publication = get_object_or_404(model, slug=slug)
    if not publication.is_published and not _may_preview(request.user, model):
        raise Http404
    return publication


def home(request: HttpRequest) -> HttpResponse:
    """The library's front page: the catalogue's search box, news, new arrivals and the exhibitions on show."""
    return render(request, "website/home.html", {
        "form": SearchForm(),
        "posts": list(selectors.public_posts()[:HOME_NEWS]),
        "arrivals": result_rows(request, new_arrivals(limit=NEW_ARRIVALS)),
        "exhibitions": exhibitions_on_show(timezone.localdate()),
    })


def section(request: HttpRequest, section: str) -> HttpResponse:
    """A menu section ("For researchers", "About the library", "For readers"): its published pages."""
    pages = list(selectors.section_pages(section))
    return render(request, "website/section.html", {"section": PageSection(section), "pages": pages})


def post_list(request: HttpRequest) -> HttpResponse:
    """News and announcements, newest first."""
    page = Paginator(selectors.public_posts(), NEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "website/post_list.html", {"page_obj": page, "posts": page.object_list})


def post_detail(request: HttpRequest, slug: str) -> HttpResponse:
    post = _visible(request, Post, slug)
    return render(request, "website/publication.html", {"publication": post, "is_post": True})


def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = _visible(request, Page, slug)
    return render(request, "website/publication.html", {"publication": page, "is_post": False})


def post_image(request: HttpRequest, slug: str) -> FileResponse:
    """A post's image, from the storage (media is never public): shown as long as the post may be read."""
    post = _visible(request, Post, slug)
    if not post.image:
        raise Http404
    content_type = mimetypes.guess_type(post.image.name)[0] or "application/octet-stream"
    response = FileResponse(post.image.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


class NewsRssFeed(Feed):
    """The news of the library in the language of the address, each item in that language or in Kazakh."""

    def title(self) -> str:
        return str(_("News of the Scientific Library of Satbayev University"))

    def description(self) -> str:
        return str(_("News and announcements of the Scientific Library"))

    def link(self) -> str:
        return reverse("website:posts")

    def items(self):
        return selectors.public_posts()[:FEED_ITEMS]

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return item.body

    def item_pubdate(self, item: Post) -> dt.datetime:
        return item.published_at

    def item_updateddate(self, item: Post) -> dt.datetime:
        return item.updated_at

    def item_categories(self, item: Post) -> list[str]:
        return [str(item.get_kind_display())]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


@access_rule(permission_rule(STATISTICS_PERMISSION))
def visit_statistics(request: HttpRequest) -> HttpResponse:
    """QP 607 §5.5 "analysis of the visit statistics": views, unique visitors and catalogue searches per day,
    the most read pages, and the §7 figures of the period."""
    form = PeriodForm(request.GET or None)
    date_from, date_to = form.period()
    summary = selectors.visit_summary(date_from, date_to)
    chart = comparison_bars_svg(
        [(date_format(day.day, "SHORT_DATE_FORMAT"), day.views, day.visitors) for day in summary.days],
        current_label=str(_("Page views")), previous_label=str(_("Unique visitors")),
    ) if summary.days else None
    return render(request, "website/statistics.html", {"form": form, "summary": summary, "chart": chart})
