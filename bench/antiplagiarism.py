#!/usr/bin/env python
"""Benchmark of the originality checker (issue 6, item 12): quality on labelled reuse cases and check speed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kitaphana_plag .venv/bin/python bench/antiplagiarism.py

Quality: a synthetic labelled set in Kazakh, Russian and English (verbatim copies, light and heavy edits,
look-alike letter swaps, invisible characters, white letters in place of spaces in DOCX, Cyrillic passages
retyped in the 2021/2017/2018 Latin alphabets or in Russian-style Latin (Kazakh and Russian), and originals)
plus the Clough & Stevenson corpus (../shared/data/clough-stevenson), each case checked through the real
pipeline (normalise → candidate search in the database → alignment → report) against one collection holding
every source and a few hundred distractors. A case is "detected" when the report names a source; it is a
true positive only when that source is the one the case was made from.

Speed: the full check of a 50-page DOCX (Celery task body: extraction, normalisation, candidate search,
alignment, report) against collections of 1,000 and 10,000 documents stored in PostgreSQL.

The database is the bench's own (its collection tables are emptied at the start).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

BASE = Path(__file__).resolve().parent.parent
CLOUGH = BASE.parent / "shared" / "data" / "clough-stevenson"
sys.path.insert(0, str(BASE))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kitaphana_plag")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="kitaphana-bench-"))
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from antiplagiarism.engine.extract import extract  # noqa: E402
from antiplagiarism.engine.normalize import LATIN_TO_CYRILLIC, normalize  # noqa: E402
from antiplagiarism.engine.report import TRANSLITERATED  # noqa: E402
from antiplagiarism.models import CollectionDocument, Fingerprint  # noqa: E402
from antiplagiarism.services import analyse_text, check_run, collection_add_source  # noqa: E402
from tests.antiplagiarism.transliteration import transliterate  # noqa: E402

# --- Synthetic languages: real words with inflections, drawn with Zipf weights ---------------------------

def _words(text: str) -> list[str]:
    return text.split()


EN_WORDS = _words("""
the of and to in a is that for it as was with be by on not he this are or his from at which but have an they
you were her she there been one all we their has would when if so no what up out more can said about into them
other time only new some could these two may first then do any like my now over such our man me even most made
after also did many before must through back years where much your way well down should because each just
those people how too little state good very make world still own see men work long get here between both life
being under never day same another know while last might us great old year off come since against go came
right used take three system systems data algorithm algorithms network networks process method methods model
models value values problem problems solution solutions result results analysis structure function functions
program programming memory computer computers information theory design language languages object objects
class classes inheritance dynamic optimal search tree graph node nodes edge edges probability vector matrix
learning training performance efficient complexity application applications technique techniques approach
development software hardware research study studies student students university mining energy
""")

RU_STEMS = _words("""
систем метод процесс модел анализ решени задач результат исследовани структур функци программ памят информаци
теори проект язык объект класс наследовани оптимальн поиск дерев граф вершин ребр вероятност вектор матриц
обучени производительност эффективн сложност приложени техник подход разработк обеспечени студент университет
горн руд обогащени минерал пород карьер шахт добыч месторождени геологи разведк бурени скважин нефт газ энерги
станци электр сет управлени автоматизаци предприяти экономик рын финанс инвестици строительств материал бетон
конструкци прочност нагрузк расчёт проектировани технологи оборудовани
""")
RU_ENDINGS = ["а", "ы", "е", "у", "ой", "ами", "ах", "ом", "и", "ей", "ов", ""]
RU_FUNCTION = _words("""
и в на с по для от при что это как также который которые является не но или из к о об между после через более
может были был была было данный этот эта эти все
""")

KK_STEMS = _words("""
жүйе әдіс процесс модель талдау шешім есеп нәтиже зерттеу құрылым функция бағдарлама жад ақпарат теория жоба
тіл объект сынып іздеу ағаш граф төбе ықтималдық вектор матрица оқыту өнімділік тиімділік күрделілік қосымша
тәсіл әзірлеу студент университет тау кен байыту минерал жыныс карьер шахта өндіру кенорын геология барлау
бұрғылау ұңғыма мұнай газ энергия станция желі басқару автоматтандыру кәсіпорын экономика нарық қаржы
инвестиция құрылыс материал бетон конструкция беріктік жүктеме есептеу жобалау технология жабдық
""")
KK_ENDINGS = ["", "лар", "ның", "ға", "да", "дан", "ды", "мен", "лері", "сы", "ларды", "ларының"]
KK_FUNCTION = _words("""
және мен бұл осы үшін бойынша арқылы кейін дейін болып табылады бар жоқ емес бірақ немесе сондай-ақ ретінде
туралы барлық әрбір кейбір көптеген
""")

BOILERPLATE = {
    "en": "in this work we consider the problem of",
    "ru": "в данной работе рассматривается задача",
    "kk": "бұл жұмыста келесі мәселе қарастырылады",
}


def vocabulary(language: str) -> list[str]:
    if language == "en":
        return EN_WORDS
    stems, endings, function = (
        (RU_STEMS, RU_ENDINGS, RU_FUNCTION) if language == "ru" else (KK_STEMS, KK_ENDINGS, KK_FUNCTION)
    )
    return function + [stem + ending for stem in stems for ending in endings]


class TextMaker:
    """Random sentences of one language, Zipf-distributed words, and the usual boilerplate openings."""

    def __init__(self, language: str, rng: random.Random):
        self.language = language
        self.rng = rng
        words = vocabulary(language)[:]
        rng.shuffle(words)
        self.words = words
        self.weights = [1 / (rank + 1) for rank in range(len(words))]

    def sentence(self) -> str:
        words = self.rng.choices(self.words, self.weights, k=self.rng.randint(8, 18))
        if self.rng.random() < 0.05:
            words = BOILERPLATE[self.language].split() + words[:6]
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def text(self, words: int) -> str:
        sentences, count = [], 0
        while count < words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(sentences)

    def word(self) -> str:
        return self.rng.choices(self.words, self.weights, k=1)[0]


# --- Reuse case transforms -------------------------------------------------------------------------------

def light_edit(text: str, maker: TextMaker, rng: random.Random) -> str:
    out = []
    for word in text.split(" "):
        roll = rng.random()
        if roll < 0.07:
            out.append(maker.word())  # a word replaced
        elif roll < 0.09:
            continue  # a word dropped
        elif roll < 0.11:
            out += [word, maker.word()]  # a word inserted
        else:
            out.append(word)
    return " ".join(out)


def heavy_edit(text: str, maker: TextMaker, rng: random.Random) -> str:
    sentences = [s for s in text.split(". ") if s]
    rng.shuffle(sentences)
    out_sentences = []
    for sentence in sentences:
        words = sentence.split(" ")
        for i in range(len(words) - 1):
            if rng.random() < 0.1:
                words[i], words[i + 1] = words[i + 1], words[i]
        edited = []
        for word in words:
            roll = rng.random()
            if roll < 0.2:
                edited.append(maker.word())
            elif roll < 0.28:
                continue
            elif roll < 0.33:
                edited += [word, maker.word()]
            else:
                edited.append(word)
        out_sentences.append(" ".join(edited))
    return ". ".join(out_sentences)


CYRILLIC_TO_LATIN_SWAP = {cyr: lat for lat, cyr in LATIN_TO_CYRILLIC.items() if lat in "aceopxyiAOCEPTXHKMB"}
LATIN_TO_CYRILLIC_SWAP = {lat: cyr for lat, cyr in LATIN_TO_CYRILLIC.items() if lat in "aceopxyAOCEPTXHKMB"}


def lookalike_swap(text: str, language: str, rng: random.Random) -> str:
    table = LATIN_TO_CYRILLIC_SWAP if language == "en" else CYRILLIC_TO_LATIN_SWAP
    return "".join(table[ch] if ch in table and rng.random() < 0.6 else ch for ch in text)


def invisible_chars(text: str, rng: random.Random) -> str:
    out = []
    for ch in text:
        out.append(ch)
        if ch.isalpha() and rng.random() < 0.15:
            out.append(rng.choice("\u200b\u200c\u200d\u00ad\u2060\ufeff"))
        elif ch == " " and rng.random() < 0.1:
            out[-1] = rng.choice("\u2009\u2002\u3000")
    return "".join(out)


def docx_with_white_spaces(before: str, passage: str, after: str) -> bytes:
    """The passage's spaces replaced by white letters (the trick), the rest plain."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    runs = []
    words = passage.split(" ")
    for i, word in enumerate(words):
        runs.append(f'<w:r><w:t xml:space="preserve">{escape(word)}</w:t></w:r>')
        if i < len(words) - 1:
            runs.append('<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>x</w:t></w:r>')
    body = (
        f'<w:p><w:r><w:t xml:space="preserve">{escape(before)}</w:t></w:r></w:p><w:p>{"".join(runs)}</w:p>'
        f'<w:p><w:r><w:t xml:space="preserve">{escape(after)}</w:t></w:r></w:p>'
    )
    return docx_package(f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')


def docx_package(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        package.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?>' + document_xml)
    return buffer.getvalue()


def docx_paragraphs(paragraphs: list[str]) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    return docx_package(f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')


# --- Collection helpers ----------------------------------------------------------------------------------

def empty_collection() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"TRUNCATE {Fingerprint._meta.db_table}, {CollectionDocument._meta.db_table} RESTART IDENTITY CASCADE"
            )
    else:
        Fingerprint.objects.all().delete()
        CollectionDocument.objects.all().delete()


def fingerprint_table_size() -> str:
    if connection.vendor != "postgresql":
        return "n/a"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size(%s))", [Fingerprint._meta.db_table])
        return cursor.fetchone()[0]


# --- Quality ---------------------------------------------------------------------------------------------

# Transliterated cases (issue 21, item 3): the Cyrillic passage retyped in a Latin alphabet (Kazakh and Russian).
TRANSLIT_TYPES = {"translit_2021": "kk2021", "translit_2017": "kk2017", "translit_2018": "kk2018",
                  "translit_russian": "russian"}
CASE_TYPES = ("verbatim", "light", "heavy", "lookalike", "invisible", "hidden_docx", *TRANSLIT_TYPES, "original")


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = self.tn = 0

    def add(self, *, positive: bool, flagged_source, truth_source) -> None:
        if positive:
            if flagged_source == truth_source:
                self.tp += 1
            else:
                self.fn += 1
                if flagged_source is not None:
                    self.fp += 1
        elif flagged_source is None:
            self.tn += 1
        else:
            self.fp += 1


def top_source(report) -> int | None:
    return report.sources[0].source_id if report.sources else None


def run_quality(cases_per_type: int, seed: int) -> dict:
    rng = random.Random(seed)
    empty_collection()
    makers = {lang: TextMaker(lang, random.Random(seed + i)) for i, lang in enumerate(("kk", "ru", "en"))}
    sources: dict[str, list[tuple[int, str]]] = {}
    for lang, maker in makers.items():
        sources[lang] = []
        for i in range(40):
            text = maker.text(400)
            doc = collection_add_source(title=f"{lang} source {i}", text=text, author=f"Author{lang}{i} A.")
            sources[lang].append((doc.pk, text))
        for i in range(100):  # distractors: same vocabulary, never reused
            collection_add_source(title=f"{lang} distractor {i}", text=maker.text(400))

    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    chars: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # overlap, detected, truth
    script_alerts: dict[tuple[str, str], int] = defaultdict(int)  # cases whose report says the script changed
    timings = []
    for lang, maker in makers.items():
        for case_type in CASE_TYPES:
            if case_type in TRANSLIT_TYPES and lang == "en":
                continue  # English has no other script to be retyped from
            for _ in range(cases_per_type):
                before, after = maker.text(150), maker.text(150)
                truth, passage = None, ""
                if case_type != "original":
                    truth, source_text = rng.choice(sources[lang])
                    words = source_text.split(" ")
                    start = rng.randrange(0, len(words) - 120)
                    passage = " ".join(words[start: start + 120])
                    if case_type == "light":
                        passage = light_edit(passage, maker, rng)
                    elif case_type == "heavy":
                        passage = heavy_edit(passage, maker, rng)
                    elif case_type == "lookalike":
                        passage = lookalike_swap(passage, lang, rng)
                    elif case_type == "invisible":
                        passage = invisible_chars(passage, rng)
                    elif case_type in TRANSLIT_TYPES:
                        passage = transliterate(passage, TRANSLIT_TYPES[case_type])
                else:
                    passage = maker.text(120)
                if case_type == "hidden_docx":
                    extraction = extract(docx_with_white_spaces(before, passage, after))
                    raw, hidden = extraction.text, extraction.hidden
                else:
                    raw, hidden = f"{before}\n{passage}\n{after}", None
                started = time.perf_counter()
                cleaned, report = analyse_text(text=raw, hidden=hidden, author="Student S.")
                timings.append(time.perf_counter() - started)
                tallies[(lang, case_type)].add(
                    positive=truth is not None, flagged_source=top_source(report), truth_source=truth
                )
                script_alerts[(lang, case_type)] += any(a.code == TRANSLITERATED for a in report.alerts)
                # Character level: the passage's span in the cleaned text (known when pieces normalise alone).
                pieces = [normalize(before).text, normalize(passage).text, normalize(after).text]
                if "\n".join(pieces) == cleaned.text and case_type != "hidden_docx":
                    lo, hi = len(pieces[0]) + 1, len(pieces[0]) + 1 + len(pieces[1])
                    detected = [i for i, c in enumerate(report.classes) if c in (1, 2)]
                    in_truth = sum(1 for i in detected if lo <= i < hi) if truth else 0
                    stats = chars[(lang, case_type)]
                    stats[0] += in_truth
                    stats[1] += len(detected)
                    stats[2] += (hi - lo) if truth else 0
    return {"tallies": tallies, "chars": chars, "script_alerts": script_alerts,
            "median_ms": statistics.median(timings) * 1000}


def run_clough(seed: int) -> dict:
    """Clough & Stevenson answers against the collection (already holding the synthetic set)."""
    rows = list(csv.DictReader((CLOUGH / "file_information.csv").open(encoding="utf-8")))
    originals = {}
    for task in "abcde":
        text = (CLOUGH / f"orig_task{task}.txt").read_text(encoding="utf-8", errors="replace")
        originals[task] = collection_add_source(title=f"Clough original {task}", text=text, author="Wikipedia").pk
    tallies: dict[str, Tally] = defaultdict(Tally)
    for row in rows:
        category = row["Category"]
        if category == "orig":
            continue
        text = (CLOUGH / row["File"]).read_bytes()
        extraction = extract(text)
        _cleaned, report = analyse_text(text=extraction.text, author=row["File"])
        positive = category in ("cut", "light", "heavy")
        tallies[category].add(
            positive=positive, flagged_source=top_source(report), truth_source=originals[row["Task"]],
        )
    return tallies


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "—"


def print_quality(result: dict, clough: dict | None) -> None:
    tallies, chars = result["tallies"], result["chars"]
    negatives_fp = {lang: tallies[(lang, "original")].fp for lang in ("kk", "ru", "en")}
    print("\n### Synthetic set (document level; precision counts the false alarms on originals of the language)\n")
    print("| case type | language | cases | recall | precision | char recall | char precision | script alert |")
    print("|---|---|---|---|---|---|---|---|")
    for case_type in CASE_TYPES:
        for lang in ("kk", "ru", "en"):
            if case_type in TRANSLIT_TYPES and lang == "en":
                continue
            alerted = result["script_alerts"][(lang, case_type)]
            t = tallies[(lang, case_type)]
            c = chars[(lang, case_type)]
            cases = t.tp + t.fn + t.tn + (t.fp if case_type == "original" else 0)
            if case_type == "original":
                print(f"| original | {lang} | {cases} | — | false alarms: {t.fp} | — | "
                      f"{c[1]} chars flagged | {alerted} |")
                continue
            fp = t.fp + negatives_fp[lang]
            print(f"| {case_type} | {lang} | {cases} | {ratio(t.tp, t.tp + t.fn)} | {ratio(t.tp, t.tp + fp)} | "
                  f"{ratio(c[0], c[2])} | {ratio(c[0], c[1])} | {alerted} |")
    print(f"\nMedian check time of one case (≈420 words): {result['median_ms']:.1f} ms")
    if clough:
        non_fp = clough["non"].fp
        print("\n### Clough & Stevenson (95 answers; precision pools the false alarms on the 38 `non` answers)\n")
        print("| category | answers | recall | precision |")
        print("|---|---|---|---|")
        for category in ("cut", "light", "heavy"):
            t = clough[category]
            print(f"| {category} | {t.tp + t.fn} | {ratio(t.tp, t.tp + t.fn)} | "
                  f"{ratio(t.tp, t.tp + t.fp + non_fp)} |")
        t = clough["non"]
        print(f"| non | {t.tn + t.fp} | — | false alarms: {t.fp} |")


# --- Speed -----------------------------------------------------------------------------------------------

def grow_collection(target: int, words: int, seed: int) -> float:
    started = time.perf_counter()
    have = CollectionDocument.objects.count()
    rng = random.Random(seed + have)
    makers = [TextMaker(lang, random.Random(seed + k)) for k, lang in enumerate(("kk", "ru", "en"))]
    for i in range(have, target):
        maker = makers[i % 3]
        maker.rng = rng
        collection_add_source(title=f"Collection document {i}", text=maker.text(words), author=f"Author {i}")
        if (i + 1) % 1000 == 0:
            print(f"  … {i + 1} documents", file=sys.stderr, flush=True)
    return time.perf_counter() - started


def fifty_page_work(seed: int) -> tuple[bytes, int]:
    """≈ 50 pages (≈ 14,000 words) in paragraphs, with ten 150-word passages copied from the collection."""
    rng = random.Random(seed)
    maker = TextMaker("ru", random.Random(seed + 99))
    paragraphs = [maker.text(140) for _ in range(90)]
    documents = list(CollectionDocument.objects.order_by("?").values_list("text", flat=True)[:10])
    for index, text in enumerate(documents):
        words = text.split(" ")
        start = rng.randrange(0, max(1, len(words) - 150))
        paragraphs.insert(index * 9 + 3, " ".join(words[start: start + 150]))
    word_count = sum(p.count(" ") + 1 for p in paragraphs)
    return docx_paragraphs(paragraphs), word_count


def timed_check(data: bytes) -> tuple[float, dict]:
    from accounts.models import AcademicDepartment, Institute, User
    from antiplagiarism.models import AccessCode, Check

    institute, _ = Institute.objects.get_or_create(code="bench", defaults={"name_kk": "Бенчмарк"})
    department, _ = AcademicDepartment.objects.get_or_create(
        code="bench", defaults={"name_kk": "Бенчмарк", "institute": institute}
    )
    operator, _ = User.objects.get_or_create(username="bench-operator")
    code, _ = AccessCode.objects.get_or_create(
        code="BENCHCODE", defaults={
            "operator": operator, "department": department, "request_reference": "bench", "quota": 100000,
            "valid_from": "2000-01-01", "valid_until": "2100-01-01",
        },
    )
    check = Check(operator=operator, access_code=code, department=department, title="50-page work",
                  author="Bench Student", work_type="master", original_filename="work.docx")
    check.file.save("work.docx", ContentFile(data), save=False)
    check.save()
    started = time.perf_counter()
    check = check_run(check_id=check.pk)
    elapsed = time.perf_counter() - started
    assert check.status == "done", check.error
    return elapsed, check.report


def timed_phases(data: bytes) -> dict[str, float]:
    """The same work step by step, to show which step depends on the collection's size."""
    from antiplagiarism.engine.fingerprint import ngram_hashes, tokenize, winnow
    from antiplagiarism.engine.report import analyse
    from antiplagiarism.selectors import candidate_sources

    phases = {}
    started = time.perf_counter()
    extraction = extract(data)
    phases["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    cleaned = normalize(extraction.text, extraction.hidden)
    query = [value for value, _position in winnow(ngram_hashes(tokenize(cleaned.text)))]
    phases["normalise + fingerprint"] = time.perf_counter() - started
    started = time.perf_counter()
    sources, common = candidate_sources(query)
    phases["candidate lookup (SQL)"] = time.perf_counter() - started
    started = time.perf_counter()
    analyse(cleaned.text, sources, common=common)
    phases["alignment + report"] = time.perf_counter() - started
    phases["candidates aligned"] = len(sources)
    return phases


def shrink_collection(target: int) -> None:
    """Keep the first `target` documents (the collection grows by appending, so this is an earlier state)."""
    keep = list(CollectionDocument.objects.order_by("pk").values_list("pk", flat=True)[target - 1: target])
    if not keep:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Fingerprint._meta.db_table} WHERE document_id > %s", keep)
    CollectionDocument.objects.filter(pk__gt=keep[0]).delete()


def analyse_tables() -> None:
    """What autovacuum does on a live system after a bulk load: statistics and the visibility map."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {Fingerprint._meta.db_table}")


def run_speed(sizes: list[int], words: int, seed: int, repeats: int, reuse: bool = False) -> list[dict]:
    if not reuse:
        empty_collection()
    rows = []
    for size in sizes:
        have = CollectionDocument.objects.count()
        if have > size:
            shrink_collection(size)
        build = grow_collection(size, words, seed)
        analyse_tables()
        data, word_count = fifty_page_work(seed + size)
        times, report, phase_runs = [], None, []
        for _ in range(repeats):
            elapsed, report = timed_check(data)
            times.append(elapsed)
            phase_runs.append(timed_phases(data))
        rows.append({
            "documents": size, "fingerprints": Fingerprint.objects.count(), "table": fingerprint_table_size(),
            "build_s": build, "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
            "work_words": word_count, "sources_found": len(report["sources"]),
            "match_pct": report["shares"]["match"] / 100,
            "phases": {name: statistics.median(run[name] for run in phase_runs) for name in phase_runs[0]},
        })
        print(f"  {size} documents: median {rows[-1]['median_s']:.2f} s", file=sys.stderr, flush=True)
    return rows


def print_speed(rows: list[dict], words: int) -> None:
    print(f"\n### Check time of a 50-page DOCX (collection documents of {words} words each)\n")
    print("| collection | fingerprints stored | table + indexes | check time (median) | min – max | "
          "sources found | matches |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['documents']:,} documents | {r['fingerprints']:,} | {r['table']} | {r['median_s']:.2f} s | "
              f"{r['min_s']:.2f} – {r['max_s']:.2f} s | {r['sources_found']} | {r['match_pct']:.2f} % |")
    if rows:
        print(f"\nThe work: {rows[0]['work_words']:,} words.\n")
        print("| collection | " + " | ".join(rows[0]["phases"]) + " |")
        print("|---|" + "---|" * len(rows[0]["phases"]))
        for r in rows:
            print(f"| {r['documents']:,} documents | " + " | ".join(
                f"{v:.0f}" if name == "candidates aligned" else f"{v:.2f} s" for name, v in r["phases"].items()
            ) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=20, help="cases per case type and language")
    parser.add_argument("--sizes", default="1000,10000", help="collection sizes for the speed test")
    parser.add_argument("--doc-words", type=int, default=2000, help="words per collection document")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the collection already in the database (grown or cut down to each size)")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the bench's own database: losing the last commit on a crash is fine
            cursor.execute("SET synchronous_commit TO off")
    print(f"Database: {connection.vendor}; Python {sys.version.split()[0]}; {os.cpu_count()} cores")
    if not args.skip_quality:
        quality = run_quality(args.cases, args.seed)
        clough = run_clough(args.seed) if CLOUGH.is_dir() else None
        print_quality(quality, clough)
    if not args.skip_speed:
        sizes = [int(s) for s in args.sizes.split(",") if s]
        print_speed(run_speed(sizes, args.doc_words, args.seed, args.repeats, args.reuse), args.doc_words)


if __name__ == "__main__":
    main()
