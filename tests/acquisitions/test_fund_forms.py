"""The fund's forms as the browser posts them: prefilled dates a date input keeps, blank extra lines left alone."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from acquisitions.forms import ReceiptForm, WriteOffForm
from acquisitions.models import Receipt
from tests.acquisitions.factories import catalogue_record, contract


@pytest.mark.parametrize(("form_class", "name"), [(ReceiptForm, "received_on"), (WriteOffForm, "drawn_on")])
@pytest.mark.django_db
def test_a_prefilled_date_renders_as_iso_on_a_kazakh_page(form_class, name):
    with translation.override("kk"):
        html = str(form_class(initial={name: dt.date(2026, 3, 10)})[name])
    assert 'value="2026-03-10"' in html


def test_a_receipt_with_the_pages_blank_extra_lines_is_entered(client_for, acquisitions_librarian):
    # The page offers extra lines whose accounting select posts its first choice even when left alone.
    record = catalogue_record(isbn="9786010000025")
    data = {"source": "purchase", "received_on": "2026-03-02", "contract": contract().pk, "document": "ШФ 7",
            "lines-TOTAL_FORMS": "4", "lines-INITIAL_FORMS": "0", "lines-MIN_NUM_FORMS": "1",
            "lines-MAX_NUM_FORMS": "1000", "lines-0-record": record.control_number, "lines-0-copies": "2",
            "lines-0-price": "3500", "lines-0-accounting": "inventory"}
    for n in (1, 2, 3):
        data |= {f"lines-{n}-record": "", f"lines-{n}-copies": "", f"lines-{n}-price": "",
                 f"lines-{n}-accounting": "inventory", f"lines-{n}-order_line": ""}
    response = client_for(acquisitions_librarian).post(reverse("acquisitions:receipt_create"), data)
    assert response.status_code == 302
    assert Receipt.objects.get().lines.get().copies == 2
