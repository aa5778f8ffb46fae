"""The book storage department's logs that are filled from circulation: the daily book-issue diary (607-52)
and the refusal log (607-53) with its analysis for acquisitions.

They belong to sub-process 5.6, but they read circulation's loans and refusals; `storage` sits below
`circulation` in the dependency order, so — as the house rules say for reports that read a higher app —
they are built here, at the top, where reports read everything.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.utils.translation import gettext_lazy as _

from acquisitions.classification import language_group
from acquisitions.constants import SUBJECT_CLASSES, LanguageGroup
from cataloguing.constants import DocumentType
from circulation.constants import RefusalAction
from core.periods import period_filter
from forms_registry.examples import period_example
from forms_registry.registry import FormDataError, FormParam, period_params, registry

LANGUAGE_COLUMNS = ((LanguageGroup.KAZAKH, "қаз."), (LanguageGroup.RUSSIAN, "орыс."), (LanguageGroup.ENGLISH, "ағыл."))
TYPE_COLUMNS = ((DocumentType.BOOK, "кітаптар"), (DocumentType.TEXTBOOK, "оқулықтар"),
                (DocumentType.PERIODICAL, "мерзімді басылымдар"))
# The UDC main classes the summary book counts by (acquisitions.constants.SUBJECT_CLASSES), "" left out.
UDC_CLASSES = tuple(code for code in SUBJECT_CLASSES if code)


def _department_choices() -> list[tuple[str, str]]:
    from accounts.models import LibraryDepartment

    return [(d.code, d.name) for d in LibraryDepartment.objects.order_by("code")]


def _check_period(params: dict[str, Any]) -> tuple[dt.date, dt.date]:
    date_from, date_to = params["date_from"], params["date_to"]
    if date_from > date_to:
        raise FormDataError(_("The period ends before it starts."))
    return date_from, date_to


def _udc_class(udc: str) -> str:
    digit = next((ch for ch in udc or "" if ch.isdigit()), "")
    return digit if digit in UDC_CLASSES else ("" if not digit else "other")


def issue_diary_rows(*, department_code: str, date_from: dt.date, date_to: dt.date) -> tuple[list[dict], dict]:
    """607-52: per day, the copies of the department issued (from the stacks) and how: total, from orders,
    to the reading room, by kind of document, by language, by UDC class. Returns the days and the total."""
    from circulation.models import Loan

    loans = (Loan.objects.filter(period_filter("issued_at", date_from, date_to), item__department__code=department_code)
             .select_related("item__record").order_by("issued_at"))
    days: dict[dt.date, Counter] = defaultdict(Counter)
    from django.utils import timezone

    for loan in loans.iterator():
        record = loan.item.record
        day = days[timezone.localtime(loan.issued_at).date()]
        day["total"] += 1
        day["ordered"] += 1 if loan.reservation_id else 0
        day["reading_room"] += 1 if loan.reading_room else 0
        kind = record.document_type if record.document_type in dict(TYPE_COLUMNS) else "other_type"
        day[f"type:{kind}"] += 1
        language = language_group(record.language)
        day[f"lang:{language if language != LanguageGroup.OTHER else 'other_language'}"] += 1
        day[f"udc:{_udc_class(record.udc) or 'none'}"] += 1
    total = Counter()
    for counts in days.values():
        total.update(counts)
    rows = [{"day": day, "counts": days[day]} for day in sorted(days)]
    return rows, total


def issue_diary_context(params: dict[str, Any]) -> dict[str, Any]:
    from accounts.models import LibraryDepartment

    date_from, date_to = _check_period(params)
    department = LibraryDepartment.objects.filter(code=params["department"]).first()
    if department is None:
        raise FormDataError(_("No such library department."))
    rows, total = issue_diary_rows(department_code=department.code, date_from=date_from, date_to=date_to)
    if not rows:
        raise FormDataError(_("No copies of this department were issued in the period."))
    return {
        "department": department, "date_from": date_from, "date_to": date_to, "rows": rows, "total": total,
        "type_columns": TYPE_COLUMNS, "language_columns": LANGUAGE_COLUMNS, "udc_classes": UDC_CLASSES,
        "signatures": [{"position": f"{department.name_kk} меңгерушісі", "name": ""}],
    }


def refusal_log_context(params: dict[str, Any]) -> dict[str, Any]:
    """607-53: every refusal of the period with its reason and the action taken, then the analysis by title
    (how many refusals, for which reasons) that acquisitions acts on."""
    from circulation.models import Refusal

    date_from, date_to = _check_period(params)
    refusals = list(Refusal.objects.in_period(date_from, date_to)
                    .select_related("record", "reader__category", "reader__department").order_by("created_at"))
    if not refusals:
        raise FormDataError(_("No refusals were recorded in the period."))
    per_title: dict[int, dict[str, Any]] = {}
    for refusal in refusals:
        entry = per_title.setdefault(refusal.record_id, {"record": refusal.record, "count": 0, "reasons": Counter(),
                                                         "unresolved": 0})
        entry["count"] += 1
        entry["reasons"][refusal.get_reason_display()] += 1
        entry["unresolved"] += 1 if refusal.action == RefusalAction.NONE else 0
    analysis = sorted(per_title.values(), key=lambda e: (-e["count"], e["record"].title))
    for entry in analysis:
        entry["reason_text"] = "; ".join(f"{reason} — {n}" for reason, n in entry["reasons"].most_common())
    return {
        "date_from": date_from, "date_to": date_to, "refusals": refusals, "analysis": analysis,
        "signatures": [{"position": "Кітап сақтау бөлімінің меңгерушісі", "name": ""}],
    }


def _initial_department() -> str:
    return "storage"


def _issue_diary_example() -> dict[str, Any]:
    from circulation.models import Loan

    department = _initial_department()
    return {"department": department,
            **period_example(Loan.objects.filter(item__department__code=department), "issued_at")}


def _refusal_log_example() -> dict[str, Any]:
    from circulation.models import Refusal

    return period_example(Refusal.objects.all(), "created_at")


registry.implement(
    "607-52", template="planning/forms/issue_diary.html", build_context=issue_diary_context,
    params=(*period_params(), FormParam("department", _("library department"), "choice",
                                        choices=_department_choices, initial=_initial_department)),
    permission="circulation.view_loan", orientation="landscape", example=_issue_diary_example,
)
registry.implement(
    "607-53", template="planning/forms/refusal_log.html", build_context=refusal_log_context,
    params=period_params(), permission="circulation.view_refusal",
    orientation="landscape", example=_refusal_log_example,
)
