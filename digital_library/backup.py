"""Backups of the whole system (QP 607 §5.4: the administrator archives the databases and restores them
after failures): the database and the media files in one dated archive, pruning of old archives, restore.

Archive layout (`kitaphana-backup-YYYYMMDD-HHMMSS.tar.gz`)::

    manifest.json       engine, database name, time, Django migration state, file counts
    database.dump       pg_dump custom format (PostgreSQL), or
    database.sqlite3    a consistent copy made with SQLite's online backup API (SQLite)
    media-manifest.json every media file (name, size), read through the storage API
    media/…             the media files themselves, when they are on this server's disk (MEDIA_ROOT); media
                        already on S3 stay in their bucket (keep its versioning on) and are only listed

Archives are written under BACKUP_DIR, or off-site (`to="s3"`, issue 18) to the "backups" storage: the private
bucket of core/storage_settings.py under `backups/`, pruned there by the same rule. `backup_offsite_nightly`
makes at most one off-site archive per local day, so the beat job and a retry of it are harmless.

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

from django.core.files import File
from django.core.files.storage import InvalidStorageError, Storage, default_storage, storages
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from core.safezip import UnsafeArchive, backup_limits, extract_tar
from core.storage import is_remote, media_sizes

from .constants import BACKUP_FILE_PREFIX, DEFAULT_BACKUP_KEEP_DAYS, DEFAULT_BACKUP_KEEP_LAST, backup_dir
from .exceptions import BackupError

ARCHIVE_SUFFIX = ".tar.gz"
POSTGRES = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"
LOCAL, S3 = "local", "s3"
TARGETS = (LOCAL, S3)
MEDIA_MANIFEST = "media-manifest.json"


@dataclass(frozen=True)
class BackupResult:
    path: Path  # the archive under BACKUP_DIR (for an off-site backup: its name in the bucket)
    size: int
    media_files: int
    pruned: tuple[Path, ...]
    target: str = LOCAL


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


def _names_to_prune(names: list[str], *, keep_days: int, keep_last: int, at: dt.datetime) -> list[str]:
    """Archives older than `keep_days`, never the newest `keep_last` (names sort by their moment)."""
    names = sorted(names)
    protected = set(names[-keep_last:]) if keep_last > 0 else set()
    pruned = []
    for name in names:
        moment = _archive_moment(Path(name))
        if name in protected or moment is None or at - moment <= dt.timedelta(days=keep_days):
            continue
        pruned.append(name)
    return pruned


def backup_prune(
    *, directory: Path | None = None, keep_days: int = DEFAULT_BACKUP_KEEP_DAYS,
    keep_last: int = DEFAULT_BACKUP_KEEP_LAST, at: dt.datetime | None = None,
) -> list[Path]:
    """Delete archives older than `keep_days`, but never the newest `keep_last`. Running it twice is harmless."""
    at = at or timezone.now()
    archives = {path.name: path for path in backup_archives(directory)}
    pruned = []
    for name in _names_to_prune(list(archives), keep_days=keep_days, keep_last=keep_last, at=at):
        archives[name].unlink(missing_ok=True)
        pruned.append(archives[name])
    return pruned


# --- off-site (S3) -------------------------------------------------------------------------------------------------


def offsite_storage() -> Storage:
    """The "backups" storage (the private bucket's backups/ prefix); refused when no bucket is configured."""
    try:
        return storages["backups"]
    except InvalidStorageError:
        raise BackupError(_("No off-site storage is configured: set S3_BUCKET (see docs/deploy.md).")) from None


def offsite_archives() -> list[str]:
    """Names of the archives in the bucket, oldest first."""
    _, files = offsite_storage().listdir("")
    return sorted(n for n in files if n.startswith(BACKUP_FILE_PREFIX) and n.endswith(ARCHIVE_SUFFIX))


def offsite_prune(*, keep_days: int = DEFAULT_BACKUP_KEEP_DAYS, keep_last: int = DEFAULT_BACKUP_KEEP_LAST,
                  at: dt.datetime | None = None) -> list[str]:
    """The bucket's archives pruned by the same rule as the local ones; running it twice is harmless."""
    storage = offsite_storage()
    pruned = _names_to_prune(offsite_archives(), keep_days=keep_days, keep_last=keep_last, at=at or timezone.now())
    for name in pruned:
        storage.delete(name)
    return pruned


def _upload(path: Path) -> None:
    storage = offsite_storage()
    if storage.exists(path.name):
        raise BackupError(_("The bucket already holds %(name)s.") % {"name": path.name})
    with open(path, "rb") as handle:
        stored = storage.save(path.name, File(handle, name=path.name))
    if stored != path.name:  # written under another name by a concurrent run: keep one, not two
        storage.delete(stored)
        raise BackupError(_("The bucket already holds %(name)s.") % {"name": path.name})


def backup_offsite_nightly(*, at: dt.datetime | None = None, keep_days: int = DEFAULT_BACKUP_KEEP_DAYS,
                           keep_last: int = DEFAULT_BACKUP_KEEP_LAST) -> str:
    """The nightly off-site backup: one archive per local day in the bucket, then pruning there. A second run the
    same day (a retried or doubled beat message) writes nothing and returns the day's archive."""
    at = at or timezone.now()
    today = f"{BACKUP_FILE_PREFIX}{timezone.localtime(at):%Y%m%d}-"
    existing = [name for name in offsite_archives() if name.startswith(today)]
    if existing:
        offsite_prune(keep_days=keep_days, keep_last=keep_last, at=at)
        return existing[-1]
    return str(backup_create(to=S3, at=at, keep_days=keep_days, keep_last=keep_last).path)


def backup_fetch(name: str, directory: Path) -> Path:
    """Download an off-site archive into `directory` (for a restore)."""
    if Path(name).name != name or not (name.startswith(BACKUP_FILE_PREFIX) and name.endswith(ARCHIVE_SUFFIX)):
        raise BackupError(_("Not a backup archive name: %(name)s") % {"name": name})
    storage = offsite_storage()
    if not storage.exists(name):
        raise BackupError(_("No archive %(name)s in the bucket.") % {"name": name})
    target = Path(directory) / name
    with storage.open(name, "rb") as source, open(target, "wb") as out:
        shutil.copyfileobj(source, out, length=1024 * 1024)
    return target


def _media_storages() -> tuple[Storage, bool]:
    """The media storage (full texts share its root) and whether its files go into the archive: yes when they
    sit on this server's disk, no when they are already in the bucket."""
    return default_storage, not is_remote(default_storage)


def backup_create(
    *, directory: Path | None = None, keep_days: int = DEFAULT_BACKUP_KEEP_DAYS,
    keep_last: int = DEFAULT_BACKUP_KEEP_LAST, using: str = "default", at: dt.datetime | None = None,
    to: str = LOCAL,
) -> BackupResult:
    """Dump the database and the media into a dated archive under BACKUP_DIR (or, `to="s3"`, into the bucket),
    then prune old archives there."""
    if to not in TARGETS:
        raise BackupError(_("Unknown backup target: %(target)s") % {"target": to})
    at = at or timezone.now()
    if to == S3:
        offsite_storage()  # refuse before dumping anything
    with tempfile.TemporaryDirectory(prefix="kitaphana-backup-") as work:
        work_dir = Path(work)
        directory = Path(directory or backup_dir()) if to == LOCAL else work_dir / "out"
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / _archive_name(at)
        database_member = _dump_database(using, work_dir)
        media, copy_media = _media_storages()
        media_list = [{"name": name, "size": size} for name, size in media_sizes(media)]
        from django.db.migrations.recorder import MigrationRecorder

        manifest = {
            "format": 2,
            "created_at": at.isoformat(),
            "engine": connections[using].settings_dict["ENGINE"],
            "database": database_member,
            "media_files": len(media_list),
            "media_in_archive": copy_media,
            "migrations": MigrationRecorder(connections[using]).migration_qs.count(),
        }
        (work_dir / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        (work_dir / MEDIA_MANIFEST).write_text(json.dumps(media_list, ensure_ascii=False), encoding="utf-8")
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work_dir / "manifest.json", arcname="manifest.json")
            archive.add(work_dir / database_member, arcname=database_member)
            archive.add(work_dir / MEDIA_MANIFEST, arcname=MEDIA_MANIFEST)
            for entry in media_list if copy_media else ():
                with media.open(entry["name"], "rb") as handle:
                    info = tarfile.TarInfo(f"media/{entry['name']}")
                    info.size = media.size(entry["name"])
                    info.mtime = int(at.timestamp())
                    archive.addfile(info, handle)
        partial.replace(target)  # a half-written archive never carries the final name
        size = target.stat().st_size
        if to == S3:
            _upload(target)
            pruned = offsite_prune(keep_days=keep_days, keep_last=keep_last, at=at)
            return BackupResult(path=Path(target.name), size=size, media_files=len(media_list),
                                pruned=tuple(Path(name) for name in pruned), target=S3)
    pruned = backup_prune(directory=directory, keep_days=keep_days, keep_last=keep_last, at=at)
    return BackupResult(path=target, size=size, media_files=len(media_list), pruned=tuple(pruned))


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


def _restore_media(work_dir: Path, manifest: dict, media_root: Path | None) -> None:
    """Put the archived media back (under `media_root`, or through the media storage, disk or bucket), and
    count the listed files that neither the archive nor the storage holds."""
    media_source = work_dir / "media"
    restored = set()
    if media_source.is_dir():
        for path in media_source.rglob("*"):
            if not path.is_file():
                continue
            name = path.relative_to(media_source).as_posix()
            restored.add(name)
            if media_root is not None:
                destination_path = media_root / name
                destination_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination_path)
                continue
            if default_storage.exists(name):
                default_storage.delete(name)
            with open(path, "rb") as handle:
                default_storage.save(name, File(handle, name=name))
    listed_path = work_dir / MEDIA_MANIFEST
    listed = json.loads(listed_path.read_text(encoding="utf-8")) if listed_path.is_file() else []
    outside = [entry["name"] for entry in listed if entry["name"] not in restored]
    manifest["media_missing"] = sorted(name for name in outside if not default_storage.exists(name))


def backup_restore(*, archive_path: Path, database: dict | None = None, media_root: Path | None = None) -> dict:
    """Restore an archive into an EMPTY database (refused otherwise) and put the media files back.

    `database` is a Django DATABASES entry (default: the database Django is connected to); the media go under
    `media_root` when given, else back into the media storage. Returns the archive's manifest, with
    `media_missing`: the listed media files (kept in the bucket, not in the archive) that are not there.
    """
    db = dict(database or connections["default"].settings_dict)
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
        _restore_media(work_dir, manifest, Path(media_root) if media_root else None)
    return manifest


def backup_restore_offsite(*, name: str, database: dict | None = None, media_root: Path | None = None) -> dict:
    """Fetch the archive `name` from the bucket and restore it (into an empty database, as `backup_restore`)."""
    with tempfile.TemporaryDirectory(prefix="kitaphana-fetch-") as work:
        return backup_restore(archive_path=backup_fetch(name, Path(work)), database=database, media_root=media_root)
