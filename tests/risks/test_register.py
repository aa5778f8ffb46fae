from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from risks.constants import Impact, Likelihood
from risks.exceptions import UnknownRisk
from risks.models import Risk, RiskEvent
from risks.selectors import matrix_cell, risk_matrix
from risks.services import risk_event_record, risk_review_record

pytestmark = pytest.mark.django_db


def test_register_is_seeded_with_the_twelve_risks_of_section_6():
    codes = list(Risk.objects.values_list("code", flat=True))
    assert codes == ["1.1", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "5.1", "5.2", "6.1"]
    assert Risk.objects.get(code="4.3").impact == Impact.HIGH
    assert Risk.objects.get(code="5.1").impact == Impact.NEGLIGIBLE
    assert Risk.objects.get(code="6.1").owner.code == "storage"
    assert all(risk.measures.exists() for risk in Risk.objects.all())


def test_seeded_risks_wait_for_their_first_assessment():
    assert not Risk.objects.assessed().exists()
    assert len(risk_matrix().unassessed) == 12


def test_risk_sits_in_the_cell_of_its_likelihood_and_impact():
    risk = Risk.objects.get(code="4.3")
    risk_review_record(risk=risk, reviewed_on=dt.date(2026, 3, 1), likelihood=Likelihood.LIKELY, impact=Impact.HIGH)
    risk.refresh_from_db()
    assert matrix_cell(risk) == (4, 3)
    matrix = risk_matrix()
    assert [r.code for r in matrix.cell(4, 3).risks] == ["4.3"]
    assert matrix.cell(4, 3).severity == "severe"
    assert all(risk.code != "4.3" for risk in matrix.unassessed)


def test_matrix_rows_run_from_most_likely_down_and_colour_by_score():
    matrix = risk_matrix([])
    assert [value for value, _label, _cells in matrix.rows] == [5, 4, 3, 2, 1]
    assert matrix.cell(1, 1).severity == "low"
    assert matrix.cell(3, 1).severity == "low"
    assert matrix.cell(2, 2).severity == "moderate"
    assert matrix.cell(3, 3).severity == "severe"


def test_latest_review_sets_the_assessment_and_next_review_date():
    risk = Risk.objects.get(code="2.1")
    risk_review_record(risk=risk, reviewed_on=dt.date(2026, 5, 1), likelihood=3, impact=2)
    risk_review_record(risk=risk, reviewed_on=dt.date(2026, 1, 10), likelihood=5, impact=3)  # an older one, late
    risk.refresh_from_db()
    assert (risk.likelihood, risk.impact, risk.last_reviewed_on) == (3, 2, dt.date(2026, 5, 1))
    assert risk.next_review_on == dt.date(2027, 5, 1)


def test_event_is_recorded_against_its_risk():
    event = risk_event_record(risk_code="4.1", description="Сканер істен шықты", action_taken="Жөндеуге берілді")
    assert event.risk.code == "4.1"
    assert event.source == "manual"


def test_event_with_the_same_cause_is_recorded_once():
    first = risk_event_record(risk_code="3.1", description="Сервер тоқтады", source_key="digital.incident:7")
    second = risk_event_record(risk_code="3.1", description="Сервер тоқтады", source_key="digital.incident:7")
    assert first.pk == second.pk
    assert RiskEvent.objects.count() == 1
    assert first.source == "automatic"


def test_event_for_an_unknown_risk_is_refused():
    with pytest.raises(UnknownRisk):
        risk_event_record(risk_code="9.9", description="x")


def test_events_in_period_count_by_date_of_occurrence():
    tz = timezone.get_current_timezone()
    risk_event_record(risk_code="5.1", description="a", occurred_at=dt.datetime(2026, 1, 31, 23, 0, tzinfo=tz))
    risk_event_record(risk_code="5.1", description="b", occurred_at=dt.datetime(2026, 2, 1, 9, 0, tzinfo=tz))
    assert RiskEvent.objects.in_period(dt.date(2026, 2, 1), dt.date(2026, 2, 28)).count() == 1


def test_director_sees_the_matrix_page_and_downloads_the_register(client_for, director):
    client = client_for(director)
    page = client.get(reverse("risks:matrix"))
    assert page.status_code == 200
    assert "6.1" in page.content.decode()
    pdf = client.get(reverse("risks:register_pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"

    import io

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Тәуекелдер тізілімі" in text
    assert "бүлінуі" in text


def test_reader_cannot_open_the_register(client_for, reader):
    assert client_for(reader).get(reverse("risks:matrix")).status_code == 403


def test_sweep_records_out_of_norm_readings_missed_by_the_signal_and_is_harmless_twice():
    from decimal import Decimal

    from storage.models import ConditionReading
    from storage.signals import reading_out_of_norm
    from tests.storage.factories import RoomFactory, moment

    room = RoomFactory()
    with _disconnected(reading_out_of_norm):
        ConditionReading.objects.create(room=room, measured_at=moment(), temperature=Decimal("24"),
                                        humidity=Decimal("55"))
        ConditionReading.objects.create(room=room, measured_at=moment(hour=15), temperature=Decimal("18"),
                                        humidity=Decimal("55"))
    assert not RiskEvent.objects.exists()
    from risks.services import risk_events_sync_storage

    assert risk_events_sync_storage() == 1
    assert risk_events_sync_storage() == 0
    assert RiskEvent.objects.get().risk.code == "6.1"


class _disconnected:
    def __init__(self, signal):
        self.signal = signal

    def __enter__(self):
        self.receivers = self.signal.receivers
        self.signal.receivers = []
        self.signal.sender_receivers_cache.clear()

    def __exit__(self, *exc):
        self.signal.receivers = self.receivers
        self.signal.sender_receivers_cache.clear()
