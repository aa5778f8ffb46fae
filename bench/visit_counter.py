"""Benchmark of the public site's visit counter (issue 16, item 7): what `website.middleware.VisitCounterMiddleware`
adds to a page, p50/p95/p99/max over many requests, with Redis (HINCRBY + PFADD in one pipelined round trip) and
without it (per-process buffer written to the database every `VISIT_BUFFER_MAX_HITS` hits), and what a flush costs.

    .venv/bin/python bench/visit_counter.py                                   # SQLite scratch file, Redis if local
    REDIS_URL=redis://127.0.0.1:6379/12 .venv/bin/python bench/visit_counter.py --requests 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kh_bench_visits .venv/bin/python bench/visit_counter.py

The page itself is a stub (an HttpResponse built in the view), so every microsecond measured beyond it is the
counter's: the path and bot checks, the hash, and Redis's round trip or the buffer (with its batch writes, which
fall on one request in 200). Visitors are drawn from 3,000 addresses × 4 browsers, one in ten requests is a robot,
paths from 25 public pages. Only the website tables are created (in a scratch SQLite file unless DATABASE_URL names
a database). Figures are printed as Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

BROWSERS = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 "
    "Mobile Safari/537.36",
]
ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "python-requests/2.32.3",
]


def setup(database_file: str) -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{database_file}"
    import django

    django.setup()
    from django.db import connection

    from website.models import DailySalt, PageVisitDay, SiteVisitDay, VisitorDigest

    existing = set(connection.introspection.table_names())
    with connection.schema_editor() as editor:
        for model in (DailySalt, SiteVisitDay, PageVisitDay, VisitorDigest):
            if model._meta.db_table not in existing:
                editor.create_model(model)


def _requests(count: int, *, seed: int) -> list:
    from django.test import RequestFactory

    rng = random.Random(seed)
    factory = RequestFactory()
    paths = ["/", "/catalogue/", *(f"/{lang}/site/news/item-{n}/" for lang in ("kk", "ru", "en") for n in range(8))]
    made = []
    for _ in range(count):
        robot = rng.random() < 0.1
        agent = rng.choice(ROBOTS) if robot else rng.choice(BROWSERS)
        address = f"10.{rng.randint(0, 11)}.{rng.randint(0, 15)}.{rng.randint(1, 20)}"
        path = rng.choice(paths)
        query = {"q": "геология"} if path == "/catalogue/" and rng.random() < 0.5 else {}
        made.append(factory.get(path, query, HTTP_USER_AGENT=agent, REMOTE_ADDR=address))
    return made


def _page(request):
    from django.http import HttpResponse

    return HttpResponse("<html><body>page</body></html>", content_type="text/html; charset=utf-8")


def _percentiles(samples_us: list[float]) -> dict[str, float]:
    ordered = sorted(samples_us)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": ordered[-1],
            "mean": statistics.fmean(ordered), "over_1ms": sum(1 for us in ordered if us > 1000) / len(ordered)}


def measure(requests: list, *, redis_url: str) -> dict[str, float]:
    from django.conf import settings

    from website import visits
    from website.middleware import VisitCounterMiddleware

    settings.REDIS_URL = redis_url
    visits.reset_counter()
    middleware = VisitCounterMiddleware(_page)
    for request in requests[:500]:  # warm-up: imports, the day's salt, CrawlerDetect's patterns, the agent cache
        middleware(request)
    bare, counted = [], []
    for request in requests:
        start = time.perf_counter_ns()
        _page(request)
        bare.append(time.perf_counter_ns() - start)
        start = time.perf_counter_ns()
        middleware(request)
        counted.append(time.perf_counter_ns() - start)
    page_ns = statistics.median(bare)
    figures = _percentiles([max(0.0, (ns - page_ns) / 1000) for ns in counted])
    flush_start = time.perf_counter()
    from website.services import visits_flush

    visits_flush()
    figures["flush_ms"] = (time.perf_counter() - flush_start) * 1000
    visits.reset_counter()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/12")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup(str(Path(scratch) / "visits.sqlite3"))
        from django.db import connection

        requests = _requests(args.requests, seed=16)
        # The 20,000 prepared requests are the bench's, not a server's: out of the collector's way, or a full
        # collection pass over them (hundreds of ms) lands on whichever request happens to trigger it.
        gc.collect()
        gc.freeze()
        rows = [("no Redis: buffer → " + connection.vendor, measure(requests, redis_url=""))]
        try:
            import redis

            redis.Redis.from_url(args.redis_url, socket_connect_timeout=0.5).ping()
            rows.append(("Redis (local, pipelined)", measure(requests, redis_url=args.redis_url)))
        except Exception as error:
            print(f"Redis not measured: {error}", file=sys.stderr)
        print(f"{args.requests:,} requests (10 % robots, 25 pages, 12,000 visitors); added cost per request, µs\n")
        print("| counter | p50 | p95 | p99 | max | mean | over 1 ms | flush after the run, ms |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, f in rows:
            print(f"| {name} | {f['p50']:.1f} | {f['p95']:.1f} | {f['p99']:.1f} | {f['max']:.0f} | {f['mean']:.1f} "
                  f"| {f['over_1ms']:.2%} | {f['flush_ms']:.1f} |")


if __name__ == "__main__":
    main()
