"""Issue 16.1: the public site in kk/ru/en — pages and news, drafts, fallback notice, feeds, sitemap, sanitised
rich text, images through the storage, and who edits."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from accounts import roles
from tests.factories import UserFactory
from website.constants import POST_IMAGE_MAX_SIDE, PageSection, PublicationStatus
from website.models import Page, Post
from website.services import publication_save

from .factories import PageFactory, PostFactory

pytestmark = pytest.mark.django_db


def _url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_news_reads_in_each_language_at_its_own_address(client):
    post = PostFactory(title_kk="Көрме ашылды", title_ru="Открыта выставка", title_en="Exhibition opens")
    for language, title in (("kk", "Көрме ашылды"), ("ru", "Открыта выставка"), ("en", "Exhibition opens")):
        url = _url("website:post", language, slug=post.slug)
        assert url.startswith(f"/{language}/site/news/")
        page = client.get(url).content.decode()
        assert f"<h1>{title}</h1>" in page
        assert f'<html lang="{language}">' in page
        assert "translation-notice" not in page
        for other in ("kk", "ru", "en"):
            assert f'hreflang="{other}" href="http://testserver/{other}/site/news/{post.slug}/"' in page


def test_a_missing_translation_shows_the_kazakh_text_with_a_notice(client):
    post = PostFactory(title_en="", body_en="", title_kk="Тек қазақша", body_kk="<p>Қазақ мәтіні</p>")
    page = client.get(_url("website:post", "en", slug=post.slug)).content.decode()
    assert "Тек қазақша" in page
    assert "Қазақ мәтіні" in page
    assert "This page is not yet translated into English" in page
    ru = client.get(_url("website:post", "ru", slug=post.slug)).content.decode()
    assert "translation-notice" not in ru


def test_kazakh_text_is_never_announced_as_a_fallback():
    post = PostFactory(body_kk="")
    with translation.override("kk"):
        assert not post.is_fallback
    with translation.override("en"):
        assert not post.is_fallback
    with translation.override("ru"):
        post.title_ru = ""
        assert post.is_fallback


def test_stored_html_is_sanitised_on_save():
    page = PageFactory.build(
        slug="rules",
        body_kk='<p onclick="steal()">Ереже <a href="javascript:alert(1)">сілтеме</a> <a href="https://orcid.org" '
                'onmouseover="x()">ORCID</a></p><script>alert(1)</script><img src="x" onerror="y()">'
                '<h2 style="color:red">Тақырып</h2><iframe src="https://evil.example"></iframe>',
    )
    publication_save(publication=page)
    stored = Page.objects.get(pk=page.pk).body_kk
    for forbidden in ("<script", "onclick", "onmouseover", "javascript:", "onerror", "<iframe", "style=", "<img"):
        assert forbidden not in stored
    assert '<a href="https://orcid.org"' in stored
    assert "<h2>Тақырып</h2>" in stored


def test_a_save_that_skips_the_service_is_sanitised_too():
    post = PostFactory(body_ru='<p>Текст<script>alert(1)</script></p>')
    assert Post.objects.get(pk=post.pk).body_ru == "<p>Текст</p>"


def test_publishing_without_a_date_takes_the_moment_of_publishing():
    post = PostFactory.build(status=PublicationStatus.PUBLISHED, published_at=None)
    at = timezone.now() - dt.timedelta(minutes=5)
    publication_save(publication=post, at=at)
    assert post.published_at == at
    draft = PostFactory.build(status=PublicationStatus.DRAFT, published_at=None)
    publication_save(publication=draft)
    assert draft.published_at is None


@pytest.mark.parametrize("state", ["draft", "future"])
def test_drafts_and_future_posts_are_hidden_from_visitors_and_shown_to_editors(client, client_for, state,
                                                                             analytics_librarian, reader):
    if state == "draft":
        post = PostFactory(status=PublicationStatus.DRAFT, published_at=None, title_kk="Жоба")
    else:
        post = PostFactory(published_at=timezone.now() + dt.timedelta(days=2), title_kk="Жоба")
    url = _url("website:post", "kk", slug=post.slug)
    assert client.get(url).status_code == 404
    assert "Жоба" not in client.get(_url("website:posts", "kk")).content.decode()
    assert "Жоба" not in client.get("/").content.decode()
    assert client.get(_url("website:feed_rss", "kk")).content.decode().count("Жоба") == 0
    assert client_for(reader).get(url).status_code == 404
    page = client_for(analytics_librarian).get(url)
    assert page.status_code == 200
    assert "draft-notice" in page.content.decode()


def test_sections_list_their_published_pages(client):
    PageFactory(section=PageSection.RESEARCHERS, title_kk="ORCID нұсқаулығы", order=1)
    PageFactory(section=PageSection.RESEARCHERS, title_kk="Жоба бет", status=PublicationStatus.DRAFT)
    PageFactory(section=PageSection.ABOUT, title_kk="Біз туралы")
    page = client.get(_url("website:researchers", "kk")).content.decode()
    assert "ORCID нұсқаулығы" in page
    assert "Жоба бет" not in page
    assert "Біз туралы" not in page


def test_every_page_links_the_site_sections_in_header_and_footer(client):
    page = client.get(reverse("catalogue_search:search")).content.decode()
    for name in ("website:posts", "website:researchers", "website:about", "website:readers", "website:feed_rss"):
        assert f'href="{_url(name, "kk")}"' in page, name


@pytest.mark.parametrize(("language", "title"), [("kk", "Жаңалық"), ("ru", "Новость"), ("en", "News item")])
def test_rss_and_atom_feeds_per_language(client, language, title):
    PostFactory(title_kk="Жаңалық", title_ru="Новость", title_en="News item", slug="item")
    PostFactory(status=PublicationStatus.DRAFT, published_at=None, title_kk="Жасырын", title_ru="Скрыто",
                title_en="Hidden")
    rss = client.get(_url("website:feed_rss", language))
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.findtext("language") == language
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [title]
    assert items[0].findtext("link") == f"http://testserver/{language}/site/news/item/"
    atom = client.get(_url("website:feed_atom", language))
    root = ET.fromstring(atom.content)
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    assert [entry.findtext("a:title", namespaces=namespace) for entry in root.findall("a:entry", namespace)] == [title]


def test_sitemap_lists_pages_and_news_in_three_languages_with_alternates(client):
    post = PostFactory(slug="open-day")
    PostFactory(slug="secret", status=PublicationStatus.DRAFT, published_at=None)
    PageFactory(slug="opening-hours")
    text = client.get("/sitemap.xml").content.decode()
    for language in ("kk", "ru", "en"):
        assert f"<loc>http://testserver/{language}/site/news/{post.slug}/</loc>" in text
        assert f"http://testserver/{language}/site/pages/opening-hours/" in text
    assert 'hreflang="ru"' in text
    assert "secret" not in text


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 80, 140)).save(out, format="JPEG")
    return out.getvalue()


def test_a_large_image_is_stored_sized_and_served_through_the_post(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    post = PostFactory.build(slug="with-image",
                             image=SimpleUploadedFile("photo.jpg", _jpeg(4000, 2000), content_type="image/jpeg"))
    publication_save(publication=post)
    post.refresh_from_db()
    assert (post.image_width, post.image_height) == (POST_IMAGE_MAX_SIDE, POST_IMAGE_MAX_SIDE // 2)
    page = client.get(_url("website:post", "kk", slug=post.slug)).content.decode()
    image_url = _url("website:post_image", "kk", slug=post.slug)
    assert f'src="{image_url}"' in page
    response = client.get(image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as served:
        assert served.size == (1600, 800)
    post.status = PublicationStatus.DRAFT
    post.save()
    assert client.get(image_url).status_code == 404


def test_home_shows_search_news_arrivals_and_exhibitions(client):
    PostFactory(title_kk="Басты жаңалық")
    response = client.get("/")
    page = response.content.decode()
    assert 'name="q"' in page
    assert "Басты жаңалық" in page
    assert 'id="arrivals-title"' in page
    assert "exhibitions" in response.context


EDITORS = {roles.LIBRARIAN_ANALYTICS, roles.SYSADMIN}


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_only_the_site_editors_change_pages_and_news(client_for, role):
    user = UserFactory(username=f"u-{role}", roles=[role])
    PostFactory(slug="edit-me")
    client = client_for(user)
    post = Post.objects.get(slug="edit-me")
    change = client.get(reverse("admin:website_post_change", args=[post.pk]))
    add_page = client.get(reverse("admin:website_page_add"))
    edit = client.post(reverse("admin:website_post_change", args=[post.pk]), {
        "slug": "edit-me", "kind": "news", "status": "published", "title_kk": "Өзгертілді"})
    if role in EDITORS:
        assert change.status_code == 200
        assert add_page.status_code == 200
        # The editor's import map carries the request's CSP nonce.
        assert b'<script type="importmap" nonce="' in change.content
    else:
        assert add_page.status_code in (302, 403)
        assert edit.status_code in (302, 403)
        assert Post.objects.get(pk=post.pk).title_kk != "Өзгертілді"


def test_the_admin_save_sanitises_and_sets_the_author(client_for, analytics_librarian, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(analytics_librarian)
    response = client.post(reverse("admin:website_post_add"), {
        "slug": "from-admin", "kind": "news", "status": "published", "published_at_0": "", "published_at_1": "",
        "title_kk": "Әкімшіліктен", "title_ru": "", "title_en": "",
        "body_kk": '<p onclick="x()">Мәтін</p><script>bad()</script>', "body_ru": "", "body_en": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    post = Post.objects.get(slug="from-admin")
    assert post.body_kk == "<p>Мәтін</p>"
    assert post.author == analytics_librarian
    assert post.published_at is not None


def test_the_demo_site_is_complete_in_three_languages_and_loads_once(settings, tmp_path):
    import io as _io

    from website import demo
    from website.models import SiteVisitDay

    settings.MEDIA_ROOT = tmp_path
    demo.load(_io.StringIO())
    assert Page.objects.public().count() == 6
    assert all(page.translated_languages() == ["kk", "ru", "en"] for page in Page.objects.all())
    assert set(Page.objects.values_list("section", flat=True)) == {"researchers", "about", "readers"}
    published = Post.objects.public()
    assert published.count() == 4
    assert all(post.image and post.image_width == 1200 for post in published)
    assert not Post.objects.get(slug="thesis-checks-start").is_translated("en")
    assert Post.objects.filter(status=PublicationStatus.DRAFT).count() == 1
    assert SiteVisitDay.objects.count() == 30
    assert all(day.visitors <= day.views for day in SiteVisitDay.objects.all())
    demo.load(_io.StringIO())
    assert Page.objects.count() == 6
    assert Post.objects.count() == 5
