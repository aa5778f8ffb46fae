"""Issue 19.5, query counts guarded: a list costs the same number of queries whatever the number of its rows.

Every admin changelist (the whole admin registry, as the superuser, and the most used registers also as the role
that works in them) and every main page is fetched with N rows, then again with 3N rows, under pytest-django's
`django_assert_max_num_queries`: the first fetch within the page's budget, the second within the first's count.
A query per row (an N+1: a related row read for each line, a count per line) makes the second fetch fail.

The admin's rows are made by model_bakery for every registered model (with the optional fields filled, so a
nullable relation shown in a column is there to be read); the pages' rows by the apps' services and the tests'
factories (tests/core/query_data.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse
from model_bakery import baker

from digital_library.choices import LegalBasis

N = 1  # rows made first; then 2N more, so the second fetch shows 3N
ADMIN_BUDGET = 15  # session, user, count, rows, filters' choices, the user's permissions…

# Values model_bakery cannot guess that a named constraint requires (a random value breaks it).
ROW_VALUES: dict[str, dict] = {
    # one row a day (a generator: each row made takes the next day)
    "website.SiteVisitDay": {"day": (dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in itertools.count())},
    "antiplagiarism.Check": {"originality": 8150},  # a share in hundredths of a percent, at most 10 000
    "circulation.Loan": {"reservation": None},  # an active reservation needs its held item and expiry
    # a file kept under a licence names it
    "digital_library.DigitalFile": {"legal_basis": LegalBasis.AUTHOR_AGREEMENT},
    "digital_library.FileUploadLog": {"digital_file__legal_basis": LegalBasis.AUTHOR_AGREEMENT},
    "digital_library.ScanningRequest": {"result_file__legal_basis": LegalBasis.AUTHOR_AGREEMENT},
    "digital_library.UsageEvent": {"digital_file__legal_basis": LegalBasis.AUTHOR_AGREEMENT},
    # a unit in service has no write-off date; only a scale question counts for satisfaction
    "equipment.Equipment": {"state": "in_service", "written_off_on": None},
    "equipment.MaintenancePlan": {"equipment__state": "in_service", "equipment__written_off_on": None},
    "equipment.MaintenanceRecord": {"equipment__state": "in_service", "equipment__written_off_on": None,
                                    "plan__equipment__state": "in_service", "plan__equipment__written_off_on": None},
    "surveys.Question": {"kind": "scale"},
    # a receipt's sum is its quantity times its price
    "circulation.RenderedService": {"quantity": 3, "unit_price": Decimal("20.00"), "amount": Decimal("60.00")},
    # a certificate expires after it is obtained, a regulation is revised after its approval
    "planning.StaffCertificate": {"completed_on": dt.date(2026, 3, 1), "valid_until": dt.date(2027, 3, 1)},
    "planning.LocalRegulation": {"approved_on": dt.date(2025, 3, 1), "revision_due": dt.date(2028, 3, 1)},
}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)

# The registers a role works in every day, opened as that role (its permissions are read on every request).
ROLE_REGISTERS = [
    ("librarian", "circulation.Loan"),
    ("librarian", "circulation.Reader"),
    ("librarian", "circulation.Reservation"),
    ("librarian", "circulation.IllRequest"),
    ("librarian", "circulation.LostItem"),
    ("cataloguer", "cataloguing.BibliographicRecord"),
    ("cataloguer", "cataloguing.Item"),
    ("cataloguer", "cataloguing.UdcRequest"),
    ("cataloguer", "cataloguing.TransferSlip"),
    ("acquisitions_librarian", "acquisitions.Receipt"),
    ("acquisitions_librarian", "acquisitions.InventoryEntry"),
    ("acquisitions_librarian", "acquisitions.AcquisitionRequest"),
    ("acquisitions_librarian", "acquisitions.StatusChange"),
    ("acquisitions_librarian", "acquisitions.WriteOffAct"),
    ("storage_librarian", "storage.ItemPlacement"),
    ("storage_librarian", "storage.ConditionReading"),
    ("storage_librarian", "storage.WeedingCandidate"),
    ("digital_librarian", "digital_library.DigitalFile"),
    ("digital_librarian", "digital_library.ScanningRequest"),
    ("digital_librarian", "digital_library.UsageEvent"),
    ("digital_librarian", "antiplagiarism.Check"),
    ("director", "planning.WorkPlan"),
    ("director", "planning.CouncilMeeting"),
    ("director", "risks.Risk"),
]


def make_rows(model, quantity: int) -> None:
    baker.make(model, _quantity=quantity, _fill_optional=True, **ROW_VALUES.get(model._meta.label, {}))


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def assert_changelist_flat(client, model, django_assert_max_num_queries) -> None:
    """The changelist with N rows within the budget, then with 3N rows within the count it took with N."""
    url = changelist_url(model)
    make_rows(model, N)
    with django_assert_max_num_queries(ADMIN_BUDGET) as first:
        response = client.get(url)
    assert response.status_code == 200
    make_rows(model, 2 * N)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context_data["cl"].result_list) >= 3 * N  # the rows are on the page, not filtered away


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_changelist_queries_do_not_grow_with_rows(model, superuser, client_for,
                                                        django_assert_max_num_queries):
    assert_changelist_flat(client_for(superuser), model, django_assert_max_num_queries)


@pytest.mark.parametrize(("persona", "label"), ROLE_REGISTERS, ids=[f"{p}-{m}" for p, m in ROLE_REGISTERS])
def test_role_register_queries_do_not_grow_with_rows(db, persona, label, request, client_for,
                                                     django_assert_max_num_queries):
    from django.apps import apps

    model = apps.get_model(label)
    assert_changelist_flat(client_for(request.getfixturevalue(persona)), model, django_assert_max_num_queries)


PAGE_BUDGET = 30
# The KPI page computes each indicator of the plan with its own aggregate (a fixed number, whatever the rows).
PAGE_BUDGETS = {"planning:kpi": 100}

# The main pages of each persona: (view name, its arguments from the growing library, its query string).
MAIN_PAGES: dict[str, list[tuple[str, Callable, str]]] = {
    "reader": [
        ("circulation:cabinet", None, ""),
        ("circulation:history", None, ""),
        ("catalogue_search:search", None, "q=геология"),
        ("catalogue_search:record", lambda library: [library.shelf_record.pk], ""),
        ("cataloguing:udc", None, ""),  # the author's own UDC requests
    ],
    "librarian": [
        ("core:workbench", None, ""),
        ("circulation:desk", None, ""),
        ("circulation:desk", None, "card=2026000001"),  # the persona reader's card, with their loans and orders
        ("circulation:desk_readers", None, ""),
    ],
    "cataloguer": [
        ("core:workbench", None, ""),
        ("cataloguing:transfers", None, ""),
    ],
    "acquisitions_librarian": [
        ("core:workbench", None, ""),
        ("acquisitions:review", None, ""),
        ("acquisitions:order_list", None, ""),
        ("acquisitions:receipt_list", None, ""),
        ("acquisitions:write_off_list", None, ""),
        ("acquisitions:provision", None, ""),
        ("acquisitions:stocktaking_list", None, ""),
        ("acquisitions:book_exports", None, ""),
        ("acquisitions:order_detail", lambda library: [library.order.pk], ""),
        ("acquisitions:request_detail", lambda library: [library.request.pk], ""),
    ],
    "storage_librarian": [
        ("core:workbench", None, ""),
        ("storage:conditions", None, ""),
        ("storage:room_conditions", lambda library: [library.room.code], ""),
        ("storage:transfers", None, ""),
    ],
    "digital_librarian": [
        ("core:workbench", None, ""),
        ("digital_library:rare_editions", None, ""),
    ],
    "department_head": [
        ("accounts:department", None, ""),
        ("acquisitions:request_list", None, ""),
        ("digital_library:scanning_requests", None, ""),
        ("digital_library:scanning_request", lambda library: [library.scanning_request.pk], ""),
    ],
    "operator": [
        ("antiplagiarism:checks", None, ""),
        ("antiplagiarism:check", lambda library: [library.check.pk], ""),
        ("accounts:cabinet", None, ""),
    ],
    "director": [
        ("core:workbench", None, ""),
        ("forms_registry:reports", None, ""),
        ("planning:kpi", None, ""),
        ("risks:matrix", None, ""),
    ],
}


def _page_url(library, name: str, args, query: str) -> str:
    url = reverse(name, args=args(library) if args else None)
    return f"{url}?{query}" if query else url


@pytest.mark.parametrize("persona", list(MAIN_PAGES))
def test_main_page_queries_do_not_grow_with_rows(db, persona, request, client_for, django_assert_max_num_queries):
    from tests.core.query_data import GrowingLibrary

    library = GrowingLibrary(request)
    client = client_for(request.getfixturevalue(persona))
    library.grow(N)
    first: dict[str, int] = {}
    for name, args, query in MAIN_PAGES[persona]:
        url = _page_url(library, name, args, query)
        with django_assert_max_num_queries(PAGE_BUDGETS.get(name, PAGE_BUDGET)) as counted:
            response = client.get(url)
        assert response.status_code == 200, url
        first[url] = len(counted.captured_queries)
    library.grow(2 * N)
    for url, count in first.items():
        with django_assert_max_num_queries(count, info=url):
            assert client.get(url).status_code == 200


# -- Slips and lists received set-based ---------------------------------------------------------------------------

def _receipt_lines(count: int, offset: int) -> list:
    """`count` titles of a batch, every other one a multi-copy textbook on a non-inventory card."""
    from acquisitions.constants import Accounting
    from acquisitions.services import ReceiptLineInput
    from tests.acquisitions.factories import catalogue_record

    return [ReceiptLineInput(record=catalogue_record(title=f"Жоғары математика {offset + number}"), copies=3,
                             price=Decimal("4200"),
                             accounting=Accounting.CARD if number % 2 else Accounting.INVENTORY)
            for number in range(count)]


def _receive(user, lines):
    import datetime as dt

    from acquisitions.constants import ReceiptSource
    from acquisitions.services import receipt_create
    from tests.acquisitions.factories import contract

    return receipt_create(received_on=dt.date(2026, 3, 10), source=ReceiptSource.PURCHASE, lines=lines, user=user,
                          contract=contract(), document="ШФ № 112 10.03.2026")


RECEIPT_BUDGET = 40


def test_receipt_of_3n_lines_costs_the_queries_of_n_lines(acquisitions_librarian, django_assert_max_num_queries):
    _receive(acquisitions_librarian, _receipt_lines(2, 0))  # the year's sequences and the contract exist from now
    small, large = _receipt_lines(2 * N, 100), _receipt_lines(6 * N, 200)
    with django_assert_max_num_queries(RECEIPT_BUDGET) as first:
        _receive(acquisitions_librarian, small)
    with django_assert_max_num_queries(len(first.captured_queries)):
        receipt = _receive(acquisitions_librarian, large)
    assert sum(line.copies for line in receipt.lines.all()) == 18 * N
    assert receipt.lines.filter(inventory_entries__isnull=False).distinct().count() == 3 * N


def test_bad_receipt_line_is_refused_by_its_number_and_nothing_is_written(acquisitions_librarian):
    from django.utils import translation

    from acquisitions.exceptions import AcquisitionsError
    from acquisitions.models import InventoryEntry, NonInventoryCard, Receipt
    from cataloguing.models import Item

    lines = _receipt_lines(3, 0)
    lines[1] = dataclasses.replace(lines[1], copies=0)
    before = (Receipt.objects.count(), Item.objects.count(), InventoryEntry.objects.count(),
              NonInventoryCard.objects.count())
    with translation.override("en"), pytest.raises(AcquisitionsError) as refused:
        _receive(acquisitions_librarian, lines)
    assert "Line 2:" in refused.value.message
    assert "Line 1" not in refused.value.message
    assert "Line 3" not in refused.value.message
    assert (Receipt.objects.count(), Item.objects.count(), InventoryEntry.objects.count(),
            NonInventoryCard.objects.count()) == before


def test_copy_already_numbered_refuses_the_whole_receipt(acquisitions_librarian):
    """A row the database refuses (an inventory number a legacy copy already carries) rolls the batch back."""
    from acquisitions.exceptions import AcquisitionsError
    from acquisitions.models import Receipt
    from cataloguing.models import Item
    from tests.circulation.factories import make_item

    lines = _receipt_lines(2, 0)
    card_line = lines[1]
    _receive(acquisitions_librarian, [card_line])
    card_number = card_line.record.non_inventory_card.number
    legacy = make_item(card_line.record)
    Item.objects.filter(pk=legacy.pk).update(inventory_number=f"Б{card_number}-4")  # the card's next copy
    receipts, items = Receipt.objects.count(), Item.objects.count()
    with pytest.raises(AcquisitionsError, match=f"Б{card_number}-4"):
        _receive(acquisitions_librarian, lines)
    assert (Receipt.objects.count(), Item.objects.count()) == (receipts, items)


def _request_lines(count: int, offset: int) -> list[dict]:
    from acquisitions.constants import LanguageGroup, LiteratureKind

    return [{"title": f"Алгоритмдер {offset + number}", "author": "Вирт Н.", "copies_requested": 5,
             "discipline": "Бағдарламалау", "programme": "6B06102", "literature_kind": LiteratureKind.MAIN,
             "language": LanguageGroup.KAZAKH, "students": 40, "publisher": "Фолиант", "year": 2024}
            for number in range(count)]


LIST_BUDGET = 20


def test_request_list_of_3n_lines_is_created_submitted_and_ordered_in_the_queries_of_n(
        department_head, acquisitions_librarian, django_assert_max_num_queries):
    from acquisitions import services
    from acquisitions.constants import RequestKind

    def request_to_order(lines):
        request = services.request_create(department=department_head.academic_department, academic_year=2026,
                                          kind=RequestKind.PURCHASE, created_by=department_head, lines=lines)
        services.request_submit(request=request, user=department_head)
        return services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)

    request_to_order(_request_lines(1, 0))  # the order series exists from now
    with django_assert_max_num_queries(3 * LIST_BUDGET) as first:
        request_to_order(_request_lines(2 * N, 100))
    with django_assert_max_num_queries(len(first.captured_queries)):
        order = request_to_order(_request_lines(6 * N, 200))
    assert order.lines.count() == 6 * N


def test_bad_request_line_is_refused_by_its_number_and_nothing_is_written(department_head):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from acquisitions import services
    from acquisitions.constants import RequestKind, SubscriptionPeriod
    from acquisitions.models import AcquisitionRequest, RequestLine

    lines = [{"title": "Егемен Қазақстан", "language": "kaz", "period": SubscriptionPeriod.YEAR,
              "subscription_index": "65001"},
             {"title": "Ана тілі", "language": "kaz", "period": "h1", "subscription_index": "65002"}]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.request_create(department=department_head.academic_department, kind=RequestKind.SUBSCRIPTION,
                                academic_year=2026, created_by=department_head, lines=lines)
    assert [message[:7] for message in refused.value.messages] == ["Line 2:"]
    assert not AcquisitionRequest.objects.exists()
    assert not RequestLine.objects.exists()


def test_transfer_slip_of_3n_copies_is_shelved_in_the_queries_of_n(storage_librarian, django_assert_max_num_queries):
    from accounts.models import LibraryDepartment
    from cataloguing.services import transfer_slip_create
    from storage.services import transfer_slip_receive
    from tests.storage.factories import RoomFactory, item, location_of, shelf

    room = RoomFactory(code="stack-1")
    shelf("s-5", "5", room)
    shelf("s-62", "62", room)

    def slip_of(count: int):
        copies = [item(udc=("622.2", "517.9")[number % 2], status="processing") for number in range(count)]
        slip = transfer_slip_create(items=copies, user=storage_librarian,
                                    to_department=LibraryDepartment.objects.get(code="storage"),
                                    from_department=LibraryDepartment.objects.get(code="cataloguing"))
        return slip, copies

    small, _copies = slip_of(2 * N)
    large, copies = slip_of(6 * N)
    with django_assert_max_num_queries(LIST_BUDGET) as first:
        transfer_slip_receive(slip=small, room=room, user=storage_librarian)
    with django_assert_max_num_queries(len(first.captured_queries)):
        transfer_slip_receive(slip=large, room=room, user=storage_librarian)
    assert [location_of(copy).code for copy in copies[:2]] == ["s-62", "s-5"]


def test_write_off_act_of_3n_copies_is_approved_in_the_queries_of_n(acquisitions_librarian, director,
                                                                   django_assert_max_num_queries):
    import datetime as dt

    from acquisitions.constants import WriteOffReason
    from acquisitions.services import write_off_act_approve, write_off_act_create
    from cataloguing.constants import ItemStatus
    from cataloguing.models import Item

    def act_of(count: int, offset: int):
        receipt = _receive(acquisitions_librarian, _receipt_lines(count, offset))
        items = Item.objects.filter(inventory_entry__receipt_line__receipt=receipt)
        cards = [(line.card, 2) for line in receipt.lines.filter(card__isnull=False)]
        return write_off_act_create(reason=WriteOffReason.DEFECTIVE, drawn_on=dt.date(2026, 4, 1),
                                    user=acquisitions_librarian, items=list(items), cards=cards)

    small, large = act_of(2 * N, 0), act_of(6 * N, 100)
    with django_assert_max_num_queries(LIST_BUDGET) as first:
        write_off_act_approve(act=small, user=director)
    written_off = Item.objects.filter(status=ItemStatus.WRITTEN_OFF).count()
    with django_assert_max_num_queries(len(first.captured_queries)):
        write_off_act_approve(act=large, user=director)
    # 3N titles in the inventory book (3 copies each) and 3N on cards (2 of their 3 copies listed)
    assert Item.objects.filter(status=ItemStatus.WRITTEN_OFF).count() - written_off == 15 * N


# Tables that grow with the library: a change form never lists their rows in a plain select (a page of every user,
# copy or record), it looks them up (autocomplete or raw id) or shows the row read-only.
LARGE_TABLES = {
    "accounts.User", "cataloguing.BibliographicRecord", "cataloguing.Item", "circulation.Reader", "circulation.Loan",
    "circulation.Reservation", "digital_library.DigitalFile", "storage.Location", "acquisitions.RequestLine",
    "acquisitions.ConsolidatedOrderLine", "acquisitions.NonInventoryCard", "acquisitions.ReceiptLine",
}


def _plain_selects_of_large_tables(model_admin, request) -> list[str]:
    from django.contrib.admin.widgets import AutocompleteSelect, ForeignKeyRawIdWidget, RelatedFieldWidgetWrapper

    found = []
    form = model_admin.get_form(request)
    for name, field in form.base_fields.items():
        related = getattr(getattr(field, "queryset", None), "model", None)
        if related is None or related._meta.label not in LARGE_TABLES:
            continue
        widget = field.widget.widget if isinstance(field.widget, RelatedFieldWidgetWrapper) else field.widget
        if not isinstance(widget, AutocompleteSelect | ForeignKeyRawIdWidget):
            found.append(f"{model_admin.model._meta.label}.{name} lists every {related._meta.label}")
    return found


def test_no_change_form_lists_a_large_table_in_a_plain_select(superuser, rf):
    request = rf.get("/")
    request.user = superuser
    found = []
    for model_admin in admin.site._registry.values():
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
            found += _plain_selects_of_large_tables(model_admin, request)
        for inline in model_admin.get_inline_instances(request):
            if inline.has_add_permission(request, None) or inline.has_change_permission(request):
                formset = inline.get_formset(request)
                found += [f"{inline.model._meta.label}.{name} (inline) lists every {field.queryset.model._meta.label}"
                          for name, field in formset.form.base_fields.items()
                          if name != formset.fk.name
                          and getattr(getattr(field, "queryset", None), "model", None) is not None
                          and field.queryset.model._meta.label in LARGE_TABLES
                          and name not in (*inline.raw_id_fields, *inline.autocomplete_fields)]
    assert not found, "\n".join(found)


def test_subscription_order_of_3n_periodicals_makes_its_subscriptions_in_the_queries_of_n(
        department_head, acquisitions_librarian, vice_rector, django_assert_max_num_queries):
    from acquisitions import services
    from acquisitions.constants import LanguageGroup, RequestKind, SubscriptionPeriod
    from acquisitions.models import PeriodicalIssue, Subscription

    def agreed_order(count: int, offset: int):
        lines = [{"title": f"Егемен Қазақстан {offset + number}", "language": LanguageGroup.KAZAKH,
                  "period": SubscriptionPeriod.YEAR, "subscription_index": str(65000 + offset + number),
                  "issues_per_year": 12, "copies_requested": 2} for number in range(count)]
        request = services.request_create(department=department_head.academic_department, academic_year=2026,
                                          kind=RequestKind.SUBSCRIPTION, created_by=department_head, lines=lines)
        services.request_submit(request=request, user=department_head)
        order = services.order_build(kind=RequestKind.SUBSCRIPTION, user=acquisitions_librarian)
        return services.order_agree(order=order, user=vice_rector)

    small, large = agreed_order(2 * N, 0), agreed_order(6 * N, 100)
    with django_assert_max_num_queries(LIST_BUDGET) as first:
        services.subscriptions_from_order(order=small, year=2027)
    with django_assert_max_num_queries(len(first.captured_queries)):
        services.subscriptions_from_order(order=large, year=2027)
    services.subscriptions_from_order(order=large, year=2027)  # again: nothing doubled
    assert Subscription.objects.count() == 8 * N
    assert PeriodicalIssue.objects.count() == 8 * N * 12
