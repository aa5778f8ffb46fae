"""Content-Security-Policy (issue 13, point 6): the header and its directives, and every inline script or
style of our pages carrying the nonce of its response. The browser test (test_csp_browser.py) checks that
Chromium reports no violation on the main pages."""

from __future__ import annotations

import re

import pytest

from core.models import ImportJob
from tests.factories import UserFactory
from tests.planning.factories import register_letter

pytestmark = pytest.mark.django_db


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def nonce_of(response) -> str:
    nonces = [source for source in policy_of(response)["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    return nonces[0][len("'nonce-"):-1]


def test_every_page_sends_a_strict_content_security_policy(client):
    policy = policy_of(client.get("/"))
    assert policy["default-src"] == ["'self'"]
    assert "'self'" in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_the_lockout_page_has_the_policy_too(client, reader):
    for _ in range(5):
        client.post("/accounts/login/", {"username": reader.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"username": reader.email, "password": "wrong"})
    assert response.status_code == 429
    assert policy_of(response)["default-src"] == ["'self'"]


def inline_tags(html: str) -> list[str]:
    """Opening tags of inline <script> (no src) and <style> elements."""
    return [tag for tag in re.findall(r"<(?:script|style)\b[^>]*>", html) if "src=" not in tag]


def assert_inline_code_is_nonced(response) -> None:
    html = response.content.decode()
    nonce = nonce_of(response)
    tags = inline_tags(html)
    assert tags, "the page was expected to hold inline code"
    for tag in tags:
        assert f'nonce="{nonce}"' in tag, tag
    # No inline event handler (onclick=, onchange=…): a nonce cannot allow those.
    assert not re.search(r"<[a-z]+\b[^>]*\son[a-z]+\s*=", html)


def test_inline_script_of_the_import_progress_page_carries_the_nonce(client_for):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    job = ImportJob.objects.create(
        app_label="storage", model_name="conditionreading", resource="storage.resources.ConditionReadingResource",
        input_format="import_export.formats.base_formats.CSV", original_name="readings.csv",
        status=ImportJob.Status.IMPORTING, rows_total=10, created_by=admin,
    )
    response = client_for(admin).get(f"/admin/storage/conditionreading/import/{job.pk}/")
    assert response.status_code == 200
    assert_inline_code_is_nonced(response)


def test_inline_styles_of_site_pages_carry_the_nonce(client_for, director):
    client = client_for(director)
    for url in ("/risks/", "/planning/kpi/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inline_code_is_nonced(response)


def test_form_preview_style_carries_the_nonce(client_for, director):
    letter = register_letter()
    response = client_for(director).get(
        "/reports/forms/607-04/", {"year": letter.year, "number": letter.number, "action": "preview"}
    )
    assert response.status_code == 200
    assert_inline_code_is_nonced(response)


def test_acquisitions_request_form_script_carries_the_nonce(client_for, department_head):
    response = client_for(department_head).get("/acquisitions/requests/new/purchase/")
    assert response.status_code == 200
    assert_inline_code_is_nonced(response)
