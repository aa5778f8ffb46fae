"""Backups of the whole system (QP 607 §5.4: the administrator archives the databases and restores them
after failures): the database and the media files in one dated archive, pruning of old archives, restore.

Archive layout (`kitaphana-backup-YYYYMMDD-HHMMSS.tar.gz`)::

    manifest.json       engine, database name, time, Django migration state, file counts
    database.dump       pg_dump custom format (PostgreSQL), or
    database.sqlite3    a consistent copy made with SQLite's online backup API (SQLite)
    media/…             every file under MEDIA_ROOT

PostgreSQL is dumped with `pg_dump --format=custom` and restored with `pg_restore --no-owner` into an empty
database; SQLite is copied page by page through `sqlite3.Connection.backup`, which gives a consistent
snapshot even while the server writes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from core.safezip import UnsafeArchive, backup_limits, extract_tar

from .constants import BACKUP_FILE_PREFIX, DEFAULT_BACKUP_KEEP_DAYS, DEFAULT_BACKUP_KEEP_LAST, backup_dir
from .exceptions import BackupError

ARCHIVE_SUFFIX = ".tar.gz"
POSTGRES = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    media_files: int
    pruned: tuple[Path, ...]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(_("%(tool)s is not installed on this server.") % {"tool": name})
    return found


def _pg_env(db: dict) -> dict[str, str]:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name}: {result.stderr.strip()[-2000:]}")


def _dump_database(alias: str, target_dir: Path) -> str:
    connection = connections[alias]
    db = connection.settings_dict
    if db["ENGINE"] == POSTGRES:
        target = target_dir / "database.dump"
        _run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *_pg_args(db),
             "--file", str(target), str(db["NAME"])],
            _pg_env(db),
        )
        return target.name
    if db["ENGINE"] == SQLITE:
        target = target_dir / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return target.name
    raise BackupError(_("Backups support PostgreSQL and SQLite, not %(engine)s.") % {"engine": db["ENGINE"]})


def _archive_name(at: dt.datetime) -> str:
    return f"{BACKUP_FILE_PREFIX}{timezone.localtime(at):%Y%m%d-%H%M%S}{ARCHIVE_SUFFIX}"


def backup_archives(directory: Path | None = None) -> list[Path]:
    """Archives in the backup directory, oldest first (the name carries the moment)."""
    directory = Path(directory or backup_dir())
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.iterdir() if p.name.startswith(BACKUP_FILE_PREFIX) and p.name.endswith(ARCHIVE_SUFFIX)
    )


def _archive_moment(path: Path) -> dt.datetime | None:
    stamp = path.name[len(BACKUP_FILE_PREFIX):-len(ARCHIVE_SUFFIX)]
    try:
        naive = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")  # noqa: DTZ007 - local time, made aware below
    except ValueError:
        return None
    return timezone.make_aware(naive)


def backup_prune(
    *, directory: Path | None = None, keep_days: int = DEFAULT_BACKUP_KEEP_DAYS,
    keep_last: int = DEFAULT_BACKUP_KEEP_LAST, at: dt.datetime | None = None,
) -> list[Path]:
    """Delete archives older than `keep_days`, but never the newest `keep_last`. Running it twice is harmless."""
    at = at or timezone.now()
    archives = backup_archives(directory)
    protected = set(archives[-keep_last:]) if keep_last > 0 else set()
    pruned = []
    for path in archives:
        moment = _archive_moment(path)
        if path in protected or moment is None or at - moment <= dt.timedelta(days=keep_days):
            continue
        path.unlink(missing_ok=True)
        pruned.append(path)
    return pruned


def backup_create(
    *, directory: Path | None = None, keep_days: int = DEFAULT_BACKUP_KEEP_DAYS,
    keep_last: int = DEFAULT_BACKUP_KEEP_LAST, using: str = "default", at: dt.datetime | None = None,
) -> BackupResult:
    """Dump the database and MEDIA_ROOT into a dated archive under BACKUP_DIR, then prune old archives."""
    at = at or timezone.now()
    directory = Path(directory or backup_dir())
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / _archive_name(at)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="kitaphana-backup-") as work:
        work_dir = Path(work)
        database_member = _dump_database(using, work_dir)
        media_files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.is_dir() else []
        from django.db.migrations.recorder import MigrationRecorder

        manifest = {
            "format": 1,
            "created_at": at.isoformat(),
            "engine": connections[using].settings_dict["ENGINE"],
            "database": database_member,
            "media_files": len(media_files),
            "migrations": MigrationRecorder(connections[using]).migration_qs.count(),
        }
        (work_dir / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work_dir / "manifest.json", arcname="manifest.json")
            archive.add(work_dir / database_member, arcname=database_member)
            for path in media_files:
                archive.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
        partial.replace(target)  # a half-written archive never carries the final name
    pruned = backup_prune(directory=directory, keep_days=keep_days, keep_last=keep_last, at=at)
    return BackupResult(path=target, size=target.stat().st_size, media_files=len(media_files), pruned=tuple(pruned))


def _check_member(member: tarfile.TarInfo) -> None:
    name = Path(member.name)
    if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
        raise BackupError(_("The archive contains an unsafe entry: %(name)s") % {"name": member.name})


def _unpack(archive_path: Path, work_dir: Path) -> None:
    """Unpack the archive in one streamed pass through `core.safezip.extract_tar`, which stops a gzip bomb
    (total size, free disk space, expansion ratio, member count) before it fills the disk."""
    try:
        extract_tar(archive_path, work_dir, limits=backup_limits(), check_member=_check_member)
    except UnsafeArchive as exc:
        raise BackupError(str(exc)) from exc
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(_("The archive is damaged: %(error)s") % {"error": exc}) from exc


def _sqlite_connect(name: str) -> sqlite3.Connection:
    # Django's in-memory test databases are named by URI ("file:memorydb_default?mode=memory&cache=shared").
    return sqlite3.connect(name, uri=str(name).startswith("file:"))


def _sqlite_is_empty(db: sqlite3.Connection) -> bool:
    return not db.execute("SELECT 1 FROM sqlite_master WHERE type='table' LIMIT 1").fetchone()


def _postgres_is_empty(db: dict) -> bool:
    import psycopg

    params = {"dbname": db["NAME"], "user": db.get("USER") or None, "password": db.get("PASSWORD") or None,
              "host": db.get("HOST") or None, "port": db.get("PORT") or None}
    with psycopg.connect(**{k: v for k, v in params.items() if v}) as conn:
        row = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    return row[0] == 0


def backup_restore(*, archive_path: Path, database: dict | None = None, media_root: Path | None = None) -> dict:
    """Restore an archive into an EMPTY database (refused otherwise) and put the media files back.

    `database` is a Django DATABASES entry (default: the database Django is connected to); `media_root`
    defaults to MEDIA_ROOT. Returns the archive's manifest.
    """
    db = dict(database or connections["default"].settings_dict)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(_("No archive at %(path)s.") % {"path": archive_path})
    with tempfile.TemporaryDirectory(prefix="kitaphana-restore-") as work:
        work_dir = Path(work)
        _unpack(archive_path, work_dir)
        try:
            manifest = json.loads((work_dir / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BackupError(_("The archive has no readable manifest.")) from exc
        if manifest.get("engine") != db["ENGINE"]:
            raise BackupError(
                _("The archive holds a %(archived)s database; the target is %(target)s.")
                % {"archived": manifest.get("engine"), "target": db["ENGINE"]}
            )
        dump = work_dir / manifest["database"]
        if db["ENGINE"] == POSTGRES:
            if not _postgres_is_empty(db):
                raise BackupError(_("The target database is not empty; restore only into an empty database."))
            _run(
                [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", *_pg_args(db),
                 "--dbname", str(db["NAME"]), str(dump)],
                _pg_env(db),
            )
        elif db["ENGINE"] == SQLITE:
            destination = _sqlite_connect(str(db["NAME"]))
            try:
                if not _sqlite_is_empty(destination):
                    raise BackupError(_("The target database is not empty; restore only into an empty database."))
                source = sqlite3.connect(dump)
                try:
                    source.backup(destination)
                finally:
                    source.close()
            finally:
                destination.close()
        else:
            raise BackupError(_("Backups support PostgreSQL and SQLite, not %(engine)s.") % {"engine": db["ENGINE"]})
        media_source = work_dir / "media"
        if media_source.is_dir():
            for path in media_source.rglob("*"):
                if path.is_file():
                    destination_path = media_root / path.relative_to(media_source)
                    destination_path.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, destination_path)
    return manifest
