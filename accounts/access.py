"""Access decorators for the web pages (the admin has its own permission checks)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(*codes: str):
    """Allow only signed-in people holding one of these roles (superusers always pass)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_superuser or user.has_role(*codes)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
