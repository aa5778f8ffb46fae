"""The request form starts with one line and grows with "Add a line" (issue 14.5: three blank lines made it
4,700 px tall); the server keeps every line the browser sends."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from acquisitions.models import AcquisitionRequest

pytestmark = pytest.mark.browser


def _signed_in_page(chromium, live_server, user):
    client = Client()
    client.force_login(user, backend="accounts.backends.EmailOrReaderCardBackend")
    context = chromium.new_context(locale="kk-KZ", base_url=live_server.url)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _fill_line(page, index: int, title: str, copies: int) -> None:
    page.fill(f"input[name=lines-{index}-discipline]", "Бұрғылау")
    page.fill(f"input[name=lines-{index}-programme]", "6B07201 Мұнай инженериясы")
    page.select_option(f"select[name=lines-{index}-literature_kind]", "main")
    page.fill(f"input[name=lines-{index}-author]", "Жолтаев Г.Ж.")
    page.fill(f"input[name=lines-{index}-title]", title)
    page.fill(f"input[name=lines-{index}-copies_requested]", str(copies))


@pytest.mark.django_db(transaction=True)
def test_head_adds_lines_to_a_request_and_every_line_is_saved(chromium, live_server, department_head):
    page = _signed_in_page(chromium, live_server, department_head)
    try:
        page.goto("/acquisitions/requests/new/purchase/")
        assert page.locator("fieldset.request-line").count() == 1
        _fill_line(page, 0, "Бұрғылау технологиясы", 12)
        page.click("[data-formset-add]")
        page.click("[data-formset-add]")
        assert page.locator("fieldset.request-line").count() == 3
        assert page.input_value("input[name=lines-TOTAL_FORMS]") == "3"
        assert "3" in page.locator("fieldset.request-line legend").nth(2).inner_text()
        # The new line's first field has the focus; a line left blank is not a line.
        assert page.evaluate("document.activeElement.name") == "lines-2-discipline"
        _fill_line(page, 1, "Ұңғымаларды бекіту", 8)
        page.click("button[name=save]")
        page.wait_for_url("**/acquisitions/requests/*/")
    finally:
        page.context.close()
    request = AcquisitionRequest.objects.get(department=department_head.academic_department)
    assert sorted(request.lines.values_list("title", "copies_requested")) == [
        ("Бұрғылау технологиясы", 12), ("Ұңғымаларды бекіту", 8)]
