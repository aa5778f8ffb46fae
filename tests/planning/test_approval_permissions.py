"""Issue 13 point 13: approvals check the right permission. Every state-changing admin action declares the
permission it needs, so a view-only role (the vice-rector) sees and runs none of them."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts import roles
from accounts.models import LibraryDepartment
from planning.constants import PlanStatus
from planning.models import PlanActivity, WorkPlan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Actions that only read (files, printouts): seeing the list is enough for them.
READING_ACTIONS = {"export_admin_action", "export_iso2709", "export_marcxml", "print_cards", "print_labels"}


def _project_admins() -> list[admin.ModelAdmin]:
    """The project's own registers (third-party admins such as django-axes keep their own rules)."""
    local = {name.rsplit(".", 1)[-1] for name in settings.LOCAL_APPS}
    return [model_admin for model_admin in admin.site._registry.values() if model_admin.model._meta.app_label in local]


def _actions(model_admin: admin.ModelAdmin, user) -> dict:
    request = RequestFactory().post("/")
    request.user = user
    return model_admin.get_actions(request)


def test_every_state_changing_admin_action_declares_its_permission():
    undeclared = []
    for model_admin in _project_admins():
        for name in model_admin.actions or ():
            func = getattr(model_admin, name) if isinstance(name, str) else name
            name = getattr(func, "__name__", str(name))
            if name in READING_ACTIONS:
                continue
            if not getattr(func, "allowed_permissions", None):
                undeclared.append(f"{model_admin.model._meta.label}.{name}")
    assert undeclared == []


def test_view_only_vice_rector_is_offered_no_state_changing_action():
    vice_rector = UserFactory(username="vicerector", roles=[roles.VICE_RECTOR])
    offered = []
    for model_admin in _project_admins():
        for name in _actions(model_admin, vice_rector):
            if name not in READING_ACTIONS:
                offered.append(f"{model_admin.model._meta.label}.{name}")
    assert offered == []


def _submitted_plan() -> WorkPlan:
    from planning.constants import ApprovalDocument
    from planning.services import approval_submit

    plan = WorkPlan.objects.create(department=LibraryDepartment.objects.get(code="service"), year=2026)
    PlanActivity.objects.create(plan=plan, description="Оқырмандарға қызмет көрсету")
    desk = UserFactory(username="desk", roles=[roles.LIBRARIAN_SERVICE], library_department=plan.department)
    approval_submit(plan=plan, document=ApprovalDocument.PLAN, user=desk)
    return plan


def _approve(client, plan: WorkPlan):
    return client.post(reverse("planning:plan_step", args=[plan.pk]), {"document": "plan", "action": "approve"})


def test_view_only_vice_rector_cannot_approve_a_plan(client):
    plan = _submitted_plan()
    vice_rector = UserFactory(username="vicerector", roles=[roles.VICE_RECTOR])
    client.force_login(vice_rector, backend="accounts.backends.EmailOrReaderCardBackend")
    _approve(client, plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AT_DIRECTOR
    assert not plan.approval_steps.filter(decided_by=vice_rector).exists()


def test_director_approves_a_plan(client):
    plan = _submitted_plan()
    director = UserFactory(username="director", roles=[roles.DIRECTOR])
    client.force_login(director, backend="accounts.backends.EmailOrReaderCardBackend")
    _approve(client, plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.approval_steps.get(stage="director").decided_by_id == director.pk
