"""Media on an S3-compatible bucket (issue 18, item 1), against moto's S3 server: full texts, reader photos,
uploaded works and generated books are written to and read from the bucket through the storage API, the
views that check rights stream them, and nothing in the bucket can be fetched without a signature."""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from freezegun import freeze_time

from core.storage import is_remote, walk_files
from core.storage_settings import storages_setting
from digital_library.choices import AccessLevel
from digital_library.models import DigitalFile
from digital_library.services import digital_file_extract_text
from tests import s3server
from tests.circulation.factories import jpeg_bytes, make_reader
from tests.digital_library.factories import digital_file, pdf_bytes
from tests.s3server import object_keys, requires_moto, s3_client

# moto's S3 server (one per session) and a fresh bucket per test, with STORAGES pointed at it.
s3_endpoint = s3server.s3_endpoint
s3_bucket = s3server.s3_bucket

STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_without_a_bucket_media_stay_on_disk():
    setting = storages_setting(static_backend=STATIC)
    assert setting["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert setting["protected"]["BACKEND"] == "digital_library.storage.ProtectedFileStorage"
    assert "backups" not in setting


def test_a_bucket_puts_media_and_backups_in_private_s3_storages():
    setting = storages_setting(static_backend=STATIC, bucket="lib", endpoint_url="https://s3.example.kz",
                               access_key="k", secret_key="s", region="kz-1")
    for alias, location in (("default", "media"), ("protected", "media"), ("backups", "backups")):
        options = setting[alias]["OPTIONS"]
        assert options["bucket_name"] == "lib"
        assert options["location"] == location
        assert options["default_acl"] is None  # no public-read ACL is ever sent
        assert options["querystring_auth"] is True
        assert options["file_overwrite"] is False
        assert (options["endpoint_url"], options["region_name"]) == ("https://s3.example.kz", "kz-1")
    assert setting["staticfiles"]["BACKEND"] == STATIC



def _anonymous_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@requires_moto
def test_full_text_is_written_to_the_bucket_and_is_not_public(digital_librarian, s3_endpoint, s3_bucket):
    content = pdf_bytes("stored in the bucket")
    stored = digital_file(user=digital_librarian, content=content, access_level=AccessLevel.OPEN)
    key = f"media/{stored.file.name}"
    assert is_remote(stored.file.storage)
    assert object_keys(s3_endpoint, s3_bucket) == [key]
    client = s3_client(s3_endpoint)
    assert client.get_object(Bucket=s3_bucket, Key=key)["Body"].read() == content
    grants = client.get_object_acl(Bucket=s3_bucket, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner only: no AllUsers grant
    assert all(grant["Grantee"].get("URI") is None for grant in grants)
    assert _anonymous_get(f"{s3_endpoint}/{s3_bucket}/{key}") == 403
    with pytest.raises(NotImplementedError):
        stored.file.url  # noqa: B018 - no template can build a link to the bucket


@requires_moto
def test_download_view_checks_the_right_then_streams_from_the_bucket(client, client_for, reader,
                                                                     digital_librarian, s3_bucket):
    content = pdf_bytes("streamed from S3")
    open_file = digital_file(user=digital_librarian, content=content, access_level=AccessLevel.OPEN)
    closed_file = digital_file(user=digital_librarian, content=content, access_level=AccessLevel.CLOSED)
    response = client.get(f"/digital/files/{open_file.pk}/download/", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert "attachment" in response["Content-Disposition"]
    refused = client_for(reader).get(f"/digital/files/{closed_file.pk}/download/", HTTP_USER_AGENT="Mozilla/5.0")
    assert refused.status_code == 403
    assert s3_bucket not in refused.content.decode()


@requires_moto
def test_text_of_a_full_text_is_extracted_from_the_bucket(digital_librarian, s3_bucket):
    stored = digital_file(user=digital_librarian, content=pdf_bytes("Kenorny geologiyasy"))
    assert digital_file_extract_text(digital_file_id=stored.pk) > 0
    assert "Kenorny" in DigitalFile.objects.get(pk=stored.pk).text


@requires_moto
def test_reader_photo_is_kept_in_the_bucket_and_shown_only_to_those_allowed(client_for, librarian, reader,
                                                                            s3_endpoint, s3_bucket):
    profile = make_reader()
    photo = jpeg_bytes((300, 400))
    profile.photo.save(f"{profile.card_number}.jpg", ContentFile(photo), save=True)
    assert f"media/{profile.photo.name}" in object_keys(s3_endpoint, s3_bucket)
    response = client_for(librarian).get(reverse("circulation:reader_photo", args=[profile.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == photo
    card = client_for(librarian).get(reverse("circulation:reader_card", args=[profile.pk]))
    assert card.status_code == 200
    assert card["Content-Type"] == "application/pdf"
    assert client_for(reader).get(reverse("circulation:reader_photo", args=[profile.pk])).status_code == 403


@requires_moto
def test_generated_book_is_saved_to_the_bucket_and_downloaded_through_the_view(
        client_for, acquisitions_librarian, s3_endpoint, s3_bucket, django_capture_on_commit_callbacks):
    from tests.acquisitions.factories import catalogue_record, receive

    receive(acquisitions_librarian, (catalogue_record(), 2, "1000", "inventory"), on=dt.date(2026, 3, 10))
    client = client_for(acquisitions_librarian)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("acquisitions:book_export_create"), {"book": "607-12", "year": "2026"})
    from acquisitions.models import BookExport

    export = BookExport.objects.get()
    assert f"media/{export.file.name}" in object_keys(s3_endpoint, s3_bucket)
    download = client.get(reverse("acquisitions:book_export_download", args=[export.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@requires_moto
def test_uploaded_work_is_checked_from_the_bucket(operator, department, s3_endpoint, s3_bucket):
    from antiplagiarism.models import Check
    from antiplagiarism.services import check_submit
    from antiplagiarism.tasks import check_run_task
    from tests.antiplagiarism.factories import AccessCodeFactory
    from tests.antiplagiarism.texts import RU

    with freeze_time("2026-11-25 10:00:00", tick=True):
        code = AccessCodeFactory(operator=operator, department=department, quota=10)
        check = check_submit(
            operator=operator, code=code.code, title="Бітіру жұмысы", author="Сейтқали Айгерим",
            department=department, work_type=Check.WorkType.BACHELOR,
            upload=SimpleUploadedFile("work.txt", RU.encode()),
        )
        assert f"media/{check.file.name}" in object_keys(s3_endpoint, s3_bucket)
        check_run_task.delay(check.pk).get()
    check.refresh_from_db()
    assert check.status == Check.Status.DONE


@requires_moto
def test_walk_lists_every_file_of_the_bucket_through_the_storage_api(s3_bucket):
    for name in ("a/1.txt", "a/b/2.txt", "3.txt"):
        default_storage.save(name, ContentFile(name.encode()))
    assert sorted(walk_files(default_storage)) == ["3.txt", "a/1.txt", "a/b/2.txt"]
    assert sorted(walk_files(storages["protected"], "a")) == ["a/1.txt", "a/b/2.txt"]
