"""A small library for the reachability crawl (issue 14.2): one row of each kind a page with a parameter shows, made
through the apps' services and the tests' factories, so that every such page has something to link to.

The rows belong to the personas of tests/conftest.py (the reader's loans and orders, the head's requests, the
operator's check), so whichever role the crawl walks as finds its own work.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts import roles
from accounts.models import LibraryDepartment, User
from tests.factories import UserFactory, library_department

# The library department of each librarian role the conftest has no persona for.
LIBRARY_DEPARTMENT_OF_ROLE = {
    roles.LIBRARIAN_STORAGE: "storage",
    roles.LIBRARIAN_DIGITAL: "new-it",
    roles.LIBRARIAN_ANALYTICS: "analytics",
}


def librarian(role: str):
    """The persona of a librarian role tests/conftest.py has no fixture for (one per role: made once, then found;
    made again, the factory would set a new password and sign the crawl's session out)."""
    return User.objects.filter(username=role).first() or UserFactory(
        username=role, roles=[role], library_department=library_department(LIBRARY_DEPARTMENT_OF_ROLE[role]))


def seed_library(request) -> None:
    """Seed through the conftest personas (fixtures of this test's `request`), whoever the crawl walks as."""
    reader = request.getfixturevalue("reader")
    head = request.getfixturevalue("department_head")
    operator = request.getfixturevalue("operator")
    acquisitions = request.getfixturevalue("acquisitions_librarian")
    cataloguer = request.getfixturevalue("cataloguer")
    desk = request.getfixturevalue("librarian")
    director = request.getfixturevalue("director")
    vice_rector = request.getfixturevalue("vice_rector")
    storage = librarian(roles.LIBRARIAN_STORAGE)
    digital = librarian(roles.LIBRARIAN_DIGITAL)

    records = _catalogue(cataloguer)
    _circulation(reader, desk, records)
    _outreach(reader, head, desk, records)
    _acquisitions(head, acquisitions, vice_rector, director, records)
    _cataloguing(reader, cataloguer, records)
    _digital(head, digital, records)
    _antiplagiarism(operator)
    _storage(storage)
    _planning(desk, director)
    _surveys_equipment()
    _public_site()


def _catalogue(cataloguer) -> list:
    from tests.circulation.factories import make_item, make_record

    # The newest records carry what a record page must offer (lists show the newest first, and the crawl opens a
    # few URLs per pattern): [5] has every copy out (the waiting list), [4] an open e-version, [3] copies to order.
    records = [make_record(title=title, year=year) for title, year in (
        ("Мұнай-газ геологиясы", 2020), ("Жоғары математика", 2023), ("Деректер қорын жобалау", 2024),
        ("Физика негіздері", 2021), ("Кен байыту", 2019), ("Геодезия", 2022),
    )]
    for record in records:
        make_item(record)
        make_item(record)
    return records


def _circulation(reader_user, desk, records) -> None:
    from circulation.constants import DeliveryKind
    from circulation.services import (
        clearance_issue,
        ill_request_create,
        loan_declare_lost,
        loan_issue,
        reservation_create,
    )
    from tests.circulation.factories import make_reader

    reader = make_reader(reader_user)
    items = [record.items.order_by("pk").first() for record in records]
    # A clearance certificate from before the reader's current loan (it is refused while a loan is open).
    clearance_issue(reader=reader, at=timezone.now() - dt.timedelta(days=30))
    loan_issue(reader=reader, item=items[0], by=desk)
    reservation_create(reader=reader, record=records[2])
    ill_request_create(reader=reader, kind=DeliveryKind.EDD, title="Machine learning for reservoir characterization")
    # Another reader with a debt: an overdue loan (the desk's overdue queue and letters) and a lost copy (the
    # replacement act); the persona reader stays free to order.
    other = make_reader()
    overdue = loan_issue(reader=other, item=items[3], by=desk)
    # A title with no copy on the shelf: the reader may join its waiting list.
    for item in records[5].items.all():
        loan_issue(reader=other, item=item, by=desk)
    loan_declare_lost(loan=loan_issue(reader=other, item=items[1], by=desk), by=desk)
    type(overdue).objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - dt.timedelta(days=10))
    # Their loans date from last academic year and they have not registered for this one: the desk registers them
    # (the desk's list of overdue readers leads to their card, where the register button is).
    type(other).objects.filter(pk=other.pk).update(registered_year=other.registered_year - 1)
    # A paid service the reader paid for today: its receipt in the cabinet and among the desk's receipts of the day,
    # under a price list the director approved, and a draft list waiting for the director.
    from circulation.models import PaidServiceKind, PriceList, PriceListItem
    from circulation.services import paid_service_record, price_list_approve

    prices = PriceList.objects.create(title="Прейскурант", valid_from=timezone.localdate() - dt.timedelta(days=1))
    copying = PriceListItem.objects.create(price_list=prices, kind=PaidServiceKind.COPYING, name_kk="Көшірме",
                                           price=20)
    price_list_approve(price_list=prices, by=desk)
    PriceListItem.objects.create(price_list=PriceList.objects.create(title="Жаңа прейскурант",
                                                                     valid_from=timezone.localdate()),
                                 kind=PaidServiceKind.COPYING, name_kk="Көшірме", price=25)
    paid_service_record(reader=reader, service=copying, quantity=10, by=desk)


