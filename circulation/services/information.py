"""The information services' registers written by readers: feedback cards (607-45)."""

from __future__ import annotations

from django.db import transaction

from ..models import FeedbackCard, Reader


@transaction.atomic
def feedback_submit(*, reader: Reader | None, **fields) -> FeedbackCard:
    card = FeedbackCard(reader=reader, respondent_category=reader.category if reader else None, **fields)
    card.full_clean()
    card.save()
    return card
