"""Each role's main journey, walked in Chromium as a new user would (issue 14, "Done when"): sign in through the
real login page, land on one's place (`/start/` sends staff to the staff home, readers to the cabinet, heads to
their department), and from there only follow links and press buttons: no URL is typed after the first page.

Pages are in Kazakh (the browser asks for kk-KZ); what the user must see is compared with the translated strings
of the product, so the tests follow the catalogues as they are completed. With KITAPHANA_SCREENSHOTS set, each
step leaves `<role>-<nn>-<step>.png` there (CI keeps them as artefacts).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from acquisitions import services as acquisitions
from acquisitions.constants import Accounting, LineStatus, OrderStatus, RequestStatus, WriteOffReason
from acquisitions.models import ConsolidatedOrder
from cataloguing.constants import ItemStatus
from circulation.constants import ReservationStatus
from circulation.models import Reservation
from tests.acquisitions.factories import catalogue_record, contract, purchase_request, receive
from tests.circulation.factories import make_item, make_reader, make_record
from tests.conftest import keep_screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def kk(text) -> str:
    """A product string (a lazy label or an English msgid) as a Kazakh page shows it."""
    with translation.override("kk"):
        return translation.gettext(text) if isinstance(text, str) else str(text)


class Journey:
    """One person's browser tab: signs in, follows links, keeps a numbered screenshot of each step."""

    def __init__(self, chromium, live_server, role: str):
        self.context = chromium.new_context(locale="kk-KZ", base_url=live_server.url, accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.role = role
        self.step = 0

    def shot(self, name: str) -> None:
        self.step += 1
        keep_screenshot(self.page, f"{self.role}-{self.step:02d}-{name}")

    def sign_in(self, login: str) -> str:
        """Sign in on the login page; return the path of the page one lands on."""
        page = self.page
        page.goto("/accounts/login/")
        self.shot("login")
        page.fill("input[name=username]", login)
        page.fill("input[name=password]", PASSWORD)
        visited: list[str] = []
        page.on("request", lambda request: visited.append(urlsplit(request.url).path))
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url and "/start/" not in url)
        assert reverse("core:landing") in visited, visited  # everyone is sent to their place by one page
        return self.path

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    def follow(self, url: str, *, within: str = "body") -> None:
        """Click the first link to `url` (its path, with or without a query) and wait for the page."""
        link = self.page.locator(f"{within} a[href='{url}'], {within} a[href^='{url}?']").first
        link.click()
        self.page.wait_for_load_state()

    def text(self, selector: str = "main") -> str:
        return self.page.locator(selector).inner_text()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def journey(chromium, live_server):
    opened: list[Journey] = []

    def start(role: str) -> Journey:
        opened.append(Journey(chromium, live_server, role))
        return opened[-1]

    yield start
    for tab in opened:
        tab.shot("end")  # where the journey stopped: the last step, or the page a failure left it on
        tab.close()


# --- Head of department: a purchase request (607-07) from the department page to its status --------------------


def test_head_of_department_submits_a_purchase_request_and_sees_it_submitted(journey, department_head):
    head = journey("head")
    assert head.sign_in(department_head.email) == reverse("accounts:department")
    assert department_head.academic_department.name in head.text("main h1")
    head.shot("department")

    head.follow(reverse("acquisitions:request_list"), within="main")
    assert head.path == reverse("acquisitions:request_list")
    head.shot("requests")

    head.follow(reverse("acquisitions:request_create", args=["purchase"]), within="main")
    head.shot("new-request")
    page = head.page
    page.fill("input[name=lines-0-discipline]", "Деректер қоры")
    page.fill("input[name=lines-0-programme]", "6B06102 Бағдарламалық инженерия")
    page.select_option("select[name=lines-0-literature_kind]", "main")
    page.fill("input[name=lines-0-author]", "Сәтбаев Қ.И.")
    page.fill("input[name=lines-0-title]", "Деректер қорын жобалау")
    page.fill("input[name=lines-0-copies_requested]", "20")
    page.fill("input[name=lines-0-students]", "60")
    page.fill("textarea[name=lines-0-reason]", "Негізгі әдебиет жетіспейді")
    head.shot("line-filled")
    page.click("button[name=submit]")
    page.wait_for_url("**/acquisitions/requests/*/")
    head.shot("submitted")

    summary = head.text("main h1 + p")
    assert kk(RequestStatus.SUBMITTED.label) in summary
    row = head.text("main tbody tr")
    assert "Деректер қорын жобалау" in row
    assert "20" in row
    assert kk(LineStatus.SUBMITTED.label) in row
    assert kk("The request has been sent to the library.") in head.text(".messages")


# --- Director: approve a write-off act waiting for approval, then download a printed form ------------------------


