"""Use cases of planning that write."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from forms_registry.numbering import allocate_number

from .constants import LETTER_SERIES
from .models import OutgoingLetter


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
