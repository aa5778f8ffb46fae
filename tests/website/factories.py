"""Factories of the public site."""

from __future__ import annotations

import factory
from django.utils import timezone

from website.constants import PageSection, PostKind, PublicationStatus
from website.models import Page, Post


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    slug = factory.Sequence(lambda n: f"news-{n}")
    kind = PostKind.NEWS
    title_kk = factory.Sequence(lambda n: f"Жаңалық {n}")
    title_ru = factory.Sequence(lambda n: f"Новость {n}")
    title_en = factory.Sequence(lambda n: f"News {n}")
    body_kk = "<p>Кітапхана жаңалығы.</p>"
    body_ru = "<p>Новость библиотеки.</p>"
    body_en = "<p>Library news.</p>"
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    slug = factory.Sequence(lambda n: f"page-{n}")
    section = PageSection.ABOUT
    title_kk = factory.Sequence(lambda n: f"Бет {n}")
    body_kk = "<p>Мәтін.</p>"
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
