"""Scanning requests (607-35): department heads ask, librarians move them on, the scan is published."""

from __future__ import annotations

import pytest

from digital_library.choices import AccessLevel, LegalBasis, ScanningSource, ScanningStatus
from digital_library.exceptions import ScanningTransitionError
from digital_library.models import DigitalFile, ScanningRequest
from digital_library.services import (
    scanning_request_advance,
    scanning_request_publish,
    scanning_request_reject,
    scanning_request_submit,
)

from .factories import pdf_bytes, record, upload

pytestmark = pytest.mark.django_db


def submit(head, **fields):
    fields.setdefault("course", "Минералогия")
    fields.setdefault("material", "Бетехтин А.Г. Минералогия курсы. 2007. 1–3 тараулар.")
    fields.setdefault("legal_basis", LegalBasis.AUTHOR_AGREEMENT)
    fields.setdefault("agreement_reference", "№ 12-АК, 05.02.2026")
    return scanning_request_submit(requested_by=head, **fields)


def walk_to_quality_check(scanning_request, user):
    for status in (ScanningStatus.ACCEPTED, ScanningStatus.SCANNING, ScanningStatus.QUALITY_CHECK):
        scanning_request = scanning_request_advance(scanning_request=scanning_request, user=user, to_status=status)
    return scanning_request


def test_request_is_numbered_per_year_for_the_heads_department(department_head, department):
    first, second = submit(department_head), submit(department_head)
    assert (first.number, second.number) == (1, 2)
    assert first.department == department
    assert first.status == ScanningStatus.SUBMITTED


def test_request_moves_accepted_scanning_quality_check_published(department_head, digital_librarian):
    target = record()
    scanning_request = walk_to_quality_check(submit(department_head, record=target,
                                                    access_level=AccessLevel.CAMPUS), digital_librarian)
    assert scanning_request.accepted_at is not None
    assert scanning_request.scanning_started_at is not None
    assert scanning_request.quality_check_at is not None
    published = scanning_request_publish(scanning_request=scanning_request, user=digital_librarian,
                                         uploaded_file=upload(pdf_bytes("scan"), "scan.pdf"))
    assert published.status == ScanningStatus.PUBLISHED
    assert published.published_at is not None
    scan = DigitalFile.objects.get()
    assert published.result_file == scan
    assert scan.record == target
    assert scan.access_level == AccessLevel.CAMPUS
    assert scan.legal_basis == LegalBasis.AUTHOR_AGREEMENT
    assert scan.uploaded_by == digital_librarian


def test_steps_cannot_be_skipped(department_head, digital_librarian):
    scanning_request = submit(department_head)
    with pytest.raises(ScanningTransitionError):
        scanning_request_advance(scanning_request=scanning_request, user=digital_librarian,
                                 to_status=ScanningStatus.QUALITY_CHECK)


def test_publishing_needs_the_quality_check_first(department_head, digital_librarian):
    scanning_request = submit(department_head, record=record())
    with pytest.raises(ScanningTransitionError):
        scanning_request_publish(scanning_request=scanning_request, user=digital_librarian,
                                 uploaded_file=upload(pdf_bytes(), "scan.pdf"))
    assert not DigitalFile.objects.exists()


def test_publishing_needs_a_record(department_head, digital_librarian):
    scanning_request = walk_to_quality_check(submit(department_head), digital_librarian)
    with pytest.raises(ScanningTransitionError):
        scanning_request_publish(scanning_request=scanning_request, user=digital_librarian,
                                 uploaded_file=upload(pdf_bytes(), "scan.pdf"))
    published = scanning_request_publish(scanning_request=scanning_request, user=digital_librarian,
                                         uploaded_file=upload(pdf_bytes(), "scan.pdf"), record=record())
    assert published.status == ScanningStatus.PUBLISHED


def test_rejection_needs_a_reason_and_closes_the_request(department_head, digital_librarian):
    scanning_request = submit(department_head)
    with pytest.raises(ScanningTransitionError):
        scanning_request_reject(scanning_request=scanning_request, user=digital_librarian, reason=" ")
    rejected = scanning_request_reject(scanning_request=scanning_request, user=digital_librarian,
                                       reason="Авторлық құқық иесінің рұқсаты жоқ")
    assert rejected.status == ScanningStatus.REJECTED
    with pytest.raises(ScanningTransitionError):
        scanning_request_advance(scanning_request=rejected, user=digital_librarian, to_status=ScanningStatus.ACCEPTED)


def test_rare_edition_from_storage_arrives_the_same_way(digital_librarian):
    scanning_request = scanning_request_submit(
        requested_by=digital_librarian, source=ScanningSource.STORAGE, material="Сирек басылым, 1912 ж.",
        legal_basis=LegalBasis.PUBLIC_DOMAIN, access_level=AccessLevel.OPEN,
    )
    assert scanning_request.department is None
    assert scanning_request.number == 1


def test_department_head_submits_on_the_web_page(client_for, department_head):
    response = client_for(department_head).post("/digital/scanning/", {
        "course": "Геофизика", "material": "Оқулық, 5-тарау", "pages": "100–140",
        "access_level": AccessLevel.REGISTERED, "legal_basis": LegalBasis.AUTHOR_AGREEMENT,
        "agreement_reference": "№ 3",
    })
    assert response.status_code == 302
    assert ScanningRequest.objects.get().requested_by == department_head


def test_department_head_sees_only_their_departments_requests(client_for, department_head, other_department_head):
    own = submit(department_head, course="Біздің курс")
    other = submit(other_department_head, course="Бөтен курс")
    client = client_for(department_head)
    page = client.get("/digital/scanning/").content.decode()
    assert "Біздің курс" in page
    assert "Бөтен курс" not in page
    assert client.get(f"/digital/scanning/{own.pk}/").status_code == 200
    assert client.get(f"/digital/scanning/{other.pk}/").status_code == 404


def test_a_reader_cannot_open_the_scanning_pages(client_for, reader):
    assert client_for(reader).get("/digital/scanning/").status_code == 403


def test_librarian_publishes_in_the_admin(client_for, department_head, digital_librarian):
    scanning_request = walk_to_quality_check(submit(department_head, record=record()), digital_librarian)
    data = {
        "source": scanning_request.source, "department": scanning_request.department_id,
        "requested_by": department_head.pk, "course": scanning_request.course, "material": scanning_request.material,
        "record": scanning_request.record_id, "pages": "", "needed_by": "", "access_level": AccessLevel.REGISTERED,
        "legal_basis": LegalBasis.AUTHOR_AGREEMENT, "agreement_reference": "№ 12-АК", "rights_holder": "",
        "rejection_reason": "", "move_to": "", "scan_file": upload(pdf_bytes("admin scan"), "scan.pdf"),
    }
    response = client_for(digital_librarian).post(
        f"/admin/digital_library/scanningrequest/{scanning_request.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    scanning_request.refresh_from_db()
    assert scanning_request.status == ScanningStatus.PUBLISHED
    assert scanning_request.result_file.access_level == AccessLevel.REGISTERED


def test_librarian_accepts_with_an_admin_action(client_for, department_head, digital_librarian):
    scanning_request = submit(department_head)
    client_for(digital_librarian).post("/admin/digital_library/scanningrequest/", {
        "action": "accept", "_selected_action": [scanning_request.pk],
    })
    scanning_request.refresh_from_db()
    assert scanning_request.status == ScanningStatus.ACCEPTED
