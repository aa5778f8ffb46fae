"""Benchmark of circulation (issue 4, item 11): the desk's issue and return through the real service layer,
a race for the same copies, and the reservation-expiry and overdue-notice jobs.

Generates, by COPY into a PostgreSQL database of its own, 30,000 readers (accounts and reader profiles) and
2,000,000 items (over 200,000 records), plus 100,000 open loans held by 10,000 of the readers for the notice
job; then measures:

* issue and return with 16 concurrent desks (processes, as gunicorn workers, one connection each) through
  `loan_issue` and
  `loan_return`: throughput and latency (median, p95, p99); double loans and lost updates counted;
* a race: 32 threads issue the same copy at the same instant (repeated for 50 copies): exactly one wins;
* `reservation_expire_due` over 10,000 and over 100,000 expired holds (one set-based pass), then run again;
* `overdue_notices_send` over the 100,000 loans, then again the same day (must send nothing).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kitaphana_circ_bench .venv/bin/python bench/circulation.py

The database is created and migrated when missing; generation is skipped when the data are there, so a rerun
only measures. Figures are printed as Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kitaphana_circ_bench"
os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("EMAIL_URL", "dummymail://")  # the notices are built and "sent", not delivered
os.environ.setdefault("LOG_LEVEL", "WARNING")

SEED = 20261125
READERS = 30_000
RECORDS = 200_000
ITEMS = 2_000_000
NOTICE_READERS = 10_000  # readers 1..10,000 hold the loans of the notice job; the desks serve the others
NOTICE_LOANS = 100_000


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def copy_rows(table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples; None is NULL) into a table, streaming in chunks."""
    from django.db import connection

    def fmt(value):
        if value is None:
            return "\\N"
        if isinstance(value, bool):
            return "t" if value else "f"
        return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")

    count = 0
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(fmt(v) for v in row) + "\n")
            count += 1
            if count % 20_000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return count


def model_columns(model, values: dict, now: datetime) -> tuple[list[str], dict]:
    """Every concrete column of a model with a fixed value for those `values` does not vary per row."""
    from django.db import models

    fixed = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in values:
            continue
        if field.null:
            fixed[field.column] = None
        elif isinstance(field, models.DateTimeField):
            fixed[field.column] = now.isoformat()
        elif isinstance(field, models.DateField):
            fixed[field.column] = now.date().isoformat()
        elif isinstance(field, models.JSONField):
            fixed[field.column] = "{}"
        elif field.has_default():
            default = field.get_default()
            fixed[field.column] = default.isoformat() if hasattr(default, "isoformat") else default
        else:
            fixed[field.column] = ""
    columns = [*fixed.keys(), *(model._meta.get_field(name).column for name in values)]
    return columns, fixed


