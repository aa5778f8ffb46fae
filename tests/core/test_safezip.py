"""Uploads that cannot exhaust the server (issue 13, point 4): the shared zip guard measures what members
really expand to, and an XLSX import is measured before openpyxl opens it."""

from __future__ import annotations

import io
import random
import struct
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from circulation.models import Reader
from core.formats import SafeXLSX
from core.models import ImportJob
from core.safezip import ArchiveLimits, SafeZip, UnsafeArchive, upload_limits, verify_zip
from tests.antiplagiarism.factories import docx_bytes
from tests.bombs import docx_bomb, xlsx_bomb

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def english_messages():
    """The guard's messages are asserted in English whatever the default language is."""
    with translation.override("en"):
        yield


def noise(size: int, seed: int = 1) -> bytes:
    """Bytes that do not compress (so that only the size limits, not the ratio, can refuse them)."""
    return random.Random(seed).randbytes(size)


def package(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def limits(**overrides) -> ArchiveLimits:
    values = {"max_member_bytes": 100 * MB, "max_total_bytes": 100 * MB, "max_members": 100, "max_ratio": 100,
              "ratio_from_bytes": 1 * MB}
    return ArchiveLimits(**{**values, **overrides})


def test_member_expanding_past_its_cap_is_refused_while_it_is_read():
    data = package({"word/document.xml": noise(2 * MB)})
    with SafeZip(data, limits(max_member_bytes=1 * MB)) as archive, \
            pytest.raises(UnsafeArchive, match=r"word/document\.xml.*expands to more than 1"):
        archive.read("word/document.xml")


def test_declared_sizes_are_not_trusted():
    """The directory says 100 bytes; the member really holds 2 MB: it never comes out as 2 MB."""
    data = bytearray(package({"word/document.xml": noise(2 * MB)}))
    central = data.rfind(b"PK\x01\x02")
    data[central + 24: central + 28] = struct.pack("<I", 100)  # uncompressed size in the central directory
    local = data.find(b"PK\x03\x04")
    data[local + 22: local + 26] = struct.pack("<I", 100)
    with SafeZip(bytes(data), limits(max_member_bytes=1 * MB)) as archive, \
            pytest.raises((UnsafeArchive, zipfile.BadZipFile)):
        archive.read("word/document.xml")


def test_archive_expanding_past_the_total_cap_is_refused():
    data = package({f"xl/worksheets/sheet{i}.xml": noise(600 * 1024, seed=i) for i in range(3)})
    with pytest.raises(UnsafeArchive, match=r"more than 1\.5.MB in all"):
        verify_zip(data, limits(max_member_bytes=1 * MB, max_total_bytes=int(1.5 * MB)))


def test_archive_with_too_many_members_is_refused_before_its_directory_is_read():
    data = package({f"part{i}.xml": b"<a/>" for i in range(50)})
    with pytest.raises(UnsafeArchive, match="more than 20 files"):
        SafeZip(data, limits(max_members=20))


def test_nested_archive_is_refused():
    data = package({"word/document.xml": package({"inner.xml": b"<a/>"})})
    with SafeZip(data, limits()) as archive, pytest.raises(UnsafeArchive, match="itself an archive"):
        archive.read("word/document.xml")


def test_member_compressed_like_a_bomb_is_refused_by_its_ratio():
    data = package({"word/document.xml": bytes(4 * MB)})
    with SafeZip(data, limits()) as archive, pytest.raises(UnsafeArchive, match="compressed more than 100 times"):
        archive.read("word/document.xml")


def test_an_ordinary_document_passes(settings):
    data = docx_bytes([[("Бірінші абзац.", {})]])
    assert verify_zip(data, upload_limits()) > 0


def test_caps_come_from_the_settings(settings):
    settings.UPLOAD_ZIP_MAX_MEMBER_BYTES = 1 * MB
    with pytest.raises(UnsafeArchive):
        verify_zip(docx_bomb(3 * MB), upload_limits())


# --- XLSX imports ------------------------------------------------------------------------------------------

@pytest.fixture
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
@pytest.mark.usefixtures("_media_root")
def test_xlsx_bomb_import_fails_with_the_reason_and_imports_nothing(client_for, librarian, settings,
                                                                   django_capture_on_commit_callbacks):
    settings.UPLOAD_ZIP_MAX_MEMBER_BYTES = 1 * MB
    client = client_for(librarian)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    upload = io.BytesIO(xlsx_bomb(4 * MB, header=("card_number", "last_name", "first_name", "category"),
                                  rows=(("2026200001", "Сейткали", "Айбек", "bachelor"),)))
    upload.name = "students.xlsx"
    formats = list(settings.IMPORT_EXPORT_FORMATS)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:circulation_reader_import"), {
            "resource": "0", "format": str(formats.index(SafeXLSX)), "import_file": upload,
        })
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "xl/worksheets/sheet1.xml" in job.message
    assert "expands to more than" in job.message
    assert not job.file  # the refused upload is not kept
    assert not Reader.objects.exists()


def test_an_ordinary_xlsx_still_reads():
    dataset = SafeXLSX().create_dataset(xlsx_bomb(1, header=("card_number", "last_name")))
    assert dataset.headers == ["card_number", "last_name"]
