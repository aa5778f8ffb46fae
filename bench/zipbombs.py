#!/usr/bin/env python
"""Decompression bombs through the real code paths (issue 13, point 4): wall time and peak memory per bomb.

    .venv/bin/python bench/zipbombs.py [--size-mb 190] [--backup-gb 4] [--only docx,odt,...]

Builds realistic bombs with the default caps of the product (nothing lowered):

* docx: a ~740 KB DOCX whose word/document.xml expands to ~190 MB of Kazakh paragraphs (the file of the
  issue), run as an originality check (`antiplagiarism.services.check_run`, the Celery task's body);
* docx-under-cap: a DOCX whose document.xml expands to 60 MB, under the 64 MB member cap, so only the
  meter (ratio, text) stops it while it is read;
* docx-lying: the 190 MB DOCX with a directory that claims 1 MB for document.xml;
* docx-text: a DOCX within every zip cap (~60 MB of varied text, ratio ~12, a ~5 MB upload) whose text is
  far past ANTIPLAGIARISM_MAX_TEXT_CHARS: the text cap ends that check;
* odt: an ODT whose content.xml expands to ~190 MB, as an originality check;
* epub: an EPUB whose one chapter expands to ~190 MB, through the digital library's text extraction
  (`digital_library.services.digital_file_extract_text`);
* xlsx: a workbook (one real row) whose sheet expands to ~190 MB, as a background import of the readers'
  register (`core.imports.import_job_run`, the check step);
* backup: a backup archive whose database member is `--backup-gb` GB of zeros (a few MB of tar.gz), through
  `digital_library.backup.backup_restore` into an empty SQLite database.

Each bomb runs in a child forked after Django and the database are set up; the child reports its wall time,
the outcome and its RSS before the work; the parent reads the child's peak RSS from `os.wait4`'s rusage
(ru_maxrss), so the peak includes the ~100 MB of a loaded Django process. The database is a throwaway SQLite
file (migrated at the start), so the bench needs no server.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
WORK = Path(tempfile.mkdtemp(prefix="kitaphana-bombs-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("MEDIA_ROOT", str(WORK / "media"))
os.environ.setdefault("BACKUP_DIR", str(WORK / "backups"))
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from tests.bombs import W_NS, backup_bomb, docx_bomb, epub_bomb, odt_bomb, xlsx_bomb  # noqa: E402

MB = 1024 * 1024


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


def lying_docx(size: int, declared: int = 1 * MB) -> bytes:
    """The DOCX bomb with its directory (local and central headers) claiming `declared` bytes for
    word/document.xml: a guard that trusted the directory would let it through."""
    import struct

    data = bytearray(docx_bomb(size))
    name = b"word/document.xml"
    central = data.find(b"PK\x01\x02")
    while central != -1:
        if data[central + 46: central + 46 + len(name)] == name:
            data[central + 24: central + 28] = struct.pack("<I", declared)
        central = data.find(b"PK\x01\x02", central + 4)
    local = data.find(b"PK\x03\x04")
    while local != -1:
        if data[local + 30: local + 30 + len(name)] == name:
            data[local + 22: local + 26] = struct.pack("<I", declared)
        local = data.find(b"PK\x03\x04", local + 4)
    return bytes(data)


def varied_docx(size: int) -> bytes:
    """A DOCX of varied Kazakh/Russian words (compresses ~12 times, so no ratio or size cap stops it)."""
    words = ("кен", "орны", "геология", "жыныс", "қабат", "минерал", "зерттеу", "әдіс", "нәтиже", "талдау",
             "деректер", "модель", "жүйе", "месторождение", "порода", "пласт", "исследование", "метод",
             "результат", "анализ", "данные", "система")
    rng = random.Random(13)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                         'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with package.open("word/document.xml", "w") as member:
            member.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode())
            written = 0
            while written < size:
                text = " ".join(rng.choices(words, k=60))
                piece = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
                member.write(piece)
                written += len(piece)
            member.write(b"</w:body></w:document>")
    return buffer.getvalue()


# --- the code paths --------------------------------------------------------------------------------------

def setup_fixtures() -> dict:
    from antiplagiarism.models import AccessCode
    from tests.antiplagiarism.factories import AccessCodeFactory
    from tests.factories import AcademicDepartmentFactory, UserFactory

    department = AcademicDepartmentFactory(code="bench-dept")
    operator = UserFactory(username="bench-operator", academic_department=department)
    librarian = UserFactory(username="bench-librarian", is_staff=True, is_superuser=True)
    code = AccessCode.objects.filter(code="BENCHCODE0001").first() or AccessCodeFactory(
        code="BENCHCODE0001", operator=operator, department=department, quota=100)
    return {"department": department, "operator": operator, "librarian": librarian, "code": code}


def run_check(fixtures: dict, data: bytes, name: str) -> str:
    from antiplagiarism.models import Check
    from antiplagiarism.services import check_run

    check = Check(operator=fixtures["operator"], access_code=fixtures["code"], department=fixtures["department"],
                  title="Bench", author="Bench", work_type=Check.WorkType.BACHELOR, original_filename=name)
    check.file.save(name, ContentFile(data), save=True)
    del data
    check = check_run(check_id=check.pk)
    return f"check {check.status}: {check.error}"


def prepare_epub(fixtures: dict) -> None:
    """A real DigitalFile (uploaded as a small valid EPUB), whose stored file the child then overwrites
    with the bomb, as a file that passed the upload and reaches the text extraction task."""
    from digital_library.choices import FileKind, LegalBasis
    from digital_library.models import DigitalFile
    from digital_library.services import digital_file_upload
    from tests.digital_library.factories import epub_bytes, record, upload

    if DigitalFile.objects.filter(kind=FileKind.EPUB).exists():
        return
    digital_file_upload(record=record(), uploaded_file=upload(epub_bytes(), "book.epub"),
                        user=fixtures["librarian"], legal_basis=LegalBasis.PUBLIC_DOMAIN)


def run_epub_bomb(fixtures: dict, data: bytes) -> str:
    from digital_library.choices import FileKind
    from digital_library.models import DigitalFile
    from digital_library.services import digital_file_extract_text

    digital_file = DigitalFile.objects.filter(kind=FileKind.EPUB).first()
    with digital_file.file.open("wb") as handle:
        handle.write(data)
    del data
    length = digital_file_extract_text(digital_file_id=digital_file.pk)
    return f"text extracted: {length} characters (the file is kept; its text stays empty)"


def run_xlsx(fixtures: dict, data: bytes) -> str:
    from circulation.resources import StudentListResource as ReaderResource
    from core.formats import SafeXLSX
    from core.imports import import_job_run
    from core.models import ImportJob

    job = ImportJob(app_label="circulation", model_name="reader",
                    resource=f"{ReaderResource.__module__}.{ReaderResource.__qualname__}",
                    resource_name="Readers", input_format=f"{SafeXLSX.__module__}.{SafeXLSX.__qualname__}",
                    original_name="students.xlsx", created_by=fixtures["librarian"], language="en")
    job.file.save("students.xlsx", ContentFile(data), save=False)
    job.save()
    del data
    job = import_job_run(job_id=job.pk)
    job.refresh_from_db()
    return f"import {job.status}: {job.message}"


def run_backup(fixtures: dict, archive: Path) -> str:
    from digital_library.backup import backup_restore
    from digital_library.exceptions import BackupError

    target = WORK / "restored.sqlite3"
    try:
        backup_restore(archive_path=archive, media_root=WORK / "restored-media",
                       database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)})
    except BackupError as exc:
        return f"restore refused: {exc} (target database written: {target.exists()})"
    return "restore done"


# --- the harness -----------------------------------------------------------------------------------------

def measure(label: str, work) -> dict:
    """Run `work()` in a forked child; its wall time, outcome, RSS before and peak RSS."""
    for connection in connections.all():
        connection.close()  # the child opens its own
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        try:
            before = rss_mb()
            started = time.perf_counter()
            outcome = work()
            seconds = time.perf_counter() - started
            report = {"seconds": seconds, "outcome": outcome, "rss_before_mb": before}
        except BaseException as exc:
            report = {"seconds": None, "outcome": f"{type(exc).__name__}: {exc}", "rss_before_mb": None}
        with os.fdopen(write_end, "w") as pipe:
            pipe.write(json.dumps(report))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        report = json.loads(pipe.read() or "{}")
    _pid, _status, usage = os.wait4(pid, 0)
    report["peak_rss_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    report["label"] = label
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=190, help="what the zip bombs expand to")
    parser.add_argument("--backup-gb", type=float, default=4, help="what the backup bomb expands to")
    parser.add_argument("--only", default="docx,docx-under-cap,docx-lying,docx-text,odt,epub,xlsx,backup")
    args = parser.parse_args()
    only = set(args.only.split(","))
    size = args.size_mb * MB

    call_command("migrate", verbosity=0)
    fixtures = setup_fixtures()
    prepare_epub(fixtures)
    print(f"work dir {WORK}; parent RSS {rss_mb():.0f} MB; caps: member "
          f"{settings.UPLOAD_ZIP_MAX_MEMBER_BYTES // MB} MB, total "
          f"{settings.UPLOAD_ZIP_MAX_TOTAL_BYTES // MB} MB, ratio {settings.UPLOAD_ZIP_MAX_RATIO}, "
          f"text {settings.ANTIPLAGIARISM_MAX_TEXT_CHARS} characters")

    bombs: list[tuple[str, str, object]] = []
    if "docx" in only:
        data = docx_bomb(size)
        bombs.append(("docx", f"{len(data) / 1024:.0f} KB DOCX → {args.size_mb} MB document.xml",
                      lambda data=data: run_check(fixtures, data, "work.docx")))
    if "docx-under-cap" in only:
        data = docx_bomb(60 * MB)
        bombs.append(("docx-under-cap", f"{len(data) / 1024:.0f} KB DOCX → 60 MB document.xml (declared honestly)",
                      lambda data=data: run_check(fixtures, data, "work.docx")))
    if "docx-lying" in only:
        data = lying_docx(size)
        bombs.append(("docx-lying", f"{len(data) / 1024:.0f} KB DOCX → {args.size_mb} MB, directory says 1 MB",
                      lambda data=data: run_check(fixtures, data, "work.docx")))
    if "docx-text" in only:
        data = varied_docx(60 * MB)
        bombs.append(("docx-text", f"{len(data) / MB:.1f} MB DOCX → 60 MB of varied text (ratio ~12)",
                      lambda data=data: run_check(fixtures, data, "work.docx")))
    if "odt" in only:
        data = odt_bomb(size)
        bombs.append(("odt", f"{len(data) / 1024:.0f} KB ODT → {args.size_mb} MB content.xml",
                      lambda data=data: run_check(fixtures, data, "work.odt")))
    if "epub" in only:
        data = epub_bomb(size)
        bombs.append(("epub", f"{len(data) / 1024:.0f} KB EPUB → {args.size_mb} MB chapter",
                      lambda data=data: run_epub_bomb(fixtures, data)))
    if "xlsx" in only:
        data = xlsx_bomb(size, header=("card_number", "last_name", "first_name", "category"),
                         rows=(("2026200001", "Сейткали", "Айбек", "bachelor"),))
        bombs.append(("xlsx", f"{len(data) / 1024:.0f} KB XLSX → {args.size_mb} MB sheet1.xml",
                      lambda data=data: run_xlsx(fixtures, data)))
    if "backup" in only:
        archive = backup_bomb(WORK / "kitaphana-backup-20261201-020000.tar.gz", int(args.backup_gb * 1024 * MB))
        bombs.append(("backup", f"{archive.stat().st_size / MB:.1f} MB tar.gz → {args.backup_gb:g} GB database",
                      lambda archive=archive: run_backup(fixtures, archive)))

    print("| bomb | file | wall time | peak RSS (RSS before) | outcome |")
    print("|---|---|---|---|---|")
    for label, description, work in bombs:
        report = measure(label, work)
        seconds = f"{report['seconds']:.2f} s" if report["seconds"] is not None else "—"
        before = f"{report['rss_before_mb']:.0f}" if report["rss_before_mb"] is not None else "?"
        print(f"| {label} | {description} | {seconds} | {report['peak_rss_mb']:.0f} MB ({before} MB) | "
              f"{report['outcome']} |", flush=True)
    print(f"ru_maxrss of the parent (bomb building included): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
