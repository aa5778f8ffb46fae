"""The fund pages: stocktaking by scanner or file, write-off approval, receipt entry, usage import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from acquisitions.models import InventoryEntry, Receipt, StocktakingSession, UsageFigure, WriteOffAct
from cataloguing.models import Item

from .factories import catalogue_record, contract, receive

pytestmark = pytest.mark.django_db


def test_stocktaking_by_scanner_and_by_file(client_for, acquisitions_librarian):
    receive(acquisitions_librarian, (catalogue_record(), 3, "100", "inventory"))
    barcodes = list(Item.objects.order_by("barcode").values_list("barcode", flat=True))
    client = client_for(acquisitions_librarian)
    client.post(reverse("acquisitions:stocktaking_list"), {"basis": "Бұйрық № 12"})
    session = StocktakingSession.objects.get()
    url = reverse("acquisitions:stocktaking_detail", args=[session.pk])
    client.post(url, {"barcodes": barcodes[0]})
    client.post(url, {"barcodes": "", "file": SimpleUploadedFile("scans.txt", f"{barcodes[1]}\n".encode())})
    client.post(url, {"close": "1"})
    session.refresh_from_db()
    assert session.status == "closed"
    assert session.scans.count() == 2
    page = client.get(url).content.decode()
    assert barcodes[2] in page  # the missing copy is listed


def test_write_off_is_approved_by_the_director_only(client_for, acquisitions_librarian, director):
    receive(acquisitions_librarian, (catalogue_record(), 2, "100", "inventory"))
    number = Item.objects.first().inventory_number
    client_for(acquisitions_librarian).post(reverse("acquisitions:write_off_create"), {
        "reason": "worn", "drawn_on": "2026-05-01", "inventory_numbers": number})
    act = WriteOffAct.objects.get()
    url = reverse("acquisitions:write_off_approve", args=[act.pk])
    assert client_for(acquisitions_librarian).post(url).status_code == 403
    client_for(director).post(url)
    act.refresh_from_db()
    assert act.is_approved
    assert InventoryEntry.objects.get(item__inventory_number=number).write_off_act == act


def test_receipt_is_entered_through_the_page(client_for, acquisitions_librarian):
    record = catalogue_record(isbn="9786010000025")
    data = {"source": "purchase", "received_on": "2026-03-02", "contract": contract().pk, "document": "ШФ 7",
            "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0", "lines-MIN_NUM_FORMS": "1",
            "lines-MAX_NUM_FORMS": "1000", "lines-0-record": "978-601-00-0002-5", "lines-0-copies": "2",
            "lines-0-price": "3500", "lines-0-accounting": "inventory"}
    response = client_for(acquisitions_librarian).post(reverse("acquisitions:receipt_create"), data)
    assert response.status_code == 302
    assert Receipt.objects.get().received_on == dt.date(2026, 3, 2)
    assert Item.objects.filter(record=record).count() == 2


def test_department_head_cannot_enter_receipts(client_for, department_head):
    assert client_for(department_head).get(reverse("acquisitions:receipt_create")).status_code == 403


def test_vendor_usage_statistics_import_from_csv():
    import tablib

    from acquisitions.models import LicensedDatabase
    from acquisitions.resources import UsageFigureResource

    LicensedDatabase.objects.create(name="Web of Science", provider="Clarivate", basis="Ұлттық жазылым",
                                    access_from=dt.date(2026, 1, 1), access_to=dt.date(2026, 12, 31),
                                    access_model="ip")
    csv = "database,month,sessions,searches,downloads\nWeb of Science,2026-01-01,410,1200,380\n"
    dataset = tablib.Dataset().load(csv, format="csv")
    result = UsageFigureResource().import_data(dataset, dry_run=False)
    assert not result.has_errors()
    assert UsageFigure.objects.get().downloads == 380
    # The same month again updates, never duplicates.
    UsageFigureResource().import_data(tablib.Dataset().load(csv.replace("380", "390"), format="csv"), dry_run=False)
    assert UsageFigure.objects.get().downloads == 390


def test_holdings_endpoint_shows_what_the_library_holds(client_for, department_head, acquisitions_librarian,
                                                        django_capture_on_commit_callbacks):
    # The look-up is the catalogue's search, whose index follows cataloguing once its transactions commit.
    with django_capture_on_commit_callbacks(execute=True):
        record = catalogue_record("Сызықтық алгебра")
        receive(acquisitions_librarian, (record, 4, "100", "inventory"))
    data = client_for(department_head).get(reverse("acquisitions:holdings"), {"q": "Сызықтық"}).json()
    assert data["results"][0]["title"] == "Сызықтық алгебра"
    assert data["results"][0]["copies"] == 4


def test_periodical_arrivals_list_missing_issues_for_a_claim(acquisitions_librarian):
    from acquisitions import selectors, services
    from acquisitions.models import Periodical, Subscription

    periodical = Periodical.objects.create(title="Химия журналы", subscription_index="75230", language="rus",
                                           issues_per_year=6)
    subscription = Subscription.objects.create(periodical=periodical, year=2026, period="h1", copies=1)
    assert services.subscription_expect_issues(subscription=subscription) == 3
    assert services.subscription_expect_issues(subscription=subscription) == 0
    first = subscription.issues.get(number=1)
    services.issue_receive(issue=first, received_on=dt.date(2026, 1, 20))
    missing = list(selectors.issues_to_claim(dt.date(2026, 4, 1), subscription))
    assert [issue.number for issue in missing] == [2]
    assert [issue.expected_on for issue in subscription.issues.all()] == [
        dt.date(2026, 1, 1), dt.date(2026, 3, 2), dt.date(2026, 5, 1)]


def test_defect_act_is_drawn_up_in_the_admin_with_the_next_number(client_for, sysadmin):
    from acquisitions.models import DefectAct

    sysadmin.is_staff = sysadmin.is_superuser = True
    sysadmin.save()
    data = {"kind": "fund", "drawn_on": "2026-04-02", "commission": "", "conclusion": "Жөндеуге",
            "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0", "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "1000", "lines-0-description": "Қасымов Қ. Жоғары математика, 2023",
            "lines-0-quantity_invoiced": "0", "lines-0-quantity_received": "0", "lines-0-quantity_defective": "1",
            "lines-0-defect": "түптемесі бұзылған", "lines-0-price": "0"}
    response = client_for(sysadmin).post(reverse("admin:acquisitions_defectact_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    act = DefectAct.objects.get()
    assert (act.year, act.number, act.created_by, act.lines.count()) == (2026, 1, sysadmin, 1)


def test_missing_issues_are_claimed_from_the_admin(client_for, sysadmin):
    from freezegun import freeze_time

    from acquisitions import services
    from acquisitions.models import Periodical, Subscription

    sysadmin.is_staff = sysadmin.is_superuser = True
    sysadmin.save()
    periodical = Periodical.objects.create(title="Химия журналы", subscription_index="75230", language="rus",
                                           issues_per_year=6)
    subscription = Subscription.objects.create(periodical=periodical, year=2026, period="h1", copies=1)
    services.subscription_expect_issues(subscription=subscription)
    services.issue_receive(issue=subscription.issues.get(number=1), received_on=dt.date(2026, 1, 20))
    with freeze_time("2026-06-15"):
        client_for(sysadmin).post(reverse("admin:acquisitions_subscription_changelist"),
                                  {"action": "claim_missing", "_selected_action": [subscription.pk]})
    claimed = dict(subscription.issues.values_list("number", "claimed_on"))
    assert claimed == {1: None, 2: dt.date(2026, 6, 15), 3: dt.date(2026, 6, 15)}
