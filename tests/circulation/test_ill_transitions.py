"""ILL/EDD statuses (607-41) move only along one transition table (issue 13, point 9): one service refuses an
illegal move with a clear message, and a bulk move from the admin changes all the selected requests or none,
naming the ones refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from circulation.constants import DeliveryKind, IllStatus
from circulation.exceptions import IllTransitionRefused
from circulation.models import ILL_TRANSITIONS, IllRequest
from circulation.services import ill_request_create, ill_requests_set_status

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC)


def test_ill_transition_table_covers_every_status_and_names_only_statuses_of_the_choices():
    assert set(ILL_TRANSITIONS) == set(IllStatus)
    assert all(set(steps) <= set(IllStatus) for steps in ILL_TRANSITIONS.values())
    assert ILL_TRANSITIONS[IllStatus.RETURNED] == ILL_TRANSITIONS[IllStatus.REJECTED] == frozenset()


@pytest.fixture
def ill(reader_profile):
    return ill_request_create(reader=reader_profile, kind=DeliveryKind.ILL, title="Rock mechanics", at=AT)


def test_ill_request_moves_along_the_table_and_stamps_each_step(ill, librarian):
    for status in (IllStatus.SENT, IllStatus.RECEIVED, IllStatus.DELIVERED, IllStatus.RETURNED):
        ill = ill_requests_set_status(requests=[ill], status=status, by=librarian, at=AT)[0]
    assert ill.status == IllStatus.RETURNED
    assert (ill.sent_on, ill.received_on, ill.delivered_on, ill.returned_on) == (AT.date(),) * 4
    assert ill.handled_by == librarian


@pytest.mark.parametrize(("start", "target"), [
    ((), IllStatus.DELIVERED),  # new → delivered: never sent, never received
    ((), IllStatus.RETURNED),
    ((IllStatus.SENT,), IllStatus.NEW),  # no way back
    ((IllStatus.SENT, IllStatus.RECEIVED, IllStatus.DELIVERED), IllStatus.REJECTED),
    ((IllStatus.REJECTED,), IllStatus.SENT),  # closed
    ((IllStatus.SENT,), IllStatus.SENT),  # the same step twice
])
def test_illegal_ill_move_is_refused_and_changes_nothing(ill, start, target):
    for status in start:
        ill = ill_requests_set_status(requests=[ill], status=status)[0]
    with pytest.raises(IllTransitionRefused) as refused, translation.override("en"):
        ill_requests_set_status(requests=[ill], status=target, note="should not be kept")
    assert f"№ {ill.number}/{ill.year}" in str(refused.value)
    fresh = IllRequest.objects.get(pk=ill.pk)
    assert fresh.status == ill.status
    assert fresh.result_note == ""


def test_bulk_ill_move_changes_nothing_when_one_request_cannot_move(reader_profile, ill):
    received = ill_request_create(reader=reader_profile, kind=DeliveryKind.ILL, title="Ore sorting", at=AT)
    for status in (IllStatus.SENT, IllStatus.RECEIVED):
        received = ill_requests_set_status(requests=[received], status=status)[0]
    with pytest.raises(IllTransitionRefused) as refused:
        ill_requests_set_status(requests=[ill, received], status=IllStatus.DELIVERED)
    assert refused.value.refused == [ill]
    assert IllRequest.objects.get(pk=received.pk).status == IllStatus.RECEIVED
    assert IllRequest.objects.get(pk=ill.pk).status == IllStatus.NEW


def test_admin_bulk_action_names_the_refused_requests_and_moves_none(client_for, librarian, reader_profile, ill):
    received = ill_request_create(reader=reader_profile, kind=DeliveryKind.ILL, title="Ore sorting", at=AT)
    for status in (IllStatus.SENT, IllStatus.RECEIVED):
        received = ill_requests_set_status(requests=[received], status=status)[0]
    client = client_for(librarian)
    response = client.post(reverse("admin:circulation_illrequest_changelist"),
                           {"action": "mark_delivered", "_selected_action": [ill.pk, received.pk]})
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(shown) == 1
    assert f"№ {ill.number}/{ill.year}" in shown[0]
    assert f"№ {received.number}/{received.year}" not in shown[0]
    assert IllRequest.objects.get(pk=received.pk).status == IllStatus.RECEIVED
    assert IllRequest.objects.get(pk=ill.pk).status == IllStatus.NEW

    client.post(reverse("admin:circulation_illrequest_changelist"),
                {"action": "mark_delivered", "_selected_action": [received.pk]})
    assert IllRequest.objects.get(pk=received.pk).status == IllStatus.DELIVERED


def test_ill_status_is_not_editable_in_the_admin_form(client_for, librarian, ill):
    page = client_for(librarian).get(reverse("admin:circulation_illrequest_change", args=[ill.pk]))
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
