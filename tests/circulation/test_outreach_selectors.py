"""The §7 figures of exhibitions and events, and the exhibitions the public home page shows (the contract other
apps import: `virtual_exhibitions_opened`, `events_by_kind`, `exhibitions_on_show`)."""

from __future__ import annotations

import datetime as dt

import pytest

from circulation import selectors
from circulation.constants import EventKind, ExhibitionKind, ExhibitionStatus
from circulation.models import Event, Exhibition

pytestmark = pytest.mark.django_db

YEAR_FROM, YEAR_TO = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def exhibition(slug: str, *, kind=ExhibitionKind.VIRTUAL, status=ExhibitionStatus.PUBLISHED,
               date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31), **fields) -> Exhibition:
    return Exhibition.objects.create(slug=slug, title_kk=f"Көрме {slug}", kind=kind, status=status,
                                     date_from=date_from, date_to=date_to, **fields)


def test_virtual_exhibitions_opened_counts_published_virtual_ones_opened_in_the_period():
    exhibition("in-year")
    exhibition("in-year-2", date_from=dt.date(2026, 12, 31), date_to=dt.date(2027, 1, 31))
    exhibition("physical", kind=ExhibitionKind.PHYSICAL)
    exhibition("draft", status=ExhibitionStatus.DRAFT)
    exhibition("last-year", date_from=dt.date(2025, 12, 1), date_to=dt.date(2026, 2, 1))

    assert selectors.virtual_exhibitions_opened(YEAR_FROM, YEAR_TO) == 2
    assert selectors.virtual_exhibitions_opened(dt.date(2027, 1, 1), dt.date(2027, 12, 31)) == 0


def test_events_by_kind_counts_every_kind_apart_and_names_kinds_without_events():
    Event.objects.create(title="Каталогпен жұмыс", kind=EventKind.CLASS, held_on=dt.date(2026, 2, 3))
    Event.objects.create(title="Scopus", kind=EventKind.TRAINING, held_on=dt.date(2026, 4, 3))
    Event.objects.create(title="Scopus II", kind=EventKind.TRAINING, held_on=dt.date(2026, 12, 31))
    Event.objects.create(title="Кітапханаға саяхат", kind=EventKind.EXCURSION, held_on=dt.date(2025, 12, 31))

    assert selectors.events_by_kind(YEAR_FROM, YEAR_TO) == {
        EventKind.CLASS: 1, EventKind.EXCURSION: 0, EventKind.TRAINING: 2, EventKind.EVENT: 0,
    }
    assert set(selectors.events_by_kind(YEAR_FROM, YEAR_TO)) == set(EventKind.values)


def test_exhibitions_on_show_are_the_published_ones_open_that_day_newest_first():
    older = exhibition("older", kind=ExhibitionKind.PHYSICAL, date_from=dt.date(2026, 2, 1))
    newer = exhibition("newer")
    exhibition("draft", status=ExhibitionStatus.DRAFT)
    exhibition("closed", date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31))
    exhibition("coming", date_from=dt.date(2026, 4, 1), date_to=dt.date(2026, 4, 30))

    shown = selectors.exhibitions_on_show(dt.date(2026, 3, 10))

    assert shown == [newer, older]
    assert shown[0].title == "Көрме newer"
    assert shown[0].get_absolute_url() == "/exhibitions/newer/"
    assert shown[0].image_url is None
    assert selectors.exhibitions_on_show(dt.date(2026, 3, 10), limit=1) == [newer]
