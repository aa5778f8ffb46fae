"""Counting the public site's visits without surveillance (issue 16.7; QP 607 §5.5 "кіру статистикасы").

No cookie, no script, no address kept: a visitor is `blake2b(salt of the day, address + browser)`, the salt is a
random value of that day only (`DailySalt`, deleted once the day is over), so a hash cannot be traced back nor
linked across days. Robots are recognised by their user agent with CrawlerDetect (a maintained list of some
thousand crawler signatures) and left out.

A page only adds its hit to its process's buffer (microseconds); a background thread writes the batch every
few hits or seconds, to one of two stores chosen by `REDIS_URL`:
- Redis: one pipelined round trip per batch (HINCRBY the pages' views, PFADD the hashes to each page's and the
  site's HyperLogLog of the day, INCRBY searches); `services.visits_flush` copies the absolute figures into the
  database every five minutes (beat) — idempotent; HyperLogLog counts distinct visitors within 0.81 %.
- the database (no Redis: the SQLite demo, a single server): one transaction per batch adds the views and, as
  new visitors, the hashes not yet recorded that day (`VisitorDigest`), which the flush recounts and deletes
  once their day is over.
At most one batch per process (a few seconds of hits) is lost if the process is killed.
The added cost of a page is measured in bench/visit_counter.py (bench/README.md, "Visit counter").
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import logging
import secrets
import threading
import time
from collections import Counter
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone

from .constants import (
    CATALOGUE_SEARCH_PATH,
    COUNTED_EXACT_PATHS,
    COUNTED_PATH_PREFIXES,
    UNCOUNTED_PATH_SUFFIXES,
    VISIT_BUFFER_MAX_HITS,
    VISIT_BUFFER_MAX_SECONDS,
    VISIT_KEY_TTL,
    VISIT_REDIS_MAX_HITS,
    VISIT_REDIS_MAX_SECONDS,
)
from .models import DailySalt, PageVisitDay, SiteVisitDay, VisitorDigest

logger = logging.getLogger(__name__)

PATH_MAX = 255


# --- What is counted ---------------------------------------------------------------------------------------------


def is_counted_path(path: str) -> bool:
    """Public pages only: the home page, the site in each language and the catalogue (not the admin, the staff
    pages, the feeds or images)."""
    if path in COUNTED_EXACT_PATHS:
        return True
    return path.startswith(COUNTED_PATH_PREFIXES) and not path.endswith(UNCOUNTED_PATH_SUFFIXES)


@lru_cache(maxsize=1)
def _crawler_detect():
    from crawlerdetect import CrawlerDetect

    return CrawlerDetect()


@lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """A robot by its user agent (an empty one too: browsers always send theirs). Cached: a site sees few
    distinct agents, and matching one against the crawler list costs far more than the rest of the count."""
    if not user_agent.strip():
        return True
    return bool(_crawler_detect().isCrawler(user_agent))


# --- The day's salt and the visitor hash ----------------------------------------------------------------------------

_salt_lock = threading.Lock()
_salt_of_day: tuple[dt.date, bytes] | None = None


def salt_for(day: dt.date) -> bytes:
    """The salt of `day`, shared by every process through the database, created by the first hit of the day."""
    global _salt_of_day
    cached = _salt_of_day
    if cached is not None and cached[0] == day:
        return cached[1]
    with _salt_lock:
        salt = DailySalt.objects.filter(day=day).values_list("salt", flat=True).first()
        if salt is None:
            try:
                with transaction.atomic():
                    salt = DailySalt.objects.create(day=day, salt=secrets.token_hex(32)).salt
            except IntegrityError:  # another process created it first
                salt = DailySalt.objects.get(day=day).salt
        _salt_of_day = (day, bytes.fromhex(salt))
        return _salt_of_day[1]


def forget_salt_cache() -> None:
    global _salt_of_day
    _salt_of_day = None


def visitor_digest(salt: bytes, address: str, user_agent: str) -> str:
    return hashlib.blake2b(f"{address}\n{user_agent}".encode(), key=salt[:64], digest_size=16).hexdigest()


# --- Counters ---------------------------------------------------------------------------------------------------


def _key(kind: str, day: dt.date, path: str = "") -> str:
    return f"website:{kind}:{day.isoformat()}" + (f":{path}" if path else "")


class BatchingCounter:
    """Counts in the process: a page adds its hit to a small buffer, and a background thread writes the batch
    (to Redis or to the database) every `max_hits` hits or `max_seconds`, so no page waits on a round trip or a
    commit. With `settings.VISIT_COUNTER_IN_BACKGROUND` False the request that fills the batch writes it (tests)."""

    max_hits = VISIT_BUFFER_MAX_HITS
    max_seconds = VISIT_BUFFER_MAX_SECONDS

    def __init__(self) -> None:
        self.in_background = getattr(settings, "VISIT_COUNTER_IN_BACKGROUND", True)
        self.lock = threading.Lock()
        self.writer: threading.Thread | None = None
        self._reset()

    def _reset(self) -> None:
        self.views: Counter = Counter()
        self.searches: Counter = Counter()
        self.digests: set[tuple[dt.date, str, str]] = set()
        self.hits = 0
        self.started = time.monotonic()

    def hit(self, day: dt.date, path: str, digest: str, *, search: bool) -> None:
        with self.lock:
            self.views[(day, path)] += 1
            self.digests.add((day, path, digest))
            self.digests.add((day, "", digest))
            if search:
                self.searches[day] += 1
            self.hits += 1
            due = self.hits >= self.max_hits or time.monotonic() - self.started >= self.max_seconds
            if due and self.in_background:
                if self.writer is not None and self.writer.is_alive():
                    return  # the previous batch is still being written; this one grows meanwhile
                self.writer = threading.Thread(target=self._write_in_background, name="visit-counter", daemon=True)
                self.writer.start()
                return
        if due:
            self.drain()

    def _write_in_background(self) -> None:
        try:
            self.drain()
        finally:
            connection.close()  # the thread's own database connection, if it opened one

    def drain(self) -> None:
        """Write what the process holds; on an error the batch is dropped and logged, never raised into a page
        (a visit count is not worth an error page)."""
        with self.lock:
            views, searches, digests = self.views, self.searches, self.digests
            self._reset()
        if not views and not searches:
            return
        try:
            self.write(views, searches, digests)
        except Exception:
            logger.warning("visit counts of %s hits lost", sum(views.values()), exc_info=True)

    def write(self, views: Counter, searches: Counter, digests: set[tuple[dt.date, str, str]]) -> None:
        raise NotImplementedError


class RedisCounter(BatchingCounter):
    """Batches go to Redis (shared by every process and node); `services.visits_flush` copies the figures to the
    database."""

    max_hits = VISIT_REDIS_MAX_HITS
    max_seconds = VISIT_REDIS_MAX_SECONDS

    def __init__(self, url: str) -> None:
        import redis

        super().__init__()
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.ttl = int(VISIT_KEY_TTL.total_seconds())

    def write(self, views: Counter, searches: Counter, digests: set[tuple[dt.date, str, str]]) -> None:
        """One pipelined round trip: HINCRBY the pages' views, PFADD the hashes to each page's and the site's
        HyperLogLog of the day, INCRBY the searches; every key expires after `VISIT_KEY_TTL`."""
        pipe = self.client.pipeline(transaction=False)
        keys = set()
        for (day, path), count in views.items():
            pipe.hincrby(_key("views", day), path, count)
            keys.add(_key("views", day))
        unique: dict[str, list[str]] = {}
        for day, path, digest in digests:
            unique.setdefault(_key("uniq", day, path), []).append(digest)
        for key, members in unique.items():
            pipe.pfadd(key, *members)
            keys.add(key)
        for day, count in searches.items():
            pipe.incrby(_key("searches", day), count)
            keys.add(_key("searches", day))
        for key in keys:
            pipe.expire(key, self.ttl)
        pipe.execute()

    def read_day(self, day: dt.date) -> tuple[dict[str, tuple[int, int]], int, int] | None:
        """{path: (views, visitors)}, the site's visitors and searches of `day`; None when Redis has nothing."""
        raw = self.client.hgetall(_key("views", day))
        if not raw:
            return None
        paths = {key.decode(): int(value) for key, value in raw.items()}
        pipe = self.client.pipeline(transaction=False)
        for path in paths:
            pipe.pfcount(_key("uniq", day, path))
        pipe.pfcount(_key("uniq", day))
        pipe.get(_key("searches", day))
        *uniques, site_visitors, searches = pipe.execute()
        pages = {path: (views, unique) for (path, views), unique in zip(paths.items(), uniques, strict=True)}
        return pages, int(site_visitors), int(searches or 0)


