"""forms_registry sits just above core: it imports no domain app and admits people by a permission, not a role."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory

PACKAGE = Path(__file__).resolve().parents[2] / "forms_registry"
ALLOWED = {"core", "forms_registry"}


def _imported_apps(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(settings.LOCAL_APPS)


@pytest.mark.parametrize("path", sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_forms_registry_imports_no_domain_app(path):
    assert _imported_apps(path) <= ALLOWED
    assert "get_model(" not in path.read_text(encoding="utf-8")  # nor reaches one through the app registry


@pytest.mark.django_db
def test_reports_page_opens_to_whoever_holds_its_permission_whatever_their_role(client):
    person = UserFactory(username="analyst")
    client.force_login(person, backend="accounts.backends.EmailOrReaderCardBackend")
    assert client.get(reverse("forms_registry:reports")).status_code == 403
    person.user_permissions.add(Permission.objects.get(codename="view_reports",
                                                       content_type__app_label="forms_registry"))
    assert client.get(reverse("forms_registry:reports")).status_code == 200
