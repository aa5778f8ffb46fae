"""Backups: the database and media files into a dated archive, pruning, and restore into an empty database."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from digital_library.backup import backup_archives, backup_create, backup_prune, backup_restore
from digital_library.choices import AccessLevel
from digital_library.exceptions import BackupError
from digital_library.models import SubjectHeading
from digital_library.services import dictionary_entry_save

from .factories import digital_file, pdf_bytes, record


# Transactional: pg_dump runs in another process and sees only committed rows, and SQLite's online backup
# waits for the test transaction's lock. The fixtures do not rely on migration-seeded rows, which an earlier
# transactional test may have flushed.
@pytest.fixture
def library_data(digital_librarian):
    content = pdf_bytes("backup me")
    target = record(title="Қазақстанның пайдалы қазбалары")
    stored = digital_file(record_=target, user=digital_librarian, content=content, access_level=AccessLevel.OPEN)
    dictionary_entry_save(entry=SubjectHeading(heading="Гидрогеология"), user=digital_librarian)
    return {"record": target, "file": stored, "content": content}


def archive_members(path: Path) -> list[str]:
    with tarfile.open(path) as archive:
        return archive.getnames()


@pytest.mark.django_db(transaction=True)
def test_backup_archive_holds_the_database_media_and_a_manifest(library_data, settings):
    result = backup_create()
    assert result.path.parent == Path(settings.BACKUP_DIR)
    assert result.path.name.startswith("kitaphana-backup-")
    members = archive_members(result.path)
    assert "manifest.json" in members
    assert f"media/{library_data['file'].file.name}" in members
    assert result.media_files == 1


@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_restores_into_an_empty_database_with_the_data_intact(library_data, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant of the restore test; PostgreSQL has its own below")
    archive = backup_create().path
    target_db, target_media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    manifest = backup_restore(archive_path=archive, media_root=target_media,
                              database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(target_db)})
    assert manifest["database"] == "database.sqlite3"
    with sqlite3.connect(target_db) as db:
        titles = [row[0] for row in db.execute("SELECT title FROM cataloguing_bibliographicrecord")]
        files = db.execute("SELECT file, sha256 FROM digital_library_digitalfile").fetchall()
        headings = [row[0] for row in db.execute("SELECT heading FROM digital_library_subjectheading")]
        migrations = db.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    assert titles == ["Қазақстанның пайдалы қазбалары"]
    assert headings == ["Гидрогеология"]
    assert migrations > 0
    (file_name, sha256), = files
    restored_bytes = (target_media / file_name).read_bytes()
    assert restored_bytes == library_data["content"]
    assert hashlib.sha256(restored_bytes).hexdigest() == sha256


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(library_data, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("uses an SQLite target")
    archive = backup_create().path
    target_db = tmp_path / "busy.sqlite3"
    with sqlite3.connect(target_db) as db:
        db.execute("CREATE TABLE something (id integer)")
    with pytest.raises(BackupError):
        backup_restore(archive_path=archive, media_root=tmp_path / "m",
                       database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(target_db)})


def test_restore_refuses_an_archive_with_unsafe_paths(tmp_path, db):
    archive = tmp_path / "evil.tar.gz"
    payload = tmp_path / "payload"
    payload.write_text("x")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(payload, arcname="../escape.txt")
    with pytest.raises(BackupError):
        backup_restore(archive_path=archive, media_root=tmp_path / "m",
                       database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x.sqlite3")})


def touch_archive(directory: Path, moment: dt.datetime) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"kitaphana-backup-{moment:%Y%m%d-%H%M%S}.tar.gz"
    path.write_bytes(b"archive")
    return path


def test_prune_deletes_archives_older_than_n_days_but_keeps_the_last_k(tmp_path, settings):
    from django.utils import timezone

    now = timezone.make_aware(dt.datetime(2026, 6, 30, 3, 0))
    directory = tmp_path / "b"
    old = [touch_archive(directory, timezone.localtime(now) - dt.timedelta(days=d)) for d in (40, 30, 20)]
    recent = [touch_archive(directory, timezone.localtime(now) - dt.timedelta(days=d)) for d in (3, 1)]
    pruned = backup_prune(directory=directory, keep_days=14, keep_last=3, at=now)
    assert sorted(pruned) == sorted(old[:2])
    assert backup_archives(directory) == [old[2], *recent]  # the newest three are kept even if old
    assert backup_prune(directory=directory, keep_days=14, keep_last=3, at=now) == []  # running twice is harmless


@pytest.mark.django_db(transaction=True)
def test_backup_command_writes_an_archive_and_prunes(library_data, tmp_path, capsys):
    directory = tmp_path / "cmd"
    call_command("backup", "--dir", str(directory), "--keep-days", "7", "--keep-last", "1")
    assert len(backup_archives(directory)) == 1
    assert "Backup written" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_nightly_task_makes_a_backup(library_data, settings):
    from digital_library.tasks import backup_create_task

    path = backup_create_task.delay().get()
    assert Path(path).exists()


def test_the_backup_runs_every_night():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["digital-library-nightly-backup"]
    assert entry["task"] == "digital_library.backup_create"
    assert entry["schedule"].hour == {2}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_backup_restores_into_a_scratch_database_with_the_data_intact(library_data, tmp_path):
    import psycopg

    source = connection.settings_dict
    params = {k: v for k, v in {"user": source.get("USER"), "password": source.get("PASSWORD"),
                                "host": source.get("HOST"), "port": source.get("PORT")}.items() if v}
    archive = backup_create().path
    assert "database.dump" in archive_members(archive)
    scratch = f"kitaphana_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        backup_restore(archive_path=archive, media_root=tmp_path / "restored-media",
                       database={**source, "NAME": scratch})
        with psycopg.connect(dbname=scratch, **params) as db:
            titles = [row[0] for row in db.execute("SELECT title FROM cataloguing_bibliographicrecord")]
            (file_name, sha256), = db.execute("SELECT file, sha256 FROM digital_library_digitalfile").fetchall()
            headings = [row[0] for row in db.execute("SELECT heading FROM digital_library_subjectheading")]
        assert titles == ["Қазақстанның пайдалы қазбалары"]
        assert headings == ["Гидрогеология"]
        restored = (tmp_path / "restored-media" / file_name).read_bytes()
        assert hashlib.sha256(restored).hexdigest() == sha256 == library_data["file"].sha256
        with pytest.raises(BackupError):  # a second restore meets a database that is no longer empty
            backup_restore(archive_path=archive, media_root=tmp_path / "again", database={**source, "NAME": scratch})
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_restore_command_refuses_the_working_database(library_data):
    from django.core.management.base import CommandError

    archive = backup_create().path
    with pytest.raises(CommandError):
        call_command("restore", str(archive))
