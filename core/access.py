"""One access rule per page, kept on the view so that links to the page show only to people it admits.

A view guarded by `access_rule(rule)` carries the rule as `view.access_rule`; the navigation registry
(core/navigation.py) and the reachability tests read it from there instead of repeating it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

Rule = Callable[[Any], bool]


def access_rule(rule: Rule):
    """Allow only signed-in people for whom `rule(user)` holds; 403 for the others (anonymous go to sign-in)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorator


def permission_rule(*perms: str) -> Rule:
    """A rule that holds for people with any of these permissions (superusers hold every permission)."""

    def rule(user) -> bool:
        return user.is_authenticated and any(user.has_perm(perm) for perm in perms)

    rule.__qualname__ = f"permission_rule{perms}"
    return rule


def all_of(*rules: Rule) -> Rule:
    """A rule that holds when every one of these holds (a queue narrowed to one role of those a page admits)."""

    def rule(user) -> bool:
        return all(each(user) for each in rules)

    rule.__qualname__ = f"all_of{tuple(getattr(each, '__qualname__', each) for each in rules)}"
    return rule


def signed_in_rule(user) -> bool:
    """Anyone signed in: a page that decides by the object it shows (a reader's own certificate or photo)."""
    return user.is_authenticated


def staff_rule(user) -> bool:
    """Library staff: the people the roles make `is_staff` (they work in the admin and from the staff home)."""
    return user.is_authenticated and user.is_staff


def rule_of(view) -> Rule | None:
    """The access rule a view declared, or None for a page without one (public, or checked inside)."""
    return getattr(view, "access_rule", None)
