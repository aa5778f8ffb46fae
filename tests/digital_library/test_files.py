"""Full-text files (607-31): type from content, size limit, checksum, upload log, text, protected delivery."""

from __future__ import annotations

import hashlib

import pytest

from digital_library.choices import AccessLevel, FileKind, LegalBasis, UploadAction
from digital_library.exceptions import FileRejected
from digital_library.models import DigitalFile, FileUploadLog
from digital_library.services import digital_file_remove, digital_file_upload

from .factories import digital_file, djvu_bytes, docx_bytes, epub_bytes, pdf_bytes, record, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("content", "misleading_name", "kind"),
    [
        (pdf_bytes(), "thesis.docx", FileKind.PDF),
        (docx_bytes(), "thesis.pdf", FileKind.DOCX),
        (epub_bytes(), "book.zip", FileKind.EPUB),
        (djvu_bytes(), "scan.pdf", FileKind.DJVU),
    ],
)
def test_file_type_is_read_from_content_not_name(digital_librarian, content, misleading_name, kind):
    stored = digital_file(user=digital_librarian, content=content, name=misleading_name)
    assert stored.kind == kind


@pytest.mark.parametrize(
    "content",
    [b"just some text, not a document", b"PK\x03\x04 broken zip", b"\x89PNG\r\n\x1a\n" + b"0" * 100],
)
def test_file_that_is_not_an_accepted_document_is_rejected(digital_librarian, content):
    with pytest.raises(FileRejected):
        digital_file(user=digital_librarian, content=content, name="looks-like.pdf")
    assert not DigitalFile.objects.exists()


def test_zip_that_is_neither_epub_nor_docx_is_rejected(digital_librarian):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(FileRejected):
        digital_file(user=digital_librarian, content=buffer.getvalue(), name="book.epub")


def test_file_over_the_size_limit_is_rejected(digital_librarian, settings):
    settings.DIGITAL_LIBRARY_MAX_UPLOAD_BYTES = 100
    with pytest.raises(FileRejected):
        digital_file(user=digital_librarian, content=pdf_bytes())


def test_empty_file_is_rejected(digital_librarian):
    with pytest.raises(FileRejected):
        digital_file(user=digital_librarian, content=b"", name="empty.pdf")


def test_upload_keeps_sha256_size_and_logs_who_when_which_record(digital_librarian):
    content = pdf_bytes("checksum")
    target = record()
    stored = digital_file(record_=target, user=digital_librarian, content=content, name="Диссертация.pdf")
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.size == len(content)
    assert stored.original_name == "Диссертация.pdf"
    entry = FileUploadLog.objects.get()
    assert (entry.user, entry.record, entry.digital_file, entry.action) == (
        digital_librarian, target, stored, UploadAction.UPLOADED)
    assert entry.sha256 == stored.sha256
    assert entry.logged_at is not None


def test_same_bytes_cannot_be_attached_twice_to_one_record(digital_librarian):
    target, content = record(), pdf_bytes("twice")
    digital_file(record_=target, user=digital_librarian, content=content)
    with pytest.raises(FileRejected):
        digital_file(record_=target, user=digital_librarian, content=content)


def test_stored_file_name_does_not_come_from_the_upload(digital_librarian):
    stored = digital_file(user=digital_librarian, content=pdf_bytes(), name="../../etc/passwd.pdf")
    assert stored.file.name.startswith("digital_library/")
    assert "passwd" not in stored.file.name


def test_stored_file_has_no_public_url(digital_librarian):
    stored = digital_file(user=digital_librarian)
    with pytest.raises(NotImplementedError):
        stored.file.url  # noqa: B018


def test_licence_basis_requires_the_licence_name(digital_librarian):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        digital_file(user=digital_librarian, legal_basis=LegalBasis.LICENCE)


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (pdf_bytes("Satbayev University geology"), "a.pdf", "Satbayev University geology"),
        (docx_bytes(("Бірінші абзац.", "Second paragraph.")), "a.docx", "Бірінші абзац.\nSecond paragraph."),
        (epub_bytes(), "a.epub", "Кен орындары туралы."),
    ],
)
def test_plain_text_is_extracted_after_commit(digital_librarian, django_capture_on_commit_callbacks, content, name,
                                              expected):
    with django_capture_on_commit_callbacks(execute=True):
        stored = digital_file(user=digital_librarian, content=content, name=name)
    stored.refresh_from_db()
    assert expected in stored.text


