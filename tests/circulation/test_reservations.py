"""Orders from the cabinet (607-37): exactly 24 hours, renewal, the idempotent sweep, refusals (607-53)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from cataloguing.constants import ItemStatus
from circulation.constants import RESERVATION_TTL, RefusalAction, RefusalReason, ReservationStatus
from circulation.exceptions import ReaderNotServed, ReservationRefused
from circulation.models import Refusal, Reservation
from circulation.services import (
    reservation_create,
    reservation_expire_due,
    reservation_renew,
    reservation_wait,
)
from tests.circulation.factories import make_item, make_reader

pytestmark = pytest.mark.django_db

ORDERED_AT = dt.datetime(2026, 10, 5, 10, 0, 0, tzinfo=dt.UTC)


def test_reservation_ttl_is_one_day():
    assert dt.timedelta(hours=24) == RESERVATION_TTL


@pytest.fixture
def ordered(reader_profile, item):
    with freeze_time(ORDERED_AT):
        return reservation_create(reader=reader_profile, record=item.record)


def test_order_holds_an_available_copy(ordered, item):
    item.refresh_from_db()
    assert ordered.status == ReservationStatus.ACTIVE
    assert ordered.item == item
    assert item.status == ItemStatus.RESERVED
    assert ordered.expires_at == ORDERED_AT + dt.timedelta(hours=24)


def test_hold_still_stands_at_24_hours_minus_one_second(ordered, django_capture_on_commit_callbacks):
    at = ORDERED_AT + dt.timedelta(hours=24) - dt.timedelta(seconds=1)
    assert not ordered.is_expired(at)
    with freeze_time(at), django_capture_on_commit_callbacks(execute=True):
        assert reservation_expire_due() == 0
    ordered.refresh_from_db()
    assert ordered.status == ReservationStatus.ACTIVE


def test_hold_is_released_at_exactly_24_hours(ordered, item, django_capture_on_commit_callbacks):
    at = ORDERED_AT + dt.timedelta(hours=24)
    assert ordered.is_expired(at)
    with freeze_time(at), django_capture_on_commit_callbacks(execute=True):
        assert reservation_expire_due() == 1
    ordered.refresh_from_db()
    item.refresh_from_db()
    assert ordered.status == ReservationStatus.EXPIRED
    assert item.status == ItemStatus.ON_SHELF


def test_hold_is_released_at_24_hours_plus_one_second(ordered, django_capture_on_commit_callbacks):
    at = ORDERED_AT + dt.timedelta(hours=24, seconds=1)
    assert ordered.is_expired(at)
    with freeze_time(at), django_capture_on_commit_callbacks(execute=True):
        assert reservation_expire_due() == 1


def test_expiry_job_run_twice_releases_and_tells_the_reader_once(ordered, reader_profile,
                                                                 django_capture_on_commit_callbacks):
    second = make_item()
    with freeze_time(ORDERED_AT):
        reservation_create(reader=reader_profile, record=second.record)
    at = ORDERED_AT + dt.timedelta(days=2)
    with freeze_time(at), django_capture_on_commit_callbacks(execute=True):
        assert reservation_expire_due() == 2
    with freeze_time(at), django_capture_on_commit_callbacks(execute=True):
        assert reservation_expire_due() == 0
    assert len(mail.outbox) == 1  # one message for the reader, listing both orders
    assert reader_profile.user.email in mail.outbox[0].to
    assert Reservation.objects.filter(status=ReservationStatus.EXPIRED).count() == 2


def test_expire_reservations_command_calls_the_same_sweep(ordered, capsys):
    with freeze_time(ORDERED_AT + dt.timedelta(days=1, minutes=1)):
        call_command("expire_reservations")
        call_command("expire_reservations")
    out = capsys.readouterr().out
    assert "released 1 " in out
    assert "released 0 " in out


def test_renewing_an_order_holds_the_copy_24_hours_from_the_renewal(ordered):
    at = ORDERED_AT + dt.timedelta(hours=20)
    renewed = reservation_renew(reservation=ordered, at=at)
    assert renewed.expires_at == at + RESERVATION_TTL
    assert renewed.renewals == 1


def test_renewing_an_expired_order_takes_the_copy_again(ordered, item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reservation_expire_due(at=ORDERED_AT + dt.timedelta(days=1))
    at = ORDERED_AT + dt.timedelta(days=1, hours=1)
    renewed = reservation_renew(reservation=ordered, at=at)
    item.refresh_from_db()
    assert renewed.status == ReservationStatus.ACTIVE
    assert renewed.item == item
    assert item.status == ItemStatus.RESERVED


def test_ordering_a_title_with_no_copy_on_the_shelf_is_recorded_as_a_refusal(reader_profile, item):
    other = make_reader()
    reservation_create(reader=other, record=item.record)
    with pytest.raises(ReservationRefused) as excinfo:
        reservation_create(reader=reader_profile, record=item.record)
    refusal = excinfo.value.refusal
    assert refusal is not None
    assert Refusal.objects.get() == refusal
    assert refusal.reason == RefusalReason.ALL_ON_LOAN
    assert refusal.reader == reader_profile
    assert refusal.record == item.record


def test_waiting_list_after_a_refusal_marks_the_refusal(reader_profile, item):
    reservation_create(reader=make_reader(), record=item.record)
    with pytest.raises(ReservationRefused) as excinfo:
        reservation_create(reader=reader_profile, record=item.record)
    waiting = reservation_wait(reader=reader_profile, record=item.record, refusal=excinfo.value.refusal)
    assert waiting.status == ReservationStatus.WAITING
    assert Refusal.objects.get().action == RefusalAction.WAITLIST


def test_reader_not_reregistered_this_year_cannot_order(item):
    stale = make_reader(registered=False)
    with pytest.raises(ReaderNotServed):
        reservation_create(reader=stale, record=item.record)


def test_reader_registered_last_academic_year_is_not_served(item):
    with freeze_time("2026-05-10"):
        reader = make_reader()
        assert reader.is_registered()
    with freeze_time("2026-09-02"):
        assert not reader.is_registered()
        with pytest.raises(ReaderNotServed):
            reservation_create(reader=reader, record=item.record, at=timezone.now())