@pytest.fixture
def act_waiting_for_approval(acquisitions_librarian):
    record = catalogue_record("Тозған оқулық", isbn="")
    receive(acquisitions_librarian, (record, 1, "2500", Accounting.INVENTORY))
    item = record.items.get()
    return acquisitions.write_off_act_create(reason=WriteOffReason.WORN, drawn_on=timezone.localdate(),
                                             items=[item], user=acquisitions_librarian, commission="Комиссия")


def test_director_approves_a_write_off_act_and_downloads_its_pdf(journey, director, act_waiting_for_approval):
    act = act_waiting_for_approval
    boss = journey("director")
    assert boss.sign_in(director.email) == reverse("core:workbench")
    queue = boss.page.locator("main .queues li", has_text=kk("Write-off acts to approve"))
    assert queue.locator(".queue-count").inner_text() == "1"
    boss.shot("workbench")

    queue.locator("a").click()
    boss.page.wait_for_load_state()
    assert boss.path == reverse("acquisitions:write_off_list")
    boss.shot("write-offs")
    row = boss.page.locator("main tbody tr", has_text=f"{act.number}/{act.year}")
    assert kk(act.get_status_display()) in row.inner_text()
    row.locator("button[type=submit]").click()
    boss.page.wait_for_load_state()
    boss.shot("approved")
    act.refresh_from_db()
    assert act.is_approved
    assert kk(act.get_status_display()) in boss.page.locator("main tbody tr", has_text=f"{act.number}/{act.year}") \
        .inner_text()

    boss.follow(reverse("forms_registry:reports"), within="header")
    boss.shot("reports")
    boss.follow(reverse("forms_registry:form", args=["607-22"]), within="main")
    boss.shot("form-607-22")
    assert "607-22" in boss.text("main h1")
    with boss.page.expect_download() as download_info:
        boss.page.click("button[name=action][value=pdf]")
    download = download_info.value
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert download.suggested_filename.endswith(".pdf")


# --- Acquisitions librarian: review a department's line, build the order, receive it ------------------------------


def test_acquisitions_librarian_reviews_builds_the_order_and_receives_it(
    journey, acquisitions_librarian, department_head, vice_rector
):
    purchase_request(head=department_head, titles=(("Деректер қорын жобалау", "Сәтбаев Қ.И.", 20),))
    record = catalogue_record("Деректер қорын жобалау", authors="Сәтбаев Қ.И.")
    contract()
    librarian = journey("acquisitions")
    assert librarian.sign_in(acquisitions_librarian.email) == reverse("core:workbench")
    queue = librarian.page.locator("main .queues li", has_text=kk("Department requests to review"))
    assert queue.locator(".queue-count").inner_text() == "1"
    librarian.shot("workbench")

    librarian.follow(reverse("acquisitions:review"), within="main .queues")
    librarian.shot("review")
    line = librarian.page.locator("main tbody tr", has_text="Деректер қорын жобалау")
    line.locator("input[name=copies]").fill("12")
    line.locator("select[name=reason]").select_option("holdings")
    line.locator("button[type=submit]").click()
    librarian.page.wait_for_load_state()
    librarian.shot("line-corrected")
    assert kk("The quantity has been corrected.") in librarian.text(".messages")
    assert "20 → 12" in librarian.page.locator("main tbody tr", has_text="Деректер қорын жобалау").inner_text()

    librarian.page.click("main form[action$='/review/build/purchase/'] button")
    librarian.page.wait_for_url("**/acquisitions/orders/*/")
    librarian.shot("order-built")
    assert kk(OrderStatus.DRAFT.label) in librarian.text("main h1 + p")
    order_row = librarian.text("main tbody tr")
    assert "Деректер қорын жобалау" in order_row
    assert "12" in order_row

    # Meanwhile the vice-rector agrees the order; the librarian finds it in the next queue of the staff home.
    order = ConsolidatedOrder.objects.get()
    acquisitions.order_agree(order=order, user=vice_rector)
    librarian.follow(reverse("core:workbench"), within="header")
    queue = librarian.page.locator("main .queues li", has_text=kk("Agreed orders to send to procurement"))
    assert queue.locator(".queue-count").inner_text() == "1"
    librarian.shot("workbench-agreed")
    queue.locator("a").click()
    librarian.page.wait_for_load_state()
    librarian.shot("orders")
    librarian.follow(reverse("acquisitions:order_detail", args=[order.pk]), within="main")
    librarian.page.click(f"main form[action='{reverse('acquisitions:order_send', args=[order.pk])}'] button")
    librarian.page.wait_for_load_state()
    librarian.shot("sent-to-procurement")
    assert kk(OrderStatus.IN_PROCUREMENT.label) in librarian.text("main h1 + p")

    librarian.follow(reverse("core:workbench"), within="header")
    librarian.follow(reverse("acquisitions:receipt_list"), within="main .workbench-links")
    librarian.shot("receipts")
    librarian.follow(reverse("acquisitions:receipt_create"), within="main")
    page = librarian.page
    page.select_option("select[name=source]", "purchase")
    page.select_option("select[name=contract]", index=1)
    page.fill("input[name=document]", "ШФ № 112")
    page.fill("input[name=lines-0-record]", record.control_number)
    page.fill("input[name=lines-0-copies]", "12")
    page.fill("input[name=lines-0-price]", "4500")
    page.select_option("select[name=lines-0-accounting]", Accounting.INVENTORY)
    page.select_option("select[name=lines-0-order_line]", str(order.lines.get().pk))
    librarian.shot("receipt-filled")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/acquisitions/receipts/")
    librarian.shot("received")
    assert kk("%(receipt)s entered.").split("%")[0] in librarian.text(".messages")
    receipt_row = librarian.text("main tbody tr")
    assert "12" in receipt_row
    assert record.items.count() == 12
    order_line = order.lines.get()
    assert order_line.quantity_received == 12
    assert order_line.status == LineStatus.RECEIVED