def generate(now: datetime) -> None:
    from django.db import connection, transaction

    from accounts.models import ReaderCategory, User
    from cataloguing.models import BibliographicRecord, CatalogueDatabase, Item
    from circulation.calendar import academic_year_of
    from circulation.models import Loan, Reader, ReaderRegistration

    if Item.objects.count() >= ITEMS:
        print("data present: generation skipped")
        return
    fund = CatalogueDatabase.objects.get(code="fund")
    year = academic_year_of(now.date())
    categories = list(ReaderCategory.objects.values_list("pk", "code"))
    started = time.perf_counter()
    with transaction.atomic():
        cols, fixed = model_columns(User, {"username": 0, "email": 0, "last_name": 0, "first_name": 0,
                                           "reader_card_number": 0, "reader_category_id": 0, "password": 0,
                                           "is_active": 0, "date_joined": 0}, now)
        category_of = {i: categories[i % 4 if i > NOTICE_READERS else 0] for i in range(1, READERS + 1)}
        copy_rows(User._meta.db_table, cols, (
            (*fixed.values(), f"bench{i}", f"bench{i}@bench.kz", f"Оқырман{i}", "Бенч", f"B{i:07d}",
             category_of[i][0], "!", True, now.isoformat()) for i in range(1, READERS + 1)))
        users = dict(User.objects.filter(username__startswith="bench").values_list("username", "pk"))
        cols, fixed = model_columns(Reader, {"user_id": 0, "card_number": 0, "category_id": 0, "registered_year": 0},
                                    now)
        copy_rows(Reader._meta.db_table, cols, (
            (*fixed.values(), users[f"bench{i}"], f"B{i:07d}", category_of[i][0], year)
            for i in range(1, READERS + 1)))
        readers = list(Reader.objects.filter(card_number__startswith="B").order_by("pk").values_list("pk", flat=True))
        cols, fixed = model_columns(ReaderRegistration, {"reader_id": 0, "academic_year": 0}, now)
        copy_rows(ReaderRegistration._meta.db_table, cols, ((*fixed.values(), pk, year) for pk in readers))
        print(f"readers: {len(readers)} in {time.perf_counter() - started:.0f} s")

        cols, fixed = model_columns(BibliographicRecord, {"database_id": 0, "control_number": 0, "title": 0,
                                                          "year": 0, "language": 0}, now)
        copy_rows(BibliographicRecord._meta.db_table, cols, (
            (*fixed.values(), fund.pk, f"BENCH-{i:07d}", f"Бенчмарк кітабы {i}", 1990 + i % 35,
             ("kaz", "rus", "eng")[i % 3]) for i in range(1, RECORDS + 1)))
        first_record = BibliographicRecord.objects.get(control_number="BENCH-0000001").pk
        print(f"records: {RECORDS} in {time.perf_counter() - started:.0f} s")
        cols, fixed = model_columns(Item, {"record_id": 0, "inventory_number": 0, "barcode": 0, "status": 0,
                                           "database_id": 0, "loan_category": 0}, now)
        per_record = ITEMS // RECORDS

        def items():
            for i in range(ITEMS):
                status = "on_loan" if i < NOTICE_LOANS else "on_shelf"
                category = "textbook" if i % 10 == 9 else "regular"
                yield (*fixed.values(), first_record + i // per_record, f"BI{i:08d}", f"BC{i:08d}", status, fund.pk,
                       category)

        copy_rows(Item._meta.db_table, cols, items())
        print(f"items: {ITEMS} in {time.perf_counter() - started:.0f} s")
        # 100,000 open loans for readers 1..10,000: a third overdue, a third due within 3 days, a third later.
        first_item = Item.objects.filter(inventory_number="BI00000000").values_list("pk", flat=True)[0]
        cols, fixed = model_columns(Loan, {"reader_id": 0, "item_id": 0, "issued_at": 0, "due_on": 0}, now)
        today = now.date()

        def loans():
            for i in range(NOTICE_LOANS):
                offset = (-10, 2, 20)[i % 3]
                yield (*fixed.values(), readers[i % NOTICE_READERS], first_item + i,
                       (now - timedelta(days=30)).isoformat(), (today + timedelta(days=offset)).isoformat())

        copy_rows(Loan._meta.db_table, cols, loans())
        print(f"loans: {NOTICE_LOANS} in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generated in {time.perf_counter() - started:.0f} s")


def index_catalogue() -> None:
    """The catalogue is searchable in production, so the desks refresh existing search entries (as they do
    in the library), not create them on first touch."""
    from catalogue_search.models import SearchEntry
    from catalogue_search.services import rebuild_search_index
    from cataloguing.models import BibliographicRecord

    if SearchEntry.objects.count() >= BibliographicRecord.objects.count():
        return
    started = time.perf_counter()
    done = rebuild_search_index(full=True)
    print(f"search index: {done:,} records in {time.perf_counter() - started:.0f} s")


