"""Issue 13.5: parameters no page can use are a 400 at the door (core.request_guards), not a 500 in a view."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/catalogue/?q=a%00b", "/catalogue/?a%00b=1", "/circulation/verify/a%00b/"])
def test_a_nul_byte_in_the_path_or_the_query_is_a_bad_request(client, url):
    assert client.get(url).status_code == 400


def test_a_nul_byte_in_a_posted_form_is_a_bad_request(client, librarian, client_for):
    response = client_for(librarian).post("/circulation/desk/scan/", {"card": "2026\x00", "item": "1"})
    assert response.status_code == 400


def test_the_oai_pmh_endpoint_answers_a_nul_byte_itself(client):
    response = client.get("/digital/oai/", {"verb": "Identify\x00"})
    assert response.status_code == 200
    assert b'code="badArgument"' in response.content


@pytest.mark.parametrize("url", ["/admin/accounts/institute/1/change/?_to_field=",
                                 "/admin/accounts/institute/1/delete/?_to_field="])
def test_a_blank_admin_to_field_is_a_bad_request(client, sysadmin, client_for, url):
    assert client_for(sysadmin).get(url).status_code == 400


def test_an_admin_export_with_a_parameter_that_is_no_filter_is_a_bad_request(client, sysadmin, client_for):
    assert client_for(sysadmin).get("/admin/accounts/institute/export/?record=abc").status_code == 400


@pytest.mark.parametrize("value", ["abc", "9" * 20])  # 10^20 overflows the column: a 500 on SQLite and PostgreSQL
def test_an_admin_add_page_prefilled_with_an_id_no_relation_can_hold_drops_it(client, client_for, value):
    """Django's add page takes initial values from the query; `?reader=abc` for an autocomplete field was a 500."""
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    response = client_for(root).get(f"/admin/circulation/referenceentry/add/?reader={value}")
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["abc", "9" * 20])
def test_an_admin_add_form_posted_with_an_id_no_relation_can_hold_is_redrawn(client, client_for, value):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    response = client_for(root).post("/admin/circulation/referenceentry/add/", {"reader": value})
    assert response.status_code == 200


def test_a_missing_page_leads_a_visitor_to_the_catalogue_and_a_signed_in_person_to_their_place(client, client_for):
    # "Go to my page" (/start/) would only send a visitor to the sign-in page.
    assert 'href="/start/"' not in client.get("/no-such-page/").content.decode()
    person = UserFactory(username="someone")
    assert 'href="/start/"' in client_for(person).get("/no-such-page/").content.decode()
