"""Benchmark of the MARC import (issue 3, item 11 a): records per second, end to end (parse, validate,
store, history, `record_changed` → search index), against the rate at which pymarc alone parses the same
file (the ceiling). Target: the import reaches at least 25 % of the raw parse rate.

    createdb -h 127.0.0.1 -U postgres kitaphana_bench_marc
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kitaphana_bench_marc SECRET_KEY=x \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kitaphana_bench_marc \\
        .venv/bin/python bench/marc_import.py --records 100000

Each run uses fresh control numbers, so the first pass measures inserts and the second pass (the same file
again) measures updates. Each pass also prints its CPU per record: the importing process, its reader process and
the local PostgreSQL server (from /proc). Figures are printed as Markdown.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
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

SEED = 20261125
SURNAMES = ["Сәтбаев", "Әуезов", "Бекмаханова", "Жұмағұлов", "Иванов", "Ким", "Нурпеисова", "Smith", "Knuth",
            "Tarbuck", "Қасымова", "Оспанов", "Ержанов", "Үмбетов", "Һашимов", "Петров", "Абдрахманов"]
GIVEN = ["Қаныш", "Мұхтар", "Нәйля", "Бақытжан", "Сергей", "Виктор", "Маржан", "John", "Donald", "Әлия", "Ғалым"]
WORDS = ["геология", "кен", "орындары", "тау-кен", "ісі", "мұнай", "газ", "металлургия", "меди", "руды",
         "Казахстана", "Қазақстан", "технология", "основы", "негіздері", "mining", "engineering", "geology",
         "introduction", "algorithms", "жүйелер", "ақпараттық", "программирование", "математика", "физика",
         "химия", "экология", "электротехника", "сейсмология", "бұрғылау", "бурение", "obogashchenie"]
PLACES = [("Алматы", "Ғылым"), ("Алматы", "Satbayev University"), ("Астана", "Фолиант"), ("Москва", "Наука"),
          ("Hoboken, NJ", "Wiley"), ("Boston", "Pearson")]
LANGUAGES = ["kaz", "rus", "eng"]
UDC = ["55(574)", "622.276(075.8)", "004.42", "669.3", "51(075.8)", "621.3(075.8)", "553.3(574)", "502.1(574)"]


def isbn13(serial: int) -> str:
    """A valid ISBN-13, distinct per record of a run (so the first pass measures inserts only)."""
    body = f"9786{serial % 10**8:08d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def generate(path: Path, count: int, prefix: str, incomplete: float = 0.0) -> None:
    from pymarc import Field, Indicators, Record, Subfield

    rng = random.Random(f"{SEED}-{prefix}")  # fresh ISBNs per run, so the first pass only inserts
    with path.open("wb") as out:
        for n in range(count):
            language = rng.choice(LANGUAGES)
            place, publisher = rng.choice(PLACES)
            year = rng.randint(1950, 2025)
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 7))).capitalize()
            record = Record(leader="     nam a22     4i 4500")
            record.add_field(Field(tag="001", data=f"{prefix}{n:08d}"))
            record.add_field(Field(tag="008", data=f"230101s{year}    kz            000 0 {language} d"))

            def data(tag, ind1, ind2, *pairs):
                return Field(tag=tag, indicators=Indicators(ind1, ind2), subfields=[Subfield(c, v) for c, v in pairs])

            if rng.random() < 0.6:
                record.add_field(data("020", " ", " ", ("a", isbn13(int(prefix[1:9]) * 7919 + n))))
            record.add_field(data("041", "0", " ", ("a", language)))
            record.add_field(data("080", " ", " ", ("a", rng.choice(UDC))))
            author = f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}"
            record.add_field(data("100", "1", " ", ("a", author)))
            record.add_field(data("245", "1", "0", ("a", title + " /"), ("c", author)))
            # --incomplete: a share of records without a publisher, readable but flagged by quality control (issue
            # 17.2); drawn only when asked, so that the default file is the one earlier runs imported.
            if incomplete and rng.random() < incomplete:
                record.add_field(data("264", " ", "1", ("a", place + ","), ("c", str(year))))
            else:
                record.add_field(data("264", " ", "1", ("a", place + " :"), ("b", publisher + ","),
                                      ("c", str(year))))
            record.add_field(data("300", " ", " ", ("a", f"{rng.randint(20, 900)} p.")))
            for _ in range(rng.randint(1, 3)):
                record.add_field(data("650", " ", "7", ("a", rng.choice(WORDS).capitalize())))
            if rng.random() < 0.3:
                record.add_field(data("520", " ", " ", ("a", " ".join(rng.choice(WORDS) for _ in range(30)))))
            out.write(record.as_marc())


def raw_parse_rate(path: Path) -> tuple[int, float]:
    from pymarc import MARCReader

    started = time.perf_counter()
    count = 0
    with path.open("rb") as stream:
        for record in MARCReader(stream, to_unicode=True, force_utf8=True):
            if record is not None:
                count += 1
    return count, time.perf_counter() - started


def _rate(count: int, seconds: float) -> float:
    return count / seconds


def _postgres_cpu() -> float:
    """CPU seconds so far of the local PostgreSQL server: every running postgres process, plus what the
    postmaster has collected from the backends that ended (cutime/cstime), so that a connection closed during
    the import still counts. 0 when the server is elsewhere."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, _sep, rest = stat.read_text().rpartition(")")
        except OSError:
            continue
        if name.endswith("(postgres"):
            fields = rest.split()
            total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / tick


