"""Query counts of the outreach pages (issue 19.5's rule, as tests/core/test_query_counts.py): each list costs the
same number of queries with N rows and with 3N rows."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from circulation import services
from circulation.constants import EventKind, ExhibitionKind, ExhibitionStatus, InfoServiceKind
from circulation.models import Exhibition, ExhibitionRecord, LiteracyPlanItem
from tests.circulation.factories import make_reader, make_record

pytestmark = pytest.mark.django_db

N = 2
BUDGET = 30
_numbers = itertools.count(1)


class Outreach:
    """Rows that grow on every page: exhibitions with records, requests, bookings with their group, plan lines."""

    def __init__(self, head, librarian, reader_user, department):
        self.head, self.librarian, self.reader_user, self.department = head, librarian, reader_user, department
        today = timezone.localdate()
        self.today = today
        self.virtual = services.exhibition_save(exhibition=Exhibition(
            title_kk="Виртуал көрме", kind=ExhibitionKind.VIRTUAL, status=ExhibitionStatus.PUBLISHED,
            date_from=today, date_to=today + dt.timedelta(days=9)))
        self.booking = self._booking()
        self.event = services.class_booking_confirm(booking=self.booking, user=librarian, held_on=today)

    def _booking(self):
        return services.class_booking_submit(
            user=self.head, kind=EventKind.CLASS, topic="Каталог", group_name="ПИ-23-1", students_count=20,
            preferred_from=self.today, preferred_to=self.today + dt.timedelta(days=5))

    def grow(self, quantity: int) -> None:
        for _ in range(quantity):
            n = next(_numbers)
            services.exhibition_save(exhibition=Exhibition(
                title_kk=f"Көрме {n}", kind=ExhibitionKind.PHYSICAL, status=ExhibitionStatus.PUBLISHED,
                date_from=self.today - dt.timedelta(days=n), date_to=self.today + dt.timedelta(days=n)))
            ExhibitionRecord.objects.create(exhibition=self.virtual, record=make_record(title=f"Кітап {n}"),
                                            position=n, caption="Түсініктеме")
            services.exhibition_request_submit(user=self.head, topic=f"Тақырып {n}", kind=ExhibitionKind.PHYSICAL,
                                               date_from=self.today, date_to=self.today)
            self._booking()
            reader = make_reader(department=self.department, study_group="ПИ-23-1")
            self.event.participants.create(reader=reader, full_name=f"Қатысушы {n}", unit="ПИ-23-1")
            services.info_request_submit(user=self.reader_user, kind=InfoServiceKind.CONSULTATION, topic=f"Сұрақ {n}")
            services.info_request_submit(user=self.head, kind=InfoServiceKind.TRAINING, topic=f"Тренинг {n}")
            LiteracyPlanItem.objects.create(year=self.today.year, month=1 + n % 12, kind=EventKind.CLASS,
                                            topic=f"Сабақ {n}")


PAGES = {
    "librarian": [
        ("exhibitions:list", lambda o: None),
        ("exhibitions:detail", lambda o: [o.virtual.slug]),
        ("circulation:exhibition_requests", lambda o: None),
        ("circulation:class_bookings", lambda o: None),
        ("circulation:class_booking", lambda o: [o.booking.pk]),
        ("circulation:event_attendance", lambda o: [o.event.pk]),
        ("circulation:info_requests", lambda o: None),
        ("core:workbench", lambda o: None),
    ],
    "department_head": [
        ("circulation:exhibition_requests", lambda o: None),
        ("circulation:class_bookings", lambda o: None),
        ("circulation:literacy_plan", lambda o: None),
        ("circulation:info_requests", lambda o: None),
        ("accounts:department", lambda o: None),
    ],
    "reader": [
        ("circulation:info_requests", lambda o: None),
        ("circulation:literacy_plan", lambda o: None),
    ],
}


@pytest.mark.parametrize("persona", list(PAGES))
def test_outreach_page_queries_do_not_grow_with_rows(persona, request, client_for, department_head, librarian,
                                                     reader, department, django_assert_max_num_queries):
    make_reader(reader, card_number=reader.reader_card_number)
    outreach = Outreach(department_head, librarian, reader, department)
    client = client_for(request.getfixturevalue(persona))
    outreach.grow(N)
    first: dict[str, int] = {}
    for name, args in PAGES[persona]:
        url = reverse(name, args=args(outreach))
        with django_assert_max_num_queries(BUDGET) as counted:
            assert client.get(url).status_code == 200, url
        first[url] = len(counted.captured_queries)
    outreach.grow(2 * N)
    for url, count in first.items():
        with django_assert_max_num_queries(count, info=url):
            assert client.get(url).status_code == 200
