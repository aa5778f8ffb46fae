"""Readers (607-36): the 3×4 JPEG photo check and the bulk import from the Registrar's and HR's lists."""

from __future__ import annotations

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import roles
from accounts.models import User
from circulation.calendar import academic_year_of
from circulation.models import Reader
from circulation.photos import validate_reader_photo
from circulation.resources import StaffListResource, StudentListResource
from tests.circulation.factories import jpeg_bytes
from tests.factories import AcademicDepartmentFactory

pytestmark = pytest.mark.django_db


def upload(content: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_photo_must_be_a_real_jpeg_of_3_by_4():
    validate_reader_photo(upload(jpeg_bytes((300, 400))))


def test_photo_named_jpg_but_png_inside_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_reader_photo(upload(jpeg_bytes((300, 400), image_format="PNG")))
    assert excinfo.value.code == "photo_not_jpeg"


def test_photo_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_reader_photo(upload(b"GIF89a not really an image"))
    assert excinfo.value.code == "photo_unreadable"


def test_landscape_photo_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_reader_photo(upload(jpeg_bytes((400, 300))))
    assert excinfo.value.code == "photo_bad_ratio"


def test_tiny_photo_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_reader_photo(upload(jpeg_bytes((60, 80))))
    assert excinfo.value.code == "photo_too_small"


HEADERS = ["card_number", "last_name", "first_name", "patronymic", "category", "institute", "department",
           "study_group", "course", "email", "phone", "external_id"]


def student_list(rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_import_with_bad_rows_reports_each_and_loses_nothing():
    dept = AcademicDepartmentFactory(code="software-engineering")
    User.objects.create(username="taken", email="taken@example.kz")
    dataset = student_list([
        ["2026100001", "Сейткали", "Айбек", "Нұрұлы", "bachelor", dept.institute.code, dept.code, "SE-21", 2,
         "aibek@example.kz", "", "S1"],
        ["2026100002", "", "Дана", "", "bachelor", "", dept.code, "SE-21", 2, "", "", "S2"],  # no surname
        ["2026100003", "Ким", "Олег", "", "bachelor", "", "no-such-dept", "SE-22", 3, "", "", "S3"],
        ["2026100004", "Ли", "Анна", "", "master", "", dept.code, "M-1", 1, "taken@example.kz", "", "S4"],
        ["2026100005", "Омаров", "Ерлан", "", "bachelor", "", dept.code, "SE-23", 12, "", "", "S5"],  # course 12
    ])
    result = StudentListResource().import_data(dataset, dry_run=False, raise_errors=False)
    invalid = {row.number: row for row in result.invalid_rows}
    assert sorted(invalid) == [2, 3, 4, 5]
    assert "last_name" in invalid[2].field_specific_errors
    assert "no-such-dept" in str(invalid[3].error_dict)
    assert "taken@example.kz" in str(invalid[4].error_dict)
    assert "course" in invalid[5].field_specific_errors
    # Nothing lost: every row is either imported or reported.
    imported = set(Reader.objects.values_list("card_number", flat=True))
    assert imported | {dataset[n - 1][0] for n in invalid} == {row[0] for row in dataset}


def test_import_creates_readers_with_accounts_and_registers_them():
    dept = AcademicDepartmentFactory(code="geophysics")
    dataset = student_list([
        ["2026100010", "Сейткали", "Айбек", "Нұрұлы", "", "", dept.code, "GP-21", "2", "a@example.kz", "", "S10"],
    ])
    result = StudentListResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_validation_errors()
    reader = Reader.objects.select_related("user").get(card_number="2026100010")
    assert reader.category.code == "bachelor"
    assert reader.user.has_role(roles.READER)
    assert reader.user.reader_card_number == "2026100010"
    assert reader.user.last_name == "Сейткали"
    from django.utils import timezone

    assert reader.registered_year == academic_year_of(timezone.localdate())


def test_second_import_updates_instead_of_doubling():
    rows = [["S-0100", "Петров", "Андрей", "", "", "", "", "", "", "p@example.kz", "+7 701", "HR-1"]]
    StaffListResource().import_data(student_list(rows), dry_run=False, raise_errors=True)
    rows[0][1] = "Петров-Водкин"
    StaffListResource().import_data(student_list(rows), dry_run=False, raise_errors=True)
    reader = Reader.objects.get(card_number="S-0100")
    assert Reader.objects.count() == 1
    assert reader.category.code == "staff"
    assert reader.user.last_name == "Петров-Водкин"


def test_bibliometric_export_import_updates_instead_of_doubling():
    from circulation.models import Publication
    from circulation.resources import PublicationResource

    dept = AcademicDepartmentFactory(code="mining")
    headers = ["source", "external_id", "year", "title", "university_authors", "department", "citations", "quartile"]
    rows = [["Scopus", "2-s2.0-85000000001", "2025", "Ore sorting", "Әбенов Қ.", dept.code, "3", "Q1"],
            ["scopus", "2-s2.0-85000000002", "2024", "Rock bursts", "Ким О.", "no-such-dept", "1", "Q2"]]
    result = PublicationResource().import_data(tablib.Dataset(*rows, headers=headers), dry_run=False)
    assert [row.number for row in result.invalid_rows] == [2]
    rows[0][6] = "9"
    PublicationResource().import_data(tablib.Dataset(rows[0], headers=headers), dry_run=False, raise_errors=True)
    publication = Publication.objects.get()
    assert publication.citations == 9
    assert publication.department == dept
