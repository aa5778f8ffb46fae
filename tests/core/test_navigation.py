"""Issue 14.1: the apps' contributions to the navigation. Each role's staff home lists the queues of its work with
counts of real rows, every link and queue leads to a page that admits the person it is shown to, the header holds
each role's main tools, and the admin index follows the procedure's order with each section's work pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts import roles
from core.navigation import SECTIONS, registry, view_rule
from tests.factories import UserFactory, library_department

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


PERSONAS = ("reader", "department_head", "librarian", "cataloguer", "acquisitions_librarian", "storage_librarian",
            "digital_librarian", "analytics_librarian", "director", "vice_rector", "sysadmin", "operator", "superuser")


def _queues(client) -> dict[str, int]:
    response = client.get(reverse("core:workbench"))
    assert response.status_code == 200
    return {queue.key: queue.count for block in response.context["blocks"] for queue in block.queues}


# --- The registry names pages that exist -------------------------------------------------------------------------


def test_every_registered_link_and_queue_names_a_url_without_arguments():
    entries = [*registry.links.values(), *registry.queues.values()]
    assert len(entries) > 40
    for entry in entries:
        assert reverse(entry.url_name).startswith("/"), entry.key
        view_rule(entry.url_name)  # resolves, or raises ImproperlyConfigured naming the entry's URL


def test_every_domain_app_puts_its_admin_registers_in_its_section():
    expected = {"planning": "5.1", "acquisitions": "5.2", "cataloguing": "5.3", "catalogue_search": "5.3",
                "digital_library": "5.4", "antiplagiarism": "5.4", "circulation": "5.5", "storage": "5.6",
                "risks": "6", "forms_registry": "reports", "accounts": "admin", "auth": "admin", "axes": "admin",
                "auditlog": "admin", "core": "admin"}
    assert {label: registry.section_of_app(label).key for label in expected} == expected


def test_queue_counts_use_no_literal_status_in_their_links():
    # The changelist filters are built from the apps' choices: a renamed status would show here as a dead filter.
    for queue in registry.queues.values():
        query = queue.query() if callable(queue.query) else queue.query
        for pair in filter(None, query.split("&")):
            _field, _sep, value = pair.partition("=")
            assert value, (queue.key, pair)


# --- Each role's links and queues lead to pages that admit it ----------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_link_or_queue_shown_to_a_role_is_refused_to_it(request, client_for, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    urls = {entry.url for entry in registry.links_for(user)}
    urls |= {entry.url for entry in registry.links_for(user, header=True)}
    urls |= {entry.url for entry in registry.links_for(user, dashboard=True)}
    urls |= {entry.url for entry in registry.queues_for(user)}
    for url in sorted(urls):
        response = client.get(url)
        assert response.status_code in (200, 302), (persona, url, response.status_code)
        if response.status_code == 302:
            assert not response["Location"].startswith(LOGIN), (persona, url)
        # An admin changelist given a filter it cannot apply redirects with ?e=1 instead of filtering.
        assert "e=1" not in response.get("Location", ""), (persona, url)


# --- The header: each role's main tools ---------------------------------------------------------------------------

HEADER = {
    "reader": ["catalogue_search:search", "eresources:list", "exhibitions:list", "circulation:cabinet",
               "surveys:my_surveys"],
    "department_head": ["catalogue_search:search", "eresources:list", "exhibitions:list", "accounts:department"],
    "operator": ["catalogue_search:search", "eresources:list", "exhibitions:list", "accounts:cabinet",
                 "antiplagiarism:checks"],
    "librarian": ["catalogue_search:search", "eresources:list", "core:workbench", "exhibitions:list",
                  "circulation:desk", "forms_registry:reports", "admin:index"],
    "acquisitions_librarian": ["catalogue_search:search", "eresources:list", "core:workbench", "exhibitions:list",
                               "acquisitions:review", "forms_registry:reports", "admin:index"],
    "director": ["catalogue_search:search", "eresources:list", "core:workbench", "exhibitions:list",
                 "acquisitions:review", "forms_registry:reports", "planning:kpi", "admin:index"],
    "vice_rector": ["catalogue_search:search", "eresources:list", "core:workbench", "exhibitions:list",
                    "acquisitions:order_list", "forms_registry:reports", "planning:kpi", "admin:index"],
    "sysadmin": ["catalogue_search:search", "eresources:list", "core:workbench", "exhibitions:list",
                 "forms_registry:reports", "planning:kpi", "admin:index"],
    "cataloguer": ["catalogue_search:search", "eresources:list", "core:workbench", "exhibitions:list",
                   "forms_registry:reports", "admin:index"],
}


@pytest.mark.parametrize(("persona", "names"), HEADER.items())
def test_header_holds_the_main_tools_of_each_role(request, client, persona, names):
    user = request.getfixturevalue(persona)
    client.force_login(user, backend="accounts.backends.EmailOrReaderCardBackend")
    shown = [url for _label, url in client.get(reverse("catalogue_search:search")).context["nav_links"]]
    assert shown == [reverse(name) for name in names]


def test_department_page_lists_the_heads_web_forms_and_not_the_udc_page_it_would_refuse(client_for,
                                                                                      department_head):
    places = [url for _label, url in client_for(department_head).get(reverse("accounts:department")).context["places"]]
    assert places == [reverse("acquisitions:request_list"), reverse("acquisitions:provision"),
                      reverse("digital_library:scanning_requests"), reverse("circulation:exhibition_requests"),
                      reverse("circulation:exhibition_request_new"), reverse("circulation:literacy_plan"),
                      reverse("circulation:class_bookings"), reverse("circulation:class_booking_new"),
                      reverse("circulation:info_requests")]
    assert reverse("cataloguing:udc") not in places


def test_reports_page_lists_the_rare_editions_for_book_storage_only(client_for, storage_librarian, director):
    response = client_for(storage_librarian).get(reverse("forms_registry:reports"))
    keeper_urls = [url for _label, url in response.context["dashboards"]]
    assert reverse("digital_library:rare_editions") in keeper_urls
    assert reverse("planning:kpi") not in keeper_urls


# --- The queues of each role count real rows ---------------------------------------------------------------------

# The information services' queues, on the homes of the service and information-analytical librarians.
OUTREACH_QUEUES_EMPTY = {"circulation.exhibition_requests_open": 0, "circulation.class_bookings_open": 0,
                         "circulation.info_requests_open": 0}


def test_acquisitions_queues_follow_requests_orders_and_receipts(client_for, acquisitions_librarian,
                                                                 department_head, vice_rector):
    from acquisitions import services
    from acquisitions.constants import RequestKind
    from tests.acquisitions.factories import catalogue_record, purchase_request, receive

    client = client_for(acquisitions_librarian)
    assert _queues(client) == {"acquisitions.to_review": 0, "acquisitions.at_vice_rector": 0,
                               "acquisitions.to_procurement": 0, "acquisitions.receipts_in_processing": 0,
                               "acquisitions.write_offs_handed_over": 0, "cataloguing.slips_to_accept": 0}
    purchase_request(head=department_head, titles=(("Python", "Ахметов А.", 5), ("Django", "Омаров Б.", 3)))
    purchase_request(head=department_head, submit=False)  # a draft is not the library's yet
    assert _queues(client)["acquisitions.to_review"] == 1

    order = services.order_build(kind=RequestKind.PURCHASE, user=acquisitions_librarian)
    counts = _queues(client)
    assert (counts["acquisitions.to_review"], counts["acquisitions.at_vice_rector"]) == (0, 1)
    assert _queues(client_for(vice_rector)) == {"acquisitions.orders_to_agree": 1, "planning.plans_to_approve": 0}

    services.order_agree(order=order, user=vice_rector)
    counts = _queues(client_for(acquisitions_librarian))
    assert (counts["acquisitions.at_vice_rector"], counts["acquisitions.to_procurement"]) == (0, 1)

    receive(acquisitions_librarian, (catalogue_record(), 2, "1500", "inventory"))
    assert _queues(client)["acquisitions.receipts_in_processing"] == 1


def test_cataloguing_queues_follow_copies_in_processing_udc_requests_and_slips(client_for, cataloguer, librarian,
                                                                              reader):
    from cataloguing.constants import ItemStatus, WorkType
    from cataloguing.services import transfer_slip_create, udc_request_submit
    from tests.cataloguing.factories import make_item, make_record

    client = client_for(cataloguer)
    before = _queues(client)
    assert set(before) == {"cataloguing.flagged", "cataloguing.quality", "cataloguing.to_process",
                           "cataloguing.to_hand_over", "cataloguing.udc_open", "cataloguing.slips_to_accept"}
    make_record(udc="")  # a record the cataloguer has still to give its UDC index
    record = make_record(udc="622.276")
    make_item(record)
    stamped = make_item(record, stamped=True)  # stamped at receipt: its technical processing is still to do
    processed = make_item(record, stamped=True, processed_on=timezone.localdate())
    make_item(record, status=ItemStatus.ON_SHELF, stamped=True, processed_on=timezone.localdate())  # nobody's work
    udc_request_submit(requester=reader, authors="Ахметов А.", work_type=WorkType.ARTICLE, title="Жер қойнауы")
    after = _queues(client)
    assert after["cataloguing.quality"] == before["cataloguing.quality"] + 1
    assert after["cataloguing.to_process"] == before["cataloguing.to_process"] + 2
    assert after["cataloguing.to_hand_over"] == before["cataloguing.to_hand_over"] + 1
    assert after["cataloguing.udc_open"] == before["cataloguing.udc_open"] + 1

    desk = client_for(librarian)
    assert _queues(desk)["cataloguing.slips_to_accept"] == 0
    assert stamped.processed_on is None
    transfer_slip_create(items=[processed], to_department=library_department("service"), user=cataloguer)
    assert _queues(desk)["cataloguing.slips_to_accept"] == 1
    assert _queues(client_for(cataloguer))["cataloguing.to_hand_over"] == before["cataloguing.to_hand_over"]


def test_desk_queues_count_holds_overdue_loans_and_ill_requests(client_for, librarian):
    from circulation.constants import DeliveryKind, ReservationStatus
    from circulation.models import Loan, Reservation
    from circulation.services import ill_request_create
    from tests.circulation.factories import make_item, make_reader

    client = client_for(librarian)
    assert _queues(client) == {"circulation.holds": 0, "circulation.overdue": 0, "circulation.ill_new": 0,
                               "cataloguing.slips_to_accept": 0, **OUTREACH_QUEUES_EMPTY}
    reader = make_reader()
    now = timezone.now()
    held, expired, lent, due, lost = (make_item() for _ in range(5))
    Reservation.objects.create(reader=reader, record=held.record, item=held, status=ReservationStatus.ACTIVE,
                               held_at=now, expires_at=now + dt.timedelta(hours=20))
    Reservation.objects.create(reader=reader, record=expired.record, item=expired, status=ReservationStatus.ACTIVE,
                               held_at=now - dt.timedelta(days=2), expires_at=now - dt.timedelta(days=1))
    today = timezone.localdate()
    Loan.objects.create(reader=reader, item=lent, due_on=today - dt.timedelta(days=3))
    Loan.objects.create(reader=reader, item=due, due_on=today)  # due today: not overdue yet
    Loan.objects.create(reader=reader, item=lost, due_on=today - dt.timedelta(days=3), lost=True)
    ill_request_create(reader=reader, kind=DeliveryKind.ILL, title="Геология")
    assert _queues(client) == {"circulation.holds": 1, "circulation.overdue": 1, "circulation.ill_new": 1,
                               "cataloguing.slips_to_accept": 0, **OUTREACH_QUEUES_EMPTY}


def test_storage_queues_count_slips_rooms_without_todays_reading_and_weeding_lists(client_for, storage_librarian,
                                                                                    cataloguer):
    from cataloguing.services import transfer_slip_create
    from storage.constants import WeedingRule
    from storage.models import ConditionReading, WeedingList
    from tests.cataloguing.factories import make_item, make_record
    from tests.storage.factories import RoomFactory

    client = client_for(storage_librarian)
    before = _queues(client)
    assert set(before) == {"storage.slips_to_accept", "storage.readings_due", "storage.weeding"}
    read, unread = RoomFactory(), RoomFactory()
    ConditionReading.objects.create(room=read, measured_at=timezone.now(), temperature=Decimal("18.0"),
                                    humidity=Decimal("55.0"))
    ConditionReading.objects.create(room=unread, measured_at=timezone.now() - dt.timedelta(days=1),
                                    temperature=Decimal("18.0"), humidity=Decimal("55.0"))
    WeedingList.objects.create(rule=WeedingRule.WORN, created_by=storage_librarian)
    transfer_slip_create(items=[make_item(make_record())], to_department=library_department("storage"),
                         user=cataloguer)
    after = _queues(client)
    assert after["storage.readings_due"] == before["storage.readings_due"] + 1
    assert after["storage.weeding"] == before["storage.weeding"] + 1
    assert after["storage.slips_to_accept"] == before["storage.slips_to_accept"] + 1


def test_digital_queues_count_scanning_requests_and_embargoes_ending_within_the_window(client_for,
                                                                                      digital_librarian,
                                                                                      department_head):
    from digital_library.choices import ScanningStatus
    from digital_library.models import ScanningRequest
    from digital_library.services import scanning_request_submit
    from tests.digital_library.factories import digital_file

    client = client_for(digital_librarian)
    before = _queues(client)
    assert set(before) == {"digital_library.scanning_open", "digital_library.embargoes_ending",
                           "digital_library.account_requests", "digital_library.system_requests",
                           "cataloguing.slips_to_accept", "antiplagiarism.to_accept",
                           "equipment.maintenance_overdue"}
    scanning_request_submit(requested_by=department_head, material="Геология, 1-тарау")
    refused = scanning_request_submit(requested_by=department_head, material="Физика")
    ScanningRequest.objects.filter(pk=refused.pk).update(status=ScanningStatus.REJECTED)
    today = timezone.localdate()
    for days in (0, 10, 30, 31):
        digital_file(user=digital_librarian, embargo_until=today + dt.timedelta(days=days))
    after = _queues(client)
    assert after["digital_library.scanning_open"] == before["digital_library.scanning_open"] + 1
    assert after["antiplagiarism.to_accept"] == before["antiplagiarism.to_accept"]
    assert after["digital_library.embargoes_ending"] == before["digital_library.embargoes_ending"] + 2


def test_director_sees_the_approvals_waiting(client_for, director, acquisitions_librarian):
    from acquisitions.constants import WriteOffReason
    from acquisitions.models import WriteOffAct, WriteOffActStatus
    from circulation.models import PriceList
    from planning.constants import PlanStatus
    from planning.models import WorkPlan
    from risks.constants import MeasureStatus
    from risks.models import Risk, RiskMeasure

    client = client_for(director)
    before = _queues(client)
    assert set(before) == {"acquisitions.write_offs_to_approve", "planning.plans_to_approve",
                           "planning.regulations_revision_overdue", "risks.measures_overdue",
                           "equipment.requests_open", "circulation.price_lists_to_approve"}
    today = timezone.localdate()
    WriteOffAct.objects.create(year=2026, number=901, drawn_on=today, reason=WriteOffReason.WORN,
                               created_by=acquisitions_librarian)
    WriteOffAct.objects.create(year=2026, number=902, drawn_on=today, reason=WriteOffReason.WORN,
                               created_by=acquisitions_librarian, status=WriteOffActStatus.APPROVED)
    WorkPlan.objects.create(department=library_department("service"), year=2031, status=PlanStatus.AT_DIRECTOR)
    PriceList.objects.create(title="Прейскурант", valid_from=today)  # a draft waiting for the director
    WorkPlan.objects.create(department=library_department("storage"), year=2031, status=PlanStatus.APPROVED)
    WorkPlan.objects.create(department=library_department("cataloguing"), year=2031)  # a draft, with its author
    risk = Risk.objects.first() or Risk.objects.create(code="9.9", subprocess="5.1", title_kk="Тәуекел",
                                                       consequence_kk="Салдары", impact=1,
                                                       owner=library_department("service"))
    RiskMeasure.objects.create(risk=risk, description_kk="Шара", deadline=today - dt.timedelta(days=1))
    RiskMeasure.objects.create(risk=risk, description_kk="Шара", deadline=today - dt.timedelta(days=1),
                               status=MeasureStatus.DONE)
    RiskMeasure.objects.create(risk=risk, description_kk="Шара", deadline=today)
    after = _queues(client)
    assert {key: after[key] - before[key] for key in after} == {
        "acquisitions.write_offs_to_approve": 1, "planning.plans_to_approve": 1,
        "planning.regulations_revision_overdue": 0, "risks.measures_overdue": 1, "equipment.requests_open": 0,
        "circulation.price_lists_to_approve": 1}


@pytest.mark.parametrize(("persona", "keys"), [
    ("analytics_librarian", {"cataloguing.slips_to_accept", *OUTREACH_QUEUES_EMPTY}),
    ("sysadmin", {"digital_library.account_requests", "digital_library.system_requests",
                  "storage.slips_to_accept", "antiplagiarism.to_accept"}),
])
def test_other_roles_see_only_their_queues(request, client_for, persona, keys):
    assert set(_queues(client_for(request.getfixturevalue(persona)))) == keys


def test_readers_heads_and_operators_have_no_staff_home(client_for, reader, department_head, operator):
    for user in (reader, department_head, operator):
        assert registry.queues_for(user) == []
        assert client_for(user).get(reverse("core:workbench")).status_code == 403


# --- The admin index: the procedure's order, each section's work pages beside its registers ----------------------


def test_admin_index_groups_registers_in_the_procedures_order_with_the_work_pages(client_for, director):
    response = client_for(director).get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    anchors = [f'id="section-{slugify(section.key)}"' for section in SECTIONS]
    shown = [anchor for anchor in anchors if anchor in html]
    assert shown == anchors  # the director reads every register: every section, in the procedure's order
    positions = [html.find(anchor) for anchor in shown]
    assert positions == sorted(positions)
    # The director's work pages of 5.2 (review, write-off acts) and the dashboards stand in their sections.
    for name in ("acquisitions:review", "acquisitions:write_off_list", "risks:matrix", "planning:kpi"):
        assert f'href="{reverse(name)}"' in html, name


def test_digital_librarian_has_the_finished_checks_to_accept_into_the_collection(client_for, operator, department):
    from antiplagiarism.models import Check
    from tests.antiplagiarism.factories import AccessCodeFactory

    librarian = UserFactory(username="digital2", roles=[roles.LIBRARIAN_DIGITAL])
    code = AccessCodeFactory(operator=operator, department=department)
    for status in (Check.Status.DONE, Check.Status.RUNNING):
        Check.objects.create(operator=operator, access_code=code, department=department, title="Жұмыс",
                             author="Сейтқали А.", work_type=Check.WorkType.BACHELOR, file="works/w.txt",
                             original_filename="w.txt", status=status, text="Мәтін")
    client = client_for(librarian)
    assert _queues(client)["antiplagiarism.to_accept"] == 1
    queue = next(q for q in registry.queues_for(librarian) if q.key == "antiplagiarism.to_accept")
    assert len(client.get(queue.url).context["cl"].result_list) == 1
