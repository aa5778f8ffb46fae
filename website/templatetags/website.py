"""Template tags of the public site: the page's addresses in the other languages (hreflang alternates)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[tuple[str, str]]:
    """(language, absolute URL) of this page in each site language, for <link rel="alternate" hreflang>."""
    request = context["request"]
    return [(code, request.build_absolute_uri(translate_url(request.path, code))) for code, _name in settings.LANGUAGES]


@register.simple_tag
def language_name(code: str) -> str:
    from django.utils.translation import get_language_info, gettext

    return gettext(get_language_info(code)["name"])
