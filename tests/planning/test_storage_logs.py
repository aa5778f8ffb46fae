from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import LibraryDepartment
from circulation.models import Loan, Refusal
from forms_registry.registry import FormDataError
from forms_registry.renderer import render_form_pdf
from planning.storage_logs import issue_diary_rows
from tests.circulation.factories import make_reader
from tests.storage.factories import item

pytestmark = pytest.mark.django_db


def at(day: int, hour: int = 11) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, tzinfo=timezone.get_current_timezone())


def stack_copy(**kwargs):
    copy = item(**kwargs)
    copy.department = LibraryDepartment.objects.get(code="storage")
    copy.save(update_fields=["department"])
    return copy


def lend(copy, reader, day, **extra):
    return Loan.objects.create(item=copy, reader=reader, issued_at=at(day), due_on=dt.date(2026, 4, 30), **extra)


def test_issue_diary_counts_the_stack_copies_issued_each_day():
    reader = make_reader()
    lend(stack_copy(udc="622.2"), reader, 2)
    lend(stack_copy(udc="004.4"), reader, 2, reading_room=True)
    lend(stack_copy(udc="821.512"), reader, 3)
    lend(item(udc="622.2"), reader, 3)  # a copy of another department: not in the stacks' diary
    lend(stack_copy(), reader, 10, returned_at=at(11))  # outside the period
    rows, total = issue_diary_rows(department_code="storage", date_from=dt.date(2026, 3, 1),
                                   date_to=dt.date(2026, 3, 5))
    assert [(row["day"], row["counts"]["total"]) for row in rows] == [(dt.date(2026, 3, 2), 2),
                                                                    (dt.date(2026, 3, 3), 1)]
    assert total["total"] == 3
    assert total["reading_room"] == 1
    assert (total["udc:6"], total["udc:0"], total["udc:8"]) == (1, 1, 1)


def test_issue_diary_prints_and_refuses_an_empty_period():
    lend(stack_copy(), make_reader(), 2)
    params = {"date_from": "2026-03-01", "date_to": "2026-03-31", "department": "storage"}
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_form_pdf("607-52", params))).pages)
    assert "02.03.2026" in text
    with pytest.raises(FormDataError):
        render_form_pdf("607-52", {**params, "date_from": "2026-04-01", "date_to": "2026-04-30"})


def test_refusal_log_lists_each_refusal_and_ranks_titles_for_acquisitions():
    reader = make_reader()
    wanted = item(title="Пайдалы қазбалар геологиясы").record
    other = item(title="Жоғары математика").record
    for day in (2, 3, 4):
        Refusal.objects.create(record=wanted, reader=reader, reason="all_on_loan", created_at=at(day))
    Refusal.objects.create(record=other, reader=reader, reason="not_in_fund", action="ill", created_at=at(5))
    Refusal.objects.create(record=other, reader=reader, reason="not_in_fund", created_at=at(20, 9).replace(month=4))
    pdf = render_form_pdf("607-53", {"date_from": "2026-03-01", "date_to": "2026-03-31"})
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert text.count("Пайдалы қазбалар геологиясы") == 4  # three rows and the analysis
    assert "Жоғары математика" in text
