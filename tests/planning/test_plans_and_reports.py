from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts import roles
from accounts.models import LibraryDepartment, User
from forms_registry.registry import FormDataError
from forms_registry.renderer import render_form_pdf
from planning.constants import FigureSource, PlanPeriod
from planning.exceptions import PlanningError
from planning.indicators import compute, previous_period
from planning.models import PlanActivity
from planning.services import (
    innovation_card_register,
    library_plan_consolidate,
    plan_activity_report,
    work_plan_create,
    work_report_fill,
)
from storage.services import condition_reading_record
from tests.factories import UserFactory
from tests.planning.factories import register_letter
from tests.storage.factories import RoomFactory

pytestmark = pytest.mark.django_db

H1_2026 = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def joined(user: User, on: dt.date) -> User:
    moment = dt.datetime.combine(on, dt.time(10, 0), tzinfo=timezone.get_current_timezone())
    User.objects.filter(pk=user.pk).update(date_joined=moment)
    return user


def make_readers(dates: list[dt.date]) -> list[User]:
    return [joined(UserFactory(roles=[roles.READER]), on) for on in dates]


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def service_plan(**kwargs):
    plan = work_plan_create(department=LibraryDepartment.objects.get(code="service"), year=2026,
                            period=PlanPeriod.FIRST_HALF, **kwargs)
    PlanActivity.objects.create(plan=plan, position=1, subprocess="5.5", description="Оқырмандарды тіркеу",
                                responsible="Абонемент", indicator="readers_registered", target=40, unit="адам")
    PlanActivity.objects.create(plan=plan, position=2, subprocess="5.1", description="Ресми хат алмасу",
                                indicator="letters_registered", target=5)
    PlanActivity.objects.create(plan=plan, position=3, subprocess="5.5", description="Кітап көрмесі",
                                target=2, unit="көрме")
    return plan


def test_readers_registered_in_the_report_equals_the_readers_created_in_the_period():
    dates = [dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 3, 15), dt.date(2026, 6, 30),
             dt.date(2026, 7, 1)]
    make_readers(dates)
    UserFactory(roles=[roles.LIBRARIAN_SERVICE])  # staff are not readers
    expected = sum(1 for on in dates if H1_2026[0] <= on <= H1_2026[1])
    plan = service_plan()
    work_report_fill(plan=plan, on=dt.date(2026, 8, 1))
    line = plan.activities.get(indicator="readers_registered")
    assert line.actual == expected == 3
    assert line.actual_source == FigureSource.DATA


def test_letters_registered_in_the_report_exclude_cancelled_and_out_of_period_letters():
    from planning.services import outgoing_letter_cancel

    register_letter(on=dt.date(2026, 2, 2))
    register_letter(on=dt.date(2026, 6, 30))
    outgoing_letter_cancel(letter=register_letter(on=dt.date(2026, 3, 3)), reason="қате")
    register_letter(on=dt.date(2026, 7, 1))
    plan = service_plan()
    work_report_fill(plan=plan, on=dt.date(2026, 12, 31))
    assert plan.activities.get(indicator="letters_registered").actual == 2


def test_running_period_is_counted_up_to_today():
    make_readers([dt.date(2026, 2, 1), dt.date(2026, 4, 1)])
    plan = service_plan()
    work_report_fill(plan=plan, on=dt.date(2026, 3, 1))
    assert plan.activities.get(indicator="readers_registered").actual == 1


def test_line_without_an_indicator_keeps_the_figure_entered_by_hand():
    plan = service_plan()
    exhibition = plan.activities.get(position=3)
    plan_activity_report(activity=exhibition, actual=3, result="«Қазақ ғалымдары» көрмесі")
    work_report_fill(plan=plan, on=dt.date(2026, 8, 1))
    exhibition.refresh_from_db()
    assert (exhibition.actual, exhibition.actual_source) == (3, FigureSource.ENTERED)


def test_figure_from_the_data_cannot_be_typed_over():
    plan = service_plan()
    work_report_fill(plan=plan, on=dt.date(2026, 8, 1))
    with pytest.raises(PlanningError):
        plan_activity_report(activity=plan.activities.get(indicator="readers_registered"), actual=999)


def test_out_of_norm_readings_figure_equals_the_flagged_readings_of_the_period():
    room = RoomFactory()
    tz = timezone.get_current_timezone()
    values = [("18.0", "55"), ("21.5", "55"), ("18.0", "62"), ("19.0", "58"), ("25.0", "70")]
    for day, (temperature, humidity) in enumerate(values, start=1):
        condition_reading_record(room=room, measured_at=dt.datetime(2026, 5, day, 9, tzinfo=tz),
                                 temperature=Decimal(temperature), humidity=Decimal(humidity))
    condition_reading_record(room=room, measured_at=dt.datetime(2026, 7, 1, 9, tzinfo=tz),
                             temperature=Decimal("30"), humidity=Decimal("55"))
    expected = sum(1 for t, h in values if not (16 <= float(t) <= 20 and 50 <= float(h) <= 60))
    assert compute("out_of_norm_readings", *H1_2026) == expected == 3
    assert compute("condition_readings", *H1_2026) == 5
    assert compute("risk_events", *H1_2026) == 3


