"""Use cases of storage that write. Other apps change storage data only through these functions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from forms_registry.numbering import allocate_number

from .constants import (
    INSPECTION_ACT_SERIES,
    WEEDING_NO_LOAN_YEARS,
    WEEDING_SURPLUS_COPIES,
    CandidateDecision,
    CopyCondition,
    LocationKind,
    WeedingListStatus,
    WeedingRule,
)
from .exceptions import StorageError
from .models import (
    ConditionReading,
    CopyState,
    InspectionAct,
    ItemPlacement,
    Location,
    WeedingCandidate,
    WeedingList,
)
from .selectors import no_loan_candidates, outdated_candidates, surplus_candidates, worn_candidates
from .signals import weeding_list_confirmed


@transaction.atomic
def condition_reading_record(
    *,
    room: Location,
    measured_at: dt.datetime,
    temperature: Decimal,
    humidity: Decimal,
    instrument: str = "",
    deviation: str = "",
    action_taken: str = "",
    recorded_by=None,
) -> ConditionReading:
    """Log a temperature/humidity reading of a room (section 7); out-of-norm ones are flagged on save and
    announced through `storage.signals.reading_out_of_norm`."""
    reading = ConditionReading(
        room=room, measured_at=measured_at, temperature=Decimal(temperature), humidity=Decimal(humidity),
        instrument=instrument, deviation=deviation, action_taken=action_taken, recorded_by=recorded_by,
    )
    reading.full_clean()
    reading.save()
    return reading


@transaction.atomic
def inspection_act_register(*, created_by=None, **fields) -> InspectionAct:
    """Register a sanitary or fire-safety inspection act with the next number of its year."""
    act = InspectionAct(created_by=created_by, **fields)
    act.year = act.inspected_on.year
    act.number = allocate_number(INSPECTION_ACT_SERIES, act.year)
    act.full_clean()
    act.save()
    return act


@transaction.atomic
def item_place(*, item, location: Location, placed_by=None, placed_at: dt.datetime | None = None,
               note: str = "") -> ItemPlacement:
    """Put a copy at a location; the previous placements stay as its location history."""
    placement = ItemPlacement(item=item, location=location, placed_by=placed_by,
                              placed_at=placed_at or timezone.now(), note=note)
    placement.full_clean()
    placement.save()
    return placement


@transaction.atomic
def transfer_slip_receive(*, slip, room: Location, user) -> list[ItemPlacement]:
    """Acceptance from cataloguing (607-28): accept the slip through cataloguing and put every copy on the
    shelf of its UDC class in `room` (on the room itself when no shelf covers its index)."""
    from cataloguing.services import transfer_slip_accept

    if room.kind not in (LocationKind.ROOM, LocationKind.HALL, LocationKind.SERVICE_POINT):
        raise StorageError(_("Copies are received into a room, a hall or a service point."))
    slip = transfer_slip_accept(slip=slip, user=user)
    placed_at = timezone.now()
    # Set-based: the room's shelves read once, the placements written in one INSERT, whatever the slip's length.
    shelf_for = Location.objects.shelf_finder(within=room)
    return ItemPlacement.objects.bulk_create([
        ItemPlacement(item=line.item, location=shelf_for(line.item.record.udc) or room, placed_by=user,
                      placed_at=placed_at, note=f"607-28 № {slip.reference}")
        for line in slip.lines.select_related("item__record").order_by("inventory_number")
    ])


@transaction.atomic(savepoint=False)
def copy_loan_register(*, item, loaned_on: dt.date) -> None:
    """Circulation calls this when a copy is lent, so weeding knows when it was last used.

    Inside the desk's issue (which holds the copy's lock): one UPDATE for a copy lent before, an INSERT the
    first time; no savepoint."""
    updated = CopyState.objects.filter(item_id=item.pk).update(
        loan_count=F("loan_count") + 1,
        last_loaned_on=Case(
            When(Q(last_loaned_on__isnull=True) | Q(last_loaned_on__lt=loaned_on), then=Value(loaned_on)),
            default=F("last_loaned_on"),
        ),
    )
    if not updated:
        CopyState.objects.create(item_id=item.pk, loan_count=1, last_loaned_on=loaned_on)


@transaction.atomic
def copy_condition_note(*, item, condition: str, noted_on: dt.date, restored: bool = False) -> CopyState:
    """Note a copy's physical condition (after an inspection or a return); `restored` records a repair."""
    if condition not in CopyCondition.values:
        raise StorageError(_("Unknown condition."))
    state, _created = CopyState.objects.select_for_update().get_or_create(item=item)
    state.condition = condition
    state.condition_noted_on = noted_on
    if restored:
        state.restored_on = noted_on
    state.save()
    return state


