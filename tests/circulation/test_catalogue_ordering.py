"""A reader orders from the catalogue (issue 14.3): from the record page or a search result, through the order
view of circulation; their order is shown instead of the button; a debt hides the button and says why; the
separate "search to order" page is gone and the old record address leads to the catalogue's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from freezegun import freeze_time

from catalogue_search.services import reindex_records
from circulation.constants import ReservationStatus
from circulation.models import Reservation
from circulation.selectors import order_refusal_reason
from circulation.services import loan_issue, reservation_create
from tests.circulation.factories import make_item, make_record

pytestmark = pytest.mark.django_db

SEARCH = reverse("catalogue_search:search")


def record_page(record) -> str:
    return reverse("catalogue_search:record", args=[record.pk])


@pytest.fixture
def indexed_item(item):
    reindex_records([item.record_id])
    return item


def overdue(reader_profile):
    """Give the reader an overdue loan (a debt)."""
    with freeze_time("2026-09-10 10:00"):
        return loan_issue(reader=reader_profile, item=make_item())


def test_reader_orders_from_the_record_page(client_for, reader_profile, indexed_item):
    client = client_for(reader_profile.user)
    page = client.get(record_page(indexed_item.record)).content.decode()
    assert 'id="order-button"' in page
    assert f'action="{reverse("circulation:order", args=[indexed_item.record_id])}"' in page
    response = client.post(reverse("circulation:order", args=[indexed_item.record_id]))
    assert response.url == reverse("circulation:cabinet")
    assert Reservation.objects.get().status == ReservationStatus.ACTIVE
    assert indexed_item.inventory_number in client.get(reverse("circulation:cabinet")).content.decode()


def test_reader_orders_from_a_search_result(client_for, reader_profile, indexed_item):
    client = client_for(reader_profile.user)
    page = client.get(SEARCH, {"q": "геологиясы"}).content.decode()
    order_url = reverse("circulation:order", args=[indexed_item.record_id])
    assert f'action="{order_url}"' in page
    client.post(order_url)
    assert Reservation.objects.get().item == indexed_item


def test_the_reader_sees_their_order_and_its_end_instead_of_the_button(client_for, reader_profile, indexed_item):
    reservation = reservation_create(reader=reader_profile, record=indexed_item.record)
    until = timezone.localtime(reservation.expires_at).strftime("%d.%m.%Y %H:%M")
    client = client_for(reader_profile.user)
    for page in (client.get(record_page(indexed_item.record)).content.decode(),
                 client.get(SEARCH, {"q": "геологиясы"}).content.decode()):
        assert until in page
        assert reverse("circulation:order", args=[indexed_item.record_id]) not in page


def test_a_debt_hides_the_order_button_and_says_why(client_for, reader_profile, indexed_item):
    loan = overdue(reader_profile)
    reindex_records([loan.item.record_id])
    client = client_for(reader_profile.user)
    with freeze_time("2026-10-20 10:00"):
        page = client.get(record_page(indexed_item.record)).content.decode()
        results = client.get(SEARCH, {"q": "геологиясы"}).content.decode()
    order_url = reverse("circulation:order", args=[indexed_item.record_id])
    assert order_url not in page
    assert order_url not in results
    assert loan.item.inventory_number in page  # the debt itself, as the order service would refuse with
    assert 'class="order-blocked"' in results
    assert record_page(indexed_item.record) in results  # "Why?" leads to the record page


def test_order_refusal_reason_is_the_services_own_debt_rule(reader_profile, item):
    assert order_refusal_reason(reader=reader_profile) is None
    loan = overdue(reader_profile)
    with freeze_time("2026-10-20 10:00"):
        block = order_refusal_reason(reader=reader_profile)
    assert block.for_debt
    assert loan.item.inventory_number in block.reason


def test_unregistered_reader_is_told_instead_of_offered_the_button(client_for, reader_profile, indexed_item):
    reader_profile.registrations.all().delete()
    reader_profile.registered_year = None
    reader_profile.save()
    page = client_for(reader_profile.user).get(record_page(indexed_item.record)).content.decode()
    assert 'id="order-button"' not in page
    assert 'class="order-blocked"' in page


def test_a_refused_order_returns_to_the_catalogue_record_page(client_for, reader_profile, indexed_item):
    loan_issue(reader=reader_profile, item=make_item(indexed_item.record))  # a copy of the title already on loan
    response = client_for(reader_profile.user).post(reverse("circulation:order", args=[indexed_item.record_id]))
    assert response.url == record_page(indexed_item.record)


def test_refusal_page_leads_back_to_the_catalogue_record(client_for, reader_profile, item):
    item.record.items.update(status="on_loan")
    page = client_for(reader_profile.user).post(reverse("circulation:order", args=[item.record_id]))
    assert record_page(item.record) in page.content.decode()


def test_anonymous_visitor_gets_no_order_button_on_results(client, indexed_item):
    page = client.get(SEARCH, {"q": "геологиясы"}).content.decode()
    assert record_page(indexed_item.record) in page
    assert reverse("circulation:order", args=[indexed_item.record_id]) not in page


def test_a_record_without_copies_offers_no_order_on_results(client_for, reader_profile, db):
    record = make_record("Электрондық ресурс")
    reindex_records([record.pk])
    page = client_for(reader_profile.user).get(SEARCH, {"q": "Электрондық"}).content.decode()
    assert reverse("circulation:order", args=[record.pk]) not in page


def test_order_buttons_cost_a_fixed_number_of_queries(client_for, reader_profile, db):
    one = make_item(make_record("Петрология негіздері"))
    many = [make_item(make_record("Минералогия негіздері")) for _ in range(6)]
    reindex_records([one.record_id, *(item.record_id for item in many)])
    client = client_for(reader_profile.user)
    client.get(SEARCH, {"q": "петрология"})  # warm the per-process caches
    with CaptureQueriesContext(connection) as single:
        client.get(SEARCH, {"q": "петрология"})
    with CaptureQueriesContext(connection) as several:
        assert len(client.get(SEARCH, {"q": "минералогия"}).context["rows"]) == 6
    assert len(several) == len(single)


def test_old_record_address_moves_permanently_to_the_catalogue(client, item):
    response = client.get(f"/circulation/records/{item.record_id}/")
    assert response.status_code == 301
    assert response.url == record_page(item.record)


def test_the_search_to_order_page_is_gone(client_for, reader_profile):
    with pytest.raises(NoReverseMatch):
        reverse("circulation:record_search")
    assert client_for(reader_profile.user).get("/circulation/records/").status_code == 404


def test_cabinet_search_box_searches_the_catalogue(client_for, reader_profile):
    page = client_for(reader_profile.user).get(reverse("circulation:cabinet")).content.decode()
    assert f'action="{SEARCH}"' in page


def test_a_title_read_on_site_only_says_so_instead_of_an_order_button(client_for, reader_profile):
    """Copies lent for the reading room only (dissertations) cannot be ordered home: the record page and the result
    say so, instead of a button whose order the service could only refuse."""
    from cataloguing.constants import LoanCategory

    item = make_item(make_record("Мұнай қалдықтарын өңдеу"), loan_category=LoanCategory.READING_ROOM)
    reindex_records([item.record_id])
    client = client_for(reader_profile.user)
    order_url = reverse("circulation:order", args=[item.record_id])
    for page in (client.get(record_page(item.record)), client.get(SEARCH, {"q": "қалдықтарын"})):
        html = page.content.decode()
        assert f'action="{order_url}"' not in html
        assert "order-blocked" in html