def test_epub_text_leaves_out_styles(digital_librarian, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = digital_file(user=digital_librarian, content=epub_bytes(), name="a.epub")
    stored.refresh_from_db()
    assert "color" not in stored.text


def test_djvu_keeps_an_empty_text(digital_librarian, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = digital_file(user=digital_librarian, content=djvu_bytes(), name="a.djvu")
    stored.refresh_from_db()
    assert stored.text == ""


def test_removing_a_file_logs_the_removal_and_deletes_the_bytes(digital_librarian, django_capture_on_commit_callbacks):
    stored = digital_file(user=digital_librarian)
    storage, name = stored.file.storage, stored.file.name
    with django_capture_on_commit_callbacks(execute=True):
        digital_file_remove(digital_file=stored, user=digital_librarian)
    assert not storage.exists(name)
    assert FileUploadLog.objects.filter(action=UploadAction.REMOVED).count() == 1


def test_download_goes_through_the_view_and_sends_the_bytes(client, digital_librarian):
    content = pdf_bytes("open text")
    stored = digital_file(user=digital_librarian, content=content, access_level=AccessLevel.OPEN)
    response = client.get(f"/digital/files/{stored.pk}/download/", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_closed_file_download_is_refused(client_for, reader, digital_librarian):
    stored = digital_file(user=digital_librarian, access_level=AccessLevel.CLOSED)
    response = client_for(reader).get(f"/digital/files/{stored.pk}/download/", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 403


def test_anonymous_reader_is_sent_to_sign_in_for_registered_file(client, digital_librarian):
    stored = digital_file(user=digital_librarian, access_level=AccessLevel.REGISTERED)
    response = client.get(f"/digital/files/{stored.pk}/download/", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_record_page_lists_files_with_the_readers_rights(client, digital_librarian):
    """The digital library's record address (kept by OAI harvesters) leads to the catalogue's record page, whose
    e-version panel lists the files with what this reader may do."""
    target = record(title="Жер асты сулары")
    digital_file(record_=target, user=digital_librarian, access_level=AccessLevel.OPEN, label="Толық мәтін")
    response = client.get(f"/digital/records/{target.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/catalogue/records/{target.pk}/#panel-e_version"
    page = client.get(response["Location"]).content.decode()
    assert "Толық мәтін" in page
    assert f"/digital/files/{DigitalFile.objects.get().pk}/view/" in page


def test_upload_through_the_admin_stores_and_logs(client_for, digital_librarian):
    target = record()
    response = client_for(digital_librarian).post("/admin/digital_library/digitalfile/add/", {
        "record": target.pk, "label": "Full text", "legal_basis": LegalBasis.PUBLIC_DOMAIN,
        "access_level": AccessLevel.OPEN, "upload": upload(pdf_bytes("admin"), "x.pdf"),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = DigitalFile.objects.get()
    assert stored.uploaded_by == digital_librarian
    assert FileUploadLog.objects.filter(digital_file=stored).exists()


def test_admin_rejects_a_file_whose_content_is_not_a_document(client_for, digital_librarian):
    response = client_for(digital_librarian).post("/admin/digital_library/digitalfile/add/", {
        "record": record().pk, "legal_basis": LegalBasis.PUBLIC_DOMAIN, "access_level": AccessLevel.OPEN,
        "upload": upload(b"not a pdf at all", "x.pdf"),
    })
    assert response.status_code == 200
    assert not DigitalFile.objects.exists()


def test_service_refuses_unknown_rights_fields(digital_librarian):
    from digital_library.services import digital_file_update_rights

    stored = digital_file(user=digital_librarian)
    with pytest.raises(TypeError):
        digital_file_update_rights(digital_file=stored, user=digital_librarian, sha256="0" * 64)


def test_upload_service_signature_is_keyword_only():
    with pytest.raises(TypeError):
        digital_file_upload(None, None)  # type: ignore[misc]


def test_admin_asks_for_the_licence_name_instead_of_failing(client_for, digital_librarian):
    response = client_for(digital_librarian).post("/admin/digital_library/digitalfile/add/", {
        "record": record().pk, "legal_basis": LegalBasis.LICENCE, "access_level": AccessLevel.OPEN,
        "upload": upload(pdf_bytes("licensed"), "x.pdf"),
    })
    assert response.status_code == 200
    assert not DigitalFile.objects.exists()


def test_admin_changes_the_access_level_of_a_file(client_for, digital_librarian):
    stored = digital_file(user=digital_librarian, access_level=AccessLevel.CLOSED)
    response = client_for(digital_librarian).post(f"/admin/digital_library/digitalfile/{stored.pk}/change/", {
        "label": "", "legal_basis": LegalBasis.PUBLIC_DOMAIN, "access_level": AccessLevel.OPEN,
        "agreement_reference": "", "rights_holder": "", "licence": "", "embargo_until": "", "rights_note": "",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    stored.refresh_from_db()
    assert stored.access_level == AccessLevel.OPEN


def test_campus_file_off_campus_is_refused_with_the_reason_not_sent_to_sign_in(client, digital_librarian, settings):
    settings.DIGITAL_LIBRARY_CAMPUS_NETWORKS = ["10.0.0.0/8"]
    stored = digital_file(user=digital_librarian, access_level=AccessLevel.CAMPUS)
    response = client.get(f"/digital/files/{stored.pk}/download/", HTTP_USER_AGENT="Mozilla/5.0",
                          REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 403
    assert stored.record.title in response.content.decode()
    on_campus = client.get(f"/digital/files/{stored.pk}/download/", HTTP_USER_AGENT="Mozilla/5.0",
                           REMOTE_ADDR="10.1.1.1")
    assert on_campus.status_code == 200


def test_reading_room_file_opens_inline_but_cannot_be_downloaded(client, digital_librarian, settings):
    settings.DIGITAL_LIBRARY_READING_ROOM_NETWORKS = ["10.99.0.0/24"]
    stored = digital_file(user=digital_librarian, access_level=AccessLevel.READING_ROOM)
    view = client.get(f"/digital/files/{stored.pk}/view/", HTTP_USER_AGENT="Mozilla/5.0", REMOTE_ADDR="10.99.0.7")
    assert view.status_code == 200
    assert "inline" in view["Content-Disposition"]
    download = client.get(f"/digital/files/{stored.pk}/download/", HTTP_USER_AGENT="Mozilla/5.0",
                          REMOTE_ADDR="10.99.0.7")
    assert download.status_code == 403