class BufferCounter(BatchingCounter):
    """Batches go to the database (no Redis: the SQLite demo, a single server)."""

    def write(self, views: Counter, searches: Counter, digests: set[tuple[dt.date, str, str]]) -> None:
        buffer_write(views, searches, digests)


@transaction.atomic
def buffer_write(views: Counter, searches: Counter, digests: set[tuple[dt.date, str, str]]) -> None:
    """Add a batch: its views and searches, and as new visitors the hashes not yet recorded for their page and day
    (looked up by the unique index, so a batch costs the same late in the day as early)."""
    days = {day for day, _path in views} | set(searches)
    SiteVisitDay.objects.bulk_create([SiteVisitDay(day=day) for day in days], ignore_conflicts=True)
    PageVisitDay.objects.bulk_create([PageVisitDay(day=day, path=path) for day, path in views],
                                     ignore_conflicts=True)
    new = set(digests)
    for day in {day for day, _path, _digest in digests}:
        hashes = {digest for digest_day, _path, digest in digests if digest_day == day}
        known = VisitorDigest.objects.filter(day=day, digest__in=hashes).values_list("path", "digest")
        new -= {(day, path, digest) for path, digest in known}
    VisitorDigest.objects.bulk_create(
        [VisitorDigest(day=day, path=path, digest=digest) for day, path, digest in new], ignore_conflicts=True)
    new_visitors = Counter((day, path) for day, path, _digest in new)
    for (day, path), count in views.items():
        PageVisitDay.objects.filter(day=day, path=path).update(
            views=F("views") + count, visitors=F("visitors") + new_visitors[(day, path)])
    for day in days:
        added_views = sum(count for (view_day, _path), count in views.items() if view_day == day)
        SiteVisitDay.objects.filter(day=day).update(
            views=F("views") + added_views, searches=F("searches") + searches.get(day, 0),
            visitors=F("visitors") + new_visitors[(day, "")])


