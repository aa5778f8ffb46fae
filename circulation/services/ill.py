"""Interlibrary loan and electronic document delivery (607-40, 607-41)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forms_registry.numbering import allocate_number

from ..constants import ILL_SERIES, IllStatus
from ..exceptions import IllTransitionRefused
from ..models import IllRequest, Reader
from .readers import _check_reader_served


@transaction.atomic
def ill_request_create(*, reader: Reader, kind: str, title: str, at: dt.datetime | None = None,
                       **details) -> IllRequest:
    """Register an ILL or EDD request (607-40) with the year's next number."""
    at = at or timezone.now()
    _check_reader_served(reader, at)
    year = timezone.localdate(at).year
    request = IllRequest(reader=reader, kind=kind, title=title, created_at=at, year=year, **details)
    request.number = allocate_number(ILL_SERIES, year)
    request.full_clean()
    request.save()
    return request


ILL_STATUS_DATES = {
    IllStatus.SENT: "sent_on",
    IllStatus.RECEIVED: "received_on",
    IllStatus.DELIVERED: "delivered_on",
    IllStatus.RETURNED: "returned_on",
}


def _ill_move_refusal(request: IllRequest, status: str) -> str:
    allowed = ", ".join(str(IllStatus(step).label) for step in IllStatus if request.can_move_to(step))
    return _("№ %(number)s/%(year)s cannot go from \"%(current)s\" to \"%(target)s\" (allowed: %(allowed)s).") % {
        "number": request.number, "year": request.year, "current": request.get_status_display(),
        "target": IllStatus(status).label, "allowed": allowed or _("none, the request is closed"),
    }


@transaction.atomic
def ill_requests_set_status(*, requests, status: str, by=None, note: str = "",
                            at: dt.datetime | None = None) -> list[IllRequest]:
    """Move ILL/EDD requests on (607-41, the admin's actions) to `status` along `ILL_TRANSITIONS`, stamping the date
    of the step: all of them or none. If any cannot make the move, `IllTransitionRefused` names each one that cannot
    and nothing is changed."""
    if status not in IllStatus.values:
        raise IllTransitionRefused(_("Unknown status of a request: %(status)s.") % {"status": status})
    ids = [request.pk for request in requests]
    locked = list(IllRequest.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    refused = [request for request in locked if not request.can_move_to(status)]
    if refused:
        raise IllTransitionRefused(
            _("Nothing was changed: %(reasons)s") % {
                "reasons": " ".join(_ill_move_refusal(request, status) for request in refused)},
            refused=refused,
        )
    return [_ill_move(request=request, status=status, by=by, note=note, at=at) for request in locked]


def _ill_move(*, request: IllRequest, status: str, by, note: str, at: dt.datetime | None) -> IllRequest:
    request.status = status
    date_field = ILL_STATUS_DATES.get(status)
    if date_field and getattr(request, date_field) is None:
        setattr(request, date_field, timezone.localdate(at) if at else timezone.localdate())
    if note:
        request.result_note = note
    request.handled_by = by or request.handled_by
    request.save()
    return request
