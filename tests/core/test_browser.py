"""A person signs in through a real browser and lands on their page."""

import pytest

from tests.factories import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_signs_in_with_card_number_and_sees_the_cabinet(browser_page, reader):
    page = browser_page
    page.goto("/accounts/login/")
    page.fill("input[name=username]", reader.reader_card_number)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/cabinet/**")
    assert reader.reader_card_number in page.content()
    page.click("button[name=language][value=ru]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
