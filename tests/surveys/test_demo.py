"""The demo year has survey answers (a satisfaction %) and equipment with one maintenance past its date; loading
the demo again adds nothing."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from core.periods import calendar_year
from equipment.models import Equipment, MaintenancePlan, ServiceRequest
from equipment.selectors import equipment_count, workstation_count, workstation_users
from risks.models import RiskEvent
from surveys.models import Response, Survey
from surveys.selectors import satisfaction_percent

pytestmark = pytest.mark.django_db


def test_demo_fills_the_surveys_and_the_equipment_once():
    from accounts import demo as accounts_demo
    from equipment import demo as equipment_demo
    from storage import demo as storage_demo
    from surveys import demo as surveys_demo

    out = io.StringIO()
    for module in (accounts_demo, storage_demo, surveys_demo, equipment_demo):
        module.load(out)
    today = timezone.localdate()
    year = calendar_year(today.year)
    assert satisfaction_percent(*year) is not None
    assert Response.objects.filter(respondent__isnull=True).count() >= 40
    assert equipment_count(today) > workstation_count(today) > 0
    assert workstation_users(*year) >= 5
    assert MaintenancePlan.objects.overdue(today).count() == 1
    assert RiskEvent.objects.filter(source_key__startswith="equipment.maintenance:").count() == 1
    assert set(ServiceRequest.objects.values_list("status", flat=True)) == {"submitted", "accepted", "done",
                                                                             "refused"}
    counts = (Survey.objects.count(), Response.objects.count(), Equipment.objects.count(), RiskEvent.objects.count())
    surveys_demo.load(out)
    equipment_demo.load(out)
    assert counts == (Survey.objects.count(), Response.objects.count(), Equipment.objects.count(),
                      RiskEvent.objects.count())