@transaction.atomic
def weeding_list_build(
    *,
    rule: str,
    created_by=None,
    department=None,
    years: int = WEEDING_NO_LOAN_YEARS,
    keep: int = WEEDING_SURPLUS_COPIES,
    on: dt.date | None = None,
) -> WeedingList:
    """Make a candidate list for write-off by one rule; every candidate waits for the librarian's decision."""
    on = on or timezone.localdate()
    if rule == WeedingRule.NO_LOANS:
        if years < 1:
            raise StorageError(_("The number of years must be at least 1."))
        found, parameters = no_loan_candidates(years=years, on=on, department=department), {"years": years}
    elif rule == WeedingRule.OUTDATED:
        found, parameters = outdated_candidates(on=on, department=department), {}
    elif rule == WeedingRule.SURPLUS:
        if keep < 1:
            raise StorageError(_("At least one copy must be kept."))
        found, parameters = surplus_candidates(keep=keep, department=department), {"keep": keep}
    elif rule == WeedingRule.WORN:
        found, parameters = worn_candidates(department=department), {}
    else:
        raise StorageError(_("Unknown weeding rule."))
    parameters["on"] = on.isoformat()
    weeding_list = WeedingList.objects.create(rule=rule, parameters=parameters, department=department,
                                              created_by=created_by)
    WeedingCandidate.objects.bulk_create(
        [WeedingCandidate(weeding_list=weeding_list, item=item, reason_code=code, reason_params=params)
         for item, (code, params) in found],
        batch_size=1000,
    )
    return weeding_list


@transaction.atomic
def weeding_candidate_decide(*, candidate: WeedingCandidate, decision: str, decided_by=None) -> WeedingCandidate:
    if WeedingList.objects.filter(pk=candidate.weeding_list_id, status=WeedingListStatus.CONFIRMED).exists():
        raise StorageError(_("The list is already confirmed."))
    if decision not in CandidateDecision.values:
        raise StorageError(_("Unknown decision."))
    candidate.decision = decision
    candidate.decided_by = decided_by
    candidate.save(update_fields=["decision", "decided_by"])
    return candidate


@transaction.atomic
def weeding_list_confirm(*, weeding_list: WeedingList, confirmed_by) -> WeedingList:
    """The librarian confirms the list once every candidate is decided; the "write off" ones then go into
    the list of literature for write-off (607-23) kept by acquisitions: `weeding_list_confirmed` hands the list over
    in this transaction, and acquisitions drafts its act (issue 17.5)."""
    weeding_list = WeedingList.objects.select_for_update().get(pk=weeding_list.pk)
    if weeding_list.status == WeedingListStatus.CONFIRMED:
        raise StorageError(_("The list is already confirmed."))
    if weeding_list.candidates.filter(decision=CandidateDecision.PENDING).exists():
        raise StorageError(_("Decide every candidate before confirming the list."))
    weeding_list.status = WeedingListStatus.CONFIRMED
    weeding_list.confirmed_by = confirmed_by
    weeding_list.confirmed_at = timezone.now()
    weeding_list.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    weeding_list_confirmed.send(sender=WeedingList, weeding_list=weeding_list, confirmed_by=confirmed_by)
    return weeding_list
