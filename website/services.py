"""Writes of the public site: saving a page or a post (the admin's save and the demo call it), and the flush of
the visit counts into the database (beat job and management command)."""

from __future__ import annotations

import datetime as dt
import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps

from .constants import POST_IMAGE_MAX_SIDE, VISIT_KEY_TTL, PublicationStatus
from .models import DailySalt, PageVisitDay, Post, Publication, SiteVisitDay, VisitorDigest
from .visits import RedisCounter, digests_to_visitors, get_counter

logger = logging.getLogger(__name__)


@transaction.atomic
def publication_save(*, publication: Publication, at: dt.datetime | None = None) -> Publication:
    """Save a page or a post: published without a date takes the moment of publishing; the body is sanitised
    (`Publication.save`); a post's image is stored no larger than `POST_IMAGE_MAX_SIDE`."""
    if publication.status == PublicationStatus.PUBLISHED and publication.published_at is None:
        publication.published_at = at or timezone.now()
    publication.full_clean()
    if isinstance(publication, Post) and publication.image and not publication.image._committed:
        _shrink_image(publication)
    publication.save()
    return publication


def _shrink_image(post: Post) -> None:
    upload = post.image
    upload.seek(0)
    with Image.open(upload) as source:
        image = ImageOps.exif_transpose(source)
        if max(image.size) <= POST_IMAGE_MAX_SIDE and source.format in ("JPEG", "PNG", "WEBP"):
            upload.seek(0)
            return
        image.thumbnail((POST_IMAGE_MAX_SIDE, POST_IMAGE_MAX_SIDE))
        keeps_alpha = image.mode in ("RGBA", "LA", "P")
        out = io.BytesIO()
        if keeps_alpha:
            image.save(out, format="PNG", optimize=True)
            suffix = "png"
        else:
            image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
            suffix = "jpg"
    name = upload.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] + f".{suffix}"
    post.image = ContentFile(out.getvalue(), name=name)


# --- Visit statistics ----------------------------------------------------------------------------------------------


def visits_flush(*, today: dt.date | None = None) -> int:
    """Bring the database's visit figures up to date and forget what must not outlive its day; returns the days
    written. Idempotent: figures are absolute (Redis's counts, or the day's distinct hashes), so a second run
    leaves the same totals."""
    today = today or timezone.localdate()
    counter = get_counter()
    counter.drain()  # this process's own batch first
    written = 0
    if isinstance(counter, RedisCounter):
        for back in range(VISIT_KEY_TTL.days + 1):
            day = today - dt.timedelta(days=back)
            figures = counter.read_day(day)
            if figures is not None:
                _write_day(day, *figures)
                written += 1
    # Hashes written by process buffers (none when Redis counts): reduced to counts, and gone once their day is.
    written = max(written, visitor_digests_reduce(today=today))
    # The salt of a day that is over goes: nobody can recompute a past visitor's hash afterwards.
    DailySalt.objects.filter(day__lt=today).delete()
    return written


@transaction.atomic
def _write_day(day: dt.date, pages: dict[str, tuple[int, int]], visitors: int, searches: int) -> None:
    # Upserts of absolute figures (one statement per table, no save signals: the tables are not audited).
    SiteVisitDay.objects.bulk_create(
        [SiteVisitDay(day=day, views=sum(views for views, _unique in pages.values()), visitors=visitors,
                      searches=searches)],
        update_conflicts=True, unique_fields=["day"], update_fields=["views", "visitors", "searches"])
    PageVisitDay.objects.bulk_create(
        [PageVisitDay(day=day, path=path, views=views, visitors=unique) for path, (views, unique) in pages.items()],
        update_conflicts=True, unique_fields=["day", "path"], update_fields=["views", "visitors"])


@transaction.atomic
def visitor_digests_reduce(*, today: dt.date) -> int:
    """Without Redis: each (day, page)'s visitors recounted from its recorded hashes, and the hashes of days before
    `today` deleted (their salt goes too, in `visits_flush`). Returns the days seen."""
    keys = set(VisitorDigest.objects.values_list("day", "path").distinct())
    digests_to_visitors(keys)
    VisitorDigest.objects.filter(day__lt=today).delete()
    return len({day for day, _path in keys})
