"""The catalogue's pages whole at 1366 px and 390 px (issue 14.5): the home page, a search with every facet
(the year facet and the year range included) and a record page with copies and the order button, as a reader."""

from __future__ import annotations

import pytest

from accounts import roles
from catalogue_search.services import reindex_records
from tests.circulation.factories import make_item, make_reader
from tests.conftest import browser_sign_in, keep_screenshot
from tests.factories import UserFactory, reader_category

from .factories import RecordFactory

pytestmark = pytest.mark.browser

WIDTHS = (1366, 390)


def overflow(page) -> int:
    """How far the page is wider than the window (0 when whole)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_catalogue_pages_are_whole_at_both_widths(chromium, live_server):
    user = UserFactory(username="aigerim", roles=[roles.READER], reader_card_number="2026555002",
                       reader_category=reader_category("bachelor"))
    make_reader(user, card_number="2026555002")
    records = [RecordFactory(title=f"Геология негіздері: кен орындарын барлаудың әдістері, {year}-басылым",
                             authors="Сәтбаев Қ. И.; Жұмабаев Б.", year=year, udc='55(574)"19"',
                             subjects="Геология; Кен орындары; Қазақстан тарихы") for year in range(2000, 2025)]
    item = make_item(records[-1])
    reindex_records([r.pk for r in records])

    for width in WIDTHS:
        context = chromium.new_context(locale="kk-KZ", base_url=live_server.url,
                                       viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        browser_sign_in(page, user.reader_card_number)
        for name, url in (("home", "/"), ("search", "/catalogue/?q=геология"),
                          ("browse", "/catalogue/?year_from=2001&year_to=2020"),
                          ("record", f"/catalogue/records/{item.record_id}/")):
            page.goto(url)
            keep_screenshot(page, f"catalogue-{name}-{width}")
            assert overflow(page) <= 0, (name, width)
            search_box = page.locator("form[role=search] input[name=q]")
            if search_box.count():
                box = search_box.first.bounding_box()
                assert box["width"] > width / 3, (name, width)  # the search bar keeps its line
        assert page.locator("#order-button").count() == 1
        context.close()
