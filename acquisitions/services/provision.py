"""Book provision: a department's shortfall becomes a purchase request in one step (607-05/06 → 607-07)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ..classification import language_group
from ..constants import RequestKind
from ..exceptions import AcquisitionsError
from ..selectors import department_shortfall
from .requests import request_create


@transaction.atomic
def shortfall_request_create(*, department, user, academic_year: int):
    """A draft purchase request (607-07) with one line per title short of the norm, for the head to check and send."""
    rows = department_shortfall(department)
    if not rows:
        raise AcquisitionsError(_("Every discipline meets the norm: nothing to request."))
    lines = []
    for row in rows:
        record, discipline = row.literature.record, row.literature.discipline
        lines.append({
            "discipline": f"{discipline.code} {discipline.name}", "programme": str(discipline.programme),
            "literature_kind": row.literature.kind, "author": record.authors[:255], "title": record.title[:500],
            "publisher": record.publisher[:255], "year": record.year, "isbn": record.isbn,
            "language": language_group(record.language),
            "copies_requested": row.shortfall, "students": discipline.students,
            "reason": _("Provision %(coefficient)s below the norm %(norm)s") % {
                "coefficient": row.coefficient, "norm": row.norm},
        })
    return request_create(department=department, kind=RequestKind.PURCHASE, academic_year=academic_year,
                          created_by=user, lines=lines)