class CpuMeter:
    """CPU of the import: this process (all its threads), its reader process (a waited-for child) and the local
    PostgreSQL server."""

    def __enter__(self) -> CpuMeter:
        self._self = resource.getrusage(resource.RUSAGE_SELF)
        self._children = resource.getrusage(resource.RUSAGE_CHILDREN)
        self._postgres = _postgres_cpu()
        return self

    def __exit__(self, *exc_info) -> None:
        self.postgres = _postgres_cpu() - self._postgres
        end_self = resource.getrusage(resource.RUSAGE_SELF)
        end_children = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.importing = end_self.ru_utime + end_self.ru_stime - self._self.ru_utime - self._self.ru_stime
        self.reader = (end_children.ru_utime + end_children.ru_stime
                       - self._children.ru_utime - self._children.ru_stime)

    def per_record(self, count: int, seconds: float) -> str:
        total = self.importing + self.reader + self.postgres
        return (f"CPU per record: importing process {self.importing / count * 1e6:.0f} µs, reader process "
                f"{self.reader / count * 1e6:.0f} µs, PostgreSQL {self.postgres / count * 1e6:.0f} µs; "
                f"{total / count * 1e6:.0f} µs in all, {total / seconds / (os.cpu_count() or 1):.0%} of "
                f"{os.cpu_count()} cores busy")


def import_rate(path: Path, batch_size: int) -> tuple[str, float, str]:
    from cataloguing.marcio import import_file
    from cataloguing.models import CatalogueDatabase

    database = CatalogueDatabase.objects.get(code="fund")
    with CpuMeter() as cpu, path.open("rb") as stream:
        started = time.perf_counter()
        result = import_file(stream, database=database, batch_size=batch_size)
        seconds = time.perf_counter() - started
    return result.summary, seconds, cpu.per_record(result.processed, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--no-fork", action="store_true",
                        help="Read in the importing process (as where os.fork is missing): what the reader "
                             "process gains.")
    parser.add_argument("--incomplete", type=float, default=0.0,
                        help="Share of records without a publisher: imported and flagged for the quality-control "
                             "queue (issue 17.2), which before it rejected.")
    parser.add_argument("--without-search", action="store_true",
                        help="Disconnect the search index's record_changed receiver: cataloguing's own cost alone.")
    args = parser.parse_args()
    if args.no_fork:
        del os.fork  # cataloguing.marcio._ReadAhead then prepares the batches in the importing process

    import django

    django.setup()
    from django.db import connection

    from cataloguing.signals import record_changed

    if args.without_search:
        record_changed.disconnect(dispatch_uid="catalogue_search.record_changed")

    load_before = os.getloadavg()
    prefix = f"B{int(time.time()) % 10**8:08d}-"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.mrc"
        started = time.perf_counter()
        generate(path, args.records, prefix, args.incomplete)
        generated = time.perf_counter() - started
        # The shared machine's speed drifts: parse before, between and after the imports, take the median.
        rates = [_rate(*raw_parse_rate(path))]
        first_summary, first_seconds, first_cpu = import_rate(path, args.batch_size)
        rates.append(_rate(*raw_parse_rate(path)))
        second_summary, second_seconds, second_cpu = import_rate(path, args.batch_size)
        rates.append(_rate(*raw_parse_rate(path)))
        size = path.stat().st_size

    raw = statistics.median(rates)
    inserts = args.records / first_seconds
    updates = args.records / second_seconds
    scope = "without the search index" if args.without_search else "end to end, search index included"
    if args.no_fork:
        scope += ", reader in the importing process"
    print(f"## MARC import ({connection.vendor}, {args.records:,} records, {size / 1e6:.1f} MB ISO 2709, "
          f"batch {args.batch_size}, {scope})\n")
    print(f"generated in {generated:.1f} s\n")
    print("| measure | records/s | share of raw parse |")
    print("|---|---:|---:|")
    print(f"| pymarc raw parse (ceiling; median of {', '.join(f'{r:,.0f}' for r in rates)}) | {raw:,.0f} | 100 % |")
    print(f"| import, new records (`{first_summary}`) | {inserts:,.0f} | {inserts / raw:.0%} |")
    print(f"| re-import, same file (`{second_summary}`) | {updates:,.0f} | {updates / raw:.0%} |")
    print(f"\nnew records: {first_cpu}\nre-import: {second_cpu}")
    load = ", ".join(f"{value:.1f}" for value in (*load_before[:1], *os.getloadavg()[:1]))
    print(f"\nload average (1 min) before and after: {load} on {os.cpu_count()} cores")
    print(f"\ntarget ≥ 25 % of raw parse: {'met' if inserts / raw >= 0.25 else 'NOT met'}")


if __name__ == "__main__":
    main()
