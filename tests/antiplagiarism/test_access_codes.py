"""Operators' personal access codes: valid only within their dates, while not revoked and with quota left."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from freezegun import freeze_time

from antiplagiarism.exceptions import AccessCodeRefused
from antiplagiarism.models import AccessCode, Check
from antiplagiarism.services import access_code_issue, access_code_revoke, access_code_verify, check_submit
from tests.antiplagiarism.factories import AccessCodeFactory

pytestmark = pytest.mark.django_db
IN_TERM = dt.date(2026, 11, 25)


def submit(operator, code, name="work.txt", data=b"Some text of the work to check."):
    return check_submit(
        operator=operator, code=code.code, title="Work", author="Сейтқали А.", department=code.department,
        work_type=Check.WorkType.BACHELOR, upload=SimpleUploadedFile(name, data),
    )


def test_issued_code_is_random_and_usable_within_its_dates(operator, department, sysadmin):
    code = access_code_issue(
        operator=operator, department=department, request_reference="№ 7", quota=3,
        valid_from=dt.date(2026, 9, 1), valid_until=dt.date(2026, 12, 31), issued_by=sysadmin,
    )
    assert len(code.code) == 12
    assert access_code_verify(operator=operator, code=code.code.lower(), on=IN_TERM) == code


def test_code_is_refused_before_it_is_valid(operator):
    code = AccessCodeFactory(operator=operator, valid_from=dt.date(2026, 12, 1))
    with pytest.raises(AccessCodeRefused, match="not valid yet"):
        access_code_verify(operator=operator, code=code.code, on=IN_TERM)


def test_expired_code_is_refused_the_day_after_its_last_day(operator):
    code = AccessCodeFactory(operator=operator, valid_until=IN_TERM)
    assert access_code_verify(operator=operator, code=code.code, on=IN_TERM) == code
    with pytest.raises(AccessCodeRefused, match="expired"):
        access_code_verify(operator=operator, code=code.code, on=IN_TERM + dt.timedelta(days=1))


def test_revoked_code_is_refused(operator):
    code = AccessCodeFactory(operator=operator)
    access_code_revoke(code=code, reason="operator left")
    with pytest.raises(AccessCodeRefused, match="revoked"):
        access_code_verify(operator=operator, code=code.code, on=IN_TERM)


def test_revoking_twice_keeps_the_first_moment(operator):
    code = AccessCodeFactory(operator=operator)
    first = access_code_revoke(code=code, reason="first").revoked_at
    again = access_code_revoke(code=code, reason="second")
    assert again.revoked_at == first
    assert again.revocation_reason == "first"


def test_another_operators_code_is_refused(operator):
    code = AccessCodeFactory()
    with pytest.raises(AccessCodeRefused, match="No such code"):
        access_code_verify(operator=operator, code=code.code, on=IN_TERM)


@freeze_time("2026-11-25 10:00:00")
def test_code_with_quota_used_up_refuses_the_next_check(operator):
    code = AccessCodeFactory(operator=operator, quota=2)
    submit(operator, code)
    submit(operator, code)
    # Not charged before they run, but each waiting check holds its unit of the quota.
    counted = AccessCode.objects.with_used().get(pk=code.pk)
    assert (counted.used_count, counted.waiting_count, counted.remaining) == (0, 2, 0)
    with pytest.raises(AccessCodeRefused, match="quota"):
        submit(operator, code)
    assert Check.objects.count() == 2


@freeze_time("2026-11-25 10:00:00")
def test_check_of_an_unreadable_file_gives_the_quota_unit_back(operator):
    from antiplagiarism.services import check_run

    code = AccessCodeFactory(operator=operator, quota=1)
    failed = submit(operator, code, name="broken.docx", data=b"PK\x03\x04 broken")
    assert check_run(check_id=failed.pk).status == Check.Status.FAILED
    submit(operator, code)
    assert AccessCode.objects.with_used().get(pk=code.pk).waiting_count == 1


@freeze_time("2026-11-25 10:00:00")
def test_every_check_is_attributed_to_operator_and_code(operator):
    code = AccessCodeFactory(operator=operator)
    check = submit(operator, code)
    assert (check.operator, check.access_code) == (operator, code)


@freeze_time("2026-11-25 10:00:00")
def test_code_page_opens_the_form_only_for_a_usable_code(operator, client_for):
    client = client_for(operator)
    revoked = AccessCodeFactory(operator=operator)
    access_code_revoke(code=revoked)
    response = client.post(reverse("antiplagiarism:code"), {"code": revoked.code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    good = AccessCodeFactory(operator=operator)
    response = client.post(reverse("antiplagiarism:code"), {"code": good.code})
    assert response.status_code == 302
    assert response["Location"] == reverse("antiplagiarism:check_new")


def test_form_without_a_code_sends_the_operator_to_the_code_page(operator, client_for):
    response = client_for(operator).get(reverse("antiplagiarism:check_new"))
    assert response["Location"] == reverse("antiplagiarism:code")


def test_reader_cannot_open_the_operator_pages(reader, client_for):
    assert client_for(reader).get(reverse("antiplagiarism:checks")).status_code == 403


@freeze_time("2026-11-25 10:00:00")
def test_quota_is_charged_only_for_a_check_that_ran_and_only_once(operator):
    from antiplagiarism.services import check_run

    code = AccessCodeFactory(operator=operator, quota=3)
    check = submit(operator, code)
    assert (code.used, code.waiting) == (0, 1)  # queued: holds a unit, charges nothing
    assert check_run(check_id=check.pk).status == Check.Status.DONE
    charged_at = Check.objects.get(pk=check.pk).charged_at
    assert charged_at is not None
    Check.objects.filter(pk=check.pk).update(status=Check.Status.RUNNING)  # a redelivered message runs it again
    check_run(check_id=check.pk)
    assert Check.objects.get(pk=check.pk).charged_at == charged_at
    code = AccessCode.objects.with_used().get(pk=code.pk)
    assert (code.used_count, code.waiting_count, code.remaining) == (1, 0, 2)
