"""Bulk work inside one transaction sends `record_changed` once, with every record it touched."""

import pytest
from django.db import transaction

from cataloguing.signals import record_changed, send_record_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    calls = []

    def receiver(sender, record_ids=(), **kwargs):
        calls.append(list(record_ids))

    record_changed.connect(receiver, dispatch_uid="test-batching")
    yield calls
    record_changed.disconnect(dispatch_uid="test-batching")


def test_many_changes_in_one_transaction_send_one_signal(received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for _ in range(1000):
            send_record_changed([7])
        send_record_changed([3, 7])
    assert received == [[3, 7]]


def test_changes_after_a_rolled_back_savepoint_are_still_sent(received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_record_changed([9])
        try:
            with transaction.atomic():
                send_record_changed([1])
                raise RuntimeError
        except RuntimeError:
            pass
        send_record_changed([2])
    assert received == [[1, 2, 9]]  # re-indexing the rolled-back record too is harmless


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_signal_goes_at_once(received):
    send_record_changed([5])
    assert received == [[5]]


def test_ids_of_a_rolled_back_transaction_are_not_sent_with_the_next(received, django_capture_on_commit_callbacks):
    try:
        with transaction.atomic():
            send_record_changed([41])
            raise RuntimeError
    except RuntimeError:
        pass
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_record_changed([42])
    assert received == [[42]]
