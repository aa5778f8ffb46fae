"""Vocabularies and policy values of the public site (QP 607 §5.5)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

# The site's languages, Kazakh first: the default text a missing translation falls back to.
SITE_LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PostKind(models.TextChoices):
    NEWS = "news", _("News")
    ANNOUNCEMENT = "announcement", _("Announcement")


class PageSection(models.TextChoices):
    """Where a static page sits in the site's menu."""

    RESEARCHERS = "researchers", _("For researchers")
    ABOUT = "about", _("About the library")
    READERS = "readers", _("For readers")


# The rich-text editor's extensions, written once: they define both what the editor offers and, through
# django-prose-editor's nh3 allow-list derived from them, the only tags and attributes a stored body may keep.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}

# News images are stored no larger than this (longest side, pixels); the page shows them at their stored size.
POST_IMAGE_MAX_SIDE = 1600
POST_IMAGE_MAX_BYTES = 8 * 1024 * 1024

NEWS_PER_PAGE = 10
HOME_NEWS = 4
FEED_ITEMS = 20

# Visit statistics: Redis keys live a few days so that a flush missed for a while still finds them.
VISIT_KEY_TTL = dt.timedelta(days=3)
# A process writes its counts after this many hits or seconds, from a background thread: to the database without
# Redis, to Redis with it (more often: Redis is shared by the nodes and a batch costs one round trip).
VISIT_BUFFER_MAX_HITS = 200
VISIT_BUFFER_MAX_SECONDS = 10
VISIT_REDIS_MAX_HITS = 50
VISIT_REDIS_MAX_SECONDS = 2
# Public pages whose visits are counted: the site (any language), the home page and the catalogue.
COUNTED_PATH_PREFIXES = ("/kk/site/", "/ru/site/", "/en/site/", "/catalogue/")
COUNTED_EXACT_PATHS = ("/",)
# Machine endpoints under those prefixes are not page views.
UNCOUNTED_PATH_SUFFIXES = ("/feed/rss/", "/feed/atom/", "/image/")
CATALOGUE_SEARCH_PATH = "/catalogue/"
