"""What a printed form says, read back from its PDF: the university's title block, the БЕКІТЕМІН / КЕЛІСІЛДІ
approvals with names from the accounts, amounts as people write them, and the acts (607-15, 16, 19, 21, 22)
reading as acts (issue 20, items 5 and 7)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from freezegun import freeze_time
from pypdf import PdfReader

from acquisitions import services
from acquisitions.constants import RequestKind
from acquisitions.models import Periodical, PeriodicalIssue, Subscription
from cataloguing.models import Item
from forms_registry.registry import FormDataError
from forms_registry.renderer import render_form_html, render_form_pdf
from planning.constants import ApprovalDocument, PlanPeriod
from planning.models import PlanActivity
from planning.services import (
    approval_decide,
    approval_submit,
    innovation_card_register,
    library_plan_consolidate,
    work_plan_create,
)
from tests.acquisitions.factories import catalogue_record, receive
from tests.cataloguing.factories import make_item
from tests.factories import UserFactory, library_department

pytestmark = pytest.mark.django_db


def pdf_text(code: str, params: dict) -> str:
    """The PDF's text, whitespace (non-breaking spaces too) folded into single spaces."""
    reader = PdfReader(io.BytesIO(render_form_pdf(code, params)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def approved_write_off(acquisitions_librarian, director):
    book = catalogue_record("Жоғары математика")
    receive(acquisitions_librarian, (book, 2, "3900", "inventory"))
    act = services.write_off_act_create(reason="worn", drawn_on=dt.date(2026, 5, 1),
                                        items=Item.objects.filter(record=book), user=acquisitions_librarian)
    return services.write_off_act_approve(act=act, user=director, approved_on=dt.date(2026, 5, 2))


# --- Item 5: the title block and the approvals -------------------------------------------------------------------


def test_title_block_carries_the_universitys_mark_and_legal_name_as_the_procedure_writes_them(approved_write_off):
    text = pdf_text("607-22", {"year": 2026, "number": approved_write_off.number})
    assert "СӘТБАЕВ УНИВЕРСИТЕТІ" in text
    assert "«Қ.И. СӘТБАЕВ АТЫНДАҒЫ ҚАЗАҚ ҰЛТТЫҚ ТЕХНИКАЛЫҚ ЗЕРТТЕУ УНИВЕРСИТЕТІ»" in text
    assert "КОММЕРЦИЯЛЫҚ ЕМЕС АКЦИОНЕРЛІК ҚОҒАМЫ" in text


def test_approved_act_is_approved_by_the_director_recorded_on_it_with_the_date(approved_write_off, director):
    text = pdf_text("607-22", {"year": 2026, "number": approved_write_off.number})
    assert "БЕКІТЕМІН" in text
    assert f"{director.position or 'Ғылыми кітапхана директоры'}" in text
    assert "Омарова Г.С." in text
    assert "«02» 05 2026 ж." in text


def test_the_list_to_an_act_carries_the_acts_approval(approved_write_off):
    text = pdf_text("607-23", {"year": 2026, "number": approved_write_off.number})
    assert "БЕКІТЕМІН" in text
    assert "Омарова Г.С." in text


def test_unapproved_act_names_the_current_director_and_leaves_the_date_to_the_pen(acquisitions_librarian, director):
    book = catalogue_record("Физика")
    receive(acquisitions_librarian, (book, 1, "2500", "inventory"))
    act = services.defect_act_create(kind="delivery", drawn_on=dt.date(2026, 3, 11), user=acquisitions_librarian,
                                     lines=[{"description": "Физика, 2023", "quantity_invoiced": 2,
                                             "quantity_received": 1}])
    text = pdf_text("607-20", {"year": act.year, "number": act.number})
    assert "БЕКІТЕМІН" in text
    assert "Омарова Г.С." in text
    assert "«___» ________ 20___ ж." in text


def test_a_director_who_left_is_not_named_on_new_approvals(acquisitions_librarian, director):
    director.is_active = False
    director.save()
    successor = UserFactory(username="director2", roles=["director"], first_name="Айгүл", last_name="Бекова",
                            position="Ғылыми кітапхана директоры")
    act = services.defect_act_create(kind="fund", drawn_on=dt.date(2026, 3, 11), user=acquisitions_librarian,
                                     lines=[{"description": "Химия, 2020", "quantity_defective": 1}])
    text = pdf_text("607-20", {"year": act.year, "number": act.number})
    assert successor.short_name in text
    assert "Омарова" not in text


def test_department_plan_is_approved_by_the_director_who_approved_it(director):
    plan = work_plan_create(department=library_department("storage"), year=2026, period=PlanPeriod.FIRST_HALF)
    PlanActivity.objects.create(plan=plan, position=1, subprocess="5.6", description="Қорды тексеру", target=1)
    approval_submit(plan=plan, document=ApprovalDocument.PLAN, user=director)
    approval_decide(plan=plan, document=ApprovalDocument.PLAN, user=director, approve=True, on=dt.date(2026, 1, 15))
    text = pdf_text("607-01", {"year": 2026, "period": PlanPeriod.FIRST_HALF, "department": "storage"})
    assert "БЕКІТЕМІН" in text
    assert "Омарова Г.С." in text
    assert "«15» 01 2026 ж." in text
    assert "КЕЛІСІЛДІ" not in text


def test_library_plan_is_agreed_with_the_vice_rector_and_approved_by_the_director(director, vice_rector):
    vice_rector.first_name, vice_rector.last_name, vice_rector.position = "Ерлан", "Көлдеев", "Проректор"
    vice_rector.save()
    plan = work_plan_create(department=library_department("storage"), year=2026, period=PlanPeriod.FIRST_HALF)
    PlanActivity.objects.create(plan=plan, position=1, subprocess="5.6", description="Қорды тексеру", target=1)
    library_plan_consolidate(year=2026, period=PlanPeriod.FIRST_HALF)
    text = pdf_text("607-01", {"year": 2026, "period": PlanPeriod.FIRST_HALF, "department": "library"})
    assert "КЕЛІСІЛДІ" in text
    assert "Көлдеев Е." in text
    assert "БЕКІТЕМІН" in text
    assert "Омарова Г.С." in text


def test_innovation_card_is_signed_by_the_director_named_from_the_accounts(director):
    card = innovation_card_register(title="QR-кодпен кітап тапсырысы", department=library_department("service"),
                                    authors="Жұмабаева А.Қ.", description="QR-кодпен тапсырыс.",
                                    proposed_on=dt.date(2026, 2, 10))
    text = pdf_text("607-03", {"year": card.year, "number": card.number})
    assert "Ғылыми кітапхана директоры" in text
    assert "Омарова Г.С." in text


def test_consolidated_subscription_is_approved_by_the_director(director):
    periodical = Periodical.objects.create(title="Егемен Қазақстан", subscription_index="65001", language="kaz",
                                           issues_per_year=12)
    Subscription.objects.create(periodical=periodical, year=2026, period="year", copies=2, price=Decimal("12000"))
    text = pdf_text("607-09", {"year": 2026})
    assert "БЕКІТЕМІН" in text
    assert "Омарова Г.С." in text


def test_consolidated_subscription_is_agreed_by_the_vice_rector_who_agreed_its_order(
        department_head, acquisitions_librarian, vice_rector, director):
    vice_rector.first_name, vice_rector.last_name = "Ерлан", "Көлдеев"
    vice_rector.save()
    request = services.request_create(
        department=department_head.academic_department, kind=RequestKind.SUBSCRIPTION, academic_year=2026,
        created_by=department_head,
        lines=[{"title": "Вопросы философии", "language": "rus", "period": "h1", "subscription_index": "70150",
                "issues_per_year": 12}])
    services.request_submit(request=request, user=department_head)
    order = services.order_build(kind=RequestKind.SUBSCRIPTION, user=acquisitions_librarian)
    with freeze_time("2026-02-03 10:00"):
        services.order_agree(order=order, user=vice_rector)
    periodical = Periodical.objects.create(title="Вопросы философии", subscription_index="70150", language="rus",
                                           issues_per_year=12)
    Subscription.objects.create(periodical=periodical, year=2026, period="h1", copies=1, price=Decimal("9000"),
                                order_line=order.lines.get())
    text = pdf_text("607-09", {"year": 2026})
    assert "КЕЛІСІЛДІ" in text
    assert "Көлдеев Е." in text
    assert "«03» 02 2026 ж." in text


# --- Item 6: amounts --------------------------------------------------------------------------------------------


def test_acceptance_act_writes_amounts_grouped_with_a_decimal_comma_and_the_sum_in_words(acquisitions_librarian):
    receipt = receive(acquisitions_librarian, (catalogue_record("Геология"), 2, "3900", "inventory"))
    text = pdf_text("607-16", {"year": receipt.year, "number": receipt.act_number})
    assert "3 900,00" in text
    assert "7 800,00" in text
    assert "(Жеті мың сегіз жүз теңге 00 тиын)" in text
    assert "7800.00" not in text


# --- Item 7: the acts read as acts ------------------------------------------------------------------------------


def test_gift_act_names_the_commission_the_donor_and_the_basis_of_valuation(acquisitions_librarian, director):
    receipt = receive(acquisitions_librarian, (catalogue_record("Абай жолы"), 1, "5000", "inventory"),
                      source="gift", donor="Беков Әлихан")
    receipt.commission = "Сейітова А.Б. (төраға), Жұмабаев Н.К."
    receipt.save(update_fields=["commission"])
    text = pdf_text("607-19", {"year": receipt.year, "number": receipt.act_number})
    assert "Сыйға тартушы: Беков Әлихан" in text
    assert "Сейітова А.Б. (төраға), Жұмабаев Н.К." in text
    assert "бағалау негізі: ұқсас басылымдардың қабылдау күнгі нарықтық бағасы" in text
    assert "(Бес мың теңге 00 тиын)" in text
    assert "БЕКІТЕМІН" in text


@pytest.fixture
def stocktaking(acquisitions_librarian):
    book = catalogue_record("Қара сөздер")
    for number in ("Б1-10", "Б1-2", "Б1-1"):
        make_item(book, inventory_number=number)
    return services.stocktaking_start(user=acquisitions_librarian, basis="Директордың 2026 ж. 1 сәуірдегі № 12 бұйрығы",
                                      commission="Сейітова А.Б., Жұмабаев Н.К.")


def test_stocktaking_act_is_refused_while_the_stocktaking_is_open(stocktaking):
    with pytest.raises(FormDataError, match="әлі аяқталмаған"):  # printed forms speak Kazakh
        render_form_html("607-21", {"year": stocktaking.year, "number": stocktaking.number})


def test_stocktaking_act_has_its_date_commission_conclusions_and_approval(stocktaking, acquisitions_librarian,
                                                                           director):
    # Closed at 19:30 UTC, which is already the next day in Almaty: the act carries the library's own date.
    with freeze_time("2026-12-03 19:30"):
        services.stocktaking_close(session=stocktaking, user=acquisitions_librarian)
    stocktaking.refresh_from_db()
    text = pdf_text("607-21", {"year": stocktaking.year, "number": stocktaking.number})
    assert f"АКТ № {stocktaking.number}/{stocktaking.year} 04.12.2026 ж." in text
    assert "Комиссия құрамы: Сейітова А.Б., Жұмабаев Н.К." in text
    assert "Негіздеме: Директордың 2026 ж. 1 сәуірдегі № 12 бұйрығы" in text
    assert "Комиссияның қорытындысы" in text
    assert "3 дана құжат табылмады" in text
    assert "БЕКІТЕМІН" in text
    assert "Омарова Г.С." in text


def test_stocktaking_act_lists_inventory_numbers_in_natural_order(stocktaking, acquisitions_librarian):
    services.stocktaking_close(session=stocktaking, user=acquisitions_librarian)
    text = pdf_text("607-21", {"year": stocktaking.year, "number": stocktaking.number})
    assert text.index("Б1-1 ") < text.index("Б1-2 ") < text.index("Б1-10 ")


def test_arrivals_sheet_lists_issues_as_ranges_and_ends_with_a_signature():
    periodical = Periodical.objects.create(title="Егемен Қазақстан", subscription_index="65001", language="kaz",
                                           issues_per_year=24)
    subscription = Subscription.objects.create(periodical=periodical, year=2026, period="year", copies=1,
                                               price=Decimal("24000"))
    services.subscription_expect_issues(subscription=subscription)
    for number in [*range(1, 13), 14, *range(20, 25)]:
        services.issue_receive(issue=PeriodicalIssue.objects.get(subscription=subscription, number=number),
                               received_on=dt.date(2026, 1, 5))
    text = pdf_text("607-15", {"year": 2026})
    assert "№ 1–12, 14, 20–24 (18)" in text
    assert "1, 2, 3" not in text
    assert "ҚЖжҒӨБ меңгерушісі" in text
