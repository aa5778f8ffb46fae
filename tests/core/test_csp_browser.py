"""Under the Content-Security-Policy the main pages load and their scripts work, with no violation reported by
Chromium (issue 13, point 6): home, catalogue search, the reader's cabinet, the desk (scanning), the admin's
changelist, import, export and import-progress pages, a form preview."""

from __future__ import annotations

import pytest

from accounts import roles
from core.models import ImportJob
from tests.circulation.factories import make_item, make_reader, make_record
from tests.factories import PASSWORD, UserFactory, reader_category
from tests.planning.factories import register_letter

pytestmark = pytest.mark.browser

# Every violation the page sees, kept on the window (a navigation starts a new list: read it before leaving).
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at "
    + (e.sourceFile || document.location.pathname) + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""


class CspWatch:
    """A browser context whose pages record CSP violations (event and console) and check each page's header."""

    def __init__(self, chromium, live_server):
        self.context = chromium.new_context(locale="kk-KZ", base_url=live_server.url)
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.console: list[str] = []
        self.page.on("console", self._on_console)
        self.seen: list[str] = []

    def _on_console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None, url
        assert response.ok, (url, response.status)
        assert "default-src 'self'" in response.headers["content-security-policy"], url
        self.page.wait_for_load_state("load")
        self.check(url)

    def check(self, where: str) -> None:
        violations = self.page.evaluate("window.__cspViolations || []")
        assert violations == [], (where, violations)
        assert self.console == [], (where, self.console)
        self.seen.append(where)

    def sign_in(self, login: str) -> None:
        self.visit("/accounts/login/")
        self.page.fill("input[name=username]", login)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state("load")
        self.check("after sign-in")

    def close(self) -> None:
        self.context.close()


@pytest.mark.django_db(transaction=True)
def test_public_and_reader_pages_have_no_csp_violation(chromium, live_server):
    user = UserFactory(username="aigerim", roles=[roles.READER], reader_card_number="2026555001",
                       reader_category=reader_category("bachelor"))
    make_reader(user, card_number="2026555001")
    make_item(make_record("Кен геологиясы негіздері"))
    watch = CspWatch(chromium, live_server)
    try:
        watch.visit("/")
        watch.visit("/catalogue/?q=геологиясы")
        assert "Кен геологиясы" in watch.page.content()
        watch.sign_in(user.reader_card_number)
        watch.visit("/circulation/cabinet/")
    finally:
        watch.close()


@pytest.mark.django_db(transaction=True)
def test_desk_scanner_script_works_with_no_csp_violation(chromium, live_server):
    user = UserFactory(username="aigerim", roles=[roles.READER], reader_card_number="2026555001",
                       reader_category=reader_category("bachelor"), last_name="Серікова")
    reader = make_reader(user, card_number="2026555001")
    item = make_item(make_record("Кен геологиясы негіздері"))
    librarian = UserFactory(username="desk", roles=[roles.LIBRARIAN_SERVICE], email="desk@example.kz")
    watch = CspWatch(chromium, live_server)
    try:
        watch.sign_in(librarian.email)
        watch.visit("/circulation/desk/")
        desk = watch.page
        # desk.js runs: the scan field has the focus, one Enter per scan.
        assert desk.evaluate("document.activeElement.id") == "card-input"
        desk.keyboard.type(reader.card_number)
        desk.keyboard.press("Enter")
        desk.wait_for_selector("#reader-panel")
        assert desk.evaluate("document.activeElement.id") == "item-input"
        watch.check("desk, reader scanned")
        desk.keyboard.type(item.barcode)
        desk.keyboard.press("Enter")
        desk.wait_for_selector("#loans")
        assert item.inventory_number in desk.inner_text("#loans")
        assert desk.evaluate("document.activeElement.id") == "item-input"
        watch.check("desk, copy issued")
    finally:
        watch.close()


@pytest.mark.django_db(transaction=True)
def test_admin_pages_and_import_progress_have_no_csp_violation(chromium, live_server):
    admin = UserFactory(username="admin", email="admin@example.kz", is_staff=True, is_superuser=True)
    make_reader(UserFactory(username="reader1", roles=[roles.READER], reader_card_number="2026555002",
                            reader_category=reader_category("bachelor")), card_number="2026555002")
    job = ImportJob.objects.create(
        app_label="storage", model_name="conditionreading", resource="storage.resources.ConditionReadingResource",
        input_format="import_export.formats.base_formats.CSV", original_name="readings.csv",
        status=ImportJob.Status.IMPORTING, rows_total=10, rows_done=3, created_by=admin,
    )
    letter = register_letter()
    watch = CspWatch(chromium, live_server)
    try:
        watch.sign_in(admin.email)
        watch.visit("/admin/")
        watch.visit("/admin/circulation/reader/")
        # The changelist's own scripts: ticking a row shows the actions counter.
        watch.page.check("input.action-select")
        watch.page.wait_for_selector(".action-counter")
        watch.check("admin changelist, a row ticked")
        watch.visit("/admin/circulation/reader/import/")
        watch.visit("/admin/circulation/reader/export/")
        # django-import-export's one inline handler (allowed by its hash): "select all" unticks every field.
        watch.page.locator("input.select-toggle:visible").first.uncheck()
        watch.page.wait_for_function("!document.querySelector('input[name=studentlistresource_card_number]').checked")
        watch.check("admin export, select-all toggled")
        # The import job page polls its progress from an inline (nonced) script.
        watch.visit(f"/admin/storage/conditionreading/import/{job.pk}/")
        with watch.page.expect_response(lambda r: "/progress/" in r.url):
            pass
        watch.check("import job page, progress polled")
        watch.visit(f"/reports/forms/607-04/?year={letter.year}&number={letter.number}&action=preview")
        # The form's <style> applied (nonced): the university's legal name is centred in the title block as printed.
        assert watch.page.eval_on_selector(".form-header td.legal", "e => getComputedStyle(e).textAlign") == "center"
    finally:
        watch.close()


@pytest.mark.django_db(transaction=True)
def test_director_pages_with_inline_styles_have_no_csp_violation(chromium, live_server, director):
    watch = CspWatch(chromium, live_server)
    try:
        watch.sign_in(director.email)
        watch.visit("/reports/")
        watch.visit("/risks/")
        # The matrix's own (nonced) <style> applied: its cells have their minimum height.
        assert watch.page.eval_on_selector(
            ".risk-matrix td",
            "e => parseFloat(getComputedStyle(e).minWidth)"
            " === 8 * parseFloat(getComputedStyle(document.documentElement).fontSize)",
        )
        watch.visit("/planning/kpi/")
    finally:
        watch.close()
