"""The director's reports page lists every form with its state; forms are previewed and downloaded."""

import pytest

from forms_registry.registry import registry
from tests.planning.factories import register_letter

pytestmark = pytest.mark.django_db


def test_reports_page_lists_every_form_by_subprocess(client_for, director):
    response = client_for(director).get("/reports/")
    assert response.status_code == 200
    rows = [row for group in response.context["groups"] for row in group["rows"]]
    assert len(rows) == 51
    assert [g["key"] for g in response.context["groups"]] == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]
    letterhead = next(row for row in rows if row["entry"].code == "607-04")
    assert letterhead["ready"]
    assert letterhead["allowed"]
    assert sum(1 for row in rows if row["ready"]) == sum(1 for e in registry.entries() if registry.is_ready(e.code))


def test_unbuilt_form_page_says_it_is_not_built(client_for, director, monkeypatch):
    code = "607-03"
    monkeypatch.setattr(registry, "_implementations", {k: v for k, v in registry._implementations.items() if k != code})
    response = client_for(director).get(f"/reports/forms/{code}/?action=pdf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.templates[0].name == "forms_registry/not_built.html"


def test_director_downloads_the_letterhead_pdf(client_for, director):
    letter = register_letter()
    response = client_for(director).get(
        "/reports/forms/607-04/", {"year": letter.year, "number": letter.number, "action": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="607-04-' in response["Content-Disposition"]


def test_preview_is_html_in_kazakh(client_for, director):
    letter = register_letter()
    response = client_for(director).get(
        "/reports/forms/607-04/", {"year": letter.year, "number": letter.number, "action": "preview"}
    )
    assert response.status_code == 200
    assert "ҚазҰТЗУ 607-04 Ү" in response.content.decode()


def test_bad_parameters_show_the_form_again_with_the_error(client_for, director):
    response = client_for(director).get("/reports/forms/607-04/", {"year": "2026", "number": "99", "action": "pdf"})
    assert response.status_code == 200
    assert response.context["data_error"]


def test_unknown_form_is_404(client_for, director):
    assert client_for(director).get("/reports/forms/607-24/").status_code == 404


def test_reader_cannot_print_forms(client_for, reader):
    assert client_for(reader).get("/reports/forms/607-04/").status_code == 403


def test_librarian_without_the_registers_permission_cannot_print_letters(client_for, librarian):
    assert client_for(librarian).get("/reports/forms/607-04/").status_code == 403


def test_reports_page_links_the_dashboards_of_the_director(client_for, director):
    # The dashboards the apps register (navigation.py, dashboard=True) whose pages admit the director, in the
    # procedure's order; the rare editions page is book storage's and the digital library's, not the director's.
    urls = [url for _label, url in client_for(director).get("/reports/").context["dashboards"]]
    assert urls == ["/equipment/", "/kk/site/statistics/", "/circulation/desk/paid-services/totals/",
                    "/surveys/results/", "/storage/conditions/", "/risks/", "/planning/kpi/"]


def test_librarians_plan_their_department_work_but_not_letters(client_for, cataloguer):
    client = client_for(cataloguer)
    assert client.get("/admin/planning/workplan/add/").status_code == 200
    assert client.get("/admin/risks/riskevent/add/").status_code == 200
    assert client.get("/admin/planning/outgoingletter/").status_code == 403
