"""Issue 16 "done when": an anonymous visitor reads news in each language; an editor writes a page in the
rich-text editor (its vendored scripts run under the site's Content-Security-Policy)."""

from __future__ import annotations

import pytest

from tests.conftest import browser_sign_in
from website.constants import PublicationStatus
from website.models import Page

from .factories import PostFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_anonymous_visitor_reads_the_news_in_each_language(browser_page):
    PostFactory(slug="reading-room-opens", title_kk="Жаңа оқу залы ашылды", title_ru="Открыт новый читальный зал",
                title_en="A new reading room opens", body_kk="<p>Үшінші қабатта.</p>",
                body_ru="<p>На третьем этаже.</p>", body_en="<p>On the third floor.</p>")
    PostFactory(slug="only-kazakh", title_kk="Тек қазақша хабарландыру", title_ru="", body_ru="", title_en="",
                body_en="")
    page = browser_page
    page.goto("/")
    assert "Жаңа оқу залы ашылды" in page.inner_text("main")
    page.click("footer a[href='/kk/site/news/']")
    page.wait_for_url("**/kk/site/news/")
    page.click("main a:has-text('Жаңа оқу залы ашылды')")
    page.wait_for_url("**/kk/site/news/reading-room-opens/")
    assert page.inner_text("main h1") == "Жаңа оқу залы ашылды"
    assert "Үшінші қабатта." in page.inner_text("main")

    page.click(".language-switcher button[value=ru]")
    page.wait_for_url("**/ru/site/news/reading-room-opens/")
    assert page.inner_text("main h1") == "Открыт новый читальный зал"
    assert page.get_attribute("html", "lang") == "ru"

    page.click(".language-switcher button[value=en]")
    page.wait_for_url("**/en/site/news/reading-room-opens/")
    assert page.inner_text("main h1") == "A new reading room opens"
    assert "On the third floor." in page.inner_text("main")

    page.goto("/en/site/news/only-kazakh/")
    assert page.inner_text("main h1") == "Тек қазақша хабарландыру"
    assert "not yet translated into English" in page.inner_text(".translation-notice")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_writes_a_page_in_the_rich_text_editor(browser_page, analytics_librarian):
    page = browser_page
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    browser_sign_in(page, analytics_librarian.email)
    page.goto("/admin/website/page/add/")
    page.fill("input[name=slug]", "how-to-orcid")
    page.fill("input[name=title_kk]", "ORCID қалай алуға болады")
    editor = page.locator(".field-body_kk .ProseMirror[contenteditable=true]")
    editor.wait_for()
    editor.click()
    page.keyboard.type("ORCID тіркелуі тегін.")
    page.select_option("select[name=status]", PublicationStatus.PUBLISHED)
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/website/page/")
    saved = Page.objects.get(slug="how-to-orcid")
    assert "ORCID тіркелуі тегін." in saved.body_kk
    assert saved.body_kk.startswith("<p>")
    assert not [error for error in errors if "Content Security Policy" in error], errors
