"""Access decorators for the web pages (the admin has its own permission checks)."""

from __future__ import annotations

from core.access import Rule, access_rule


def roles_rule(*codes: str) -> Rule:
    """A rule that holds for people holding one of these roles (superusers always)."""

    def rule(user) -> bool:
        return user.is_authenticated and (user.is_superuser or user.has_role(*codes))

    rule.__qualname__ = f"roles_rule{codes}"
    return rule


def role_required(*codes: str):
    """Allow only signed-in people holding one of these roles (superusers always pass); the rule stays on the
    view, so the navigation shows its links only to these roles."""
    return access_rule(roles_rule(*codes))

