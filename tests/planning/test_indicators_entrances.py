"""Issue 15.2: visitors come from the daily entrance count, typed in at the desk or imported from the turnstile's
file (preview, an error per bad row, a re-import replaces the days' figures); each role gets what its work needs."""

from __future__ import annotations

import datetime as dt

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse

from planning.admin_entrances import DailyEntranceCountResource
from planning.indicators import compute
from planning.models import DailyEntranceCount
from planning.models.entrances import EntranceCountSource
from planning.services.entrances import entrance_count_record

pytestmark = pytest.mark.django_db

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
HEADERS = ["date", "entrance", "count"]


def turnstile(*rows) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=HEADERS)
    for row in rows:
        dataset.append(row)
    return dataset


def test_turnstile_file_with_bad_rows_names_each_and_saves_nothing():
    dataset = turnstile(
        ["2026-03-02", "Бас кіреберіс", "410"],
        ["2026-13-02", "Бас кіреберіс", "12"],   # no such day
        ["2026-03-03", "", "12"],                # no entrance
        ["03.03.2026", "Оқу залы", "көп"],       # not a number
        ["2026-03-04", "Оқу залы", "-5"],        # negative
        ["2999-03-04", "Оқу залы", "5"],         # a day to come
    )
    result = DailyEntranceCountResource().import_data(dataset, dry_run=True)
    bad_rows = {number for number, _errors in result.row_errors()} | {row.number for row in result.invalid_rows}
    assert bad_rows == {2, 3, 4, 5, 6}
    assert not DailyEntranceCount.objects.exists()


def test_turnstile_file_imported_twice_counts_its_visitors_once(librarian):
    dataset = turnstile(["2026-03-02", "Бас кіреберіс", "410"], ["02.03.2026", "Оқу залы", "95"],
                        ["2026-03-03", "Бас кіреберіс", "1 380"])
    preview = DailyEntranceCountResource().import_data(dataset, dry_run=True, user=librarian)
    assert not preview.has_errors()
    assert not preview.has_validation_errors()
    assert not DailyEntranceCount.objects.exists()  # the preview writes nothing
    for _ in range(2):
        result = DailyEntranceCountResource().import_data(dataset, dry_run=False, user=librarian)
        assert not result.has_errors()
        assert not result.has_validation_errors()
    assert DailyEntranceCount.objects.count() == 3
    assert set(DailyEntranceCount.objects.values_list("source", flat=True)) == {EntranceCountSource.TURNSTILE}
    assert DailyEntranceCount.objects.filter(recorded_by=librarian).count() == 3
    assert compute("visitors", *MARCH) == 410 + 95 + 1380


def test_a_corrected_file_replaces_the_days_figure():
    DailyEntranceCountResource().import_data(turnstile(["2026-03-02", "Бас кіреберіс", "410"]), dry_run=False)
    DailyEntranceCountResource().import_data(turnstile(["2026-03-02", "Бас кіреберіс", "420"]), dry_run=False)
    assert list(DailyEntranceCount.objects.values_list("count", flat=True)) == [420]


def test_a_count_for_a_day_to_come_is_refused():
    with pytest.raises(ValidationError):
        entrance_count_record(day=dt.date.today() + dt.timedelta(days=2), entrance="Бас кіреберіс", count=10)
    assert not DailyEntranceCount.objects.exists()


def test_the_desk_types_in_a_days_count_through_the_admin(client_for, librarian):
    client = client_for(librarian)
    response = client.post(reverse("admin:planning_dailyentrancecount_add"),
                           {"day": "2026-03-02", "entrance": " Бас кіреберіс ", "count": "410"})
    assert response.status_code == 302, response.content.decode()[:2000]
    row = DailyEntranceCount.objects.get()
    assert (row.entrance, row.count, row.source, row.recorded_by) == ("Бас кіреберіс", 410,
                                                                     EntranceCountSource.ENTERED, librarian)
    response = client.post(reverse("admin:planning_dailyentrancecount_change", args=[row.pk]),
                           {"day": "2026-03-02", "entrance": "Бас кіреберіс", "count": "415"})
    assert response.status_code == 302
    assert list(DailyEntranceCount.objects.values_list("count", flat=True)) == [415]


@pytest.mark.parametrize(("persona", "changelist", "importing"), [
    ("librarian", 200, 200),
    ("director", 200, 200),
    ("cataloguer", 403, 403),
    ("reader", 302, 302),
])
def test_who_may_read_and_import_the_entrance_counts(client_for, request, persona, changelist, importing):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("admin:planning_dailyentrancecount_changelist")).status_code == changelist
    assert client.get(reverse("admin:planning_dailyentrancecount_import")).status_code == importing


def test_a_vice_rector_reads_the_counts_but_does_not_import_them(client_for, vice_rector):
    client = client_for(vice_rector)
    assert client.get(reverse("admin:planning_dailyentrancecount_changelist")).status_code == 200
    assert client.get(reverse("admin:planning_dailyentrancecount_import")).status_code == 403


def test_the_desks_register_of_entrance_counts_keeps_its_queries_flat(client_for, librarian,
                                                                      django_assert_max_num_queries):
    from tests.core.test_query_counts import assert_changelist_flat

    assert_changelist_flat(client_for(librarian), DailyEntranceCount, django_assert_max_num_queries)
