"""A head of department submits a purchase request in the browser and follows it after the library's review."""

import pytest
from django.utils import translation

from acquisitions.constants import LineStatus
from tests.conftest import browser_sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_department_head_submits_a_purchase_request_and_follows_its_review(
    chromium, live_server, department_head, acquisitions_librarian
):
    head = chromium.new_context(locale="kk-KZ", base_url=live_server.url).new_page()
    head.set_default_timeout(20_000)
    browser_sign_in(head, department_head.email)
    head.goto("/accounts/department/")
    head.click("a[href='/acquisitions/']")
    head.goto("/acquisitions/requests/new/purchase/")
    head.fill("input[name=lines-0-discipline]", "Деректер қоры")
    head.fill("input[name=lines-0-programme]", "6B06102 Бағдарламалық инженерия")
    head.select_option("select[name=lines-0-literature_kind]", "main")
    head.fill("input[name=lines-0-author]", "Сәтбаев Қ.И.")
    head.fill("input[name=lines-0-title]", "Деректер қорын жобалау")
    head.fill("input[name=lines-0-copies_requested]", "20")
    head.fill("input[name=lines-0-students]", "60")
    head.fill("textarea[name=lines-0-reason]", "Негізгі әдебиет жетіспейді")
    head.click("button[name=submit]")
    head.wait_for_url("**/acquisitions/requests/*/")
    request_url = head.url
    row = head.locator("tbody tr").first
    assert "Деректер қорын жобалау" in row.inner_text()
    assert "20" in row.inner_text()

    library = chromium.new_context(locale="kk-KZ", base_url=live_server.url).new_page()
    library.set_default_timeout(20_000)
    browser_sign_in(library, acquisitions_librarian.email)
    library.goto("/acquisitions/review/")
    line = library.locator("tbody tr", has_text="Деректер қорын жобалау")
    line.locator("input[name=copies]").fill("12")
    line.locator("select[name=reason]").select_option("holdings")
    line.locator("button[type=submit]").click()
    library.wait_for_load_state()
    library.click("form[action$='/review/build/purchase/'] button")
    library.wait_for_url("**/acquisitions/orders/*/")

    head.goto(request_url)
    row = head.locator("tbody tr").first
    text = row.inner_text()
    assert "12" in text  # the corrected quantity, with its reason and history
    assert acquisitions_librarian.last_name in text
    with translation.override("kk"):
        assert str(LineStatus.IN_ORDER.label) in text
    head.context.close()
    library.context.close()
