from __future__ import annotations

from django.http import HttpRequest

from .navigation import registry


def navigation(request: HttpRequest) -> dict:
    """The header menu: the pages the apps put there that this person may open."""
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_links": []}
    links = sorted(registry.links_for(user, header=True), key=lambda entry: entry.order)
    return {"nav_links": [(entry.label, entry.url) for entry in links]}
