"""Archives that come from outside (uploaded DOCX/ODT/EPUB/XLSX, backup archives), read so that they cannot
exhaust the server (issue 13, point 4).

A 740 KB DOCX whose document.xml expands to 190 MB passed a guard that trusted the sizes the zip's directory
declares, and the check then took 10 GB of memory. Those sizes are written by whoever made the file, so
here every member is measured while it is decompressed: the reader counts the bytes it actually produces
and stops the moment a member, or the archive as a whole, goes past its cap, or expands more times over
than any real document does (a bomb of zeros expands ~1000 times; text and XML 3–30 times). The member
count is read from the end-of-directory record before the directory itself is parsed, so a package of a
million empty entries is refused before a million `ZipInfo` objects exist. Archives inside the archive
are never expanded: a reader that meets one where it expects XML or a table refuses it.

The caps are settings (`UPLOAD_ZIP_*`, `BACKUP_RESTORE_*`, see `.env.example`), read at each call, so an
installation, a test or a bench can lower them.
"""

from __future__ import annotations

import io
import shutil
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MB = 1024 * 1024
CHUNK = 64 * 1024
# Magic numbers of the archive formats a member must not be when the reader expects XML or a table.
ARCHIVE_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c",
                  b"Rar!\x1a\x07")

# Defaults (the settings override them). Office documents: the biggest real thesis we have met has a
# document.xml of ~30 MB; register spreadsheets of 10,000 rows unpack to ~10 MB.
DEFAULT_MAX_MEMBER_BYTES = 64 * MB
DEFAULT_MAX_TOTAL_BYTES = 128 * MB
DEFAULT_MAX_MEMBERS = 5000
DEFAULT_MAX_RATIO = 100
# Below this many bytes a member's ratio is not judged: a small repetitive XML part may well compress 200:1.
DEFAULT_RATIO_FROM_BYTES = 1 * MB
# Backups hold the database and every media file; a big installation's archive runs to tens of GB. The
# ratio is judged only from 64 MB on (an SQLite file full of empty pages compresses very well).
DEFAULT_BACKUP_MAX_TOTAL_BYTES = 500 * 1024 * MB
DEFAULT_BACKUP_MAX_MEMBERS = 200_000
DEFAULT_BACKUP_MAX_RATIO = 200
DEFAULT_BACKUP_RATIO_FROM_BYTES = 64 * MB
# Free space a restore leaves on the disk it unpacks to.
BACKUP_DISK_MARGIN_BYTES = 512 * MB


class UnsafeArchive(Exception):
    """The archive would expand beyond what the server reads for it (a zip bomb, too many members, a
    nested archive). The message is translated and says which limit was met; it is shown as is."""


@dataclass(frozen=True)
class ArchiveLimits:
    """What one archive may expand to. `refuse_nested` is off only where members are stored as files
    and never expanded (the media files of a backup include DOCX and EPUB uploads)."""

    max_member_bytes: int
    max_total_bytes: int
    max_members: int
    max_ratio: float
    ratio_from_bytes: int = DEFAULT_RATIO_FROM_BYTES
    refuse_nested: bool = True


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, None) or default)


def upload_limits() -> ArchiveLimits:
    """Uploaded zip packages: DOCX, ODT and EPUB works and files, and XLSX register imports."""
    return ArchiveLimits(
        max_member_bytes=_setting("UPLOAD_ZIP_MAX_MEMBER_BYTES", DEFAULT_MAX_MEMBER_BYTES),
        max_total_bytes=_setting("UPLOAD_ZIP_MAX_TOTAL_BYTES", DEFAULT_MAX_TOTAL_BYTES),
        max_members=_setting("UPLOAD_ZIP_MAX_MEMBERS", DEFAULT_MAX_MEMBERS),
        max_ratio=_setting("UPLOAD_ZIP_MAX_RATIO", DEFAULT_MAX_RATIO),
        ratio_from_bytes=_setting("UPLOAD_ZIP_RATIO_FROM_BYTES", DEFAULT_RATIO_FROM_BYTES),
    )


