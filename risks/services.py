"""Use cases of the risk register that write. Other apps record risk events through `risk_event_record`."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.periods import period_filter
from equipment.constants import EquipmentKind

from .constants import (
    EQUIPMENT_RISK,
    REVIEW_INTERVAL,
    SCANNER_FAILURE_RISK,
    STORAGE_CONDITIONS_RISK,
    EventSource,
)
from .exceptions import RiskError, UnknownRisk
from .models import Risk, RiskEvent, RiskReview


@transaction.atomic
def risk_event_record(
    *,
    risk_code: str,
    description: str,
    occurred_at: dt.datetime | None = None,
    action_taken: str = "",
    source_key: str = "",
    recorded_by=None,
) -> RiskEvent:
    """Record that a risk of section 6 materialised.

    With a `source_key` (the record that caused it, e.g. "storage.reading:42") the event is automatic and
    recording the same cause again returns the existing event instead of a duplicate.
    """
    try:
        risk = Risk.objects.get(code=risk_code)
    except Risk.DoesNotExist:
        raise UnknownRisk(_("No risk № %(code)s is in the register.") % {"code": risk_code}) from None
    if not description.strip():
        raise RiskError(_("Describe what happened."))
    if source_key:
        existing = RiskEvent.objects.filter(risk=risk, source_key=source_key).first()
        if existing is not None:
            return existing
    event = RiskEvent(
        risk=risk,
        occurred_at=occurred_at or timezone.now(),
        description=description.strip(),
        action_taken=action_taken.strip(),
        source=EventSource.AUTOMATIC if source_key else EventSource.MANUAL,
        source_key=source_key,
        recorded_by=recorded_by,
    )
    event.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:
        # A concurrent caller recorded the same cause first.
        return RiskEvent.objects.get(risk=risk, source_key=source_key)
    return event


@transaction.atomic
def risk_review_record(
    *, risk: Risk, reviewed_on: dt.date, likelihood: int, impact: int, conclusion: str = "", reviewed_by=None
) -> RiskReview:
    """Review a risk: keep the assessment found, make it the risk's current one and set the next review date."""
    review = RiskReview(
        risk=risk, reviewed_on=reviewed_on, likelihood=likelihood, impact=impact, conclusion=conclusion,
        reviewed_by=reviewed_by,
    )
    review.full_clean()
    review.save()
    latest = risk.reviews.order_by("-reviewed_on", "-id").first()
    if latest == review:
        risk.likelihood, risk.impact = likelihood, impact
        risk.last_reviewed_on = reviewed_on
        risk.next_review_on = reviewed_on + REVIEW_INTERVAL
        risk.save(update_fields=["likelihood", "impact", "last_reviewed_on", "next_review_on"])
    return review


def storage_reading_event_record(*, reading) -> RiskEvent | None:
    """Risk 6.1 ("storage conditions not kept"): an out-of-norm temperature/humidity reading is an event.

    Called by the receiver of `storage.signals.reading_out_of_norm` and by the catch-up sweep; a reading
    back within the norm records nothing.
    """
    if not reading.is_out_of_norm:
        return None
    parts = [
        _("%(room)s: %(temperature)s °C, %(humidity)s %% on %(moment)s (norm %(norm)s).") % {
            "room": reading.room,
            "temperature": reading.temperature,
            "humidity": reading.humidity,
            "moment": timezone.localtime(reading.measured_at).strftime("%d.%m.%Y %H:%M"),
            "norm": reading.room.norm_text,
        },
    ]
    if reading.deviation:
        parts.append(reading.deviation)
    event = risk_event_record(
        risk_code=STORAGE_CONDITIONS_RISK,
        description=" ".join(parts),
        occurred_at=reading.measured_at,
        action_taken=reading.action_taken,
        source_key=f"storage.reading:{reading.pk}",
        recorded_by=reading.recorded_by,
    )
    if reading.action_taken and event.action_taken != reading.action_taken:
        # The action is often written after the reading: the event follows the log.
        event.action_taken = reading.action_taken
        event.save(update_fields=["action_taken"])
    return event


def risk_events_sync_storage(*, since: dt.date | None = None) -> int:
    """Record risk 6.1 events for every out-of-norm reading not yet recorded (idempotent, for bulk imports).

    Returns how many events were created.
    """
    from storage.models import ConditionReading

    readings = ConditionReading.objects.out_of_norm().select_related("room", "recorded_by")
    if since is not None:
        readings = readings.filter(period_filter("measured_at", since, None))
    done = set(
        RiskEvent.objects.filter(risk__code=STORAGE_CONDITIONS_RISK, source_key__startswith="storage.reading:")
        .values_list("source_key", flat=True)
    )
    created = 0
    for reading in readings.iterator():
        if f"storage.reading:{reading.pk}" in done:
            continue
        storage_reading_event_record(reading=reading)
        created += 1
    return created


def equipment_maintenance_event_record(*, plan, on: dt.date) -> RiskEvent:
    """Risks 4.1/4.3 ("timely preventive maintenance"): a planned maintenance past its date is an event, one per
    missed date (the plan's `overdue_key`), however many times the daily check finds it."""
    equipment = plan.equipment
    risk_code = SCANNER_FAILURE_RISK if equipment.kind == EquipmentKind.SCANNER else EQUIPMENT_RISK
    return risk_event_record(
        risk_code=risk_code,
        description=_("%(unit)s: the planned maintenance \"%(work)s\" was due on %(due)s and is not done.") % {
            "unit": equipment, "work": plan.work, "due": plan.next_due_on.strftime("%d.%m.%Y"),
        },
        occurred_at=timezone.make_aware(dt.datetime.combine(plan.next_due_on + dt.timedelta(days=1), dt.time())),
        source_key=plan.overdue_key,
    )
