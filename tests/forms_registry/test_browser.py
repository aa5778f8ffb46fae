"""The director's first PDF in Chromium: open a form, keep the offered dates, download (issue 14.4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from circulation.constants import RefusalReason
from circulation.services import refusal_record
from tests.circulation.factories import make_record
from tests.conftest import browser_sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_director_keeps_the_offered_dates_and_downloads_the_pdf(browser_page, director, tmp_path):
    refusal_record(record=make_record("Жер қойнауын пайдалану"), reader=None, reason=RefusalReason.ALL_ON_LOAN,
                   at=timezone.now() - dt.timedelta(days=1))
    page = browser_page
    browser_sign_in(page, director.email)

    page.goto("/reports/forms/607-53/")
    # The browser kept the prefilled values (a localized "01.01.2026" would have left the inputs empty).
    date_from = page.input_value("input[name=date_from]")
    date_to = page.input_value("input[name=date_to]")
    assert date_from
    assert date_to
    assert date_from <= timezone.localdate().isoformat() <= date_to

    with page.expect_download() as download_info:
        page.click("button[name=action][value=pdf]")
    saved = tmp_path / "form.pdf"
    download_info.value.save_as(saved)
    assert Path(saved).read_bytes().startswith(b"%PDF")
    assert download_info.value.suggested_filename.startswith("607-53-")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_period_without_data_is_said_on_the_form_page(browser_page, director):
    page = browser_page
    browser_sign_in(page, director.email)

    page.goto("/reports/forms/607-53/")
    page.fill("input[name=date_from]", "2020-01-01")
    page.fill("input[name=date_to]", "2020-12-31")
    page.click("button[name=action][value=preview]")
    page.wait_for_selector(".form-outcome li.error")
    assert len(page.context.pages) == 1
    assert page.locator("input[name=date_from]").input_value() == "2020-01-01"