def backup_limits() -> ArchiveLimits:
    """Backup archives (tar.gz) being restored."""
    total = _setting("BACKUP_RESTORE_MAX_BYTES", DEFAULT_BACKUP_MAX_TOTAL_BYTES)
    return ArchiveLimits(
        max_member_bytes=total, max_total_bytes=total,
        max_members=_setting("BACKUP_RESTORE_MAX_MEMBERS", DEFAULT_BACKUP_MAX_MEMBERS),
        max_ratio=_setting("BACKUP_RESTORE_MAX_RATIO", DEFAULT_BACKUP_MAX_RATIO),
        ratio_from_bytes=_setting("BACKUP_RESTORE_RATIO_FROM_BYTES", DEFAULT_BACKUP_RATIO_FROM_BYTES),
        refuse_nested=False,
    )


def _size(value: int) -> str:
    from django.template.defaultfilters import filesizeformat

    return str(filesizeformat(value))


def _too_many(limit: int) -> UnsafeArchive:
    return UnsafeArchive(ngettext("The archive holds more than %(count)s file; it is refused.",
                                  "The archive holds more than %(count)s files; it is refused.", limit)
                         % {"count": limit})


def _member_too_big(name: str, limit: int) -> UnsafeArchive:
    return UnsafeArchive(_("The part “%(name)s” of the file expands to more than %(size)s; the file is refused.")
                         % {"name": name, "size": _size(limit)})


def _total_too_big(limit: int) -> UnsafeArchive:
    return UnsafeArchive(_("The file expands to more than %(size)s in all; it is refused.") % {"size": _size(limit)})


def _bomb(name: str, ratio: float) -> UnsafeArchive:
    return UnsafeArchive(
        ngettext("The part “%(name)s” of the file is compressed more than %(ratio)s time over, as zip bombs are; "
                 "the file is refused.",
                 "The part “%(name)s” of the file is compressed more than %(ratio)s times over, as zip bombs are; "
                 "the file is refused.", int(ratio)) % {"name": name, "ratio": int(ratio)}
    )


def _nested(name: str) -> UnsafeArchive:
    return UnsafeArchive(_("The part “%(name)s” of the file is itself an archive; nested archives are refused.")
                         % {"name": name})


def _declared_entries(fileobj: BinaryIO) -> int | None:
    """The member count from the end-of-central-directory record (zip64 included), or None when there is
    none (zipfile then refuses the file itself)."""
    try:
        record = zipfile._EndRecData(fileobj)  # the stdlib's own reader of that record
    except OSError:
        return None
    finally:
        fileobj.seek(0)
    if not record:
        return None
    return int(record[zipfile._ECD_ENTRIES_TOTAL])


class _Meter:
    """Bytes produced so far, member by member and in all, checked against the limits on every chunk."""

    def __init__(self, limits: ArchiveLimits):
        self.limits = limits
        self.total = 0

    def add(self, name: str, member_bytes: int, compressed_bytes: int, chunk: int) -> None:
        limits = self.limits
        self.total += chunk
        if member_bytes > limits.max_member_bytes:
            raise _member_too_big(name, limits.max_member_bytes)
        if self.total > limits.max_total_bytes:
            raise _total_too_big(limits.max_total_bytes)
        if member_bytes > limits.ratio_from_bytes and member_bytes > limits.max_ratio * max(compressed_bytes, 1):
            raise _bomb(name, limits.max_ratio)


class MeteredMember(io.RawIOBase):
    """One member of a `SafeZip`, read through the meter (a file object for parsers that read in chunks)."""

    def __init__(self, archive: SafeZip, info: zipfile.ZipInfo):
        super().__init__()
        self._archive = archive
        self._info = info
        self._stream = archive._zip.open(info)
        self.produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = min(len(buffer), CHUNK)
        try:
            data = self._stream.read(size)
        except Exception as exc:  # zlib.error, a bad CRC, an unsupported method: a damaged package
            raise zipfile.BadZipFile(str(exc)) from exc
        if not data:
            return 0
        if self.produced == 0 and self._archive.limits.refuse_nested and data.startswith(ARCHIVE_MAGICS):
            raise _nested(self._info.filename)
        self.produced += len(data)
        self._archive._meter.add(self._info.filename, self.produced, self._info.compress_size, len(data))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
        super().close()


