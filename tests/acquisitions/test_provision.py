"""Book provision (607-05, 607-06): coefficient copies ÷ students against the norms, shortfall → request."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from acquisitions import selectors
from acquisitions.constants import LineStatus, RequestKind, RequestStatus
from acquisitions.models import AcquisitionRequest, Discipline, EducationalProgramme, RecommendedLiterature
from cataloguing.models import Item
from cataloguing.services import item_change_status

from .factories import catalogue_record, receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def discipline(department):
    programme = EducationalProgramme.objects.create(code="6B07201", name="Геология", department=department)
    return Discipline.objects.create(code="GEO201", name="Минералогия", programme=programme, department=department,
                                     semester=3, students=40)


def test_coefficient_is_copies_over_students_against_the_norm(discipline, acquisitions_librarian):
    main = catalogue_record("Минералогия", isbn="9786010000001")
    extra = catalogue_record("Кристаллография")
    receive(acquisitions_librarian, (main, 21, "1000", "inventory"), (extra, 9, "1000", "inventory"))
    RecommendedLiterature.objects.create(discipline=discipline, record=main, kind="main", e_access=15)
    RecommendedLiterature.objects.create(discipline=discipline, record=extra, kind="additional")
    rows = {row.literature.record.title: row for row in selectors.discipline_provision(discipline)}
    assert rows["Минералогия"].coefficient == Decimal("0.53")
    assert rows["Минералогия"].meets_norm
    assert rows["Минералогия"].e_coefficient == Decimal("0.38")  # counted apart from print copies
    assert rows["Кристаллография"].coefficient == Decimal("0.23")
    assert not rows["Кристаллография"].meets_norm
    assert rows["Кристаллография"].shortfall == 1  # 0.25 × 40 = 10 copies needed, 9 held


def test_written_off_and_lost_copies_do_not_count(discipline, acquisitions_librarian):
    record = catalogue_record()
    receive(acquisitions_librarian, (record, 20, "1000", "inventory"))
    RecommendedLiterature.objects.create(discipline=discipline, record=record, kind="main")
    item_change_status(item=Item.objects.first(), status="lost")
    row = selectors.discipline_provision(discipline)[0]
    assert (row.copies, row.meets_norm, row.shortfall) == (19, False, 1)


def test_norms_are_configurable(discipline, acquisitions_librarian, settings):
    settings.ACQUISITIONS_PROVISION_NORMS = {"main": "0.4"}
    record = catalogue_record()
    receive(acquisitions_librarian, (record, 16, "1000", "inventory"))
    RecommendedLiterature.objects.create(discipline=discipline, record=record, kind="main")
    assert selectors.discipline_provision(discipline)[0].meets_norm


def test_head_turns_the_shortfall_into_a_purchase_request_in_one_step(client_for, discipline, department_head):
    record = catalogue_record("Петрография", isbn="9786010000018")
    RecommendedLiterature.objects.create(discipline=discipline, record=record, kind="main")
    client = client_for(department_head)
    assert "Петрография" in client.get(reverse("acquisitions:provision")).content.decode()
    response = client.post(reverse("acquisitions:provision_request"))
    request = AcquisitionRequest.objects.get()
    assert response.status_code == 302
    assert (request.kind, request.status, request.department) == (
        RequestKind.PURCHASE, RequestStatus.DRAFT, department_head.academic_department)
    line = request.lines.get()
    assert (line.title, line.copies_requested, line.students, line.status) == ("Петрография", 20, 40,
                                                                              LineStatus.DRAFT)


def test_head_sees_only_their_own_departments_provision(client_for, discipline, other_department_head):
    client = client_for(other_department_head)
    page = client.get(reverse("acquisitions:provision") + f"?department={discipline.department.code}")
    assert "GEO201" not in page.content.decode()
    assert client.get(reverse("acquisitions:discipline_detail", args=[discipline.pk])).status_code == 404


def test_disciplines_are_imported_from_a_spreadsheet(department):
    import tablib

    from acquisitions.resources import DisciplineResource

    EducationalProgramme.objects.create(code="6B07201", name="Геология", department=department)
    data = tablib.Dataset(headers=["programme", "code", "semester", "name", "department", "students", "language"])
    data.append(["6B07201", "GEO105", 1, "Жалпы геология", department.code, 55, "kaz"])
    result = DisciplineResource().import_data(data, dry_run=False)
    assert not result.has_errors()
    assert Discipline.objects.get(code="GEO105").students == 55


def test_library_staff_without_a_department_choose_one_on_the_provision_page(client_for, discipline,
                                                                             acquisitions_librarian):
    """The library opens the provision card of any department: without ?department= the first one by code, with
    a chooser of all of them (it was a 403 for a librarian, who has no academic department)."""
    client = client_for(acquisitions_librarian)
    page = client.get(reverse("acquisitions:provision"))
    assert page.status_code == 200
    assert page.context["department"] == discipline.department
    assert discipline.department in page.context["departments"]
    assert "GEO201" in page.content.decode()
