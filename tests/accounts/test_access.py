"""Each role reaches its own place and nothing else."""

import pytest

pytestmark = pytest.mark.django_db

CABINET = "/circulation/cabinet/"
DEPARTMENT = "/accounts/department/"
REPORTS = "/reports/"
ADMIN = "/admin/"


def status(client, url):
    return client.get(url).status_code


def test_anonymous_visitor_is_sent_to_sign_in(client):
    for url in (CABINET, DEPARTMENT, REPORTS):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_reader_reaches_only_the_cabinet(client_for, reader):
    client = client_for(reader)
    assert status(client, CABINET) == 200
    assert status(client, DEPARTMENT) == 403
    assert status(client, REPORTS) == 403
    assert client.get(ADMIN).status_code == 302  # the admin sends non-staff to its login


def test_reader_cabinet_shows_their_own_card(client_for, reader):
    body = client_for(reader).get(CABINET).content.decode()
    assert "2026000001" in body


def test_department_head_reaches_only_their_department(client_for, department_head, reader, other_department_head):
    client = client_for(department_head)
    response = client.get(DEPARTMENT)
    assert response.status_code == 200
    assert response.context["department"] == department_head.academic_department
    members = list(response.context["members"])
    assert reader in members
    assert other_department_head not in members
    assert status(client, CABINET) == 403
    assert status(client, REPORTS) == 403
    assert client.get(ADMIN).status_code == 302


def test_librarian_works_in_the_admin(client_for, librarian):
    client = client_for(librarian)
    assert status(client, ADMIN) == 200
    assert status(client, REPORTS) == 200
    assert status(client, CABINET) == 403


def test_librarian_sees_only_registers_of_their_role(client_for, cataloguer):
    client = client_for(cataloguer)
    assert status(client, "/admin/planning/outgoingletter/") == 403
    assert status(client, "/admin/accounts/user/") == 200  # view only
    assert status(client, "/admin/accounts/user/add/") == 403


def test_director_reaches_reports_and_the_admin(client_for, director):
    client = client_for(director)
    assert status(client, REPORTS) == 200
    assert status(client, ADMIN) == 200
    assert status(client, "/admin/planning/outgoingletter/add/") == 200


def test_vice_rector_reaches_reports(client_for, vice_rector):
    client = client_for(vice_rector)
    assert status(client, REPORTS) == 200
    assert status(client, "/admin/planning/outgoingletter/add/") == 403


def test_plagiarism_operator_is_not_staff(client_for, operator):
    client = client_for(operator)
    assert status(client, REPORTS) == 403
    assert client.get(ADMIN).status_code == 302


def test_system_administrator_manages_accounts(client_for, sysadmin):
    client = client_for(sysadmin)
    assert status(client, "/admin/accounts/user/add/") == 200
    assert status(client, "/admin/auth/group/") == 200


WORKBENCH = "/workbench/"


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("reader", "/circulation/cabinet/"),
        ("department_head", DEPARTMENT),
        ("operator", "/antiplagiarism/"),
        ("director", WORKBENCH),
        ("vice_rector", WORKBENCH),
        ("librarian", WORKBENCH),  # the desk librarian's queues (holds to pick, overdue loans) are on the staff home
        ("cataloguer", WORKBENCH),
        ("sysadmin", WORKBENCH),
    ],
)
def test_sign_in_lands_each_role_on_its_place(request, client_for, persona, landing):
    user = request.getfixturevalue(persona)
    response = client_for(user).get("/start/")
    assert response.status_code == 302
    assert response["Location"] == landing


def test_home_page_is_the_public_catalogue_for_everyone(client, client_for, librarian):
    assert client.get("/").status_code == 200
    assert client_for(librarian).get("/").status_code == 200  # no redirect loop back into the admin


def test_admin_view_site_leads_staff_to_their_workbench(client_for, librarian):
    response = client_for(librarian).get(ADMIN)
    assert response.context["site_url"] == WORKBENCH
    assert client_for(librarian).get(WORKBENCH).status_code == 200


def test_workbench_is_for_staff_only(client, client_for, reader, department_head):
    assert client.get(WORKBENCH)["Location"].startswith("/accounts/login/")
    assert client_for(reader).get(WORKBENCH).status_code == 403
    assert client_for(department_head).get(WORKBENCH).status_code == 403


def test_account_without_a_role_is_told_so(client_for):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get("/start/", follow=True)
    assert response.status_code == 403
    assert response.redirect_chain[-1][0] == "/no-access/"


def test_department_page_leads_to_the_heads_web_forms(client_for, department_head):
    urls = [url for _label, url in client_for(department_head).get(DEPARTMENT).context["places"]]
    assert "/acquisitions/" in urls
    assert "/acquisitions/provision/" in urls
    assert "/digital/scanning/" in urls
