"""sitemap.xml of the public site (django.contrib.sitemaps): each page and news item in its three languages,
with the alternates search engines pair them by, and the catalogue's records."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cataloguing.models import BibliographicRecord

from .models import Page, Post, Publication


class _LanguagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class SectionsSitemap(_LanguagesSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["website:posts", "website:researchers", "website:about", "website:readers"]

    def location(self, item: str) -> str:
        return reverse(item)


class HomeSitemap(Sitemap):
    """The front page (its language is the visitor's choice, so it has one address)."""

    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return ["home"]

    def location(self, item: str) -> str:
        return reverse(item)


class PublicationSitemap(_LanguagesSitemap):
    model: type[Publication]

    def items(self):
        return self.model.objects.public().order_by("pk")

    def lastmod(self, item: Publication):
        return item.updated_at


class PageSitemap(PublicationSitemap):
    model = Page
    changefreq = "monthly"


class PostSitemap(PublicationSitemap):
    model = Post
    changefreq = "never"


class RecordSitemap(Sitemap):
    """The public catalogue's records (its pages have no language in their address)."""

    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return BibliographicRecord.objects.public().only("pk").order_by("pk")

    def location(self, item: BibliographicRecord) -> str:
        return reverse("catalogue_search:record", args=[item.pk])


SITEMAPS = {"home": HomeSitemap, "sections": SectionsSitemap, "pages": PageSitemap, "news": PostSitemap,
            "records": RecordSitemap}
