"""Bulk imports run by Celery (core.imports): the upload is checked in the background with its progress
shown, every bad row is listed with its reason, and only a confirmed file is imported. Exercised through the
readers' register (the Registrar's student list), the largest file the library imports."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from import_export.formats.base_formats import CSV

from accounts import roles
from circulation.models import Reader
from core.imports import import_job_run
from core.models import ImportJob
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = "card_number,last_name,first_name,category,email,course\n"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def csv_upload(text: str, name: str = "students.csv") -> io.BytesIO:
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = name
    return upload


def post_file(client, upload, capture) -> ImportJob:
    from django.conf import settings

    formats = [f.__name__ for f in settings.IMPORT_EXPORT_FORMATS]
    with capture(execute=True):
        response = client.post(reverse("admin:circulation_reader_import"), {
            "resource": "0", "format": str(formats.index(CSV.__name__)), "import_file": upload,
        })
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("admin:circulation_reader_import_job", args=[job.pk])
    return job


def test_upload_is_checked_in_the_background_and_imported_only_when_confirmed(
        client_for, librarian, django_capture_on_commit_callbacks):
    client = client_for(librarian)
    job = post_file(client, csv_upload(HEADER + "2026200001,Сейткали,Айбек,bachelor,a@st.kz,2\n"
                                                "2026200002,Ким,Олег,master,,1\n"),
                    django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED
    assert (job.rows_total, job.totals.get("new"), job.errors) == (2, 2, [])
    assert not Reader.objects.exists()  # a check imports nothing
    page = client.get(reverse("admin:circulation_reader_import_job", args=[job.pk])).content.decode()
    assert "Сейткали" in page
    assert 'id="import-preview"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:circulation_reader_import_job_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert set(Reader.objects.values_list("card_number", flat=True)) == {"2026200001", "2026200002"}
    assert not job.file
    assert job.preview == []


def test_every_bad_row_is_listed_with_its_reason_and_the_good_rows_wait_for_a_decision(
        client_for, librarian, django_capture_on_commit_callbacks):
    client = client_for(librarian)
    job = post_file(client, csv_upload(HEADER + "2026200011,Омаров,Ерлан,bachelor,,2\n"
                                                "2026200012,,Дана,bachelor,,2\n"
                                                "2026200013,Ли,Анна,no-such-category,,1\n"),
                    django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED
    assert job.bad_rows == 2
    assert job.good_rows == 1
    by_row = {(error["row"], error["field"]): error for error in job.errors}
    assert (2, "last_name") in by_row
    assert any(row == 3 and "no-such-category" in " ".join(e["messages"]) for (row, _f), e in by_row.items())
    assert not Reader.objects.exists()

    confirm = reverse("admin:circulation_reader_import_job_confirm", args=[job.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)  # a plain confirm of a file with errors is refused
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED
    assert not Reader.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm, {"skip_bad_rows": "1"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert list(Reader.objects.values_list("card_number", flat=True)) == ["2026200011"]
    assert {error["row"] for error in job.errors} == {2, 3}  # still listed after the import: nothing is lost


def test_progress_is_reported_as_json(client_for, librarian, django_capture_on_commit_callbacks):
    client = client_for(librarian)
    job = post_file(client, csv_upload(HEADER + "2026200021,Абай,Құнанбай,bachelor,,1\n"),
                    django_capture_on_commit_callbacks)
    data = client.get(reverse("admin:circulation_reader_import_job_progress", args=[job.pk])).json()
    assert data == {"status": "checked", "status_display": data["status_display"], "running": False,
                    "rows_done": 1, "rows_total": 1, "percent": 100}


def test_a_file_that_cannot_be_read_fails_with_a_clear_message(client_for, librarian,
                                                              django_capture_on_commit_callbacks):
    from django.conf import settings

    client = client_for(librarian)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    job = post_file(client, csv_upload("\n"), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.message_code == ImportJob.Message.NO_ROWS
    page = client.get(reverse("admin:circulation_reader_import_job", args=[job.pk])).content.decode()
    assert "Check that its first row names the columns." in page
    assert not job.file


def test_the_outcome_is_worded_in_the_readers_language_not_the_uploaders(
        client_for, librarian, django_capture_on_commit_callbacks):
    """Uploaded by a Kazakh-speaking librarian, read by a Russian- and an English-speaking one: the job keeps
    a code and its figures, and each reader gets the sentence in their own language, plural and all."""
    from django.conf import settings

    client = client_for(librarian)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    job = post_file(client, csv_upload(HEADER + "2026200031,Омаров,Ерлан,bachelor,,2\n"
                                                "2026200032,,Дана,bachelor,,2\n"
                                                "2026200033,,Анна,bachelor,,1\n"),
                    django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.message_code, job.message_params) == (ImportJob.Message.CHECKED_BAD_ROWS, {"count": 2})
    url = reverse("admin:circulation_reader_import_job", args=[job.pk])
    worded = {
        "en": "2 rows have errors. Correct the file and upload it again",
        "ru": "2 строки содержат ошибки.",
        "kk": "2 жолда қате бар.",
    }
    for language, sentence in worded.items():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        assert sentence in client.get(url).content.decode(), language


def test_another_librarians_import_is_not_shown(client_for, librarian, django_capture_on_commit_callbacks):
    job = post_file(client_for(librarian), csv_upload(HEADER + "2026200031,Әуезов,Мұхтар,bachelor,,1\n"),
                    django_capture_on_commit_callbacks)
    colleague = UserFactory(username="colleague", roles=[roles.LIBRARIAN_SERVICE])
    response = client_for(colleague).get(reverse("admin:circulation_reader_import_job", args=[job.pk]))
    assert response.status_code == 404


def test_a_task_delivered_twice_runs_its_step_once(client_for, librarian, django_capture_on_commit_callbacks):
    job = post_file(client_for(librarian), csv_upload(HEADER + "2026200041,Сәтбаев,Қаныш,bachelor,,1\n"),
                    django_capture_on_commit_callbacks)
    job.refresh_from_db()
    checked_at = job.checked_at
    import_job_run(job_id=job.pk)  # the check again: nothing to do
    job.refresh_from_db()
    assert (job.status, job.checked_at) == (ImportJob.Status.CHECKED, checked_at)


@pytest.mark.parametrize("register", ["circulation_publication", "storage_conditionreading",
                                      "acquisitions_usagefigure"])
def test_other_large_registers_import_in_the_background(register, admin_client):
    """Bibliometric exports (607-51), climate-sensor logs and COUNTER figures run to thousands of rows."""
    assert admin_client.get(reverse(f"admin:{register}_import")).status_code == 200
    assert reverse(f"admin:{register}_import_job", args=[1]).endswith("/import/1/")
