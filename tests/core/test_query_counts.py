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

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.urls import reverse
from model_bakery import baker

from digital_library.choices import LegalBasis

N = 1  # rows made first; then 2N more, so the second fetch shows 3N
ADMIN_BUDGET = 15  # session, user, count, rows, filters' choices, the user's permissions…

# Values model_bakery cannot guess that a named constraint requires (a random value breaks it).
ROW_VALUES: dict[str, dict] = {
    "antiplagiarism.Check": {"originality": 8150},  # a share in hundredths of a percent, at most 10 000
    "circulation.Loan": {"reservation": None},  # an active reservation needs its held item and expiry
    # a file kept under a licence names it
    "digital_library.DigitalFile": {"legal_basis": LegalBasis.AUTHOR_AGREEMENT},
    "digital_library.FileUploadLog": {"digital_file__legal_basis": LegalBasis.AUTHOR_AGREEMENT},
    "digital_library.ScanningRequest": {"result_file__legal_basis": LegalBasis.AUTHOR_AGREEMENT},
    "digital_library.UsageEvent": {"digital_file__legal_basis": LegalBasis.AUTHOR_AGREEMENT},
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
def test_role_register_queries_do_not_grow_with_rows(persona, label, request, client_for,
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
    ],
    "storage_librarian": [
        ("core:workbench", None, ""),
        ("storage:conditions", None, ""),
        ("storage:room_conditions", lambda library: [library.room.code], ""),
        ("storage:transfers", None, ""),
    ],
    "digital_librarian": [
        ("core:workbench", None, ""),
    ],
    "department_head": [
        ("accounts:department", None, ""),
        ("acquisitions:request_list", None, ""),
        ("digital_library:scanning_requests", None, ""),
    ],
    "operator": [
        ("antiplagiarism:checks", None, ""),
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
