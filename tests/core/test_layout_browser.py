"""Every main page of every role is whole on a laptop (1366 px) and on a phone (390 px): nothing makes the page
scroll sideways (issue 14, point 5). A table may scroll inside its own wrapper; the page itself may not.

The pages are those a role reaches from its header and its staff home (the navigation registry), plus the public
catalogue, a record's page, the reader's cabinet, the request form, the review form, the reports page and a
printed form's page. Set KITAPHANA_SCREENSHOTS to a directory to keep a screenshot of each page at each width.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from accounts import roles
from acquisitions.constants import Accounting
from circulation.constants import DeliveryKind
from circulation.services import ill_request_create, loan_issue, reservation_create
from core.navigation import registry
from tests.acquisitions.factories import catalogue_record, purchase_request, receive
from tests.cataloguing.factories import isbn13
from tests.circulation.factories import make_item, make_reader, make_record
from tests.conftest import keep_screenshot
from tests.factories import AcademicDepartmentFactory, UserFactory, library_department, reader_category

pytestmark = pytest.mark.browser

WIDTHS = ((1366, 800), (390, 844))

# Long words are what breaks a phone layout: the seed data uses the catalogue's real lengths.
LONG_TITLE = ("Мұнай және газ кен орындарын игерудің технологиялық негіздері: жоғары оқу орындарының "
              "студенттеріне арналған оқулық")

# The document is wider than the window: name the widest element sticking out of it (outside any element that
# scrolls or clips its own overflow, which keeps its content to itself).
OVERFLOW = """
() => {
  const limit = window.innerWidth;
  const width = document.documentElement.scrollWidth;
  if (width <= limit + 1) return null;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  let widest = null, widestWidth = -1;
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right <= limit + 1 || box.width === 0 || clipped(el)) continue;
    if (box.width > widestWidth) { widest = el; widestWidth = box.width; }
  }
  let name = "?";
  if (widest) {
    name = widest.tagName.toLowerCase() + (widest.id ? "#" + widest.id : "")
      + Array.from(widest.classList).map((c) => "." + c).join("")
      + " (" + Math.round(widestWidth) + " px wide, right edge at " + Math.round(widest.getBoundingClientRect().right)
      + " px) «" + (widest.innerText || widest.value || "").trim().slice(0, 60).replace(/\\s+/g, " ") + "»";
  }
  return {width: width, widest: name};
}
"""


def _persona(code: str, username: str, **fields):
    return UserFactory(username=username, roles=[code], **fields)


def _seed() -> dict:
    """Enough rows that every table has some, and a head, a reader and a librarian of each kind."""
    department = AcademicDepartmentFactory(code="petroleum-engineering", name_kk="Мұнай инженериясы кафедрасы")
    head = _persona(roles.DEPARTMENT_HEAD, "head", academic_department=department)
    people = {
        "reader": _persona(roles.READER, "reader", reader_card_number="2026000001",
                           reader_category=reader_category("bachelor"), academic_department=department),
        "acquisitions": _persona(roles.LIBRARIAN_ACQUISITIONS, "acquisitions",
                                 library_department=library_department("acquisitions")),
        "cataloguing": _persona(roles.LIBRARIAN_CATALOGUING, "cataloguer",
                                library_department=library_department("cataloguing")),
        "service": _persona(roles.LIBRARIAN_SERVICE, "librarian", library_department=library_department()),
        "storage": _persona(roles.LIBRARIAN_STORAGE, "storage"),
        "digital": _persona(roles.LIBRARIAN_DIGITAL, "digital"),
        "analytics": _persona(roles.LIBRARIAN_ANALYTICS, "analytics"),
        "head": head,
        "director": _persona(roles.DIRECTOR, "director", library_department=library_department("directorate")),
        "vice_rector": _persona(roles.VICE_RECTOR, "vicerector"),
        "operator": _persona(roles.PLAGIARISM_OPERATOR, "operator", academic_department=department),
        "sysadmin": _persona(roles.SYSADMIN, "sysadmin"),
    }
    records = [make_record(f"{LONG_TITLE} ({n}-басылым)", authors="Жолтаев Г.Ж., Сәтбаев Қ.И.", year=2020 + n)
               for n in range(1, 4)]
    items = [make_item(record) for record in records for _ in range(3)]
    reader = make_reader(people["reader"], card_number="2026000001")
    loan_issue(reader=reader, item=items[0])
    reservation_create(reader=reader, record=records[1])
    ill_request_create(reader=reader, kind=DeliveryKind.ILL, title=LONG_TITLE)
    purchase_request(head=head, titles=[(LONG_TITLE, "Жолтаев Г.Ж., Сәтбаев Қ.И.", 25),
                                        ("Бұрғылау технологиясы", "Ахметов А.", 12)], isbn=isbn13("978601000002"))
    purchase_request(head=head, titles=[("Геофизикалық зерттеу әдістері", "Абдуллаев Т.", 8)], submit=False)
    receive(people["acquisitions"], (catalogue_record(LONG_TITLE, isbn=isbn13("978601000001")), 3, "4500.00",
                                     Accounting.INVENTORY))
    return {"people": people, "record": records[0]}


def _session_cookie(user, base_url: str) -> dict:
    client = Client()
    client.force_login(user, backend="accounts.backends.EmailOrReaderCardBackend")
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": base_url}


def _pages_of(user, record) -> list[str]:
    """The role's header and staff-home links, and the main pages every journey passes through."""
    urls = ["/", "/catalogue/", f"/catalogue/records/{record.pk}/"]
    urls += [entry.url for entry in registry.links_for(user, header=True)]
    urls += [entry.url for entry in registry.links_for(user)]
    codes = _role_codes(user)
    if roles.READER in codes:
        urls.append("/circulation/cabinet/")
    if roles.DEPARTMENT_HEAD in codes:
        urls += ["/acquisitions/", "/acquisitions/requests/new/purchase/"]
    if roles.LIBRARIAN_ACQUISITIONS in codes:
        urls += ["/acquisitions/review/", "/acquisitions/orders/", "/acquisitions/receipts/"]
    if roles.LIBRARIAN_SERVICE in codes:
        urls.append("/circulation/desk/")
    return list(dict.fromkeys(urls))  # in order, once each