def digests_to_visitors(keys: set[tuple[dt.date, str]]) -> None:
    """Visitors of each (day, page) — "" being the whole site — are its distinct hashes (an absolute figure: the
    flush corrects a batch that two processes both counted as new)."""
    if not keys:
        return
    days = {day for day, _path in keys}
    counts = {
        (row["day"], row["path"]): row["n"]
        for row in VisitorDigest.objects.filter(day__in=days).values("day", "path").annotate(n=Count("pk"))
    }
    for day, path in keys:
        count = counts.get((day, path), 0)
        if path:
            PageVisitDay.objects.filter(day=day, path=path).update(visitors=count)
        else:
            SiteVisitDay.objects.filter(day=day).update(visitors=count)


_counter: RedisCounter | BufferCounter | None = None
_counter_lock = threading.Lock()


def get_counter() -> RedisCounter | BufferCounter:
    global _counter
    if _counter is None:
        with _counter_lock:
            if _counter is None:
                _counter = RedisCounter(settings.REDIS_URL) if settings.REDIS_URL else BufferCounter()
                atexit.register(_counter.drain)
    return _counter


def reset_counter() -> None:
    """Forget the process's counter (tests and the benchmark switch between Redis and the buffer)."""
    global _counter
    if _counter is not None:
        _counter.drain()
    _counter = None
    forget_salt_cache()


def record_hit(*, path: str, address: str, user_agent: str, search: bool) -> None:
    day = timezone.localdate()
    digest = visitor_digest(salt_for(day), address, user_agent)
    get_counter().hit(day, path[:PATH_MAX], digest, search=search)


def is_catalogue_search(path: str, query: dict) -> bool:
    return path == CATALOGUE_SEARCH_PATH and bool(str(query.get("q", "")).strip())
