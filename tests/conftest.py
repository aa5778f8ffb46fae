"""Test personas (reader, librarian, department head, director…) and the database markers."""

from __future__ import annotations

import pytest
from django.db import connection

from accounts import roles
from tests.factories import AcademicDepartmentFactory, UserFactory, library_department, reader_category


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…); this run uses SQLite")
    skip_redis = pytest.mark.skip(reason="needs Redis (set REDIS_URL=redis://…)")
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and "serialized_rollback" not in marker.kwargs:
            # A transactional test ends by emptying every table, migration-seeded rows included (reader
            # categories, catalogue databases, loan policies…); restoring them keeps later tests honest.
            item.add_marker(
                pytest.mark.django_db(**marker.kwargs, serialized_rollback=True), append=False
            )
        if "postgres" in item.keywords and engine != "django.db.backends.postgresql":
            item.add_marker(skip_pg)
        if "redis" in item.keywords and not settings.REDIS_URL:
            item.add_marker(skip_redis)


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def department(db):
    return AcademicDepartmentFactory(code="software-engineering", name_kk="Бағдарламалық инженерия")


@pytest.fixture
def reader(db, department):
    return UserFactory(
        username="reader", roles=[roles.READER], reader_card_number="2026000001",
        reader_category=reader_category("bachelor"), academic_department=department,
    )


@pytest.fixture
def librarian(db):
    return UserFactory(username="librarian", roles=[roles.LIBRARIAN_SERVICE], library_department=library_department())


@pytest.fixture
def cataloguer(db):
    return UserFactory(username="cataloguer", roles=[roles.LIBRARIAN_CATALOGUING],
                       library_department=library_department("cataloguing"))


@pytest.fixture
def acquisitions_librarian(db):
    return UserFactory(username="acquisitions", roles=[roles.LIBRARIAN_ACQUISITIONS],
                       library_department=library_department("acquisitions"))


@pytest.fixture
def storage_librarian(db):
    return UserFactory(username="storage", roles=[roles.LIBRARIAN_STORAGE],
                       library_department=library_department("storage"))


@pytest.fixture
def digital_librarian(db):
    return UserFactory(username="digital", roles=[roles.LIBRARIAN_DIGITAL],
                       library_department=library_department("new-it"))


@pytest.fixture
def analytics_librarian(db):
    return UserFactory(username="analyst", roles=[roles.LIBRARIAN_ANALYTICS],
                       library_department=library_department("analytics"))


@pytest.fixture
def department_head(db, department):
    return UserFactory(username="head", roles=[roles.DEPARTMENT_HEAD], academic_department=department)


@pytest.fixture
def other_department_head(db):
    return UserFactory(username="other-head", roles=[roles.DEPARTMENT_HEAD],
                       academic_department=AcademicDepartmentFactory(code="geophysics"))


@pytest.fixture
def director(db):
    return UserFactory(
        username="director", roles=[roles.DIRECTOR], library_department=library_department("directorate"),
        first_name="Гүлнар", last_name="Омарова", patronymic="Серікқызы",
    )


@pytest.fixture
def vice_rector(db):
    return UserFactory(username="vicerector", roles=[roles.VICE_RECTOR])


@pytest.fixture
def operator(db, department):
    return UserFactory(username="operator", roles=[roles.PLAGIARISM_OPERATOR], academic_department=department)


@pytest.fixture
def sysadmin(db):
    return UserFactory(username="sysadmin", roles=[roles.SYSADMIN])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def client_for(client):
    """Log a persona into the test client: `client_for(reader)`."""

    def login(user):
        client.force_login(user, backend="accounts.backends.EmailOrReaderCardBackend")
        return client

    return login


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture
def chromium():
    """Debian's Chromium driven by Playwright (no browser download); browser tests skip clearly without it.

    Function-scoped on purpose: Playwright's sync API keeps an event loop in this thread while it runs, and
    the database restore of transactional tests must not run under it (launching takes well under a second).
    """
    import os
    import shutil

    if not shutil.which(CHROMIUM):
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM guard would refuse the live server.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh Kazakh-language page with `page.base_url` set to the live server."""
    context = chromium.new_context(locale="kk-KZ", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def browser_sign_in(page, login: str) -> None:
    """Sign in through the real login page of a Playwright page (e-mail or reader card), and wait for the page the
    person lands on."""
    from tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def keep_screenshot(page, name: str) -> None:
    """Save a full-page screenshot as `<name>.png` in $KITAPHANA_SCREENSHOTS when it is set (CI keeps them as
    artefacts, so a failed journey can be seen step by step); without it, do nothing."""
    import os
    from pathlib import Path

    directory = os.environ.get("KITAPHANA_SCREENSHOTS")
    if not directory:
        return
    Path(directory).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)
