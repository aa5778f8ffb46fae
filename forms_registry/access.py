"""Who may open the reports page and print a given form."""

from __future__ import annotations

from accounts.roles import REPORT_ROLES

from .registry import FormImplementation


def can_open_reports(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(*REPORT_ROLES))


def can_print(user, implementation: FormImplementation) -> bool:
    if not can_open_reports(user):
        return False
    return implementation.permission is None or user.has_perm(implementation.permission)
