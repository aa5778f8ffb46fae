"""Issue 15.6: staff qualification by person (certificates, the roles' required trainings, the yearly plan), the
gaps page with its CSV and PDF, and the register of local regulations whose overdue revisions reach the director."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from planning.constants import QualificationGapKind, QualificationPlanStatus, RegulationStatus
from planning.models import (
    LocalRegulation,
    QualificationPlanItem,
    RequiredTraining,
    StaffCertificate,
    StaffDevelopmentEvent,
    TrainingProgramme,
)
from planning.selectors import qualification_gaps, regulations_revision_overdue_count
from planning.services import local_regulation_save, staff_certificate_save
from tests.factories import UserFactory, library_department

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 1)


@pytest.fixture
def fire_safety():
    programme = TrainingProgramme.objects.create(code="fire-safety", name_kk="Өрт қауіпсіздігі", valid_for_months=12)
    RequiredTraining.objects.create(role=roles.LIBRARIAN_SERVICE, programme=programme)
    return programme


def certificate(person, programme, completed_on, valid_until=None, **extra):
    return staff_certificate_save(certificate=StaffCertificate(
        person=person, programme=programme, course=extra.pop("course", "Өрт-техникалық минимум"),
        provider=extra.pop("provider", "ҚазҰТЗУ"), hours=8, completed_on=completed_on, valid_until=valid_until,
        **extra))


def test_gaps_list_who_never_trained_and_whose_certificate_expired(fire_safety, librarian):
    trained = UserFactory(username="trained", roles=[roles.LIBRARIAN_SERVICE], library_department=library_department())
    expired = UserFactory(username="expired", roles=[roles.LIBRARIAN_SERVICE], library_department=library_department())
    UserFactory(username="cataloguer2", roles=[roles.LIBRARIAN_CATALOGUING])  # their role requires nothing
    certificate(trained, fire_safety, dt.date(2026, 1, 10), dt.date(2027, 1, 10))
    certificate(expired, fire_safety, dt.date(2025, 1, 10), dt.date(2026, 1, 10))
    gaps = {(gap.person.username, gap.kind) for gap in qualification_gaps(DAY)}
    assert gaps == {("librarian", QualificationGapKind.MISSING), ("expired", QualificationGapKind.EXPIRED)}


def test_a_renewed_certificate_closes_the_gap(fire_safety, librarian):
    certificate(librarian, fire_safety, dt.date(2025, 1, 10), dt.date(2026, 1, 10))
    certificate(librarian, fire_safety, dt.date(2026, 3, 1), dt.date(2027, 3, 1))
    assert qualification_gaps(DAY) == []
    assert [gap.kind for gap in qualification_gaps(dt.date(2026, 2, 1))] == [QualificationGapKind.EXPIRED]


def test_certificate_from_a_training_event_fulfils_the_planned_training(fire_safety, librarian):
    event = StaffDevelopmentEvent.objects.create(kind="training", title="Өрт қауіпсіздігі", held_on=DAY,
                                                 organiser="Еңбекті қорғау бөлімі", participants=5, certified=5)
    planned = QualificationPlanItem.objects.create(year=2026, person=librarian, programme=fire_safety,
                                                   title="Өрт қауіпсіздігі")
    made = certificate(librarian, fire_safety, DAY, provider="", event=event)
    planned.refresh_from_db()
    assert (planned.status, planned.certificate) == (QualificationPlanStatus.DONE, made)
    assert made.provider == "Еңбекті қорғау бөлімі"
    assert list(event.certificates.all()) == [made]


def test_certificate_cannot_expire_before_it_was_obtained(fire_safety, librarian):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        certificate(librarian, fire_safety, DAY, DAY - dt.timedelta(days=1))
    assert not StaffCertificate.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [
    ("director", 200), ("librarian", 403), ("vice_rector", 403), ("reader", 403), ("department_head", 403),
])
def test_gaps_page_is_the_directors(request, client_for, fire_safety, persona, status):
    response = client_for(request.getfixturevalue(persona)).get(reverse("planning:qualification_gaps"))
    assert response.status_code == status


def test_gaps_page_exports_csv_and_pdf(client_for, director, fire_safety, librarian):
    client = client_for(director)
    url = reverse("planning:qualification_gaps")
    page = client.get(url, {"on": "2026-06-01"}).content.decode()
    assert librarian.full_name in page
    csv = client.get(url, {"on": "2026-06-01", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert librarian.full_name in csv.content.decode("utf-8-sig")
    pdf = client.get(url, {"on": "2026-06-01", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_gaps_keep_their_query_count(fire_safety, django_assert_max_num_queries):
    for index in range(12):
        UserFactory(username=f"desk{index}", roles=[roles.LIBRARIAN_SERVICE])
    with django_assert_max_num_queries(4):
        assert len(qualification_gaps(DAY)) == 12


def test_regulation_overdue_for_revision_reaches_the_directors_queue(client_for, director, librarian):
    today = timezone.localdate()
    local_regulation_save(regulation=LocalRegulation(
        title="Қорды сақтау нұсқаулығы", number="Н-1", approved_on=today - dt.timedelta(days=400),
        revision_due=today - dt.timedelta(days=1)))
    local_regulation_save(regulation=LocalRegulation(
        title="Пайдалану ережелері", number="Е-2", approved_on=today - dt.timedelta(days=10),
        revision_due=today + dt.timedelta(days=700)))
    local_regulation_save(regulation=LocalRegulation(
        title="Ескі ереже", number="Е-0", approved_on=today - dt.timedelta(days=900),
        revision_due=today - dt.timedelta(days=100), status=RegulationStatus.WITHDRAWN))
    assert regulations_revision_overdue_count() == 1
    from core.navigation import registry

    queues = {entry.key: entry for entry in registry.queues_for(director)}
    assert queues["planning.regulations_revision_overdue"].count == 1
    assert "planning.regulations_revision_overdue" not in {entry.key for entry in registry.queues_for(librarian)}
    page = client_for(director).get(queues["planning.regulations_revision_overdue"].url).content.decode()
    assert "Қорды сақтау нұсқаулығы" in page
    assert "Пайдалану ережелері" not in page


def test_certificates_import_refuses_an_unknown_employee_by_row(fire_safety, librarian):
    import tablib

    from planning.resources import StaffCertificateResource

    data = tablib.Dataset(headers=["person", "programme", "course", "provider", "hours", "completed_on",
                                   "certificate_number", "valid_until"])
    data.append(["librarian", "fire-safety", "Өрт-техникалық минимум", "ҚазҰТЗУ", 8, "2026-03-01", "Ө-1",
                 "2027-03-01"])
    data.append(["nobody", "fire-safety", "Өрт-техникалық минимум", "ҚазҰТЗУ", 8, "2026-03-01", "Ө-2", ""])
    result = StaffCertificateResource().import_data(data, dry_run=True)
    assert result.has_validation_errors() or result.has_errors()
    bad_rows = [row.number for row in result.invalid_rows] + [number for number, _errors in result.row_errors()]
    assert bad_rows == [2]
    assert not StaffCertificate.objects.exists()
    result = StaffCertificateResource().import_data(tablib.Dataset(data[0], headers=data.headers),
                                                    dry_run=False)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert StaffCertificate.objects.get().person == librarian


@pytest.mark.parametrize("model", ["staffcertificate", "localregulation", "qualificationplanitem",
                                   "approvalstep", "planningdeadline", "approvalreminder"])
def test_new_registers_open_for_the_director_within_their_query_budget(client_for, director, model,
                                                                       django_assert_max_num_queries):
    client = client_for(director)
    with django_assert_max_num_queries(25):
        assert client.get(reverse(f"admin:planning_{model}_changelist")).status_code == 200
