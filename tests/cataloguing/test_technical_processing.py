"""Technical processing (QP 607 §5.3) has its own day: the library stamp is put at receipt (§5.2), so a stamped copy
still waits in cataloguing until its processing is marked done, and only then for a transfer slip."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cataloguing import selectors, services
from cataloguing.constants import ItemStatus
from tests.cataloguing.factories import make_item, make_record

pytestmark = pytest.mark.django_db


def test_a_stamped_copy_waits_for_processing_until_it_is_marked_done():
    record = make_record()
    stamped = make_item(record, stamped=True)
    before = (selectors.items_to_process_count(), selectors.items_to_hand_over_count())
    assert services.items_mark_processed(item_ids=[stamped.pk], on=dt.date(2026, 12, 3)) == 1
    stamped.refresh_from_db()
    assert stamped.processed_on == dt.date(2026, 12, 3)
    assert (selectors.items_to_process_count(), selectors.items_to_hand_over_count()) == (before[0] - 1,
                                                                                           before[1] + 1)


def test_marking_again_or_a_copy_out_of_processing_changes_nothing():
    record = make_record()
    done = make_item(record, processed_on=dt.date(2026, 1, 5))
    shelved = make_item(record, status=ItemStatus.ON_SHELF)
    assert services.items_mark_processed(item_ids=[done.pk, shelved.pk]) == 0
    done.refresh_from_db()
    assert done.processed_on == dt.date(2026, 1, 5)


def test_the_cataloguer_marks_processing_done_from_the_copies_list(client_for, cataloguer, reader):
    item = make_item(make_record(), stamped=True)
    data = {"action": "mark_processed", "_selected_action": [item.pk]}
    url = reverse("admin:cataloguing_item_changelist")
    client_for(reader).post(url, data)
    item.refresh_from_db()
    assert item.processed_on is None
    client_for(cataloguer).post(url, data)
    item.refresh_from_db()
    assert item.processed_on is not None