def show_queries() -> None:
    """The statements one issue and one return send (after-commit work of the read models included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cataloguing.models import Item
    from circulation.models import Reader
    from circulation.services import loan_issue, loan_return

    reader = Reader.objects.filter(card_number__startswith="B").order_by("-pk")[100]
    item = Item.objects.filter(status="on_shelf", inventory_number__startswith="BI").order_by("-pk")[100]
    for name, call in (("issue", lambda: loan_issue(reader=reader, item=item)),
                       ("return", lambda: loan_return(item=item, confirmed=True))):
        with CaptureQueriesContext(connection) as captured:
            call()
        print(f"\n{name}: {len(captured.captured_queries)} statements")
        for query in captured.captured_queries:
            print(f"  {query['time']:>6} {query['sql'][:220]}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _desk_worker(args: tuple) -> tuple[list[float], list[float], list[str]]:
    """One desk (a separate process, as a gunicorn worker would be): issue each copy to a reader, take it back.

    Closed loop (`interval` None): the next scan as soon as the previous one is answered, which measures the
    capacity of the machine. Paced (`interval` seconds between scans, as a librarian scanning): each scan
    has its planned instant, and its latency is counted from that instant, so time spent waiting behind a
    slow answer counts too (no coordinated omission)."""
    index, items, readers, interval, start_at = args
    from django.db import connections

    connections.close_all()  # never share the parent's connection after fork
    from cataloguing.models import Item
    from circulation.models import Reader
    from circulation.services import loan_issue, loan_return

    rng = random.Random(SEED + index)
    issue_ms, return_ms, errors = [], [], []
    planned = start_at + (rng.random() * interval if interval else 0.0)

    def wait_for_turn() -> float:
        nonlocal planned
        if interval is None:
            return time.perf_counter()
        delay = planned - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        at, planned = planned, planned + interval
        return at

    for item_pk in items:
        reader, item = Reader(pk=rng.choice(readers)), Item(pk=item_pk)
        t0 = wait_for_turn()
        try:
            loan_issue(reader=reader, item=item)
        except Exception as error:
            errors.append(f"issue: {error}")
            continue
        issue_ms.append((time.perf_counter() - t0) * 1000)
        t1 = wait_for_turn()
        loan_return(item=item, confirmed=True)  # taken back at once: the desk's early-return question answered
        return_ms.append((time.perf_counter() - t1) * 1000)
    connections.close_all()
    return issue_ms, return_ms, errors


def desks(count: int, operations: int, rate: float | None = None) -> dict:
    """`count` desks (processes) each issue a copy to a reader and take it back, `operations` times; as fast
    as they can (`rate` None) or together offering `rate` transactions per second."""
    import multiprocessing

    from django.db import connections

    from cataloguing.models import Item
    from circulation.models import Reader

    readers = list(Reader.objects.filter(card_number__startswith="B").order_by("pk").values_list("pk", flat=True))
    readers = readers[NOTICE_READERS:]
    shelf = list(Item.objects.filter(status="on_shelf", inventory_number__startswith="BI").order_by("?")
                 .values_list("pk", flat=True)[: count * operations])
    connections.close_all()
    interval = count / rate if rate else None
    start_at = time.perf_counter() + 1.0  # every desk is forked and connected before the first planned scan
    jobs = [(i, shelf[i::count], readers, interval, start_at) for i in range(count)]
    started = start_at if rate else time.perf_counter()
    with multiprocessing.get_context("fork").Pool(count) as pool:
        results = pool.map(_desk_worker, jobs)
    elapsed = time.perf_counter() - started
    issue_ms = [v for r in results for v in r[0]]
    return_ms = [v for r in results for v in r[1]]
    errors = [v for r in results for v in r[2]]
    both = issue_ms + return_ms
    return {
        "desks": count, "rate": rate, "transactions": len(both), "seconds": elapsed, "tps": len(both) / elapsed,
        "issue": (statistics.median(issue_ms), percentile(issue_ms, 0.95), percentile(issue_ms, 0.99)),
        "return": (statistics.median(return_ms), percentile(return_ms, 0.95), percentile(return_ms, 0.99)),
        "all": (statistics.median(both), percentile(both, 0.95), percentile(both, 0.99)),
        "errors": errors,
    }


def desk_page(scans: int) -> dict:
    """The desk page as a librarian uses it (one process, in-process client: middleware, view, template):
    a scan of a copy is a POST answered by a redirect to the reader's panel, which the browser then loads."""
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from accounts import roles
    from accounts.models import User
    from accounts.services import user_set_roles
    from cataloguing.models import Item
    from circulation.models import Reader

    librarian, _created = User.objects.get_or_create(username="bench-desk",
                                                     defaults={"email": "bench-desk@kitaphana.kz"})
    user_set_roles(user=librarian, roles=[roles.LIBRARIAN_SERVICE])
    readers = list(Reader.objects.filter(card_number__startswith="B").order_by("-pk")
                   .values_list("card_number", flat=True)[1000:1000 + scans])
    copies = list(Item.objects.filter(status="on_shelf", inventory_number__startswith="BI").order_by("-pk")
                  .values_list("barcode", flat=True)[1000:1000 + scans])
    desk, scan = reverse("circulation:desk"), reverse("circulation:desk_scan")
    timings: dict[str, list[float]] = {"card": [], "issue": [], "return": []}
    from django.conf import settings

    # No collectstatic for a bench: static URLs without the manifest (what a page costs is the same).
    storages = {**settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(ALLOWED_HOSTS=["*"], STORAGES=storages):
        client = Client()
        client.force_login(librarian, backend="accounts.backends.EmailOrReaderCardBackend")
        client.get(desk)  # warm-up
        for card, barcode in zip(readers, copies, strict=False):
            for kind, call in (
                ("card", lambda card=card: client.get(desk, {"card": card})),
                ("issue", lambda card=card, barcode=barcode: client.post(
                    scan, {"card": card, "item": barcode}, follow=True)),
                ("return", lambda card=card, barcode=barcode: client.post(  # "yes" to the early-return question
                    scan, {"card": card, "item": barcode, "confirm_return": barcode}, follow=True)),
            ):
                t0 = time.perf_counter()
                response = call()
                timings[kind].append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (kind, response.status_code)
    return {kind: (len(values), statistics.median(values), percentile(values, 0.95), percentile(values, 0.99))
            for kind, values in timings.items()}


def integrity() -> dict:
    """Double loans (a copy on two open loans) and lost updates (a copy whose status disagrees with its loans)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM (SELECT item_id FROM circulation_loan WHERE returned_at IS NULL "
                       "GROUP BY item_id HAVING count(*) > 1) d")
        double = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM cataloguing_item i JOIN circulation_loan l ON l.item_id = i.id "
                       "AND l.returned_at IS NULL WHERE i.status <> 'on_loan'")
        on_loan_wrong = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM cataloguing_item i WHERE i.status = 'on_loan' AND NOT EXISTS "
                       "(SELECT 1 FROM circulation_loan l WHERE l.item_id = i.id AND l.returned_at IS NULL) "
                       "AND i.inventory_number LIKE 'BI%%'")
        loan_missing = cursor.fetchone()[0]
    return {"double_loans": double, "lost_updates": on_loan_wrong + loan_missing}


def race(threads: int, copies: int) -> dict:
    from django.db import connection

    from cataloguing.models import Item
    from circulation.exceptions import CirculationError
    from circulation.models import Reader
    from circulation.services import loan_issue

    readers = list(Reader.objects.filter(card_number__startswith="B").order_by("-pk").values_list("pk", flat=True)
                   [: threads])
    targets = list(Item.objects.filter(status="on_shelf", inventory_number__startswith="BI").order_by("-pk")
                   .values_list("pk", flat=True)[:copies])
    wins_per_copy = []
    for item_pk in targets:
        barrier = threading.Barrier(threads)
        wins = []

        def racer(reader_pk: int, item_pk=item_pk, barrier=barrier, wins=wins) -> None:
            try:
                barrier.wait()
                loan_issue(reader=Reader(pk=reader_pk), item=Item(pk=item_pk))
                wins.append(reader_pk)
            except CirculationError:
                pass
            finally:
                connection.close()

        workers = [threading.Thread(target=racer, args=(r,)) for r in readers]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        wins_per_copy.append(len(wins))
    from circulation.services import loan_return

    for item_pk in targets:
        loan_return(item=Item(pk=item_pk), confirmed=True)
    return {"copies": copies, "threads": threads, "exactly_one": sum(1 for w in wins_per_copy if w == 1),
            "more_than_one": sum(1 for w in wins_per_copy if w > 1), "none": sum(1 for w in wins_per_copy if w == 0)}


def expiry(holds: int, now: datetime) -> dict:
    """`holds` active reservations, all past their 24 hours, released by the sweep (twice)."""
    from django.db import connection, transaction

    from cataloguing.models import Item
    from circulation import tasks
    from circulation.models import Reader, Reservation
    from circulation.services import reservation_expire_due, reservation_notify_expired

    readers = list(Reader.objects.filter(card_number__startswith="B").order_by("pk")
                   .values_list("pk", flat=True)[NOTICE_READERS:])
    # The copies after the notice job's loans: one contiguous range of ids (generated by one COPY).
    low = Item.objects.get(inventory_number=f"BI{NOTICE_LOANS:08d}").pk
    high = low + holds - 1
    in_range = Item.objects.filter(pk__gte=low, pk__lte=high)
    items = list(in_range.filter(status="on_shelf").order_by("pk").values_list("pk", "record_id"))
    created = now - timedelta(days=2)
    with transaction.atomic():
        in_range.filter(status="on_shelf").update(status="reserved")
        cols, fixed = model_columns(Reservation, {"reader_id": 0, "record_id": 0, "item_id": 0, "status": 0,
                                                  "created_at": 0, "held_at": 0, "expires_at": 0}, now)
        copy_rows(Reservation._meta.db_table, cols, (
            (*fixed.values(), readers[i % len(readers)], record, pk, "active", created.isoformat(),
             created.isoformat(), (created + timedelta(days=1)).isoformat())
            for i, (pk, record) in enumerate(items)))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE circulation_reservation")
    queued: list[list[int]] = []
    # The sweep queues its e-mails with delay_on_commit; without a broker Celery would run them inline and the
    # timing would be the e-mails' (they are timed below, as the worker's task).
    original = tasks.reservation_notify_expired.delay_on_commit
    tasks.reservation_notify_expired.delay_on_commit = lambda ids: queued.append(ids)
    try:
        t0 = time.perf_counter()
        released = reservation_expire_due(at=now)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = reservation_expire_due(at=now)
        second = time.perf_counter() - t0
    finally:
        tasks.reservation_notify_expired.delay_on_commit = original
    sender = tasks.notice_send.delay_on_commit  # each notice's own task sends it (inline without a broker)
    tasks.notice_send.delay_on_commit = lambda notice_id: None
    try:
        t0 = time.perf_counter()
        told = sum(reservation_notify_expired(reservation_ids=ids) for ids in queued)
        notify = time.perf_counter() - t0
    finally:
        tasks.notice_send.delay_on_commit = sender
    back = in_range.filter(status="on_shelf").count()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM circulation_reservation WHERE item_id BETWEEN %s AND %s", [low, high])
    return {"holds": holds, "released": released, "seconds": first, "second_run": again,
            "second_seconds": second, "copies_back": back, "told": told, "notify_seconds": notify}


def notices(now: datetime) -> dict:
    from django.utils import timezone

    from circulation import tasks
    from circulation.models import OverdueNotice
    from circulation.services import overdue_notices_send

    day = timezone.localdate(now)  # the job's day is the library's (Almaty), not UTC's
    OverdueNotice.objects.filter(sent_on=day).delete()  # so that a rerun of the bench measures a first run
    # The job logs and queues the notices; the sending is each notice's Celery task (run inline without a broker).
    original = tasks.notice_send.delay_on_commit
    tasks.notice_send.delay_on_commit = lambda notice_id: None
    try:
        t0 = time.perf_counter()
        first = overdue_notices_send(at=now)
        first_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        second = overdue_notices_send(at=now)
        second_s = time.perf_counter() - t0
    finally:
        tasks.notice_send.delay_on_commit = original
    return {"sent": first, "seconds": first_s, "second_sent": second, "second_seconds": second_s,
            "logged": OverdueNotice.objects.filter(sent_on=day).count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desks", type=int, default=16)
    parser.add_argument("--skip-jobs", action="store_true", help="measure the desks and the race only")
    parser.add_argument("--skip-desks", action="store_true", help="measure the jobs only")
    parser.add_argument("--operations", type=int, default=150, help="issue+return pairs per desk and run")
    parser.add_argument("--rates", type=float, nargs="*", default=[100.0],
                        help="after the run as fast as possible, runs with the desks together offering these tps")
    parser.add_argument("--page-scans", type=int, default=200, help="copies issued and returned on the desk page")
    parser.add_argument("--race-threads", type=int, default=32)
    parser.add_argument("--race-copies", type=int, default=50)
    parser.add_argument("--show-queries", action="store_true",
                        help="print the SQL statements of one issue and one return, then stop")
    args = parser.parse_args()
    ensure_database(os.environ["DATABASE_URL"])
    setup_django()
    from django.utils import timezone

    now = timezone.now()
    generate(now)
    index_catalogue()
    if args.show_queries:
        show_queries()
        return
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    from cataloguing.models import Item

    print(f"\n## Circulation ({datetime.now(UTC):%Y-%m-%d}, {version}, {os.cpu_count()} cores)\n")
    print(f"Data: 30,000 readers, {Item.objects.count():,} items, {NOTICE_LOANS:,} open loans for the notice job. "
          f"Load average at start: {os.getloadavg()[0]:.1f}.\n")
    if not args.skip_desks:
        measure_desks(args)
    if args.skip_jobs:
        return
    measure_jobs(now)


def measure_desks(args) -> None:
    desks(4, 10)  # warm-up: connections, caches
    print("| issue and return, real services | load | transactions | tps | median ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    errors = []
    for rate in (None, *args.rates):
        result = desks(args.desks, args.operations, rate)
        errors += result["errors"]
        load = f"offered {rate:.0f} tps" if rate else "as fast as they can"
        for key in ("issue", "return", "all"):
            median, p95, p99 = result[key]
            count = result["transactions"] if key == "all" else result["transactions"] // 2
            print(f"| {args.desks} desks: {key} | {load} | {count} | {result['tps']:.0f} | {median:.1f} | {p95:.1f} "
                  f"| {p99:.1f} |")
    check = integrity()
    print(f"\nErrors: {len(errors)} {errors[:3]}; double loans: {check['double_loans']}; "
          f"lost updates: {check['lost_updates']}.")
    page = desk_page(args.page_scans)
    print("\n| desk page, one librarian (scan → redirect → reader's panel) | scans | median ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|")
    for kind, label in (("card", "reader card scanned"), ("issue", "copy scanned: issue"),
                        ("return", "copy scanned: return")):
        count, median, p95, p99 = page[kind]
        print(f"| {label} | {count} | {median:.1f} | {p95:.1f} | {p99:.1f} |")
    race_result = race(args.race_threads, args.race_copies)
    print(f"\nRace: {race_result['threads']} threads issuing the same copy at once, {race_result['copies']} copies: "
          f"exactly one loan for {race_result['exactly_one']}, more than one for {race_result['more_than_one']}, "
          f"none for {race_result['none']}; after the race double loans: {integrity()['double_loans']}.")


def measure_jobs(now: datetime) -> None:
    print("\n| job | rows | first run s | released / sent | second run s | second run released / sent |")
    print("|---|---|---|---|---|---|")
    for holds in (10_000, 100_000):
        e = expiry(holds, now)
        print(f"| reservation_expire_due | {holds:,} holds | {e['seconds']:.2f} | {e['released']:,} (copies back "
              f"{e['copies_back']:,}) | {e['second_seconds']:.3f} | {e['second_run']} |")
        print(f"| reservation_notify_expired (task) | {holds:,} holds | {e['notify_seconds']:.2f} | "
              f"{e['told']:,} e-mails | | |")
    n = notices(now)
    print(f"| overdue_notices_send | {NOTICE_LOANS:,} loans | {n['seconds']:.2f} | {n['sent']:,} e-mails "
          f"({n['logged']:,} logged) | {n['second_seconds']:.2f} | {n['second_sent']} |")


if __name__ == "__main__":
    main()
