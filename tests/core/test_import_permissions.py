"""Issue 13 point 2: an admin import needs the add and the change permission of its model, an export the view
permission. Every admin with django-import-export mixins × every role: the import page (GET and POST), the
import confirmation, the background import's job page and the export page."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.template.response import SimpleTemplateResponse
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from import_export.admin import ExportMixin, ImportMixin

from accounts import roles
from core.admin import BackgroundImportMixin
from tests.factories import UserFactory, library_department

pytestmark = pytest.mark.django_db


def _import_export_admins() -> list[admin.ModelAdmin]:
    return [model_admin for model_admin in admin.site._registry.values()
            if isinstance(model_admin, ImportMixin | ExportMixin)]


def _url(model_admin: admin.ModelAdmin, view: str, *args) -> str | None:
    opts = model_admin.model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def _imports_at_all(model_admin: admin.ModelAdmin, superuser) -> bool:
    """Some registers take no import from anyone (numbers allocated by registration, generated codes…)."""
    request = RequestFactory().get("/")
    request.user = superuser
    return isinstance(model_admin, ImportMixin) and model_admin.has_import_permission(request)


def _perm(user, model_admin: admin.ModelAdmin, action: str) -> bool:
    opts = model_admin.model._meta
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def test_import_export_admins_are_found():
    names = {model_admin.model._meta.label for model_admin in _import_export_admins()}
    assert {"accounts.User", "circulation.Reader", "circulation.LoanPolicy", "digital_library.DigitalFile"} <= names


@pytest.fixture
def unrendered_pages(monkeypatch):
    """The matrix asks only who is let in: an allowed page is built (form, context) but neither rendered to HTML
    nor given the admin's side menu, which would cost a render and a walk of every register per request."""
    monkeypatch.setattr(SimpleTemplateResponse, "rendered_content", property(lambda response: ""))
    monkeypatch.setattr(admin.site, "get_app_list", lambda request, app_label=None: [])  # the side menu


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_import_needs_add_and_change_permission_export_needs_view(client, unrendered_pages, role):
    user = UserFactory(username=f"as-{role}", roles=[role], library_department=library_department())
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(user, backend="accounts.backends.EmailOrReaderCardBackend")
    wrong = []
    for model_admin in _import_export_admins():
        label = model_admin.model._meta.label
        may_import = (user.is_staff and _imports_at_all(model_admin, superuser)
                      and _perm(user, model_admin, "add") and _perm(user, model_admin, "change"))
        may_export = user.is_staff and (_perm(user, model_admin, "view") or _perm(user, model_admin, "change"))

        import_url = _url(model_admin, "import")
        if import_url:
            for method in ("get", "post"):
                status = getattr(client, method)(import_url).status_code
                if (status == 200) != may_import:
                    wrong.append((label, f"{method.upper()} import", status, may_import))
            if not may_import:
                status = client.post(_url(model_admin, "process_import")).status_code
                if status not in (302, 403):
                    wrong.append((label, "POST process_import", status, may_import))
        if isinstance(model_admin, BackgroundImportMixin):
            # A job that does not exist: refused (403, or the sign-in page) before it is even looked up.
            status = client.get(_url(model_admin, "import_job", 999_999)).status_code
            if (status == 404) != may_import:
                wrong.append((label, "GET import job", status, may_import))
        export_url = _url(model_admin, "export")
        if export_url:
            status = client.get(export_url).status_code
            if (status == 200) != may_export:
                wrong.append((label, "GET export", status, may_export))
    assert wrong == []


def test_view_only_cataloguer_cannot_import_readers_or_loan_policies(client, cataloguer):
    client.force_login(cataloguer, backend="accounts.backends.EmailOrReaderCardBackend")
    for name in ("circulation_reader", "circulation_loanpolicy", "accounts_user"):
        try:
            url = reverse(f"admin:{name}_import")
        except NoReverseMatch:
            continue
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403


def test_anonymous_never_imports():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert not any(isinstance(model_admin, ImportMixin) and model_admin.has_import_permission(request)
                   for model_admin in _import_export_admins())
