"""The director's requests to the university's services (604-01, 606-xx): submitted → accepted → done or refused,
each step with its date and remarks, checked by the service and permitted per role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from equipment.constants import ServiceRequestKind, ServiceRequestStatus
from equipment.exceptions import EquipmentError
from equipment.models import ServiceRequest
from equipment.services import service_request_accept, service_request_close, service_request_submit

from .factories import EquipmentFactory

pytestmark = pytest.mark.django_db


def _submit(director, **overrides):
    values = {"kind": ServiceRequestKind.IT_PURCHASE, "addressee": "АТ департаменті",
              "subject": "Оқу залына компьютерлер", "justification": "Ескі компьютерлер 2015 жылғы",
              "items": [("Компьютер", 10, None)], "submitted_by": director, "submitted_on": dt.date(2026, 2, 1)}
    return service_request_submit(**{**values, **overrides})


def test_request_goes_from_submitted_to_accepted_to_done(director):
    request = _submit(director)
    request = service_request_accept(request=request, on=dt.date(2026, 2, 5), remarks="Бюджетке енгізілді")
    request = service_request_close(request=request, status=ServiceRequestStatus.DONE, on=dt.date(2026, 4, 1),
                                    remarks="10 компьютер орнатылды")
    assert (request.status, request.accepted_on, request.closed_on) == (
        ServiceRequestStatus.DONE, dt.date(2026, 2, 5), dt.date(2026, 4, 1))
    assert request.remarks == "Бюджетке енгізілді\n10 компьютер орнатылды"


def test_refusal_needs_its_reason_and_done_needs_acceptance(director):
    request = _submit(director)
    with pytest.raises(EquipmentError):
        service_request_close(request=request, status=ServiceRequestStatus.DONE, on=dt.date(2026, 2, 2))
    with pytest.raises(EquipmentError):
        service_request_close(request=request, status=ServiceRequestStatus.REFUSED, on=dt.date(2026, 2, 2))
    request = service_request_close(request=request, status=ServiceRequestStatus.REFUSED, on=dt.date(2026, 2, 2),
                                    remarks="Қаражат жоқ")
    with pytest.raises(EquipmentError):
        service_request_accept(request=request, on=dt.date(2026, 2, 3))


def test_repair_request_names_the_unit_and_nothing_is_half_written(director):
    with pytest.raises(EquipmentError):
        _submit(director, kind=ServiceRequestKind.REPAIR_HANDOVER, items=[("Сканер", 1, None)])
    with pytest.raises(EquipmentError):
        _submit(director, items=[])
    assert not ServiceRequest.objects.exists()
    request = _submit(director, kind=ServiceRequestKind.REPAIR_HANDOVER, items=[("Сканер", 1, EquipmentFactory())])
    assert request.items.get().equipment is not None


@pytest.mark.parametrize(("persona", "can_add", "can_see"), [
    ("director", True, True),
    ("digital_librarian", False, True),  # follows the repairs of the units it keeps
    ("librarian", False, False),
    ("vice_rector", False, True),
    ("sysadmin", True, True),
])
def test_only_the_director_submits_requests(request, client_for, persona, can_add, can_see):
    client = client_for(request.getfixturevalue(persona))
    add = client.get(reverse("admin:equipment_servicerequest_add"))
    assert (add.status_code == 200) is can_add
    listing = client.get(reverse("admin:equipment_servicerequest_changelist"))
    assert (listing.status_code == 200) is can_see


def test_director_submits_a_request_with_its_lines_in_the_admin(client_for, director):
    client = client_for(director)
    data = {"kind": ServiceRequestKind.IT_PURCHASE, "addressee": "АТ департаменті", "subject": "Принтер",
            "justification": "Абонементтің принтері ескірді", "submitted_on": "2026-02-01", "remarks": "",
            "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "1",
            "items-MAX_NUM_FORMS": "1000", "items-0-description": "Лазерлік принтер", "items-0-quantity": "1",
            "items-0-equipment": ""}
    response = client.post(reverse("admin:equipment_servicerequest_add"), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    saved = ServiceRequest.objects.get()
    assert saved.submitted_by == director
    assert saved.status == ServiceRequestStatus.SUBMITTED
    assert saved.items.get().description == "Лазерлік принтер"


def test_admin_refuses_a_repair_without_its_unit(client_for, director):
    data = {"kind": ServiceRequestKind.REPAIR_HANDOVER, "addressee": "АТ департаменті", "subject": "Жөндеу",
            "justification": "Сынған", "submitted_on": "2026-02-01", "remarks": "",
            "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "1",
            "items-MAX_NUM_FORMS": "1000", "items-0-description": "Сканер", "items-0-quantity": "1",
            "items-0-equipment": ""}
    response = client_for(director).post(reverse("admin:equipment_servicerequest_add"), data)
    assert response.status_code == 200
    assert not ServiceRequest.objects.exists()


def test_admin_action_accepts_with_date_and_remarks(client_for, director):
    service_request = _submit(director)
    response = client_for(director).post(reverse("admin:equipment_servicerequest_changelist"), {
        "action": "accept", "_selected_action": [service_request.pk], "on": "2026-02-03", "remarks": "Қабылданды"})
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert service_request.status == ServiceRequestStatus.ACCEPTED
    assert service_request.accepted_on == dt.date(2026, 2, 3)
