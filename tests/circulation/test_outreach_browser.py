"""Issue 16's journeys of the outreach in a real browser (Debian's Chromium through Playwright): a head of department
requests an exhibition and books a class from the department page; a reader asks for an information service from the
cabinet, a librarian answers it from the staff home's queue, and the reader reads the answer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts import roles
from circulation.constants import ClassBookingStatus, EventKind, ExhibitionRequestStatus, InfoRequestStatus
from circulation.models import ClassBooking, ExhibitionRequest, InfoServiceRequest, LiteracyPlanItem
from tests.circulation.factories import make_reader
from tests.conftest import browser_sign_in, keep_screenshot
from tests.factories import UserFactory, library_department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def kk(label) -> str:
    with translation.override("kk"):
        return str(label)


def test_head_requests_an_exhibition_and_books_a_class(browser_page, department_head):
    today = timezone.localdate()
    LiteracyPlanItem.objects.create(year=today.year, month=today.month, kind=EventKind.CLASS,
                                    topic="Электрондық каталогпен жұмыс", audience="1 курс")
    page = browser_page
    browser_sign_in(page, department_head.email)
    assert page.url.endswith(reverse("accounts:department"))

    page.click(f"main a[href='{reverse('circulation:exhibition_request_new')}']")
    page.fill("input[name=topic]", "Қ.И. Сәтбаев — ғалым және ұстаз")
    page.fill("input[name=occasion]", "Ғалымның туған күні")
    page.select_option("select[name=kind]", "virtual")
    page.fill("input[name=date_from]", (today + dt.timedelta(days=10)).isoformat())
    page.fill("input[name=date_to]", (today + dt.timedelta(days=30)).isoformat())
    keep_screenshot(page, "outreach-head-exhibition-form")
    page.click("main button[type=submit]")
    page.wait_for_url("**/circulation/exhibition-requests/*/")
    request = ExhibitionRequest.objects.get()
    assert request.department_id == department_head.academic_department_id
    assert kk(ExhibitionRequestStatus.SUBMITTED.label) in page.inner_text("#request-status")

    page.goto(reverse("accounts:department"))
    page.click(f"main a[href='{reverse('circulation:class_booking_new')}']")
    page.select_option("select[name=kind]", EventKind.CLASS)
    page.select_option("select[name=plan_item]", label=f"{kk(EventKind.CLASS.label)}: Электрондық каталогпен жұмыс")
    page.fill("input[name=group_name]", "ПИ-23-1")
    page.fill("input[name=students_count]", "24")
    page.fill("input[name=preferred_from]", (today + dt.timedelta(days=3)).isoformat())
    page.fill("input[name=preferred_to]", (today + dt.timedelta(days=14)).isoformat())
    keep_screenshot(page, "outreach-head-class-form")
    page.click("main button[type=submit]")
    page.wait_for_url("**/circulation/class-bookings/*/")
    booking = ClassBooking.objects.get()
    assert (booking.topic, booking.group_name, booking.students_count) == ("Электрондық каталогпен жұмыс", "ПИ-23-1",
                                                                         24)
    assert booking.status == ClassBookingStatus.SUBMITTED
    assert kk(ClassBookingStatus.SUBMITTED.label) in page.inner_text("#booking-status")


def test_reader_asks_for_an_information_service_and_reads_the_answer(chromium, live_server, reader):
    make_reader(reader, card_number=reader.reader_card_number)
    analyst = UserFactory(username="analyst", roles=[roles.LIBRARIAN_ANALYTICS], email="analyst@example.kz",
                          library_department=library_department("analytics"))

    def tab():
        page = chromium.new_context(locale="kk-KZ", base_url=live_server.url).new_page()
        page.set_default_timeout(20_000)
        return page

    page = tab()
    browser_sign_in(page, reader.reader_card_number)
    page.wait_for_url("**/circulation/cabinet/")
    page.click(f"#info-requests a[href='{reverse('circulation:info_request_new')}']")
    page.select_option("select[name=kind]", "bibliography")
    page.fill("input[name=topic]", "Машиналық оқыту бойынша әдебиеттер")
    page.fill("textarea[name=details]", "Дипломдық жұмысқа 2020–2025 жылдардағы басылымдар")
    page.click("main button[type=submit]")
    page.wait_for_url("**/circulation/info-requests/*/")
    asked = InfoServiceRequest.objects.get()
    assert asked.reader.user == reader
    assert kk(InfoRequestStatus.SUBMITTED.label) in page.inner_text("#request-status")

    desk = tab()
    browser_sign_in(desk, analyst.email)
    desk.wait_for_url("**/workbench/")
    desk.click(f"main a[href='{reverse('circulation:info_requests')}']")
    desk.click(f"main a[href='{reverse('circulation:info_request', args=[asked.pk])}']")
    desk.fill("textarea[name=answer]", "ЭК бойынша 18 кітап іріктелді, тізім поштаңызда.")
    keep_screenshot(desk, "outreach-librarian-answer")
    desk.click("form[action$='/answer/'] button[type=submit]")
    desk.wait_for_selector("#answer")

    page.reload()
    assert "ЭК бойынша 18 кітап іріктелді" in page.inner_text("#answer")
    assert kk(InfoRequestStatus.ANSWERED.label) in page.inner_text("#request-status")
    page.goto(reverse("circulation:info_requests"))
    assert "Машиналық оқыту бойынша әдебиеттер" in page.inner_text("main table")
    keep_screenshot(page, "outreach-reader-answer")
    asked.refresh_from_db()
    assert asked.status == InfoRequestStatus.ANSWERED