def test_previous_period_of_days_has_the_same_length_just_before():
    assert previous_period(dt.date(2026, 1, 10), dt.date(2026, 1, 19)) == (dt.date(2025, 12, 31), dt.date(2026, 1, 9))


def test_director_consolidates_departments_plans_into_the_library_plan():
    make_readers([dt.date(2026, 2, 1)])
    service = service_plan()
    work_report_fill(plan=service, on=dt.date(2026, 8, 1))
    storage_plan = work_plan_create(department=LibraryDepartment.objects.get(code="storage"), year=2026,
                                    period=PlanPeriod.FIRST_HALF)
    PlanActivity.objects.create(plan=storage_plan, position=1, description="Қорды тексеру", target=1)
    library = library_plan_consolidate(year=2026, period=PlanPeriod.FIRST_HALF)
    assert library.department is None
    assert library.activities.count() == 4
    assert library.activities.get(indicator="readers_registered").actual == 1
    library_plan_consolidate(year=2026, period=PlanPeriod.FIRST_HALF)  # again: replaced, not doubled
    assert library.activities.count() == 4


def test_work_plan_and_report_print_with_the_figures():
    make_readers([dt.date(2026, 2, 1), dt.date(2026, 3, 1)])
    plan = service_plan()
    work_report_fill(plan=plan, on=dt.date(2026, 8, 1))
    params = {"year": "2026", "period": "h1", "department": "service"}
    assert "Оқырмандарды тіркеу" in text_of(render_form_pdf("607-01", params))
    report = text_of(render_form_pdf("607-02", params))
    assert "Оқырмандарды тіркеу" in report
    assert "2*" in report
    with pytest.raises(FormDataError):
        render_form_pdf("607-01", {**params, "department": "storage"})


def test_innovation_card_is_numbered_and_prints():
    card = innovation_card_register(
        title="QR-кодпен кітап тапсырысы", department=LibraryDepartment.objects.get(code="service"),
        authors="Жұмабаева А.Қ.", description="Оқырман сөредегі QR-кодты сканерлеп, кітапты тапсырыс береді.",
        proposed_on=dt.date(2026, 2, 10),
    )
    assert (card.year, card.number) == (2026, 1)
    text = text_of(render_form_pdf("607-03", {"year": "2026", "number": "1"}))
    assert "QR-кодпен" in text
    assert "Инновация" in text  # the card's type, an innovation by default


def test_director_sees_the_kpi_dashboard_with_the_previous_period_and_a_pdf(client_for, director):
    make_readers([dt.date(2026, 2, 1), dt.date(2025, 8, 1)])
    client = client_for(director)
    page = client.get(reverse("planning:kpi"), {"date_from": "2026-01-01", "date_to": "2026-06-30"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body
    assert "01.07.2025" in body
    pdf = client.get(reverse("planning:kpi"), {"date_from": "2026-01-01", "date_to": "2026-06-30", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert "Тіркелген оқырмандар" in text_of(pdf.content)


def test_kpi_period_at_the_calendars_edge_is_refused_with_a_message_not_a_500(client_for, director):
    page = client_for(director).get(reverse("planning:kpi"), {"date_from": "0001-01-01", "date_to": "9999-12-31"})
    assert page.status_code == 200
    assert page.context["form"].errors["date_from"]
    assert page.context["form"].errors["date_to"]


def test_librarian_cannot_open_the_kpi_dashboard(client_for, librarian):
    assert client_for(librarian).get(reverse("planning:kpi")).status_code == 403


def test_previous_period_of_whole_months_is_the_same_months_before():
    assert previous_period(*H1_2026) == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert previous_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert previous_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert previous_period(dt.date(2026, 3, 5), dt.date(2026, 3, 14)) == (dt.date(2026, 2, 23), dt.date(2026, 3, 4))


@pytest.mark.parametrize("code", sorted(__import__("planning.indicators", fromlist=["INDICATORS"]).INDICATORS))
def test_every_indicator_gives_a_count_or_no_data_and_never_fails(code):
    value = compute(code, *H1_2026)
    assert value is None or (isinstance(value, int) and value >= 0)


def test_department_librarian_sees_only_their_departments_plans_in_the_admin(client):
    from django.contrib.auth.models import Permission

    service_plan()
    work_plan_create(department=LibraryDepartment.objects.get(code="storage"), year=2026, period=PlanPeriod.YEAR)
    keeper = UserFactory(username="keeper", roles=[roles.LIBRARIAN_STORAGE], is_staff=True,
                         library_department=LibraryDepartment.objects.get(code="storage"))
    keeper.user_permissions.add(Permission.objects.get(codename="view_workplan"))
    client.force_login(keeper, backend="accounts.backends.EmailOrReaderCardBackend")
    page = client.get(reverse("admin:planning_workplan_changelist")).content.decode()
    assert "Кітап сақтау бөлімі · 2026" in page
    assert "Қызмет көрсету бөлімі · 2026" not in page
