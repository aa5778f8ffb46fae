"""Acquisitions' part of merging duplicate records (see `cataloguing.merging`): its cards, receipt lines,
periodicals and recommended literature follow the record kept."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import NonInventoryCard, Periodical, ReceiptLine, RecommendedLiterature

MODELS = ("acquisitions.NonInventoryCard", "acquisitions.ReceiptLine", "acquisitions.Periodical",
          "acquisitions.RecommendedLiterature")


def merge_check(keep, duplicate) -> list[str]:
    """A title has one non-inventory card (607-14), and a discipline recommends a title once."""
    reasons = []
    cards = dict(NonInventoryCard.objects.filter(record__in=[keep, duplicate]).values_list("record_id", "number"))
    if keep.pk in cards and duplicate.pk in cards:
        reasons.append(_("Both records have a non-inventory accounting card (607-14), № %(keep)s and "
                         "№ %(duplicate)s; a title has one card: move the copies to one card first.") % {
            "keep": cards[keep.pk], "duplicate": cards[duplicate.pk]})
    both = (RecommendedLiterature.objects.filter(record=duplicate)
            .filter(discipline__in=RecommendedLiterature.objects.filter(record=keep).values("discipline"))
            .select_related("discipline"))
    disciplines = sorted({str(row.discipline) for row in both})
    if disciplines:
        reasons.append(_("Both records are recommended literature of the same discipline (%(disciplines)s); "
                         "remove one of the recommendations first.") % {"disciplines": ", ".join(disciplines)})
    return reasons


def merge_move(keep, duplicate) -> int:
    moved = NonInventoryCard.objects.filter(record=duplicate).update(record=keep)
    moved += ReceiptLine.objects.filter(record=duplicate).update(record=keep)
    moved += Periodical.objects.filter(record=duplicate).update(record=keep)
    moved += RecommendedLiterature.objects.filter(record=duplicate).update(record=keep)
    return moved
