"""The access decision (607-32) for every level, every kind of person, and the embargo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from digital_library.access import file_access
from digital_library.choices import AccessLevel
from digital_library.models import DigitalFile

pytestmark = pytest.mark.django_db

CAMPUS_IP = "10.20.30.40"
READING_ROOM_IP = "10.99.0.15"
HOME_IP = "203.0.113.7"
ANONYMOUS = AnonymousUser()


@pytest.fixture(autouse=True)
def _networks(settings):
    settings.DIGITAL_LIBRARY_CAMPUS_NETWORKS = ["10.0.0.0/8"]
    settings.DIGITAL_LIBRARY_READING_ROOM_NETWORKS = ["10.99.0.0/24"]


def a_file(level: str, embargo_until: dt.date | None = None) -> DigitalFile:
    # The decision is a pure function of the file's rights: an unsaved file is enough.
    return DigitalFile(access_level=level, embargo_until=embargo_until)


def can(level, user, ip):
    decision = file_access(digital_file=a_file(level), user=user, ip=ip)
    return decision.can_view, decision.can_download


@pytest.mark.parametrize("ip", [HOME_IP, CAMPUS_IP, None])
def test_open_file_can_be_viewed_and_downloaded_by_anyone_anywhere(ip):
    assert can(AccessLevel.OPEN, ANONYMOUS, ip) == (True, True)


def test_registered_file_is_refused_to_an_anonymous_visitor():
    decision = file_access(digital_file=a_file(AccessLevel.REGISTERED), user=ANONYMOUS, ip=CAMPUS_IP)
    assert (decision.can_view, decision.can_download) == (False, False)
    assert decision.reason


def test_registered_file_is_open_to_a_signed_in_reader_from_home(reader):
    assert can(AccessLevel.REGISTERED, reader, HOME_IP) == (True, True)


def test_registered_file_is_refused_to_a_deactivated_account(reader):
    reader.is_active = False
    assert can(AccessLevel.REGISTERED, reader, HOME_IP) == (False, False)


def test_campus_file_is_open_from_the_campus_network_even_anonymously():
    assert can(AccessLevel.CAMPUS, ANONYMOUS, CAMPUS_IP) == (True, True)


def test_campus_file_is_refused_off_campus_even_to_a_reader(reader):
    assert can(AccessLevel.CAMPUS, reader, HOME_IP) == (False, False)


@pytest.mark.parametrize("ip", ["not-an-ip", "", None])
def test_campus_file_is_refused_when_the_address_is_unknown(ip):
    assert can(AccessLevel.CAMPUS, ANONYMOUS, ip) == (False, False)


def test_reading_room_file_can_be_read_but_not_downloaded_in_the_reading_room(reader):
    assert can(AccessLevel.READING_ROOM, reader, READING_ROOM_IP) == (True, False)


def test_reading_room_file_is_refused_elsewhere_on_campus(reader):
    assert can(AccessLevel.READING_ROOM, reader, CAMPUS_IP) == (False, False)


def test_closed_file_is_refused_to_readers_everywhere(reader):
    for ip in (HOME_IP, CAMPUS_IP, READING_ROOM_IP):
        assert can(AccessLevel.CLOSED, reader, ip) == (False, False)


@pytest.mark.parametrize("level", AccessLevel.values)
def test_digital_library_staff_may_always_view_and_download(digital_librarian, level):
    assert can(level, digital_librarian, HOME_IP) == (True, True)


@pytest.mark.parametrize("level", AccessLevel.values)
def test_service_desk_librarian_without_file_rights_is_treated_as_a_reader(librarian, level):
    expected = {
        AccessLevel.OPEN: (True, True), AccessLevel.REGISTERED: (True, True), AccessLevel.CAMPUS: (False, False),
        AccessLevel.READING_ROOM: (False, False), AccessLevel.CLOSED: (False, False),
    }[level]
    assert can(level, librarian, HOME_IP) == expected


def test_embargo_closes_an_open_file_until_its_date():
    embargoed = a_file(AccessLevel.OPEN, embargo_until=dt.date(2026, 9, 1))
    before = file_access(digital_file=embargoed, user=ANONYMOUS, ip=HOME_IP,
                         at=dt.datetime(2026, 8, 31, 12, tzinfo=dt.UTC))
    on_the_day = file_access(digital_file=embargoed, user=ANONYMOUS, ip=HOME_IP,
                             at=dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC))
    assert (before.can_view, before.can_download) == (False, False)
    assert before.reason
    assert (on_the_day.can_view, on_the_day.can_download) == (True, True)


def test_embargo_does_not_stop_staff(digital_librarian):
    embargoed = a_file(AccessLevel.OPEN, embargo_until=dt.date(2099, 1, 1))
    assert file_access(digital_file=embargoed, user=digital_librarian, ip=None).can_download


def test_reading_room_networks_are_a_setting(settings, reader):
    settings.DIGITAL_LIBRARY_READING_ROOM_NETWORKS = ["192.0.2.0/28"]
    assert can(AccessLevel.READING_ROOM, reader, "192.0.2.5") == (True, False)
    assert can(AccessLevel.READING_ROOM, reader, READING_ROOM_IP) == (False, False)


def test_embargoes_are_lifted_daily():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["digital-library-lift-embargoes"]
    assert entry["task"] == "digital_library.digital_file_lift_embargoes"


def test_setting_a_new_embargo_lets_the_daily_job_lift_it_again(digital_librarian):
    from digital_library.services import digital_file_lift_embargoes, digital_file_update_rights

    from .factories import digital_file

    stored = digital_file(user=digital_librarian, access_level=AccessLevel.OPEN, embargo_until=dt.date(2020, 1, 1))
    assert digital_file_lift_embargoes() == 1
    digital_file_update_rights(digital_file=stored, user=digital_librarian, embargo_until=dt.date(2020, 6, 1))
    assert digital_file_lift_embargoes() == 1
    assert digital_file_lift_embargoes() == 0
