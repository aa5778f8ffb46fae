"""Use cases of planning that write."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forms_registry.numbering import allocate_number

from ..constants import (
    COUNCIL_MINUTES_SERIES,
    INNOVATION_CARD_SERIES,
    LETTER_SERIES,
    FigureSource,
    ReportStatus,
)
from ..exceptions import PlanningError
from ..indicators import INDICATORS
from ..models import CouncilMeeting, InnovationCard, OutgoingLetter, PlanActivity, WorkPlan


@transaction.atomic
def outgoing_letter_register(
    *,
    registered_on: dt.date,
    addressee: str,
    subject: str,
    body: str,
    signatory_name: str,
    signatory_position: str,
    executor: str = "",
    created_by=None,
) -> OutgoingLetter:
    """Register an outgoing letter (607-04) with the next number of its year; no gaps, no reuse."""
    letter = OutgoingLetter(
        year=registered_on.year,
        registered_on=registered_on,
        addressee=addressee,
        subject=subject,
        body=body,
        signatory_name=signatory_name,
        signatory_position=signatory_position,
        executor=executor,
        created_by=created_by,
    )
    letter.number = allocate_number(LETTER_SERIES, letter.year)
    letter.full_clean()
    letter.save()
    return letter


@transaction.atomic
def outgoing_letter_cancel(*, letter: OutgoingLetter, reason: str) -> OutgoingLetter:
    """Cancel a registered letter; its number stays taken so the year's sequence keeps no hole."""
    if not reason.strip():
        raise ValueError("A cancellation needs a reason")
    letter.cancelled_at = timezone.now()
    letter.cancellation_reason = reason.strip()
    letter.save(update_fields=["cancelled_at", "cancellation_reason"])
    return letter


@transaction.atomic
def work_plan_create(*, department, year: int, period: str, created_by=None) -> WorkPlan:
    """Open a department's work plan (607-01) for a half-year or a year."""
    if WorkPlan.objects.filter(department=department, year=year, period=period).exists():
        raise PlanningError(_("This department already has a plan for that period."))
    plan = WorkPlan(department=department, year=year, period=period, created_by=created_by)
    plan.full_clean(validate_constraints=False)
    plan.save()
    return plan


@transaction.atomic
def work_report_fill(*, plan: WorkPlan, on: dt.date | None = None) -> int:
    """Fill the actual figures of the report (607-02) that the system knows, from the data for the plan's
    period (up to `on` while the period is still running). Lines whose indicator has no data yet keep
    what was entered by hand. Returns how many lines were filled; running it again is harmless."""
    on = on or timezone.localdate()
    # The chain may have moved since the caller read the plan: decide on its state now, under a lock.
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_report_editable:
        raise PlanningError(_("The report is with its approvers: its figures are not refilled."))
    date_to = min(plan.date_to, on)
    filled = 0
    if plan.date_from > date_to:
        return 0
    for activity in plan.activities.exclude(indicator="").filter(source_activity__isnull=True):
        indicator = INDICATORS.get(activity.indicator)
        if indicator is None:
            continue
        value = indicator.compute(plan.date_from, date_to)
        if value is None:
            continue
        activity.actual = round(value)  # a percentage (satisfaction, provision) is kept whole, as the targets are
        activity.actual_source = FigureSource.DATA
        activity.save(update_fields=["actual", "actual_source"])
        filled += 1
    plan.figures_filled_at = timezone.now()
    if plan.report_status == ReportStatus.NOT_STARTED:
        plan.report_status = ReportStatus.DRAFT
    plan.save(update_fields=["figures_filled_at", "report_status", "updated_at"])
    return filled


@transaction.atomic
def plan_activity_report(*, activity: PlanActivity, actual: int | None = None, result: str = "") -> PlanActivity:
    """Enter by hand what was done for a line; a figure the system fills from the data cannot be overwritten."""
    if not WorkPlan.objects.select_for_update().get(pk=activity.plan_id).is_report_editable:
        raise PlanningError(_("The report is with its approvers and cannot be changed."))
    if actual is not None:
        if activity.is_figure_from_data:
            raise PlanningError(_("This figure comes from the system's data and cannot be typed over."))
        activity.actual = actual
        activity.actual_source = FigureSource.ENTERED
    activity.result = result or activity.result
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def library_plan_consolidate(*, year: int, period: str, created_by=None) -> WorkPlan:
    """The director's consolidation: the library's plan and report for the period gather every department's
    lines (with their actual figures). Lines added directly to the library's plan stay; consolidating again
    replaces the gathered lines with the departments' current ones."""
    library_plan, _created = WorkPlan.objects.select_for_update().get_or_create(
        department=None, year=year, period=period, defaults={"created_by": created_by},
    )
    departments_plans = (WorkPlan.objects.filter(year=year, period=period, department__isnull=False)
                         .select_related("department").order_by("department__code"))
    if not departments_plans.exists():
        raise PlanningError(_("No department has a plan for that period yet."))
    # Gathering rewrites the lines: while the plan is drafted, or once it is approved while the report is drafted.
    if not (library_plan.is_plan_editable or (library_plan.is_plan_approved and library_plan.is_report_editable)):
        raise PlanningError(_("The library's plan or report is with its approvers: it cannot be consolidated again."))
    library_plan.activities.filter(source_activity__isnull=False).delete()
    position = library_plan.activities.count()
    copies = []
    for plan in departments_plans:
        for activity in plan.activities.order_by("position", "id"):
            position += 1
            copies.append(PlanActivity(
                plan=library_plan, position=position, subprocess=activity.subprocess,
                description=activity.description, deadline=activity.deadline,
                responsible=activity.responsible or plan.department.name_kk, indicator=activity.indicator,
                unit=activity.unit, target=activity.target, actual=activity.actual,
                actual_source=activity.actual_source, result=activity.result, source_activity=activity,
            ))
    PlanActivity.objects.bulk_create(copies)
    summaries = [f"{plan.department.name_kk}: {plan.report_summary}" for plan in departments_plans
                 if plan.report_summary]
    library_plan.report_summary = "\n\n".join(summaries)
    library_plan.save(update_fields=["report_summary", "updated_at"])
    return library_plan


@transaction.atomic
def innovation_card_register(*, created_by=None, **fields) -> InnovationCard:
    """Register a card of an innovation or best practice (607-03) with the next number of its year."""
    card = InnovationCard(created_by=created_by, **fields)
    card.year = card.proposed_on.year
    card.number = allocate_number(INNOVATION_CARD_SERIES, card.year)
    card.full_clean()
    card.save()
    return card


@transaction.atomic
def council_meeting_register(*, created_by=None, **fields) -> CouncilMeeting:
    """Register the minutes of a Methodological Council meeting with the next number of its year."""
    meeting = CouncilMeeting(created_by=created_by, **fields)
    meeting.year = meeting.held_on.year
    meeting.number = allocate_number(COUNCIL_MINUTES_SERIES, meeting.year)
    meeting.full_clean()
    meeting.save()
    return meeting
