"""Pages offer a step only in the status whose rule (a model property, shared with the service) allows it."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from acquisitions import services
from acquisitions.constants import LanguageGroup, RequestKind, SubscriptionPeriod, WriteOffReason
from acquisitions.models import BookExport, BookExportStatus, StocktakingSession, Subscription
from cataloguing.models import Item

from .factories import catalogue_record, purchase_request, receive

pytestmark = pytest.mark.django_db


def _order_page(client, order) -> str:
    return client.get(reverse("acquisitions:order_detail", args=[order.pk])).content.decode()


def test_order_offers_agreement_while_a_draft_and_sending_once_agreed(
    client_for, department_head, acquisitions_librarian, vice_rector
):
    purchase_request(head=department_head)
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    agree, send = (reverse(f"acquisitions:order_{step}", args=[order.pk]) for step in ("agree", "send"))
    page = _order_page(client_for(vice_rector), order)
    assert agree in page
    services.order_agree(order=order, user=vice_rector)
    assert agree not in _order_page(client_for(vice_rector), order)
    page = _order_page(client_for(acquisitions_librarian), order)
    assert send in page
    services.order_send_to_procurement(order=order, user=acquisitions_librarian)
    assert send not in _order_page(client_for(acquisitions_librarian), order)


def test_order_line_offers_ordered_in_procurement_and_no_refusal_once_closed(
    client_for, department_head, acquisitions_librarian, vice_rector
):
    purchase_request(head=department_head)
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    services.order_agree(order=order, user=vice_rector)
    services.order_send_to_procurement(order=order, user=acquisitions_librarian)
    line = order.lines.get()
    ordered, refuse = (reverse("acquisitions:order_line_action", args=[line.pk, action])
                       for action in ("ordered", "refuse"))
    client = client_for(acquisitions_librarian)
    page = _order_page(client, order)
    assert ordered in page
    assert refuse in page
    services.order_line_refuse(order_line=line, reason="Out of print", user=acquisitions_librarian)
    page = _order_page(client, order)
    assert ordered not in page
    assert refuse not in page


def test_closed_inspection_offers_to_write_off_the_missing_copies_as_lost(client_for, acquisitions_librarian):
    receive(acquisitions_librarian, (catalogue_record(), 1, "100", "inventory"))
    client = client_for(acquisitions_librarian)
    client.post(reverse("acquisitions:stocktaking_list"), {"basis": "Бұйрық № 12"})
    session = StocktakingSession.objects.get()
    url = reverse("acquisitions:stocktaking_detail", args=[session.pk])
    assert 'name="close"' in client.get(url).content.decode()
    client.post(url, {"close": "1"})
    page = client.get(url).content.decode()
    number = Item.objects.get().inventory_number
    write_off = reverse("acquisitions:write_off_create") + "?" + urlencode(
        {"reason": WriteOffReason.LOST, "numbers": number})
    assert write_off.replace("&", "&amp;") in page
    assert 'name="close"' not in page


@pytest.mark.parametrize(("status", "finished"), [
    (BookExportStatus.QUEUED, False), (BookExportStatus.RUNNING, False),
    (BookExportStatus.DONE, True), (BookExportStatus.FAILED, True),
])
def test_book_export_page_follows_an_export_until_it_is_finished(
    client_for, acquisitions_librarian, status, finished
):
    export = BookExport.objects.create(form_code="607-13", status=status, requested_by=acquisitions_librarian)
    client = client_for(acquisitions_librarian)
    assert client.get(reverse("acquisitions:book_export_status", args=[export.pk])).json()["finished"] is finished
    page = client.get(reverse("acquisitions:book_exports")).content.decode()
    assert f'data-finished="{str(finished).lower()}"' in page


def test_agreed_subscription_order_makes_the_consolidated_subscription_from_its_page(
    client_for, department_head, acquisitions_librarian, vice_rector
):
    request = services.request_create(
        department=department_head.academic_department, kind=RequestKind.SUBSCRIPTION, academic_year=2026,
        created_by=department_head, lines=[{"title": "Егемен Қазақстан", "language": LanguageGroup.KAZAKH,
                                            "period": SubscriptionPeriod.YEAR, "subscription_index": "65001",
                                            "issues_per_year": 250, "copies_requested": 2}])
    services.request_submit(request=request, user=department_head)
    order = services.order_build(kind=RequestKind.SUBSCRIPTION, user=acquisitions_librarian)
    make = reverse("acquisitions:order_subscriptions", args=[order.pk])
    client = client_for(acquisitions_librarian)
    assert make not in _order_page(client, order)  # not before the vice-rector agrees it
    services.order_agree(order=order, user=vice_rector)
    assert make in _order_page(client, order)
    client.post(make, {"year": "2027"})
    client.post(make, {"year": "2027"})  # again: nothing doubled
    subscription = Subscription.objects.get()
    assert (subscription.year, subscription.copies, subscription.issues.count()) == (2027, 2, 250)


def test_only_the_acquisitions_librarian_makes_the_subscription(client_for, department_head, acquisitions_librarian):
    purchase_request(head=department_head)
    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    make = reverse("acquisitions:order_subscriptions", args=[order.pk])
    assert client_for(department_head).post(make, {"year": "2027"}).status_code == 403
