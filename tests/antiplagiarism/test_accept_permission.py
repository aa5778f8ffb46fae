"""Issue 13 point 13: accepting a work into the collection from the report page checks the permission of its
own rule: the operator accepts their own check; anyone else needs the change permission of checks."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts import roles
from antiplagiarism.models import Check
from tests.antiplagiarism.factories import AccessCodeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_without_change_permission_cannot_accept_a_work_into_the_collection(operator, department,
                                                                                   client_for):
    code = AccessCodeFactory(operator=operator, department=department)
    check = Check.objects.create(
        operator=operator, access_code=code, department=department, title="Бітіру жұмысы", author="Сейтқали А.",
        work_type=Check.WorkType.BACHELOR, file="works/work.txt", original_filename="work.txt",
        status=Check.Status.DONE, text="Мәтін",
    )
    # A digital librarian whose role lost the change permission of checks still sees every check.
    Group.objects.get(name=roles.LIBRARIAN_DIGITAL).permissions.remove(
        Permission.objects.get(content_type__app_label="antiplagiarism", codename="change_check"))
    librarian = UserFactory(username="digital", roles=[roles.LIBRARIAN_DIGITAL])

    response = client_for(librarian).post(reverse("antiplagiarism:check_accept", args=[check.pk]))

    assert response.status_code == 403
    check.refresh_from_db()
    assert check.accepted_at is None
