"""Who may open the reports page and print a given form."""

from __future__ import annotations

from .registry import FormImplementation

# The roles that get it are declared in accounts/roles.py (every library role, the director and the vice-rector).
OPEN_REPORTS = "forms_registry.view_reports"


def can_open_reports(user) -> bool:
    return user.is_authenticated and user.has_perm(OPEN_REPORTS)


def can_print(user, implementation: FormImplementation) -> bool:
    if not can_open_reports(user):
        return False
    return implementation.permission is None or user.has_perm(implementation.permission)
