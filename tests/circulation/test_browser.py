"""A new reader signs in, finds a book, orders it and sees the hold; at the desk a librarian issues it and takes
it back, with the scanner's Enter as the only keystroke. Debian's Chromium through Playwright."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts import roles
from cataloguing.constants import ItemStatus
from circulation.models import Loan, Reservation
from tests.circulation.factories import make_item, make_reader, make_record
from tests.factories import PASSWORD, UserFactory, reader_category

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(chromium):
    """The shared Chromium of tests/conftest.py (it skips clearly where chromium is missing)."""
    return chromium


def sign_in(browser, live_server, login: str):
    context = browser.new_context(locale="kk-KZ", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    return page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_new_reader_orders_and_the_desk_issues_and_takes_it_back(browser, live_server):
    user = UserFactory(username="aigerim", roles=[roles.READER], reader_card_number="2026555001",
                       reader_category=reader_category("bachelor"), first_name="Әйгерім", last_name="Серікова")
    reader = make_reader(user, card_number="2026555001")
    record = make_record("Кен геологиясы негіздері")
    item = make_item(record)
    librarian = UserFactory(username="desk", roles=[roles.LIBRARIAN_SERVICE], email="desk@example.kz")

    # The reader: sign in with the card number, search, open the record, order.
    page = sign_in(browser, live_server, reader.card_number)
    page.wait_for_url("**/circulation/cabinet/")
    page.fill("#search input[name=q]", "геологиясы")
    page.press("#search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r".*/catalogue/\?q=.*"))
    page.click(f"a[href='/catalogue/records/{record.pk}/']")
    page.click("#order-button")
    page.wait_for_url("**/circulation/cabinet/")
    orders = page.locator("#orders")
    assert item.inventory_number in orders.inner_text()
    reservation = Reservation.objects.get(reader=reader)
    assert reservation.item_id == item.pk
    page.context.close()

    # The desk: scan the card, then the copy (issue), then the copy again (take back).
    desk = sign_in(browser, live_server, librarian.email)
    desk.wait_for_url("**/workbench/")  # the staff home, whose queues and pages lead to the desk
    desk.click(f"main a[href='{reverse('circulation:desk')}']")
    desk.wait_for_url("**/circulation/desk/")
    assert desk.evaluate("document.activeElement.id") == "card-input"
    desk.keyboard.type(reader.card_number)
    desk.keyboard.press("Enter")
    desk.wait_for_selector("#reader-panel")
    assert "Серікова" in desk.inner_text("#reader-panel")
    assert desk.evaluate("document.activeElement.id") == "item-input"
    desk.keyboard.type(item.barcode)
    desk.keyboard.press("Enter")
    desk.wait_for_selector("#loans")
    assert item.inventory_number in desk.inner_text("#loans")
    loan = Loan.objects.get(item=item)
    assert loan.reader == reader
    assert loan.reservation == reservation
    assert desk.evaluate("document.activeElement.id") == "item-input"
    desk.keyboard.type(item.barcode)
    desk.keyboard.press("Enter")
    # Scanned again moments after the issue: the desk asks first, with the focus on "No" (a repeated scan's
    # Enter keeps the loan), and takes the copy back on "Yes".
    desk.wait_for_selector("#confirm-return")
    assert desk.evaluate("document.activeElement.id") == "confirm-return-no"
    assert Loan.objects.get(item=item).returned_at is None
    desk.click("#confirm-return-yes")
    desk.wait_for_load_state()
    desk.wait_for_function("!document.querySelector('#loans')")
    loan.refresh_from_db()
    item.refresh_from_db()
    assert loan.returned_at is not None
    assert item.status == ItemStatus.ON_SHELF
    desk.context.close()