def _outreach(reader_user, head, desk, records) -> None:
    """A published virtual exhibition of the records, a head's exhibition request and class bookings (one confirmed
    into an event with the attendance page, one waiting), a reader's and a head's information requests."""
    from circulation.constants import EventKind, ExhibitionKind, ExhibitionStatus, InfoServiceKind
    from circulation.models import Exhibition, ExhibitionRecord
    from circulation.services import (
        class_booking_confirm,
        class_booking_submit,
        exhibition_request_submit,
        exhibition_save,
        info_request_submit,
    )

    today = timezone.localdate()
    exhibition = exhibition_save(exhibition=Exhibition(
        title_kk="Жаңа түсімдер", kind=ExhibitionKind.VIRTUAL, status=ExhibitionStatus.PUBLISHED, date_from=today,
        date_to=today + dt.timedelta(days=30)))
    ExhibitionRecord.objects.create(exhibition=exhibition, record=records[0], position=1, caption="Геология")
    exhibition_request_submit(user=head, topic="Сәтбаев оқулары", kind=ExhibitionKind.PHYSICAL, date_from=today,
                              date_to=today + dt.timedelta(days=10))
    booking = class_booking_submit(user=head, kind=EventKind.CLASS, topic="Электрондық каталог", group_name="ПИ-23-1",
                                   students_count=20, preferred_from=today, preferred_to=today + dt.timedelta(days=7))
    class_booking_confirm(booking=booking, user=desk, held_on=today)
    class_booking_submit(user=head, kind=EventKind.EXCURSION, topic="Сирек кітаптар", group_name="ПИ-23-2",
                         students_count=15, preferred_from=today, preferred_to=today + dt.timedelta(days=7))
    info_request_submit(user=reader_user, kind=InfoServiceKind.CONSULTATION, topic="ORCID")
    info_request_submit(user=head, kind=InfoServiceKind.TRAINING, topic="Scopus", audience="ПИ-23-1")


def _acquisitions(head, librarian, vice_rector, director, records) -> None:
    from acquisitions import services
    from acquisitions.constants import RequestKind
    from acquisitions.models import Discipline, EducationalProgramme, RecommendedLiterature
    from tests.acquisitions.factories import purchase_request, receive

    # First, so that the head's newest requests (the list shows three of each link) include the draft below.
    periodicals = services.request_create(  # an agreed subscription order: its page makes the subscription
        department=head.academic_department, kind=RequestKind.SUBSCRIPTION, academic_year=timezone.localdate().year,
        created_by=head, lines=[{"title": "Егемен Қазақстан", "language": "kaz", "period": "year",
                                 "subscription_index": "65001", "issues_per_year": 250, "copies_requested": 1}])
    services.request_submit(request=periodicals, user=head)
    services.order_agree(order=services.order_build(kind=RequestKind.SUBSCRIPTION, user=librarian), user=vice_rector)
    purchase_request(head=head)
    purchase_request(head=head, titles=(("Алгоритмдер", "Вирт Н.", 5),), submit=False)
    order = services.order_build(kind=RequestKind.PURCHASE, user=librarian)
    purchase_request(head=head, titles=(("Желілер", "Таненбаум Э.", 7),))
    waiting = services.order_build(kind=RequestKind.PURCHASE, user=librarian)
    services.order_agree(order=order, user=vice_rector)
    assert waiting.pk != order.pk
    purchase_request(head=head, titles=(("Операциялық жүйелер", "Таненбаум Э.", 4),))  # waits for review
    receipt = receive(librarian, (records[4], 2, "3500", "inventory"))
    items = [entry.item for line in receipt.lines.all() for entry in line.inventory_entries.all()]
    services.write_off_act_create(reason="defective", drawn_on=timezone.localdate(), items=items[:1], user=librarian)
    services.stocktaking_start(user=librarian, department=library_department(), basis="Бұйрық № 45")
    # Celery runs after commit, which a test transaction never reaches: run the export (and the check) here.
    for person in (librarian, director):  # each sees their own exports
        services.book_export_run(export_id=services.book_export_request(user=person, form_code="607-13", params={}).pk)
    programme = EducationalProgramme.objects.create(code="6B06102", name="Бағдарламалық инженерия",
                                                    department=head.academic_department)
    discipline = Discipline.objects.create(programme=programme, code="DB2201", semester=4, name="Деректер қоры",
                                           department=head.academic_department, students=60)
    RecommendedLiterature.objects.create(discipline=discipline, record=records[2], kind="main", e_access=0)