def _role_codes(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def _slug(url: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"


@pytest.mark.django_db(transaction=True)
def test_no_main_page_of_any_role_scrolls_sideways_on_a_laptop_or_a_phone(chromium, live_server):
    seed = _seed()
    overflows: list[str] = []
    visited = 0
    for persona, user in [("anonymous", None), *seed["people"].items()]:
        context = chromium.new_context(locale="kk-KZ", base_url=live_server.url,
                                       viewport={"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
        if user is not None:
            context.add_cookies([_session_cookie(user, live_server.url)])
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            if user is None:
                urls = ["/", "/catalogue/", f"/catalogue/records/{seed['record'].pk}/", "/accounts/login/"]
            else:
                urls = _pages_of(user, seed["record"])
            if "/reports/" in urls:
                # A printed form's page: the first form the reports page offers this role.
                page.goto("/reports/")
                form_link = page.locator("main a[href^='/reports/forms/']").first
                if form_link.count():
                    urls.append(form_link.get_attribute("href"))
            for url in urls:
                page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
                response = page.goto(url)
                assert response is not None, (persona, url)
                assert response.status < 400, (persona, url, response.status)
                if not response.headers.get("content-type", "").startswith("text/html"):
                    continue  # a PDF or a download the header links to: not a page to lay out
                for width, height in WIDTHS:
                    page.set_viewport_size({"width": width, "height": height})
                    found = page.evaluate(OVERFLOW)
                    visited += 1
                    if found:
                        overflows.append(f"{persona} {url} at {width} px: the page is {found['width']} px wide; "
                                         f"widest: {found['widest']}")
                    keep_screenshot(page, f"layout-{persona}-{_slug(url)}-{width}")
        finally:
            context.close()
    assert visited > 2 * 12 * 3
    assert overflows == [], "pages wider than the window:\n" + "\n".join(overflows)
