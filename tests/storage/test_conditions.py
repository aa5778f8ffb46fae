from __future__ import annotations

from decimal import Decimal

import pytest
import tablib
from django.urls import reverse

from risks.models import RiskEvent
from storage.models import ConditionReading
from storage.resources import ConditionReadingResource
from storage.services import condition_reading_record
from tests.storage.factories import RoomFactory, moment

pytestmark = pytest.mark.django_db


def read(room, temperature, humidity, **extra):
    return condition_reading_record(room=room, measured_at=extra.pop("at", moment()),
                                    temperature=Decimal(temperature), humidity=Decimal(humidity), **extra)


@pytest.mark.parametrize(("temperature", "expected"), [
    ("15.9", True), ("16.0", False), ("18.0", False), ("20.0", False), ("20.1", True),
])
def test_temperature_outside_18_plus_minus_2_is_out_of_norm(temperature, expected):
    assert read(RoomFactory(), temperature, "55").is_out_of_norm is expected


@pytest.mark.parametrize(("humidity", "expected"), [
    ("49.9", True), ("50.0", False), ("60.0", False), ("60.1", True),
])
def test_humidity_outside_55_plus_minus_5_is_out_of_norm(humidity, expected):
    assert read(RoomFactory(), "18", humidity).is_out_of_norm is expected


def test_room_with_its_own_norm_judges_by_it():
    rare_books = RoomFactory(temperature_target=Decimal("17"), temperature_tolerance=Decimal("1"),
                             humidity_target=Decimal("52"), humidity_tolerance=Decimal("2"))
    assert read(rare_books, "18.0", "54.0").is_out_of_norm is False
    assert read(rare_books, "18.1", "54.0", at=moment(hour=15)).is_out_of_norm is True
    assert read(rare_books, "17.0", "49.9", at=moment(hour=16)).is_out_of_norm is True


def test_changing_the_norm_later_does_not_rewrite_the_log():
    room = RoomFactory()
    reading = read(room, "20.5", "55")
    room.temperature_tolerance = Decimal("3")
    room.save()
    reading.refresh_from_db()
    assert reading.is_out_of_norm is True


def test_out_of_norm_reading_records_an_event_of_risk_6_1_once():
    room = RoomFactory()
    reading = read(room, "23.4", "55", action_taken="Кондиционер қосылды")
    events = RiskEvent.objects.filter(risk__code="6.1")
    assert events.count() == 1
    assert events.get().source_key == f"storage.reading:{reading.pk}"
    assert events.get().action_taken == "Кондиционер қосылды"
    reading.deviation = "Жылу жүйесі"
    reading.save()
    assert events.count() == 1


def test_reading_within_norm_records_no_risk_event():
    read(RoomFactory(), "18.2", "54")
    assert not RiskEvent.objects.exists()


def test_logger_import_reports_bad_rows_and_saves_nothing_from_a_failed_file():
    RoomFactory(code="stack-1")
    dataset = tablib.Dataset(headers=["room", "measured_at", "temperature", "humidity"])
    dataset.append(["stack-1", "2026-03-02 09:00", "18,4", "56"])
    dataset.append(["no-such-room", "2026-03-02 09:00", "18", "55"])
    dataset.append(["stack-1", "2026-03-02 12:00", "warm", "55"])
    dataset.append(["stack-1", "2026-03-02 15:00", "18", "140"])
    result = ConditionReadingResource().import_data(dataset, dry_run=True)
    assert result.has_errors() or result.has_validation_errors()
    bad_rows = {number for number, _errors in result.row_errors()} | {row.number for row in result.invalid_rows}
    assert bad_rows == {2, 3, 4}
    assert not ConditionReading.objects.exists()


def test_logger_import_of_a_clean_file_flags_out_of_norm_rows_and_reimport_does_not_double():
    RoomFactory(code="stack-1")
    dataset = tablib.Dataset(headers=["room", "measured_at", "temperature", "humidity"])
    dataset.append(["stack-1", "02.03.2026 09:00", "18.4", "56"])
    dataset.append(["stack-1", "02.03.2026 15:00", "21.0", "56"])
    result = ConditionReadingResource().import_data(dataset, dry_run=False)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert list(ConditionReading.objects.order_by("measured_at").values_list("is_out_of_norm", flat=True)) == [
        False, True,
    ]
    assert RiskEvent.objects.filter(risk__code="6.1").count() == 1
    ConditionReadingResource().import_data(dataset, dry_run=False)
    assert ConditionReading.objects.count() == 2


def test_room_page_shows_chart_and_pdf(client_for, director):
    room = RoomFactory(code="stack-2")
    read(room, "18", "55", at=moment(day=2))
    read(room, "22", "55", at=moment(day=3))
    client = client_for(director)
    url = reverse("storage:room_conditions", args=["stack-2"])
    page = client.get(url, {"date_from": "2026-03-01", "date_to": "2026-03-31"})
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    pdf = client.get(url, {"date_from": "2026-03-01", "date_to": "2026-03-31", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    overview = client.get(reverse("storage:conditions"), {"date_from": "2026-03-01", "date_to": "2026-03-31"})
    assert overview.status_code == 200