class SafeZip:
    """A zip package opened for reading within `limits`.

    `zipfile.BadZipFile` still means a damaged package (the callers' own "unreadable file" path);
    `UnsafeArchive` means a limit was met.
    """

    def __init__(self, source: bytes | BinaryIO, limits: ArchiveLimits):
        self.limits = limits
        fileobj = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
        fileobj.seek(0)
        entries = _declared_entries(fileobj)
        if entries is not None and entries > limits.max_members:
            raise _too_many(limits.max_members)
        try:
            self._zip = zipfile.ZipFile(fileobj)
        except (zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
            raise zipfile.BadZipFile(str(exc)) from exc
        infos = self._zip.infolist()
        if len(infos) > limits.max_members:  # a directory that disagrees with its own end record
            self._zip.close()
            raise _too_many(limits.max_members)
        self._infos = {info.filename: info for info in infos}
        self._meter = _Meter(limits)

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def namelist(self) -> list[str]:
        return list(self._infos)

    def getinfo(self, name: str) -> zipfile.ZipInfo:
        return self._infos[name]

    def open(self, name: str) -> io.BufferedReader:
        """A buffered reader of the member; KeyError when there is none. The declared size is a first,
        cheap refusal; the meter then counts what really comes out."""
        info = self._infos[name]
        if info.file_size > self.limits.max_member_bytes:
            raise _member_too_big(name, self.limits.max_member_bytes)
        return io.BufferedReader(MeteredMember(self, info), CHUNK)

    def read(self, name: str) -> bytes:
        with self.open(name) as member:
            return member.read()

    def verify(self) -> int:
        """Decompress every member through the meter, keeping nothing; the bytes all members produce.
        For readers (openpyxl) that then open the package themselves."""
        for info in self._infos.values():
            if info.is_dir():
                continue
            with self.open(info.filename) as member:
                while member.read(CHUNK):
                    pass
        return self._meter.total


def verify_zip(source: bytes | BinaryIO, limits: ArchiveLimits) -> int:
    """Refuse (UnsafeArchive) a package that expands beyond `limits`, before another library opens it."""
    with SafeZip(source, limits) as archive:
        return archive.verify()


# --- tar.gz (backups) ------------------------------------------------------------------------------------

def extract_tar(
    archive_path: Path, target: Path, *, limits: ArchiveLimits,
    check_member: Callable[[tarfile.TarInfo], None] | None = None,
) -> list[tarfile.TarInfo]:
    """Unpack a tar.gz into `target` in one pass, writing only regular files and directories.

    Each member's size is checked before a byte of it is written (in a tar the header's size is the real
    length of the data: the reader takes exactly that many bytes), the running total against the cap and
    the free disk space, and the expansion ratio against the compressed bytes consumed so far, so a
    gzip bomb stops after at most `ratio_from_bytes`. `check_member` refuses members by the caller's
    rules (paths, kinds) before anything is written for them.
    """
    target = Path(target)
    free = shutil.disk_usage(target).free - BACKUP_DISK_MARGIN_BYTES
    cap = min(limits.max_total_bytes, max(free, 0))
    members: list[tarfile.TarInfo] = []
    produced = 0
    with open(archive_path, "rb") as raw, tarfile.open(fileobj=raw, mode="r|gz") as tar:
        for member in _iter_tar(tar):
            if len(members) >= limits.max_members:
                raise _too_many(limits.max_members)
            if check_member:
                check_member(member)
            clean = tarfile.data_filter(member, str(target))
            members.append(clean)
            destination = target / clean.name
            if clean.isdir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            if not clean.isfile():
                continue
            if produced + clean.size > cap:
                raise _total_too_big(cap)
            destination.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            with open(destination, "wb") as out:
                while chunk := source.read(CHUNK):
                    out.write(chunk)
                    produced += len(chunk)
                    if produced > limits.ratio_from_bytes and produced > limits.max_ratio * max(raw.tell(), 1):
                        raise _bomb(clean.name, limits.max_ratio)
    return members


def _iter_tar(tar: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    """The members of a streamed tar, with its own errors turned into one (the caller's "broken archive")."""
    iterator = iter(tar)
    while True:
        try:
            member = next(iterator)
        except StopIteration:
            return
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise tarfile.ReadError(str(exc)) from exc
        yield member
