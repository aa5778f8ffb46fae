"""Benchmark of the readers' bulk import (issue 4, item 1): a Registrar's list of N students checked and then
imported by the background job (`core.imports`), as the admin runs it, through the real resource.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kitaphana_circ_bench .venv/bin/python bench/reader_import.py \\
        --rows 10000

Uses the circulation benchmark's database by default (created and migrated by `bench/circulation.py`); the
imported readers get card numbers of their own (prefix R + a run stamp), so reruns add new readers.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kitaphana_circ_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.pop("REDIS_URL", None)  # eager tasks: the bench times the work itself, in this process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    import tempfile

    import django

    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="kitaphana-bench-media-"))
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from import_export.formats.base_formats import CSV

    from accounts.models import User
    from circulation.models import Reader
    from circulation.resources import StudentListResource
    from core.imports import import_job_confirm, import_job_create, import_job_run
    from core.models import ImportJob

    stamp = int(time.time()) % 100_000
    out = io.StringIO()
    out.write("card_number,last_name,first_name,patronymic,category,study_group,course,email\n")
    for i in range(args.rows):
        out.write(f"R{stamp:05d}{i:06d},Студент{i},Аты{i % 97},Әкесінің,{('bachelor', 'master', 'phd')[i % 3]},"
                  f"GR-{i % 40},{1 + i % 4},r{stamp}.{i}@stud.satbayev.kz\n")
    upload = SimpleUploadedFile("students.csv", out.getvalue().encode("utf-8"), content_type="text/csv")
    user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-admin", "bench-admin@kitaphana.kz", "x")
    before = Reader.objects.count()
    # Without REDIS_URL the tasks run eagerly when queued (after commit), i.e. inside these two calls; with a
    # broker, the worker runs them and import_job_run here finds nothing left to do.
    t0 = time.perf_counter()
    job = import_job_create(model=Reader, resource_class=StudentListResource, input_format=CSV,
                            encoding="utf-8-sig", uploaded_file=upload, user=user, language="kk")
    import_job_run(job_id=job.pk)
    check = time.perf_counter() - t0
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED, (job.status, job.message, job.errors[:3])
    t0 = time.perf_counter()
    import_job_confirm(job=job, user=user)
    import_job_run(job_id=job.pk)
    imported = time.perf_counter() - t0
    job.refresh_from_db()
    added = Reader.objects.count() - before
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    print(f"\n## Reader import ({version}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})\n")
    print("| step | rows | seconds | rows/s |")
    print("|---|---|---|---|")
    print(f"| check (dry run, background job) | {args.rows:,} | {check:.1f} | {args.rows / check:.0f} |")
    print(f"| import (background job) | {args.rows:,} | {imported:.1f} | {args.rows / imported:.0f} |")
    print(f"\nStatus: {job.status}; {job.message} Readers added: {added:,}.")


if __name__ == "__main__":
    main()
