from __future__ import annotations

from django.http import HttpRequest

from accounts.roles import navigation_for


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {"nav_links": navigation_for(user) if user is not None else []}
