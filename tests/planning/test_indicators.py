"""Issue 15.2: the indicators of section 7 that had no source, each against a fixture counted by hand, and each
read through its app's own rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from freezegun import freeze_time
from model_bakery import baker

from accounts import roles
from acquisitions.constants import LineStatus
from acquisitions.models import StatusChange
from cataloguing.models import RecordChange
from cataloguing.selectors import card_set_size
from circulation.constants import EventKind, InfoRequestStatus, InfoServiceKind, ReservationStatus
from circulation.models import Event, InfoServiceRequest, Loan, Reservation
from circulation.selectors import events_by_kind
from digital_library.choices import AccessLevel, UsageKind
from digital_library.models import UsageEvent
from digital_library.services import usage_record
from equipment.selectors import equipment_count, workstation_count
from planning.indicators import INDICATORS, compute, compute_all
from planning.indicators.base import Measure
from planning.models import DailyEntranceCount
from tests.acquisitions.factories import purchase_request
from tests.cataloguing.factories import make_record
from tests.circulation.factories import make_reader
from tests.digital_library.factories import digital_file
from tests.equipment.factories import EquipmentFactory
from tests.factories import UserFactory, library_department
from tests.website.factories import PostFactory
from website.selectors import page_visits, posts_published

pytestmark = pytest.mark.django_db

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def at(day: int, hour: int = 10, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=dt.UTC)


# --- 5.3: catalogue cards ----------------------------------------------------------------------------------------

def test_a_records_card_set_is_its_main_card_and_one_per_tracing_entry():
    # Main card, two subjects, one co-author, the title under the author's heading.
    assert card_set_size("Сәтбаев, Қ. И.; Бектұров, Ә.", "Геология; Минералогия") == 5
    assert card_set_size("", "") == 1  # a title entry: the main card only
    # Four authors: the card is under the title (no title card), three co-authors traced.
    assert card_set_size("А, А.; Б, Б.; В, В.; Г, Г.", "") == 4


def test_catalogue_cards_are_the_card_sets_of_the_records_a_cataloguer_created_in_the_period(cataloguer):
    with freeze_time(at(10)):
        make_record(user=cataloguer, authors="Сәтбаев, Қаныш Имантайұлы; Бектұров, Әбікен",
                    subjects="Геология; Минералогия")  # 5 cards
        make_record(user=cataloguer, authors="", subjects="Тау-кен ісі")  # 2 cards
    with freeze_time(at(10, month=2)):
        make_record(user=cataloguer, authors="Ерте, Е.", subjects="")  # February: not counted
    assert compute("catalogue_cards", *MARCH) == 7


def test_records_edited_is_cataloguings_own_count_of_edited_records(cataloguer):
    with freeze_time(at(10)):
        record = make_record(user=cataloguer)
    with freeze_time(at(12)):
        RecordChange.objects.create(record=record, control_number=record.control_number, action="edited")
        RecordChange.objects.create(record=record, control_number=record.control_number, action="reimported")
    assert compute("records_edited", *MARCH) == RecordChange.objects.edited_record_count(*MARCH) == 1


# --- 5.2: satisfied requests ------------------------------------------------------------------------------------

def test_satisfied_requests_are_the_lines_received_in_full_in_the_period(department_head):
    request = purchase_request(head=department_head, titles=(("Python", "Ахметов А.", 5), ("Java", "Бекова Б.", 3),
                                                             ("Go", "Ғалиев Ғ.", 2), ("Rust", "Дәулет Д.", 1)))
    python, java, go, rust = request.lines.order_by("pk")
    with freeze_time(at(5)):
        StatusChange.objects.create(line=python, status=LineStatus.PARTLY_RECEIVED)
    with freeze_time(at(20)):
        StatusChange.objects.create(line=python, status=LineStatus.RECEIVED)
        StatusChange.objects.create(line=java, status=LineStatus.RECEIVED)
        StatusChange.objects.create(line=go, status=LineStatus.REFUSED)
    with freeze_time(at(2, month=4)):
        StatusChange.objects.create(line=rust, status=LineStatus.RECEIVED)
    assert compute("requests_satisfied", *MARCH) == 2
    assert compute("acquisition_requests", *MARCH) == 0  # received is not satisfied: submitted before March


# --- 5.4 and 5.5: e-library users, remote users, active readers -------------------------------------------------

@pytest.fixture
def open_file(digital_librarian):
    return digital_file(user=digital_librarian, access_level=AccessLevel.OPEN)


def use(open_file, *, on: dt.datetime, user=None, session="", ip="10.1.2.3", kind=UsageKind.VIEW):
    return usage_record(digital_file=open_file, kind=kind, user=user or AnonymousUser(), session_key=session,
                        ip_address=ip, user_agent=BROWSER, at=on)


def test_a_request_from_outside_the_university_networks_is_remote(settings, open_file):
    settings.UNIVERSITY_NETWORKS = ["10.0.0.0/8"]
    assert use(open_file, on=at(2), ip="10.20.30.40").remote is False
    assert use(open_file, on=at(3), ip="95.56.12.34").remote is True
    assert use(open_file, on=at(4), ip=None, session="s0").remote is False  # unknown address: not judged remote


def test_elibrary_and_remote_users_are_the_people_behind_the_counted_requests(settings, open_file, reader):
    settings.UNIVERSITY_NETWORKS = ["10.0.0.0/8"]
    other = UserFactory(username="remote-reader", roles=[roles.READER])
    use(open_file, on=at(2), user=reader, ip="10.1.1.1")
    use(open_file, on=at(3), user=reader, ip="10.1.1.1", kind=UsageKind.DOWNLOAD)
    use(open_file, on=at(4), user=other, ip="95.56.12.34")
    use(open_file, on=at(5), user=other, ip="95.56.12.35")  # the same person from another address
    use(open_file, on=at(6), session="anon-1", ip="95.56.1.1")
    use(open_file, on=at(7), session="anon-1", ip="95.56.1.1")
    use(open_file, on=at(8), ip="178.88.1.1")  # no session: counted by its address
    use(open_file, on=at(9, month=4), user=UserFactory(username="april", roles=[roles.READER]), ip="95.56.9.9")
    # reader, other, the anonymous session, the address without a session.
    assert compute("elibrary_users", *MARCH) == 4
    # other, the session, the address: the reader came from the campus.
    assert compute("remote_users", *MARCH) == 3


def test_the_usage_statistics_page_shows_the_kpis_elibrary_and_remote_users(settings, client_for, digital_librarian,
                                                                           open_file, reader):
    settings.UNIVERSITY_NETWORKS = ["10.0.0.0/8"]
    use(open_file, on=at(2), user=reader, ip="10.1.1.1")
    use(open_file, on=at(3), session="anon", ip="95.56.1.1")
    page = client_for(digital_librarian).get("/admin/digital_library/usageevent/statistics/",
                                             {"date_from": "2026-03-01", "date_to": "2026-03-31"})
    assert page.status_code == 200
    assert page.context["totals"]["users"] == compute("elibrary_users", *MARCH) == 2
    assert page.context["totals"]["remote_users"] == compute("remote_users", *MARCH) == 1


def test_active_readers_borrowed_ordered_or_downloaded_in_the_period_each_counted_once(open_file):
    borrower, orderer, downloader, everything, idle = (make_reader() for _ in range(5))
    baker.make(Loan, reader=borrower, issued_at=at(3))
    baker.make(Reservation, reader=orderer, created_at=at(4), status=ReservationStatus.WAITING)
    use(open_file, on=at(5), user=downloader.user, kind=UsageKind.DOWNLOAD)
    use(open_file, on=at(6), user=idle.user, kind=UsageKind.VIEW)  # viewed only: not an active reader
    baker.make(Loan, reader=everything, issued_at=at(7))
    baker.make(Reservation, reader=everything, created_at=at(8), status=ReservationStatus.WAITING)
    use(open_file, on=at(9), user=everything.user, kind=UsageKind.DOWNLOAD)
    baker.make(Loan, reader=idle, issued_at=at(1, month=4))  # April
    assert compute("active_readers", *MARCH) == 4


# --- 5.4: staff, workstations, equipment ---------------------------------------------------------------------------

def test_library_staff_are_the_active_librarians_and_the_director_by_the_end_of_the_period():
    with freeze_time(at(1, month=2)):
        UserFactory(username="desk", roles=[roles.LIBRARIAN_SERVICE], library_department=library_department())
        UserFactory(username="head", roles=[roles.DIRECTOR])
        UserFactory(username="student", roles=[roles.READER])
        UserFactory(username="left", roles=[roles.LIBRARIAN_STORAGE], is_active=False)
    with freeze_time(at(2, month=4)):
        UserFactory(username="newcomer", roles=[roles.LIBRARIAN_CATALOGUING],
                    library_department=library_department("cataloguing"))
    assert compute("library_staff", *MARCH) == 2  # the desk and the director: not the reader, the leaver, the newcomer


def test_equipment_and_workstations_are_the_registers_figures_on_the_last_day():
    EquipmentFactory.create_batch(2, commissioned_on=dt.date(2025, 9, 1))
    EquipmentFactory(commissioned_on=dt.date(2026, 4, 2))  # after the period
    assert compute("equipment", *MARCH) == equipment_count(on=MARCH[1]) == 2
    assert compute("workstations", *MARCH) == workstation_count(on=MARCH[1])


# --- 5.5: site, visitors, information publications, exhibitions, events -------------------------------------------

def test_site_posts_and_visits_are_the_public_sites_own_figures():
    from website.models import SiteVisitDay

    PostFactory(published_at=at(3))
    PostFactory(published_at=at(3, month=4))
    SiteVisitDay.objects.create(day=dt.date(2026, 3, 2), views=120, visitors=40, searches=15)
    SiteVisitDay.objects.create(day=dt.date(2026, 3, 3), views=80, visitors=30, searches=5)
    assert compute("site_posts", *MARCH) == posts_published(*MARCH) == 1
    assert compute("site_page_visits", *MARCH) == page_visits(*MARCH) == 200
    assert compute("site_visitors", *MARCH) == 70
    assert compute("catalogue_requests", *MARCH) == 20


def test_visitors_are_the_sum_of_the_daily_entrance_counts(librarian):
    from planning.services.entrances import entrance_count_record

    entrance_count_record(day=dt.date(2026, 3, 2), entrance="Бас кіреберіс", count=410, recorded_by=librarian)
    entrance_count_record(day=dt.date(2026, 3, 2), entrance="Оқу залы", count=95)
    entrance_count_record(day=dt.date(2026, 3, 3), entrance="Бас кіреберіс", count=380)
    entrance_count_record(day=dt.date(2026, 3, 3), entrance="Бас кіреберіс", count=385)  # corrected, not added
    entrance_count_record(day=dt.date(2026, 4, 1), entrance="Бас кіреберіс", count=500)
    assert DailyEntranceCount.objects.count() == 4
    assert compute("visitors", *MARCH) == 410 + 95 + 385


def test_information_publications_are_the_lists_of_literature_answered_in_the_period():
    def request(kind, status, answered_at):
        return baker.make(InfoServiceRequest, kind=kind, status=status, answered_at=answered_at,
                          answer="" if status != InfoRequestStatus.ANSWERED else "Тізім қоса берілді",
                          refusal_reason="Қор жоқ" if status == InfoRequestStatus.REFUSED else "",
                          department=None, reader=None)

    request(InfoServiceKind.BIBLIOGRAPHY, InfoRequestStatus.ANSWERED, at(4))
    request(InfoServiceKind.BIBLIOGRAPHY, InfoRequestStatus.ANSWERED, at(25))
    request(InfoServiceKind.BIBLIOGRAPHY, InfoRequestStatus.REFUSED, at(5))
    request(InfoServiceKind.CONSULTATION, InfoRequestStatus.ANSWERED, at(6))
    request(InfoServiceKind.BIBLIOGRAPHY, InfoRequestStatus.ANSWERED, at(2, month=4))
    assert compute("information_publications", *MARCH) == 2


def test_events_are_counted_by_kind_as_circulation_counts_them():
    for kind, day in ((EventKind.CLASS, 3), (EventKind.CLASS, 10), (EventKind.EXCURSION, 12), (EventKind.EVENT, 30)):
        baker.make(Event, kind=kind, held_on=dt.date(2026, 3, day), plan_item=None)
    baker.make(Event, kind=EventKind.TRAINING, held_on=dt.date(2026, 4, 1), plan_item=None)
    figures = {code: compute(code, *MARCH) for code in ("events_class", "events_excursion", "events_training",
                                                         "events_event", "events")}
    assert figures == {"events_class": 2, "events_excursion": 1, "events_training": 0, "events_event": 1, "events": 4}
    assert {kind: figures[f"events_{kind}"] for kind in EventKind.values} == events_by_kind(*MARCH)


def test_satisfaction_is_none_without_answers_and_a_percentage_with_two_decimals():
    assert compute("satisfaction_percent", *MARCH) is None
    assert INDICATORS["satisfaction_percent"].decimals == 2


# --- the registry ------------------------------------------------------------------------------------------------

def test_every_indicator_of_an_empty_period_is_zero_except_a_share_of_nothing():
    figures = compute_all([MARCH])
    shares = {"satisfaction_percent", "disciplines_provided"}
    assert {code for code, (value,) in figures.items() if value is None} == shares
    assert all(value == 0 for code, (value,) in figures.items() if code not in shares)


# --- 5.2: book provision -----------------------------------------------------------------------------------------

def test_disciplines_provided_are_those_whose_every_title_meets_its_norm_today(cataloguer):
    from acquisitions.models import Discipline, RecommendedLiterature
    from acquisitions.selectors import discipline_provision
    from tests.cataloguing.factories import make_item

    held, scarce = make_record(user=cataloguer, title="Деректер қоры"), make_record(user=cataloguer, title="Java")
    for _ in range(5):
        make_item(held, status="on_shelf")
    make_item(scarce, status="on_shelf")
    provided = baker.make(Discipline, students=10)  # 5 copies for 10 students: the main norm 0.5 is met
    short = baker.make(Discipline, students=10)
    baker.make(RecommendedLiterature, discipline=provided, record=held, kind="main")
    baker.make(RecommendedLiterature, discipline=short, record=held, kind="main")
    baker.make(RecommendedLiterature, discipline=short, record=scarce, kind="additional")  # 1 < 0.25 × 10
    this_year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    with freeze_time("2026-06-01"):
        assert compute("disciplines_provided", *this_year) == Decimal("50.00")
        assert compute("disciplines_provided", *MARCH) is None  # past: no history of holdings
    assert all(row.meets_norm for row in discipline_provision(provided))
    assert not all(row.meets_norm for row in discipline_provision(short))


def test_a_measure_counts_both_periods_in_one_query(django_assert_num_queries):
    with freeze_time(at(10)):
        UserFactory(username="march", roles=[roles.READER])
    with freeze_time(at(10, month=2)):
        UserFactory(username="february", roles=[roles.READER])
    measure = INDICATORS["readers_registered"].source
    assert isinstance(measure, Measure)
    with django_assert_num_queries(1):
        assert measure.values([MARCH, (dt.date(2026, 2, 1), dt.date(2026, 2, 28))]) == [1, 1]


def test_usage_events_of_other_kinds_do_not_make_active_readers(open_file, reader):
    use(open_file, on=at(2), user=reader, kind=UsageKind.VIEW)
    assert UsageEvent.objects.count() == 1
    assert compute("active_readers", *MARCH) == 0
    assert compute("elibrary_users", *MARCH) == 1

