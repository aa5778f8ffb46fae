"""Benchmark of the public catalogue search (issue 3, item 11 b).

Generates N bibliographic records (default 1,000,000) with 2·N items into a separate PostgreSQL database by
COPY, builds the search index with `rebuild_search_index --full`, then measures:

* database time per search (sum of the SQL statements `search()` runs, facets included), median and p95,
  over a fixed mixed query set: rare and common words, phrases, author names, ISBNs, UDC prefixes, typos,
  other-script queries, some with facet filters;
* the whole /catalogue/ page under 20 concurrent users (threads) against gunicorn on 127.0.0.1.

    createdb -h 127.0.0.1 -U postgres kitaphana_bench_search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kitaphana_bench_search SECRET_KEY=x \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kitaphana_bench_search \\
        .venv/bin/python bench/catalogue_search.py --records 1000000

Steps already done are skipped (records present → no generation; index complete → no rebuild), so a rerun
only measures. Figures are printed as Markdown for bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

SEED = 20261125


def words(text: str) -> list[str]:
    return text.split()

# --- vocabulary of the generated catalogue -------------------------------------------------------------------

KK_WORDS = words(
    "тарихы қазақстан геология мұнай газ кен өндіру технология негіздері оқулық әдістеме зерттеу жүйесі ақпарат "
    "бағдарламалау экономика құқық әдебиет тіл мәдениет білім ғылым инженерия металлургия құрылыс сәулет "
    "энергетика физика химия математика механика электр желілері автоматтандыру басқару жобалау талдау модельдеу "
    "өнеркәсіп ауыл шаруашылығы экология су ресурстары жер қойнауы бұрғылау ұңғыма тау жыныстары минералдар "
    "кристалдар петрология тектоника сейсмология картография геодезия топография көлік жолдар көпірлер материалдар "
    "беріктігі термодинамика гидравлика пайдалы қазбалар байыту философия педагогика психология әлеуметтану "
    "саясаттану халықаралық қатынастар дипломатия журналистика аударма лингвистика грамматика сөздік әліпби "
    "фольклор поэзия проза драматургия роман әңгіме өлеңдер жинағы шығармалары таңдамалы томдық"
)
RU_WORDS = words(
    "история казахстана геология нефти газа месторождений разработка технологии основы учебник методы "
    "исследование системы информационные программирование экономика право литература язык культура образование "
    "наука инженерия металлургия строительство архитектура энергетика физика химия математика механика "
    "электрические сети автоматизация управление проектирование анализ моделирование промышленность сельское "
    "хозяйство экология водные ресурсы недра бурение скважин горные породы минералы кристаллы петрология тектоника "
    "сейсмология картография геодезия транспорт дороги мосты материалов сопротивление термодинамика гидравлика "
    "полезные ископаемые обогащение философия педагогика психология социология политология международные "
    "отношения журналистика перевод лингвистика грамматика словарь книга книги пособие практикум лекции сборник "
    "трудов конференции избранные сочинения"
)
EN_WORDS = words(
    "history kazakhstan geology oil gas deposits development technology fundamentals textbook methods research "
    "systems information programming economics law literature language culture education science engineering "
    "metallurgy construction architecture energy physics chemistry mathematics mechanics electrical networks "
    "automation management design analysis modelling industry agriculture ecology water resources subsoil "
    "drilling wells rocks minerals crystals petrology tectonics seismology cartography geodesy transport roads "
    "bridges materials strength thermodynamics hydraulics mineral processing philosophy pedagogy psychology "
    "sociology international relations journalism translation linguistics grammar dictionary handbook "
    "introduction advanced applied principles proceedings conference selected papers mining"
)
KK_SURNAMES = words(
    "Сәтбаев Жұмабаев Әуезов Мүсірепов Нұрпейісов Байтұрсынов Омаров Серікбаев Тоқтаров Құнанбаев Уәлиханов "
    "Есенов Жандосов Бөкейханов Дулатов Сейфуллин Майлин Жансүгіров Мұқанов Мұстафин Ахметов Әбішев Қасымов "
    "Тәжібаев Шәкәрімов Ғабдуллин Бекмаханов Қозыбаев Әлімбаев Нұрғалиев Төлеубаев Жақыпов Сұлтанов Оспанов"
)
RU_SURNAMES = words(
    "Иванов Петров Сидоров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Федоров Морозов Волков "
    "Алексеев Лебедев Семенов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров "
    "Зайцев Соловьев Борисов Яковлев Григорьев Романов Воробьев Сергеев Кузьмин Фролов Щербаков Жуков Хабаров"
)
EN_SURNAMES = words(
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson Thompson "
    "White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell"
)
INITIALS_CYR = "АБҒДЕЖЗИКҚЛМНОПРСТУҰҮФХШ"
INITIALS_LAT = "ABCDEFGHJKLMNOPRSTVW"
SYLLABLES = words("ka ra ta ba sa ma na la da ga za ja ke re te be se me ne le de ge ze ki ri ti bi si mi ni li di gi "
             "ko ro to bo so mo no lo do go ku ru tu bu su mu nu lu du gu ar er ir or ur an en in on un al el il ol "
             "ul as es is os us")
UDC = ("622.276", "622.24", "622.23", "553.98", "55", "550.8", "551.24", "004.42", "004.9", "004.738", "669.1",
       "669.2", "62", "621.3", "624.04", "811.512.122", "811.161.1", "94(574)", "33", "34", "378", "502.1",
       "53", "54", "51", "91", "37.01", "159.9", "82-3", "008")
KAZ_LATIN = str.maketrans({
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ж": "j", "з": "z", "и": "i",
    "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ч": "ç", "ш": "ş", "ы": "y",
    "і": "ı", "э": "e", "ю": "iu", "я": "ia", "ц": "ts", "щ": "ş", "ь": "", "ъ": "",
    "А": "A", "Ә": "Ä", "Б": "B", "Ғ": "Ğ", "Д": "D", "Е": "E", "Ж": "J", "З": "Z", "К": "K", "Қ": "Q", "М": "M",
    "Н": "N", "О": "O", "Ө": "Ö", "С": "S", "Т": "T", "Ұ": "Ū", "Ү": "Ü", "Ш": "Ş", "Ы": "Y", "І": "I", "У": "U",
    "Ф": "F", "Х": "H", "Л": "L", "Р": "R", "П": "P", "И": "İ", "Г": "G", "В": "V",
})
STATUSES = (("on_shelf", 60), ("on_loan", 25), ("reserved", 2), ("processing", 3), ("in_transfer", 1), ("lost", 2),
            ("written_off", 7))


def zipf_weights(n: int, s: float) -> list[float]:
    return [1 / (rank ** s) for rank in range(1, n + 1)]


class Generator:
    """Deterministic catalogue: Zipf-distributed words, so some words are common and most are rare."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        rng = self.rng
        self.rare = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))) for _ in range(150_000)})
        rng.shuffle(self.rare)
        self.rare_cum = self._cumulative(zipf_weights(len(self.rare), 1.0))
        self.pools = {"kaz": KK_WORDS, "rus": RU_WORDS, "eng": EN_WORDS}
        self.pool_cum = {lang: self._cumulative(zipf_weights(len(words), 0.9)) for lang, words in self.pools.items()}
        cyr_roots = [s[:-2] for s in KK_SURNAMES + RU_SURNAMES]
        self.kk_names = KK_SURNAMES + [f"{root}{rng.choice(SYLLABLES)}ов" for root in cyr_roots for _ in range(40)]
        self.ru_names = RU_SURNAMES + [f"{root}{rng.choice(SYLLABLES)}ев" for root in cyr_roots for _ in range(40)]
        self.en_names = EN_SURNAMES + [f"{name}{rng.choice(SYLLABLES)}" for name in EN_SURNAMES for _ in range(60)]

    @staticmethod
    def _cumulative(weights: list[float]) -> list[float]:
        total, acc = sum(weights), []
        running = 0.0
        for w in weights:
            running += w
            acc.append(running / total)
        return acc

    def word(self, lang: str) -> str:
        return self.rng.choices(self.pools[lang], cum_weights=self.pool_cum[lang])[0]

    def rare_word(self) -> str:
        return self.rng.choices(self.rare, cum_weights=self.rare_cum)[0]

    def author(self, lang: str) -> str:
        rng = self.rng
        if lang == "eng":
            return f"{rng.choice(self.en_names)} {rng.choice(INITIALS_LAT)}."
        names = self.kk_names if lang == "kaz" else self.ru_names
        return f"{rng.choice(names)} {rng.choice(INITIALS_CYR)}. {rng.choice(INITIALS_CYR)}."

    def isbn(self) -> str:
        body = "978601" + "".join(str(self.rng.randint(0, 9)) for _ in range(6))
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
        return body + str((10 - total % 10) % 10)

    def record(self, pk: int) -> tuple:
        rng = self.rng
        lang = rng.choices(("kaz", "rus", "eng"), weights=(45, 42, 13))[0]
        words = [self.word(lang) for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.35:
            words.insert(rng.randrange(len(words) + 1), self.rare_word())
        title = " ".join(words).capitalize()
        authors = [self.author(lang) for _ in range(rng.choices((0, 1, 2, 3), weights=(10, 55, 25, 10))[0])]
        if lang == "kaz" and rng.random() < 0.08:
            # Kazakh records catalogued in the Latin alphabet (2021).
            title, authors = title.translate(KAZ_LATIN), [a.translate(KAZ_LATIN) for a in authors]
        subjects = "; ".join(" ".join(self.word(lang) for _ in range(2)) for _ in range(rng.randint(1, 3)))
        annotation = ""
        if rng.random() < 0.5:
            annotation = " ".join(self.word(lang) if rng.random() < 0.8 else self.rare_word()
                                  for _ in range(rng.randint(10, 25))).capitalize() + "."
        database, document_type = rng.choices(
            (("fund", "book"), ("fund", "textbook"), ("articles", "article"), ("dissertations", "dissertation"),
             ("dissertations", "author_abstract"), ("methodical", "methodical"), ("periodicals", "periodical"),
             ("e-resources", "e_resource"), ("rare", "book")),
            weights=(40, 15, 15, 3, 2, 10, 3, 10, 2),
        )[0]
        if lang == "eng" and database == "fund":
            database = "foreign"
        year = min(2025, max(1930, int(rng.gauss(2008, 12))))
        isbn = self.isbn() if document_type in ("book", "textbook", "methodical") and rng.random() < 0.8 else ""
        udc = rng.choice(UDC) + (f".{rng.randint(1, 9)}" if rng.random() < 0.5 else "")
        return (pk, f"B{pk:09d}", title, "; ".join(authors), authors[0] if authors else "", year, isbn, udc, lang,
                document_type, subjects, annotation, database)


# --- steps ------------------------------------------------------------------------------------------------------

def generate(records: int, items_per_record: int, log) -> None:
    from django.db import connection

    from cataloguing.models import BibliographicRecord, CatalogueDatabase

    present = BibliographicRecord.objects.count()
    if present >= records:
        log(f"generate: {present} records already present, skipped")
        return
    if present:
        raise SystemExit(f"{present} records present, fewer than {records}: use an empty database")
    databases = dict(CatalogueDatabase.objects.values_list("code", "id"))
    generator = Generator()
    now = datetime.now(UTC).isoformat()
    started = time.monotonic()
    record_columns = ("id, control_number, title, authors, first_author, year, isbn, udc, language, document_type, "
                      "subjects, annotation, database_id, leader, marc, subtitle, statement_of_responsibility, "
                      "publisher, place, edition, extent, series, source, issn, url, dedup_key, created_at, "
                      "updated_at")
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY cataloguing_bibliographicrecord ({record_columns}) FROM STDIN") as copy:
            for pk in range(1, records + 1):
                row = generator.record(pk)
                copy.write_row((*row[:12], databases[row[12]], "     nam a22     4i 4500", "{}", "", "", "Ғылым",
                                "Алматы", "", "", "", "", "", "", "", now, now))
                if pk % 100_000 == 0:
                    log(f"generate: {pk} records, {pk / (time.monotonic() - started):.0f}/s")
        cursor.execute("SELECT setval(pg_get_serial_sequence('cataloguing_bibliographicrecord', 'id'), %s)",
                       [records])
        rng = random.Random(SEED + 1)
        owners = sorted(rng.randrange(1, records + 1) for _ in range(records * items_per_record))
        record_db = dict(BibliographicRecord.objects.values_list("id", "database_id").iterator(chunk_size=50_000))
        statuses, weights = zip(*STATUSES, strict=True)
        item_columns = ("id, inventory_number, barcode, status, location_note, loan_category, receipt_source, "
                        "stamped, call_number, created_at, updated_at, database_id, record_id")
        with cursor.copy(f"COPY cataloguing_item ({item_columns}) FROM STDIN") as copy:
            for pk, record_id in enumerate(owners, start=1):
                status = rng.choices(statuses, weights=weights)[0]
                copy.write_row((pk, f"{pk:010d}", f"BC{pk:010d}", status, "", "regular", "purchase", True, "", now,
                                now, record_db[record_id], record_id))
        cursor.execute("SELECT setval(pg_get_serial_sequence('cataloguing_item', 'id'), %s)",
                       [len(owners)])
        cursor.execute("ANALYZE cataloguing_bibliographicrecord")
        cursor.execute("ANALYZE cataloguing_item")
    log(f"generate: {records} records and {len(owners)} items in {time.monotonic() - started:.0f} s")


def build_index(log) -> float:
    from catalogue_search.models import SearchEntry
    from catalogue_search.services import rebuild_search_index
    from cataloguing.models import BibliographicRecord

    total = BibliographicRecord.objects.count()
    if SearchEntry.objects.count() == total:
        log(f"index: {total} entries already present, skipped")
        return 0.0
    started = time.monotonic()

    def progress(done, total):
        if done % 100_000 < 5000 or done == total:
            log(f"index: {done}/{total}, {done / (time.monotonic() - started):.0f} records/s")

    rebuild_search_index(full=True, progress=progress)
    elapsed = time.monotonic() - started
    log(f"index: built in {elapsed:.0f} s ({total / elapsed:.0f} records/s, GIN indexes included)")
    return elapsed


def query_set(log) -> list[tuple[str, str, dict]]:
    """The fixed mixed query set: (kind, query, filters)."""
    from django.db import connection

    from catalogue_search.models import SearchWord
    from catalogue_search.normalize import search_words

    generator = Generator()
    rng = random.Random(SEED + 2)
    queries: list[tuple[str, str, dict]] = []
    for word in ("тарихы", "история", "history", "геология", "қазақстан", "technology"):
        queries.append(("common word", word, {}))
    # Zipf ranks 3 000–18 000 of the 150 000 synthetic words: each in a handful to a few dozen records.
    for word in generator.rare[3_000:18_001:3_000]:
        queries.append(("rare word", word, {}))
    for phrase in ('"мұнай газ"', '"история казахстана"', '"mining engineering"', "геология негіздері",
                   "нефти газа месторождений", "information systems design"):
        queries.append(("phrase / several words", phrase, {}))
    for name in ("Сәтбаев", "Жұмабаев Қ.", "Иванов", "Щербаков", "Smith", "Әуезов"):
        queries.append(("author", name, {}))
    for name in ("Sätbaev", "Satbayev", "Zhumabayev", "Ivanov", "Shcherbakov", "Qazaqstan tarihy",
                 "Kazakhstan tarihy", "Auezov"):
        queries.append(("other script", name, {}))
    # Other forms of the generated Kazakh words (issue 21: the index and the query hold stems): «тарихы» is in
    # the catalogue, «тарихының» is typed; «негіздері» / «негізі», «жүйесі» / «жүйелері», the 2021 Latin
    # «Qazaqstannyñ».
    for form in ("тарихының", "негізі", "жүйелері", "мұнайдың", "зерттеулері", "өлеңі", "Qazaqstannyñ tarihy",
                 "шығармасы"):
        queries.append(("Kazakh inflected form", form, {}))
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM cataloguing_bibliographicrecord")
        top = cursor.fetchone()[0]
        for share in (0.05, 0.2, 0.35, 0.5, 0.75, 0.95):
            cursor.execute("SELECT isbn FROM cataloguing_bibliographicrecord WHERE isbn <> '' AND id > %s"
                           " ORDER BY id LIMIT 1", [int(top * share)])
            isbn = cursor.fetchone()[0]
            queries.append(("ISBN", f"{isbn[:3]}-{isbn[3:6]}-{isbn[6:9]}-{isbn[9:12]}-{isbn[12]}", {}))
    for udc in ("622.276", "004.42", "УДК 669", "811.512.122"):
        queries.append(("UDC", udc, {}))
    vocabulary_probe = []
    for word in ("геология", "металлургия", "программирование", "engineering", "Сәтбаев", "бұрғылау",
                 "thermodynamics", "картография"):
        for _attempt in range(20):
            i = rng.randrange(1, len(word) - 1)
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2:] if rng.random() < 0.5 else word[:i] + word[i + 1:]
            if not SearchWord.objects.filter(word="".join(search_words(typo))).exists():
                break
        vocabulary_probe.append(typo)
        queries.append(("typo", typo, {}))
    for kind, word, filters in (("common word + facets", "тарихы", {"language": "kaz", "available": True}),
                                ("common word + facets", "history", {"database": "foreign", "year_from": 2010}),
                                ("common word + facets", "геология", {"year": 2015}),
                                ("browse by facets", "", {"language": "rus", "document_type": "textbook"})):
        queries.append((kind, word, filters))
    log(f"queries: {len(queries)} ({', '.join(sorted({k for k, _q, _f in queries}))})")
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def measure_db(queries, repeats: int, log) -> dict:
    from django.db import connection

    from catalogue_search.selectors import SearchFilters, search

    timings: dict[str, list[float]] = {}
    details = []

    def timer(execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - t

    for _kind, text, filters in queries:  # warm-up (caches, plans)
        search(text, filters=SearchFilters(**filters))
    for kind, text, filters in queries:
        samples = []
        for _ in range(repeats):
            spent = [0.0]
            with connection.execute_wrapper(timer):
                result = search(text, filters=SearchFilters(**filters))
            samples.append(spent[0] * 1000)
        timings.setdefault(kind, []).extend(samples)
        timings.setdefault("all", []).extend(samples)
        details.append((kind, text, filters, statistics.median(samples), result.total, result.total_is_capped,
                        result.mode))
    for kind, text, filters, median, total, capped, mode in details:
        log(f"  {kind:24} {text!r:32} {json.dumps(filters, ensure_ascii=False):40} {median:7.1f} ms "
            f"{'>' if capped else ''}{total} ({mode})")
    return {kind: (statistics.median(v), percentile(v, 0.95), len(v)) for kind, v in timings.items()}


def measure_page(queries, users: int, requests_per_user: int, workers: int, log) -> dict:
    """The whole page (middleware, search, template) as a browser sees it: 20 users, each sending its next
    request as soon as the previous answer arrives, against gunicorn on 127.0.0.1."""
    env = {**os.environ, "DEBUG": "false", "SECURE_SSL_REDIRECT": "false", "CONN_MAX_AGE": "600",
           "STATIC_ROOT": tempfile.mkdtemp(prefix="kitaphana-bench-static-"), "LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    with socket.socket() as probe:  # a free port: other people's servers may run on this machine
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "--backlog", "256", "--log-level", "warning"], cwd=ROOT, env=env,
    )

    def get(path: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    try:
        for _ in range(120):
            try:
                get("/catalogue/")
                break
            except OSError:
                time.sleep(0.5)
        paths = []
        for _kind, text, filters in queries:
            params = {"q": text, **{k: ("on" if v is True else v) for k, v in filters.items()}}
            paths.append("/catalogue/?" + urllib.parse.urlencode(params))
        for path in paths * 2:  # warm every worker's connection and caches
            get(path)
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()

        def user(index: int) -> None:
            rng = random.Random(index)
            for _ in range(requests_per_user):
                path = rng.choice(paths)
                t = time.perf_counter()
                status = get(path)
                spent = (time.perf_counter() - t) * 1000
                with lock:
                    latencies.append(spent)
                    if status != 200:
                        errors[0] += 1

        started = time.monotonic()
        threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    log(f"page: {len(latencies)} requests by {users} users in {elapsed:.1f} s, {errors[0]} errors")
    return {"median": statistics.median(latencies), "p95": percentile(latencies, 0.95),
            "throughput": len(latencies) / elapsed, "requests": len(latencies), "errors": errors[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--items-per-record", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5, help="runs of each query for the database timing")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests-per-user", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--skip-page", action="store_true")
    parser.add_argument("--skip-db", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("set DATABASE_URL to a PostgreSQL database (e.g. kitaphana_bench_search)")

    def log(message: str) -> None:
        print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)

    log(f"database {connection.settings_dict['NAME']}, target {args.records} records, load average "
        f"{' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    generate(args.records, args.items_per_record, log)
    index_seconds = build_index(log)
    queries = query_set(log)
    if not args.skip_db:
        db = measure_db(queries, args.repeats, log)
        print("\n| query kind | median, ms | p95, ms | runs |\n|---|---:|---:|---:|")
        for kind, (median, p95, runs) in sorted(db.items(), key=lambda item: item[0] == "all"):
            print(f"| {kind} | {median:.1f} | {p95:.1f} | {runs} |")
    if index_seconds:
        print(f"\nindex build: {index_seconds:.0f} s")
    if not args.skip_page:
        connection.close()
        page = measure_page(queries, args.users, args.requests_per_user, args.workers, log)
        print(f"\n| page, {args.users} concurrent users | median, ms | p95, ms | requests/s | requests | errors |\n"
              f"|---|---:|---:|---:|---:|---:|\n"
              f"| /catalogue/?q=… | {page['median']:.0f} | {page['p95']:.0f} | {page['throughput']:.1f} | "
              f"{page['requests']} | {page['errors']} |")


if __name__ == "__main__":
    main()
