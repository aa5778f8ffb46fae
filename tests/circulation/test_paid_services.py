"""Paid services (QP 607 §5.5): the price list the director approves, the desk's register with numbered receipts,
cancellation with a reason, the period's totals, and who may do each."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time
from pypdf import PdfReader

from circulation import selectors, services
from circulation.exceptions import PaidServiceRefused
from circulation.models import PaidServiceKind, PriceList, PriceListItem, PriceListStatus, PriceUnit, RenderedService
from tests.circulation.factories import make_reader
from tests.factories import UserFactory


def make_price_list(*, valid_from=dt.date(2026, 1, 1), approved_by=None, prices=(("Ксерокөшірме А4", "15.00"),
                                                                                   ("Сканерлеу", "40.00"))):
    price_list = PriceList.objects.create(title="Ақылы қызметтер прейскуранты", valid_from=valid_from,
                                          basis="Басқарма шешімі № 7")
    for position, (name, price) in enumerate(prices):
        PriceListItem.objects.create(price_list=price_list, kind=PaidServiceKind.COPYING, name_kk=name,
                                     name_ru=name + " (ru)", unit=PriceUnit.PAGE, price=Decimal(price),
                                     position=position)
    if approved_by is not None:
        services.price_list_approve(price_list=price_list, by=approved_by)
    return price_list


@pytest.fixture
def price_list(director):
    return make_price_list(approved_by=director)


@pytest.fixture
def paying_reader(db):
    return make_reader(card_number="2026777001")


def pdf_text(response) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


# --- the rules -------------------------------------------------------------------------------------------------

def test_a_service_is_priced_from_the_list_in_force_and_numbered_per_year(price_list, paying_reader, librarian):
    copying = price_list.items.get(name_kk="Ксерокөшірме А4")
    with freeze_time("2026-03-02 10:00"):
        first = services.paid_service_record(reader=paying_reader, service=copying, quantity=12, by=librarian)
        second = services.paid_service_record(reader=paying_reader, service=copying, quantity=1, by=librarian)
    assert (first.number, first.year, second.number) == (1, 2026, 2)
    assert first.unit_price == Decimal("15.00")
    assert first.amount == Decimal("180.00")
    assert first.received_by == librarian


def test_the_receipt_number_starts_again_in_a_new_year(price_list, paying_reader, librarian):
    service = price_list.items.first()
    with freeze_time("2026-12-31 10:00"):
        services.paid_service_record(reader=paying_reader, service=service, quantity=1, by=librarian)
    with freeze_time("2027-01-05 10:00"):
        rendered = services.paid_service_record(reader=paying_reader, service=service, quantity=1, by=librarian)
    assert (rendered.number, rendered.year) == (1, 2027)


def test_no_service_without_an_approved_price_list(paying_reader, librarian):
    draft = make_price_list()
    with translation.override("en"), pytest.raises(PaidServiceRefused, match="price list"):
        services.paid_service_record(reader=paying_reader, service=draft.items.first(), quantity=1, by=librarian)
    assert not RenderedService.objects.exists()


def test_a_newer_approved_list_replaces_the_old_one_from_its_date(price_list, director, paying_reader, librarian):
    newer = make_price_list(valid_from=dt.date(2026, 9, 1), approved_by=director,
                            prices=(("Ксерокөшірме А4", "20.00"),))
    assert PriceList.objects.in_force(dt.date(2026, 8, 31)) == price_list
    assert PriceList.objects.in_force(dt.date(2026, 9, 1)) == newer
    with (freeze_time("2026-09-02 10:00"), translation.override("en"),
          pytest.raises(PaidServiceRefused, match="not on the price list")):
        services.paid_service_record(reader=paying_reader, service=price_list.items.first(), quantity=1, by=librarian)


def test_the_quantity_is_at_least_one(price_list, paying_reader, librarian):
    with pytest.raises(PaidServiceRefused):
        services.paid_service_record(reader=paying_reader, service=price_list.items.first(), quantity=0, by=librarian)


def test_an_empty_price_list_cannot_be_approved(director):
    empty = make_price_list(prices=())
    with pytest.raises(PaidServiceRefused):
        services.price_list_approve(price_list=empty, by=director)
    empty.refresh_from_db()
    assert empty.status == PriceListStatus.DRAFT


def test_the_sum_is_always_quantity_times_price_in_the_database(price_list, paying_reader, librarian):
    rendered = services.paid_service_record(reader=paying_reader, service=price_list.items.first(), quantity=2,
                                            by=librarian)
    with pytest.raises(IntegrityError), transaction.atomic():
        RenderedService.objects.filter(pk=rendered.pk).update(amount=Decimal("1.00"))


def test_a_cancelled_receipt_keeps_its_number_and_leaves_the_totals(price_list, paying_reader, librarian):
    service = price_list.items.get(name_kk="Сканерлеу")
    with freeze_time("2026-04-10 10:00"):
        kept = services.paid_service_record(reader=paying_reader, service=service, quantity=3, by=librarian)
        wrong = services.paid_service_record(reader=paying_reader, service=service, quantity=30, by=librarian)
        with pytest.raises(PaidServiceRefused):
            services.paid_service_cancel(rendered=wrong, by=librarian, reason=" ")
        services.paid_service_cancel(rendered=wrong, by=librarian, reason="Қате енгізілді")
        with pytest.raises(PaidServiceRefused):
            services.paid_service_cancel(rendered=wrong, by=librarian, reason="қайта")
    wrong.refresh_from_db()
    assert wrong.number == 2
    assert wrong.is_cancelled
    assert selectors.paid_services_total(dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == kept.amount == Decimal("120.00")


def test_totals_per_service_for_a_period(price_list, paying_reader, librarian):
    copying, scanning = price_list.items.order_by("position")
    with freeze_time("2026-05-05 10:00"):
        services.paid_service_record(reader=paying_reader, service=copying, quantity=10, by=librarian)
        services.paid_service_record(reader=paying_reader, service=copying, quantity=4, by=librarian)
        services.paid_service_record(reader=paying_reader, service=scanning, quantity=1, by=librarian)
    with freeze_time("2026-06-01 10:00"):
        services.paid_service_record(reader=paying_reader, service=scanning, quantity=100, by=librarian)
    rows = selectors.paid_services_by_service(dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert [(row["name"], row["receipts"], row["units"], row["amount"]) for row in rows] == [
        ("Ксерокөшірме А4", 2, 14, Decimal("210.00")), ("Сканерлеу", 1, 1, Decimal("40.00"))]
    assert selectors.paid_services_total(dt.date(2026, 5, 1), dt.date(2026, 5, 31)) == Decimal("250.00")
    assert selectors.paid_services_total(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == Decimal("0.00")


# --- the pages and who may use them ----------------------------------------------------------------------------

def test_anyone_reads_the_price_list_in_force(client, price_list):
    response = client.get(reverse("circulation:price_list"), HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 200
    assert "Ксерокөшірме А4" in response.content.decode()


def test_the_desk_records_a_paid_service_and_prints_its_receipt(client_for, librarian, price_list, paying_reader):
    client = client_for(librarian)
    page = client.get(reverse("circulation:paid_desk"), {"card": paying_reader.card_number})
    assert page.status_code == 200
    assert paying_reader.full_name in page.content.decode()
    copying = price_list.items.get(name_kk="Ксерокөшірме А4")
    response = client.post(reverse("circulation:paid_desk"),
                           {"card": paying_reader.card_number, "service": copying.pk, "quantity": "12"})
    rendered = RenderedService.objects.get()
    assert response.status_code == 302
    assert f"receipt={rendered.pk}" in response["Location"]
    receipt = client.get(reverse("circulation:paid_receipt", args=[rendered.pk]))
    assert receipt["Content-Type"] == "application/pdf"
    text = pdf_text(receipt)
    assert f"№ {rendered.number}/{rendered.year}" in text
    assert "Ксерокөшірме А4" in text
    assert "180,00" in text
    assert paying_reader.card_number in text


def test_a_bad_quantity_at_the_desk_is_refused_with_nothing_written(client_for, librarian, price_list, paying_reader):
    response = client_for(librarian).post(reverse("circulation:paid_desk"), {
        "card": paying_reader.card_number, "service": price_list.items.first().pk, "quantity": "-3"})
    assert response.status_code == 200
    assert not RenderedService.objects.exists()


def test_a_reader_prints_their_own_receipt_but_not_anothers(client_for, librarian, price_list, reader):
    own = make_reader(reader, card_number=reader.reader_card_number)
    other = make_reader(card_number="2026777002")
    mine = services.paid_service_record(reader=own, service=price_list.items.first(), quantity=1, by=librarian)
    theirs = services.paid_service_record(reader=other, service=price_list.items.first(), quantity=1, by=librarian)
    client = client_for(reader)
    assert client.get(reverse("circulation:paid_receipt", args=[mine.pk])).status_code == 200
    assert client.get(reverse("circulation:paid_receipt", args=[theirs.pk])).status_code == 403


@pytest.mark.parametrize(("persona", "desk", "totals"), [
    ("reader", 403, 403), ("cataloguer", 403, 200), ("librarian", 200, 200), ("director", 403, 200),
    ("department_head", 403, 403),
])
def test_who_records_paid_services_and_who_sees_the_totals(request, client_for, persona, desk, totals, price_list):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("circulation:paid_desk")).status_code == desk
    assert client.get(reverse("circulation:paid_totals")).status_code == totals


def test_anonymous_are_sent_to_sign_in_for_the_desk(client, price_list):
    response = client.get(reverse("circulation:paid_desk"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_only_the_desk_cancels_a_receipt(client_for, librarian, director, price_list, paying_reader):
    rendered = services.paid_service_record(reader=paying_reader, service=price_list.items.first(), quantity=1,
                                            by=librarian)
    url = reverse("circulation:paid_cancel", args=[rendered.pk])
    assert client_for(director).post(url, {"reason": "қате"}).status_code == 403
    assert client_for(librarian).post(url, {"reason": "қате"}).status_code == 302
    rendered.refresh_from_db()
    assert rendered.is_cancelled
    assert rendered.cancelled_by == librarian


def test_only_the_director_approves_a_price_list_in_the_admin(client_for, librarian, director):
    draft = make_price_list()
    data = {"action": "approve", "_selected_action": [draft.pk]}
    url = reverse("admin:circulation_pricelist_changelist")
    client_for(librarian).post(url, data)
    draft.refresh_from_db()
    assert draft.status == PriceListStatus.DRAFT
    client_for(director).post(url, data)
    draft.refresh_from_db()
    assert draft.status == PriceListStatus.APPROVED
    assert draft.approved_by == director


def test_an_approved_price_list_is_read_only_in_the_admin(client_for, sysadmin, price_list):
    response = client_for(sysadmin).post(reverse("admin:circulation_pricelist_change", args=[price_list.pk]),
                                         {"title": "Өзгертілген", "valid_from": "2026-01-01"})
    price_list.refresh_from_db()
    assert response.status_code == 403
    assert price_list.title != "Өзгертілген"


def test_the_totals_page_has_its_chart_and_its_pdf(client_for, director, librarian, price_list, paying_reader):
    with freeze_time("2026-05-05 10:00"):
        services.paid_service_record(reader=paying_reader, service=price_list.items.first(), quantity=10,
                                     by=librarian)
    client = client_for(director)
    page = client.get(reverse("circulation:paid_totals"), {"date_from": "2026-05-01", "date_to": "2026-05-31"})
    assert "<svg" in page.content.decode()
    assert "Ксерокөшірме А4" in page.content.decode()
    pdf = client.get(reverse("circulation:paid_totals"),
                     {"date_from": "2026-05-01", "date_to": "2026-05-31", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert "150,00" in pdf_text(pdf)


def test_the_desk_page_makes_the_same_queries_for_many_receipts(client_for, librarian, price_list,
                                                               django_assert_max_num_queries):
    client = client_for(librarian)
    readers = [make_reader(user=UserFactory(username=f"payer{n}"), card_number=f"20267780{n:02d}")
               for n in range(12)]
    for one in readers:
        services.paid_service_record(reader=one, service=price_list.items.first(), quantity=1, by=librarian)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("circulation:paid_desk"), {"card": readers[0].card_number}).status_code == 200