def _cataloguing(reader_user, cataloguer, records) -> None:
    from cataloguing.services import transfer_slip_create, udc_request_submit
    from tests.cataloguing.factories import make_item

    # A slip waiting at every library department: whoever works there has one to accept.
    for department in LibraryDepartment.objects.all():
        source = library_department("acquisitions" if department.code == "cataloguing" else "cataloguing")
        transfer_slip_create(items=[make_item(records[0])], to_department=department, user=cataloguer,
                             from_department=source)
    udc_request_submit(requester=reader_user, authors="Ахметов Д.С.", work_type="article",
                       title="Кен байыту фабрикасын автоматтандыру")


def _digital(head, digital, records) -> None:
    from digital_library.choices import AccessLevel, LegalBasis
    from digital_library.services import scanning_request_submit
    from tests.digital_library.factories import digital_file

    digital_file(record_=records[4], user=digital, access_level=AccessLevel.OPEN)
    scanning_request_submit(requested_by=head, course="Бағдарламалау негіздері", material="Кнут Д. 2-тарау.",
                            access_level=AccessLevel.CAMPUS, legal_basis=LegalBasis.RIGHTS_HOLDER_PERMISSION,
                            agreement_reference="Хат № 45")


def _antiplagiarism(operator) -> None:
    from antiplagiarism.models import Check
    from antiplagiarism.services import access_code_issue, check_run, check_submit

    today = timezone.localdate()
    code = access_code_issue(operator=operator, department=operator.academic_department, request_reference="№ 7",
                             quota=10, valid_from=today - dt.timedelta(days=30),
                             valid_until=today + dt.timedelta(days=300))
    check = check_submit(operator=operator, code=code.code, title="Кен байыту фабрикасын автоматтандыру",
                 author="Ахметов Д.С.", department=operator.academic_department, work_type=Check.WorkType.BACHELOR,
                 upload=SimpleUploadedFile("work.txt", "Кен байыту фабрикасы туралы жұмыс.".encode()))
    check_run(check_id=check.pk)


def _storage(storage) -> None:
    from storage.services import condition_reading_record
    from tests.storage.factories import RoomFactory

    room = RoomFactory(code="stack-1")
    condition_reading_record(room=room, measured_at=timezone.now() - dt.timedelta(hours=2),
                             temperature=Decimal("19.5"), humidity=Decimal("55"), recorded_by=storage)


def _planning(desk, director) -> None:
    from planning.constants import ApprovalDocument, PlanPeriod
    from planning.models import PlanActivity
    from planning.services import approval_submit, library_plan_consolidate, work_plan_create

    # A department's plan at the director and the library's plan every librarian reads (planning:plan).
    plan = work_plan_create(department=desk.library_department, year=2026, period=PlanPeriod.YEAR, created_by=desk)
    PlanActivity.objects.create(plan=plan, position=1, subprocess="5.5", description="Кітап көрмесі", target=2)
    approval_submit(plan=plan, document=ApprovalDocument.PLAN, user=desk)
    library_plan_consolidate(year=2026, period=PlanPeriod.YEAR, created_by=director)


def _surveys_equipment() -> None:
    from surveys.constants import Audience
    from tests.equipment.factories import EquipmentFactory
    from tests.surveys.factories import QuestionFactory, SurveyFactory

    # Open today for readers (anonymous, so its one-time links page is offered) and for staff: answer and results.
    today = timezone.localdate()
    for audience in (Audience.READERS, Audience.STAFF):
        QuestionFactory(survey=SurveyFactory(audience=audience, is_anonymous=True, opens_on=today,
                                             closes_on=today + dt.timedelta(days=10)))
    EquipmentFactory()


def _public_site() -> None:
    """A published news item and a page of the "For researchers" section, and a licensed database open today (its
    POST button is on the public list of e-resources)."""
    from acquisitions.models import AccessModel, LicensedDatabase
    from website.constants import PageSection, PublicationStatus
    from website.models import Page, Post
    from website.services import publication_save

    today = timezone.localdate()
    publication_save(publication=Post(slug="zhana-kitaptar", title_kk="Жаңа кітаптар", body_kk="<p>Жаңа түсімдер</p>",
                                      status=PublicationStatus.PUBLISHED))
    publication_save(publication=Page(slug="orcid", title_kk="ORCID", body_kk="<p>ORCID тіркелу</p>",
                                      section=PageSection.RESEARCHERS, status=PublicationStatus.PUBLISHED))
    LicensedDatabase.objects.create(name="Scopus", provider="Elsevier", basis="Ұлттық жазылым",
                                    access_from=today - dt.timedelta(days=1), access_to=today + dt.timedelta(days=300),
                                    access_model=AccessModel.IP, url="https://www.scopus.com/")
