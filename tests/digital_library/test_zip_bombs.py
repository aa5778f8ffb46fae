"""Digital library files and backups that cannot exhaust the server (issue 13, point 4): DOCX and EPUB
bombs give no text (the file itself is kept), a package of too many parts is refused at upload, and a
backup archive that would expand past its cap is refused before anything is restored."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from digital_library.backup import backup_restore
from digital_library.choices import FileKind
from digital_library.exceptions import BackupError, FileRejected
from digital_library.services import digital_file_check_upload
from digital_library.textextract import ExtractionFailed, extract_text
from tests.bombs import backup_bomb, docx_bomb, epub_bomb

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("build", "kind", "part"), [
    (docx_bomb, FileKind.DOCX, "word/document.xml"),
    (epub_bomb, FileKind.EPUB, "OEBPS/c0.xhtml"),
])
def test_zip_bomb_gives_no_text_and_says_why(settings, build, kind, part):
    settings.UPLOAD_ZIP_MAX_MEMBER_BYTES = 1 * MB
    with pytest.raises(ExtractionFailed, match=f"{part}.*expands to more than 1.0"):
        extract_text(io.BytesIO(build(4 * MB)), kind)


def test_epub_chapter_is_read_in_chunks_and_cut_at_the_text_cap(monkeypatch):
    monkeypatch.setattr("digital_library.textextract.MAX_EXTRACTED_TEXT_CHARS", 5000)
    text = extract_text(io.BytesIO(epub_bomb(900 * 1024)), FileKind.EPUB)
    assert 0 < len(text) <= 5000


def test_upload_of_a_package_with_too_many_parts_is_refused_with_the_reason(settings, db):
    settings.UPLOAD_ZIP_MAX_MEMBERS = 20
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(40):
            archive.writestr(f"word/media/image{i}.png", b"")
    upload = SimpleUploadedFile("book.docx", buffer.getvalue())
    with pytest.raises(FileRejected, match="more than 20 files"):
        digital_file_check_upload(record=None, uploaded_file=upload)


@pytest.mark.parametrize(("caps", "reason"), [
    ({"BACKUP_RESTORE_MAX_BYTES": 2 * MB}, "expands to more than 2.0"),
    ({"BACKUP_RESTORE_RATIO_FROM_BYTES": 1 * MB}, "compressed more than 200 times"),
])
def test_backup_bomb_is_refused_before_anything_is_restored(settings, tmp_path, caps, reason):
    for name, value in caps.items():
        setattr(settings, name, value)
    archive = backup_bomb(tmp_path / "kitaphana-backup-20261201-020000.tar.gz", 8 * MB)
    target_db, target_media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    with pytest.raises(BackupError, match=reason):
        backup_restore(archive_path=archive, media_root=target_media,
                       database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(target_db)})
    assert not target_db.exists()
    assert not target_media.exists()
