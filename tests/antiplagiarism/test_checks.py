"""A check end to end: submitted on the operator's page, run by the Celery task, reported, accepted."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from freezegun import freeze_time
from pypdf import PdfReader

from antiplagiarism.constants import SESSION_CODE_KEY
from antiplagiarism.engine.report import SHARE_UNITS
from antiplagiarism.exceptions import CheckNotAllowed
from antiplagiarism.models import Check, CollectionDocument, Fingerprint
from antiplagiarism.selectors import candidate_sources
from antiplagiarism.services import check_accept, check_submit, collection_add_source
from antiplagiarism.tasks import check_run_task
from tests.antiplagiarism.factories import AccessCodeFactory, docx_bytes
from tests.antiplagiarism.texts import EN, FILLER_RU, KK, OWN_RU, RU
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_term")]


@pytest.fixture
def frozen_term():
    with freeze_time("2026-11-25 10:00:00", tick=True):
        yield


@pytest.fixture
def code(operator, department):
    return AccessCodeFactory(operator=operator, department=department, quota=10)


def tricked(text: str) -> str:
    """Latin look-alikes inside the Cyrillic words and zero-width spaces after some words."""
    return text.replace("о", "o").replace("а", "a").replace(" ", "\u200b ", 6)


def submit(operator, code, data: bytes, *, author="Сейтқали Айгерим", name="work.docx", capture=None) -> Check:
    return check_submit(
        operator=operator, code=code.code, title="Бітіру жұмысы", author=author, department=code.department,
        work_type=Check.WorkType.BACHELOR, upload=SimpleUploadedFile(name, data),
    )


def run(check: Check) -> Check:
    check_run_task.delay(check.pk).get()
    check.refresh_from_db()
    return check


def test_check_runs_in_the_celery_task_and_finds_the_source_through_the_tricks(operator, code):
    source = collection_add_source(title="Кен байыту оқулығы", text=RU, author="Петров П.П.")
    collection_add_source(title="Unrelated", text=EN)
    data = docx_bytes([[(FILLER_RU, {})], [(tricked(RU), {})], [(KK, {})]])
    check = run(submit(operator, code, data))
    assert check.status == Check.Status.DONE
    assert check.file_format == "docx"
    assert check.originality + check.matches + check.citations + check.self_citations == SHARE_UNITS
    assert check.matches > 0
    assert [s["source_id"] for s in check.report["sources"]] == [source.pk]
    assert {a["code"] for a in check.report["alerts"]} == {"lookalike", "invisible"}
    assert check.report["chars"]["match"] == len(RU)


def test_task_redelivered_after_the_report_changes_nothing(operator, code):
    check = run(submit(operator, code, RU.encode(), name="w.txt"))
    finished = check.finished_at
    assert run(check).finished_at == finished


def test_unreadable_file_ends_the_check_as_failed(operator, code):
    check = run(submit(operator, code, b"PK\x03\x04 broken", name="w.docx"))
    assert check.status == Check.Status.FAILED
    assert check.error_code == Check.Failure.UNREADABLE
    assert "PDF" in check.error_text  # "…could not be read as PDF, DOCX, ODT, RTF or text", in any language


def test_operator_submits_on_the_page_follows_progress_and_reads_the_report(operator, code, client_for,
                                                                            django_capture_on_commit_callbacks):
    collection_add_source(title="Кен байыту оқулығы", text=RU)
    client = client_for(operator)
    session = client.session
    session[SESSION_CODE_KEY] = code.pk
    session.save()
    upload = SimpleUploadedFile("thesis.docx", docx_bytes([[(FILLER_RU + RU, {})]]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("antiplagiarism:check_new"), {
            "title": "Бітіру жұмысы", "author": "Сейтқали А.", "department": code.department_id,
            "work_type": "bachelor", "file": upload,
        })
    check = Check.objects.get()
    assert response["Location"] == reverse("antiplagiarism:check", args=[check.pk])
    status = client.get(reverse("antiplagiarism:check_status", args=[check.pk])).json()
    assert status == {"status": "done", "progress": 100, "stage": "", "finished": True, "error": ""}
    page = client.get(reverse("antiplagiarism:check", args=[check.pk]))
    assert 'class="k-match"' in page.content.decode()
    assert "Кен байыту оқулығы" in page.content.decode()


def test_queued_check_shows_the_progress_page(operator, code, client_for):
    check = submit(operator, code, RU.encode(), name="w.txt")  # on_commit never fires inside the test transaction
    page = client_for(operator).get(reverse("antiplagiarism:check", args=[check.pk]))
    assert b"ap-progress" in page.content


def test_report_pdf_has_the_shares_and_the_source(operator, code, client_for):
    collection_add_source(title="Dynamic programming notes", text=EN)
    check = run(submit(operator, code, (FILLER_RU + EN).encode(), name="w.txt"))
    response = client_for(operator).get(reverse("antiplagiarism:check_pdf", args=[check.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Dynamic programming notes" in text
    assert f"{check.matches / 100:.2f} %".replace(".", ",") in text  # the report is in Kazakh: a decimal comma
    assert "коммерциялық емес акционерлік қоғамы" in " ".join(text.split())  # the legal name, as on the forms


def test_operator_cannot_open_another_operators_check(operator, code, client_for):
    check = run(submit(operator, code, RU.encode(), name="w.txt"))
    other = UserFactory(username="operator2", roles=["plagiarism_operator"])
    assert client_for(other).get(reverse("antiplagiarism:check", args=[check.pk])).status_code == 403


def test_accepted_work_joins_the_collection_and_is_found_by_later_checks(operator, code):
    first = run(submit(operator, code, (FILLER_RU + OWN_RU).encode(), name="w.txt", author="Сейтқали Айгерим"))
    assert not candidate_sources([f.hash for f in Fingerprint.objects.all()])[0]  # nothing accepted yet
    document = check_accept(check=first, by=operator)
    assert document.kind == CollectionDocument.Kind.CHECKED_WORK
    assert document.fingerprints.exists()
    first.refresh_from_db()
    assert first.is_accepted

    by_someone_else = run(submit(operator, code, (OWN_RU + KK).encode(), name="w.txt", author="Нұрлан Б."))
    assert by_someone_else.report["sources"][0]["source_id"] == document.pk
    assert by_someone_else.report["sources"][0]["kind"] == "match"

    by_the_same_author = run(submit(operator, code, (OWN_RU + KK).encode(), name="w.txt", author="Сейтқали А."))
    assert by_the_same_author.self_citations > 0
    assert by_the_same_author.matches == 0


def test_work_is_accepted_only_once_and_only_when_finished(operator, code):
    check = run(submit(operator, code, RU.encode(), name="w.txt"))
    check_accept(check=check, by=operator)
    with pytest.raises(CheckNotAllowed):
        check_accept(check=check, by=operator)
    queued = submit(operator, code, RU.encode(), name="w.txt")
    with pytest.raises(CheckNotAllowed):
        check_accept(check=queued, by=operator)


def test_accept_button_on_the_report_page(operator, code, client_for):
    check = run(submit(operator, code, RU.encode(), name="w.txt"))
    response = client_for(operator).post(reverse("antiplagiarism:check_accept", args=[check.pk]))
    assert response.status_code == 302
    assert CollectionDocument.objects.filter(check_made=check).exists()


def test_source_added_again_under_the_same_key_is_replaced():
    first = collection_add_source(title="v1", text=RU, external_key="digital:1")
    again = collection_add_source(title="v2", text=EN, external_key="digital:1")
    assert again.pk == first.pk
    assert CollectionDocument.objects.count() == 1
    assert again.fingerprint_count == Fingerprint.objects.filter(document=again).count()
    assert candidate_sources([f.hash for f in again.fingerprints.all()])[0][0].text == EN


@pytest.mark.postgres
def test_candidate_search_on_postgresql_ranks_by_shared_fingerprints():
    assert connection.vendor == "postgresql"
    best = collection_add_source(title="best", text=RU + " " + EN)
    partial = collection_add_source(title="partial", text=EN)
    collection_add_source(title="none", text=KK)
    hashes = [f.hash for f in best.fingerprints.all()]
    assert [s.id for s in candidate_sources(hashes)[0]] == [best.pk, partial.pk]
    assert [s.id for s in candidate_sources(hashes, exclude={best.pk})[0]] == [partial.pk]


def test_demo_loads_twice_without_changing_anything(django_capture_on_commit_callbacks):
    import io as _io

    from accounts import demo as accounts_demo
    from antiplagiarism import demo

    out = _io.StringIO()
    accounts_demo.load(out)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(out)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(out)
    check = Check.objects.get()
    assert check.status == Check.Status.DONE
    assert check.citations > 0
    assert check.matches > 0
    assert CollectionDocument.objects.count() == len(demo.SOURCES)


def test_checks_page_lists_the_operators_codes_and_checks(operator, code, client_for):
    run(submit(operator, code, RU.encode(), name="w.txt"))
    page = client_for(operator).get(reverse("antiplagiarism:checks")).content.decode()
    assert code.code in page
    assert "Бітіру жұмысы" in page
    assert "1 / 10" in page