# --- Cataloguer: from the staff home's processing queue to the record ---------------------------------------------


def test_cataloguer_opens_a_copy_waiting_in_processing_and_sees_its_record(journey, cataloguer, acquisitions_librarian):
    record = catalogue_record("Геотектоника негіздері", authors="Мұқанов Е.")
    receive(acquisitions_librarian, (record, 1, "3000", Accounting.INVENTORY))
    item = record.items.get()
    cat = journey("cataloguer")
    assert cat.sign_in(cataloguer.email) == reverse("core:workbench")
    # The receipt stamped it (QP 607 §5.2, issue 17.5); its technical processing in cataloguing is still to do.
    queue = cat.page.locator("main .queues li", has_text=kk("Copies waiting for technical processing"))
    assert queue.locator(".queue-count").inner_text() == "1"
    cat.shot("workbench")

    queue.locator("a").click()
    cat.page.wait_for_load_state()
    cat.shot("queue")
    row = cat.page.locator("#result_list tbody tr", has_text=item.inventory_number)
    assert "Геотектоника негіздері" in row.inner_text()
    row.locator("th a, td a").first.click()
    cat.page.wait_for_load_state()
    cat.shot("copy")
    assert item.inventory_number in cat.text("#content")
    assert kk(ItemStatus.PROCESSING.label) in cat.text("#content")

    cat.follow(reverse("admin:cataloguing_bibliographicrecord_change", args=[record.pk]), within="#content")
    cat.shot("record")
    assert cat.page.locator("input[name=title], textarea[name=title]").first.input_value() == "Геотектоника негіздері"


# --- Reader: from the public catalogue to an order held in the cabinet ---------------------------------------------


def test_reader_finds_a_title_orders_it_from_its_page_and_sees_the_hold_in_the_cabinet(journey, reader):
    make_reader(reader, card_number=reader.reader_card_number)
    wanted = make_record(title="Кен орындарын игеру", authors="Сәтбаев Қ.И.", year=2021)
    item = make_item(wanted)
    make_item(make_record(title="Жоғары математика", authors="Қасымов Қ.", year=2019))
    visitor = journey("reader")
    assert visitor.sign_in(reader.reader_card_number) == reverse("circulation:cabinet")
    assert kk("No orders.") in visitor.text("#orders")
    visitor.shot("cabinet")

    visitor.follow(reverse("home"), within="header")
    assert visitor.page.locator("main input[type=search][name=q]").is_visible()
    assert kk("New arrivals") in visitor.text("#arrivals-title")
    visitor.shot("home")

    visitor.page.fill("main input[type=search][name=q]", "Кен орындарын")
    visitor.page.click("main form[role=search] button[type=submit]")
    visitor.page.wait_for_url("**/catalogue/?q=*")
    visitor.shot("results")
    record_url = reverse("catalogue_search:record", args=[wanted.pk])
    results = visitor.page.locator("main .catalogue-result")
    assert "Кен орындарын игеру" in results.first.inner_text()
    assert "Жоғары математика" not in visitor.text("main")

    visitor.follow(record_url, within="main .catalogue-result")
    assert visitor.path == record_url
    assert visitor.text("main h1") == "Кен орындарын игеру"
    assert kk("Copies") in visitor.text("#panel-copies")
    visitor.shot("record")

    visitor.page.click("#panel-copies button.order-button")
    visitor.page.wait_for_url("**" + reverse("circulation:cabinet"))
    visitor.shot("ordered")
    hold = Reservation.objects.get(reader__user=reader, record=wanted)
    until = timezone.localtime(hold.expires_at).strftime("%d.%m.%Y %H:%M")
    assert item.inventory_number in visitor.text(".messages")
    assert until in visitor.text(".messages")
    row = visitor.page.locator(f"#orders tr[data-order='{hold.pk}']").inner_text()
    assert "Кен орындарын игеру" in row
    assert item.inventory_number in row
    assert kk(ReservationStatus.ACTIVE.label) in row
    assert until in row  # the hold's end, as the desk will keep it
