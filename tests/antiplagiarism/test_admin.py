"""Admin registers: codes are generated on issue and revoked by an action; every register lists."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from antiplagiarism.models import AccessCode, DepartmentResponsible
from tests.antiplagiarism.factories import AccessCodeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_issuing_a_code_in_the_admin_generates_it(admin_client, operator, department):
    response = admin_client.post(reverse("admin:antiplagiarism_accesscode_add"), {
        "operator": operator.pk, "department": department.pk, "request_reference": "№ 3, 01.10.2026",
        "quota": 20, "valid_from": "2026-10-01", "valid_until": "2027-06-30", "revocation_reason": "",
    })
    assert response.status_code == 302
    code = AccessCode.objects.get()
    assert len(code.code) == 12
    assert code.issued_by.username == "root"


def test_revoke_action_revokes_the_selected_codes(admin_client, operator):
    code = AccessCodeFactory(operator=operator)
    admin_client.post(reverse("admin:antiplagiarism_accesscode_changelist"),
                      {"action": "revoke", "_selected_action": [code.pk]})
    code.refresh_from_db()
    assert code.is_revoked
    # No "revoked by …" sentence in the admin's language: who revoked it is the audit trail's actor.
    assert code.revocation_reason == ""
    entry = LogEntry.objects.get_for_object(code).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor.username == "root"
    assert "revoked_at" in entry.changes_dict


def test_responsible_person_is_kept_per_department(admin_client, department, department_head):
    response = admin_client.post(reverse("admin:antiplagiarism_departmentresponsible_add"), {
        "department": department.pk, "person": department_head.pk, "appointed_on": "2026-09-02",
        "order_reference": "Өкім № 14",
    })
    assert response.status_code == 302
    assert DepartmentResponsible.objects.get().person == department_head


@pytest.mark.parametrize("model", ["accesscode", "check", "collectiondocument", "departmentresponsible"])
def test_every_register_lists(admin_client, model, operator):
    AccessCodeFactory(operator=operator)
    assert admin_client.get(reverse(f"admin:antiplagiarism_{model}_changelist")).status_code == 200
