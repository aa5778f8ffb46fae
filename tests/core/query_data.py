"""Rows for the main pages' query counts (tests/core/test_query_counts.py): a library that grows by rounds.

Each round adds, through the apps' services and the tests' factories, one more of each thing a main page lists:
records with copies (one more copy of the same title, whose record page lists them), a loan and an order of the
persona reader, another reader's overdue loan, an ILL request, a department's purchase request built into an
order, a receipt, a transfer slip to the storage department, a UDC request, a scanning request, a room's
condition reading and an originality check. A page whose query count grows from round 1 to round 3 reads a row
per line.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import library_department

_titles = itertools.count(1)


class GrowingLibrary:
    """The personas of tests/conftest.py (fixtures of the test's `request`) and what each round adds for them."""

    def __init__(self, request) -> None:
        from antiplagiarism.services import access_code_issue
        from tests.circulation.factories import make_reader, make_record
        from tests.storage.factories import RoomFactory

        self.reader_user = request.getfixturevalue("reader")
        self.desk = request.getfixturevalue("librarian")
        self.head = request.getfixturevalue("department_head")
        self.acquisitions = request.getfixturevalue("acquisitions_librarian")
        self.cataloguer = request.getfixturevalue("cataloguer")
        self.operator = request.getfixturevalue("operator")
        self.vice_rector = request.getfixturevalue("vice_rector")
        self.storage = request.getfixturevalue("storage_librarian")
        self.reader = make_reader(self.reader_user)
        self.shelf_record = make_record(title="Геодезия негіздері", year=2022)  # its page lists a copy per round
        self.room = RoomFactory(code="stack-q")
        today = timezone.localdate()
        self.code = access_code_issue(
            operator=self.operator, department=self.operator.academic_department, request_reference="№ 7",
            quota=20, valid_from=today - dt.timedelta(days=30), valid_until=today + dt.timedelta(days=300)).code
        self.rounds = 0

    def grow(self, rounds: int = 1) -> None:
        for _ in range(rounds):
            self._round()

    def _round(self) -> None:
        from tests.circulation.factories import make_item, make_record

        self.rounds += 1
        n = next(_titles)
        make_item(self.shelf_record)
        lent, ordered, overdue = (make_record(title=f"{title} {n}", year=2020 + self.rounds) for title in (
            "Мұнай-газ геологиясы", "Жоғары математика", "Кен байыту"))
        for record in (lent, ordered, overdue):
            make_item(record)
        self._circulation(lent, ordered, overdue, n)
        self._acquisitions(lent, n)
        self._cataloguing(lent, n)
        self._digital_and_storage(n)

    def _circulation(self, lent, ordered, overdue, n) -> None:
        from circulation.constants import DeliveryKind
        from circulation.services import ill_request_create, loan_issue, reservation_create
        from tests.circulation.factories import make_reader

        loan_issue(reader=self.reader, item=lent.items.get(), by=self.desk)
        reservation_create(reader=self.reader, record=ordered)
        ill_request_create(reader=self.reader, kind=DeliveryKind.EDD, title=f"Reservoir characterization {n}")
        debtor = make_reader()
        loan = loan_issue(reader=debtor, item=overdue.items.get(), by=self.desk)
        type(loan).objects.filter(pk=loan.pk).update(due_on=timezone.localdate() - dt.timedelta(days=10))

    def _acquisitions(self, record, n) -> None:
        from acquisitions import services
        from acquisitions.constants import RequestKind
        from tests.acquisitions.factories import purchase_request, receive

        self.request = purchase_request(head=self.head, titles=((f"Алгоритмдер {n}", "Вирт Н.", 5),
                                                                (f"Желілер {n}", "Таненбаум Э.", 3)))
        self.order = order = services.order_build(kind=RequestKind.PURCHASE, user=self.acquisitions)
        services.order_agree(order=order, user=self.vice_rector)
        purchase_request(head=self.head, titles=((f"Операциялық жүйелер {n}", "Таненбаум Э.", 4),))  # under review
        receive(self.acquisitions, (record, 2, "3500", "inventory"))

    def _cataloguing(self, record, n) -> None:
        from cataloguing.constants import ItemStatus
        from cataloguing.services import transfer_slip_create, udc_request_submit
        from tests.circulation.factories import make_item

        transfer_slip_create(items=[make_item(record, status=ItemStatus.PROCESSING)], user=self.cataloguer,
                             to_department=library_department("storage"),
                             from_department=library_department("cataloguing"))
        udc_request_submit(requester=self.reader_user, authors="Ахметов Д.С.", work_type="article",
                           title=f"Кен байыту фабрикасын автоматтандыру {n}")

    def _digital_and_storage(self, n) -> None:
        from antiplagiarism.models import Check
        from antiplagiarism.services import check_submit
        from digital_library.choices import AccessLevel, LegalBasis
        from digital_library.services import scanning_request_submit
        from storage.services import condition_reading_record

        self.scanning_request = scanning_request_submit(requested_by=self.head, course=f"Бағдарламалау негіздері {n}",
                                material="Кнут Д. 2-тарау.", access_level=AccessLevel.CAMPUS,
                                legal_basis=LegalBasis.RIGHTS_HOLDER_PERMISSION, agreement_reference="Хат № 45")
        condition_reading_record(room=self.room, measured_at=timezone.now() - dt.timedelta(hours=n),
                                 temperature=Decimal("19.5"), humidity=Decimal("55"), recorded_by=self.storage)
        self.check = check_submit(
            operator=self.operator, code=self.code, title=f"Кен байыту {n}", author="Ахметов Д.С.",
            department=self.operator.academic_department, work_type=Check.WorkType.BACHELOR,
            upload=SimpleUploadedFile("work.txt", "Кен байыту фабрикасы туралы жұмыс.".encode()))
