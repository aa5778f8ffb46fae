"""The cabinet, the catalogue record page with its order button, the desk and the public verification page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from freezegun import freeze_time

from cataloguing.constants import ItemStatus
from circulation.constants import ReservationStatus
from circulation.models import ClearanceCertificate, Loan, Refusal, Reservation
from circulation.services import (
    clearance_issue,
    loan_declare_lost,
    loan_issue,
    loss_replace,
    reservation_create,
    reservation_wait,
)
from tests.circulation.factories import make_item, make_reader

pytestmark = pytest.mark.django_db


def test_reader_lands_on_the_circulation_cabinet(client_for, reader_profile):
    assert client_for(reader_profile.user).get(reverse("core:landing"))["Location"] == reverse("circulation:cabinet")
    body = client_for(reader_profile.user).get(reverse("circulation:cabinet")).content.decode()
    assert reader_profile.card_number in body
    assert reverse("catalogue_search:search") in body


def test_service_librarian_lands_on_the_staff_home_that_leads_to_the_desk(client_for, librarian):
    client = client_for(librarian)
    assert client.get(reverse("core:landing"))["Location"] == reverse("core:workbench")
    assert reverse("circulation:desk") in client.get(reverse("core:workbench")).content.decode()


def test_reader_orders_from_the_record_page_and_sees_the_hold(client_for, reader_profile, item):
    client = client_for(reader_profile.user)
    page = client.get(reverse("catalogue_search:record", args=[item.record_id])).content.decode()
    assert 'id="order-button"' in page
    response = client.post(reverse("circulation:order", args=[item.record_id]))
    assert response.status_code == 302
    cabinet = client.get(reverse("circulation:cabinet")).content.decode()
    assert item.inventory_number in cabinet
    assert Reservation.objects.get().status == ReservationStatus.ACTIVE


def test_order_with_no_copy_shows_the_alternatives(client_for, reader_profile, item):
    reservation_create(reader=make_reader(), record=item.record)
    page = client_for(reader_profile.user).post(reverse("circulation:order", args=[item.record_id])).content.decode()
    assert Refusal.objects.count() == 1
    assert reverse("circulation:order_wait", args=[item.record_id]) in page
    assert reverse("circulation:ill_new") in page


def test_order_refused_offers_the_electronic_version_the_digital_library_holds(client_for, reader_profile, item,
                                                                             digital_librarian):
    from tests.digital_library.factories import digital_file

    reservation_create(reader=make_reader(), record=item.record)
    client = client_for(reader_profile.user)
    e_version = reverse("catalogue_search:record", args=[item.record_id]) + "#panel-e_version"
    assert e_version not in client.post(reverse("circulation:order", args=[item.record_id])).content.decode()
    digital_file(record_=item.record, user=digital_librarian)
    assert e_version in client.post(reverse("circulation:order", args=[item.record_id])).content.decode()


def test_cabinet_shows_an_order_past_its_24_hours_as_expired_before_the_sweep_and_renews_only_a_held_one(
        client_for, reader_profile, item):
    from django.utils import translation

    with freeze_time("2026-10-05 10:00"):
        held = reservation_create(reader=reader_profile, record=item.record)
    waiting = reservation_wait(reader=reader_profile, record=make_item().record)
    client = client_for(reader_profile.user)
    with freeze_time("2026-10-06 10:01"):
        response = client.get(reverse("circulation:cabinet"))
    page = response.content.decode()
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expired, held_label = str(ReservationStatus.EXPIRED.label), str(ReservationStatus.ACTIVE.label)
    held_row = page.split(f'data-order="{held.pk}"')[1].split("</tr>")[0]
    assert expired in held_row
    assert held_label not in held_row
    assert reverse("circulation:order_renew", args=[held.pk]) in page
    assert reverse("circulation:order_renew", args=[waiting.pk]) not in page


def test_replacement_page_offers_the_form_only_while_the_loss_is_open(client_for, librarian, reader_profile, item):
    loss = loan_declare_lost(loan=loan_issue(reader=reader_profile, item=item))
    client = client_for(librarian)
    url = reverse("circulation:desk_replace", args=[loss.pk])
    assert 'name="inventory_number"' in client.get(url).content.decode()
    loss = loss_replace(loss=loss, inventory_number="INV-R-1", barcode="BC-R-1")
    page = client.get(url).content.decode()
    assert 'name="inventory_number"' not in page
    assert f"{loss.act_number}/{loss.act_year}" in page


def test_reader_cannot_renew_another_readers_loan(client_for, reader_profile, item):
    other_loan = loan_issue(reader=make_reader(), item=item)
    response = client_for(reader_profile.user).post(reverse("circulation:loan_renew", args=[other_loan.pk]))
    assert response.status_code == 404


def test_desk_issues_and_takes_back_by_scanning(client_for, librarian, reader_profile, item):
    client = client_for(librarian)
    page = client.get(reverse("circulation:desk"), {"card": reader_profile.card_number}).content.decode()
    assert reader_profile.full_name in page
    with freeze_time("2026-10-05 10:00"):
        client.post(reverse("circulation:desk_scan"), {"card": reader_profile.card_number, "item": item.barcode})
    assert Loan.objects.open().filter(item=item, reader=reader_profile).exists()
    with freeze_time("2026-10-05 10:30"):
        client.post(reverse("circulation:desk_scan"), {"card": reader_profile.card_number, "item": item.barcode})
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_SHELF
    assert not Loan.objects.open().exists()


def test_desk_shows_why_a_reader_is_blocked(client_for, librarian, reader_profile, item):
    from freezegun import freeze_time

    with freeze_time("2026-09-10 10:00"):
        loan_issue(reader=reader_profile, item=item)
    other = make_item()
    with freeze_time("2026-10-20 10:00"):
        client = client_for(librarian)
        page = client.get(reverse("circulation:desk"), {"card": reader_profile.card_number}).content.decode()
        assert 'id="debts"' in page
        why = client.get(reverse("circulation:desk_why"), {"card": reader_profile.card_number, "item": other.barcode})
        assert item.inventory_number in why.content.decode()
        client.post(reverse("circulation:desk_scan"), {"card": reader_profile.card_number, "item": other.barcode})
    assert not Loan.objects.filter(item=other).exists()


def test_reader_cannot_open_the_desk(client_for, reader_profile):
    assert client_for(reader_profile.user).get(reverse("circulation:desk")).status_code == 403


def test_reader_card_pdf_has_the_barcode_and_name(client_for, librarian, reader_profile):
    response = client_for(librarian).get(reverse("circulation:reader_card", args=[reader_profile.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_clearance_certificate_is_verified_on_the_public_page(client, reader_profile):
    certificate = clearance_issue(reader=reader_profile)
    response = client.get(reverse("circulation:verify", args=[certificate.code]))
    assert response.status_code == 200
    assert certificate.full_name in response.content.decode()
    assert client.get(reverse("circulation:verify", args=["NOSUCHCODE"])).status_code == 404


def test_clearance_refused_while_a_book_is_on_loan(client_for, reader_profile, item):
    loan_issue(reader=reader_profile, item=item)
    client_for(reader_profile.user).post(reverse("circulation:clearance_issue"))
    assert not ClearanceCertificate.objects.exists()


def test_clearance_pdf_is_for_its_reader_only(client_for, reader_profile):
    certificate = clearance_issue(reader=reader_profile)
    other = make_reader()
    client = client_for(other.user)
    assert client.get(reverse("circulation:clearance_pdf", args=[certificate.code])).status_code == 403
    client = client_for(reader_profile.user)
    response = client.get(reverse("circulation:clearance_pdf", args=[certificate.code]))
    assert response.content.startswith(b"%PDF")


def test_desk_finds_the_reader_by_the_card_printed_on_the_account_too(reader_profile):
    from circulation.selectors import reader_by_card

    assert reader_by_card(reader_profile.card_number) == reader_profile
    reader_profile.user.reader_card_number = "OLD-CARD-77"
    reader_profile.user.save(update_fields=["reader_card_number"])
    assert reader_by_card("OLD-CARD-77") == reader_profile
    assert reader_by_card("NO-SUCH-CARD") is None


def test_desk_day_figures_count_the_librarys_day_not_utcs(reader_profile):
    """Almaty is UTC+5: a loan at 23:30 UTC belongs to the next day of the library."""
    import datetime as dt

    from freezegun import freeze_time

    from circulation.selectors import day_figures

    with freeze_time("2026-10-05 23:30:00"):  # 04:30 on 6 October in Almaty
        loan_issue(reader=reader_profile, item=make_item())
    assert day_figures(dt.date(2026, 10, 6))["issued"] == 1
    assert day_figures(dt.date(2026, 10, 5))["issued"] == 0


def test_desk_lists_the_days_holds_and_overdue_readers_each_leading_to_the_desk(client_for, librarian, reader_profile,
                                                                               item):
    """The desk's queues lead to its page of readers: the copies to fetch for orders and the readers owing overdue
    copies, each a link to the desk with the reader's card (where issue, return and losses are handled)."""
    reservation_create(reader=reader_profile, record=item.record)
    page = client_for(librarian).get(reverse("circulation:desk_readers"))
    assert [hold.item for hold in page.context["holds"]] == [item]
    assert f"{reverse('circulation:desk')}?card={reader_profile.card_number}" in page.content.decode()
    assert list(page.context["overdue_readers"]) == []


def test_desk_lists_readers_with_overdue_loans_oldest_first(client_for, librarian, reader_profile, item):
    with freeze_time("2026-09-10 10:00"):
        loan_issue(reader=reader_profile, item=item)
    with freeze_time("2026-10-20 10:00"):
        page = client_for(librarian).get(reverse("circulation:desk_readers"))
    (debtor,) = page.context["overdue_readers"]
    assert (debtor, debtor.overdue_count) == (reader_profile, 1)
