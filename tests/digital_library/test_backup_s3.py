"""Off-site backups (issue 18, item 2) through a real S3 protocol server (moto): `backup --to s3` writes the
database dump and the media manifest to the bucket, `restore --from s3 NAME` restores into an empty database,
and the nightly job writes one archive a day however often it runs."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sqlite3
import tarfile
import uuid

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone, translation

from digital_library.backup import backup_create, backup_offsite_nightly, backup_restore_offsite, offsite_archives
from digital_library.choices import AccessLevel
from digital_library.exceptions import BackupError
from digital_library.models import SubjectHeading
from digital_library.services import dictionary_entry_save
from tests import s3server
from tests.s3server import object_keys, requires_moto, s3_client

from .factories import digital_file, pdf_bytes, record

pytestmark = requires_moto

s3_endpoint = s3server.s3_endpoint
s3_bucket = s3server.s3_bucket
TITLE = "Қазақстанның пайдалы қазбалары"


@pytest.fixture
def library_data(digital_librarian, s3_bucket):
    """A record, a full text in the bucket and a heading (transactional tests: pg_dump sees committed rows)."""
    content = pdf_bytes("backup me off-site")
    target = record(title=TITLE)
    stored = digital_file(record_=target, user=digital_librarian, content=content, access_level=AccessLevel.OPEN)
    dictionary_entry_save(entry=SubjectHeading(heading="Гидрогеология"), user=digital_librarian)
    return {"record": target, "file": stored, "content": content}


def archive_in_bucket(endpoint: str, bucket: str, name: str) -> dict[str, bytes]:
    body = s3_client(endpoint).get_object(Bucket=bucket, Key=f"backups/{name}")["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}


@pytest.mark.django_db(transaction=True)
def test_backup_to_s3_writes_the_dump_and_the_media_manifest_and_restore_refuses_a_live_database(
        library_data, s3_endpoint, s3_bucket, capsys):
    call_command("backup", "--to", "s3")
    assert "in the bucket as kitaphana-backup-" in capsys.readouterr().out
    (name,) = offsite_archives()
    assert object_keys(s3_endpoint, s3_bucket, "backups/") == [f"backups/{name}"]
    members = archive_in_bucket(s3_endpoint, s3_bucket, name)
    manifest = json.loads(members["manifest.json"])
    assert manifest["database"] in members
    assert (manifest["media_files"], manifest["media_in_archive"]) == (1, False)
    stored = library_data["file"]
    listed = json.loads(members["media-manifest.json"])
    assert listed == [{"name": stored.file.name, "size": len(library_data["content"])}]
    # The media are already in the bucket: listed, not copied a second time.
    assert not [m for m in members if m.startswith("media/")]
    # `restore --from s3` refuses the working database (not empty), unknown archives and names that are no archive.
    with translation.override("en"), pytest.raises(CommandError, match="not empty"):
        call_command("restore", "--from", "s3", name)
    with translation.override("en"), pytest.raises(CommandError, match="No archive"):
        call_command("restore", "--from", "s3", "kitaphana-backup-20000101-000000.tar.gz")
    with translation.override("en"), pytest.raises(CommandError, match="Not a backup archive"):
        call_command("restore", "--from", "s3", "../media/secret.pdf")


def _scratch_sqlite(tmp_path):
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}


@pytest.mark.django_db(transaction=True)
def test_restore_drill_through_s3_into_an_empty_sqlite_database(library_data, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant of the drill; PostgreSQL has its own below")
    name = backup_create(to="s3").path.name
    manifest = backup_restore_offsite(name=name, database=_scratch_sqlite(tmp_path))
    assert manifest["media_missing"] == []
    with sqlite3.connect(tmp_path / "restored.sqlite3") as db:
        titles = [row[0] for row in db.execute("SELECT title FROM cataloguing_bibliographicrecord")]
        (file_name, sha256), = db.execute("SELECT file, sha256 FROM digital_library_digitalfile").fetchall()
        headings = [row[0] for row in db.execute("SELECT heading FROM digital_library_subjectheading")]
    assert (titles, headings) == ([TITLE], ["Гидрогеология"])
    with default_storage.open(file_name, "rb") as handle:  # the restored row's file is served from the bucket
        assert hashlib.sha256(handle.read()).hexdigest() == sha256


@pytest.mark.django_db(transaction=True)
def test_restore_reports_media_the_bucket_lost_since_the_backup(library_data, tmp_path, s3_endpoint, s3_bucket):
    if connection.vendor != "sqlite":
        pytest.skip("uses an SQLite target")
    name = backup_create(to="s3").path.name
    lost = library_data["file"].file.name
    s3_client(s3_endpoint).delete_object(Bucket=s3_bucket, Key=f"media/{lost}")
    manifest = backup_restore_offsite(name=name, database=_scratch_sqlite(tmp_path))
    assert manifest["media_missing"] == [lost]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_restore_drill_through_s3_into_an_empty_postgres_database(library_data):
    import psycopg

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    source = connection.settings_dict
    params = {k: v for k, v in {"user": source.get("USER"), "password": source.get("PASSWORD"),
                                "host": source.get("HOST"), "port": source.get("PORT")}.items() if v}
    name = backup_create(to="s3").path.name
    scratch = f"kitaphana_s3_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        manifest = backup_restore_offsite(name=name, database={**source, "NAME": scratch})
        assert manifest["media_missing"] == []
        with psycopg.connect(dbname=scratch, **params) as db:
            titles = [row[0] for row in db.execute("SELECT title FROM cataloguing_bibliographicrecord")]
            (file_name, sha256), = db.execute("SELECT file, sha256 FROM digital_library_digitalfile").fetchall()
        assert titles == [TITLE]
        with default_storage.open(file_name, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == sha256 == library_data["file"].sha256
        with pytest.raises(BackupError):  # a second restore meets a database that is no longer empty
            backup_restore_offsite(name=name, database={**source, "NAME": scratch})
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_nightly_offsite_backup_writes_one_archive_a_day_and_prunes_the_bucket(library_data):
    from digital_library.tasks import backup_offsite_task

    night = timezone.make_aware(dt.datetime(2026, 12, 1, 3, 15))
    first = backup_offsite_nightly(at=night)
    assert backup_offsite_nightly(at=night + dt.timedelta(minutes=20)) == first  # a retry the same night
    assert offsite_archives() == [first]
    later = [backup_offsite_nightly(at=night + dt.timedelta(days=d), keep_days=2, keep_last=1) for d in (1, 5)]
    assert offsite_archives() == [later[-1]]  # older than two days, and not the newest: pruned
    assert backup_offsite_task.delay().get().startswith("kitaphana-backup-")
    call_command("backup", "--to", "s3", "--nightly")
    assert len(offsite_archives()) == 2  # today's (task) and the pruned night's newest; the command added none


def test_offsite_backup_is_refused_clearly_without_a_bucket(db, settings):
    from digital_library.tasks import backup_offsite_task

    settings.S3_BUCKET = ""
    with translation.override("en"), pytest.raises(CommandError, match="S3_BUCKET"):
        call_command("backup", "--to", "s3")
    assert backup_offsite_task.delay().get() == ""


def test_the_offsite_backup_runs_every_night():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["digital-library-offsite-backup"]
    assert entry["task"] == "digital_library.backup_offsite"
    assert entry["schedule"].hour == {3}
