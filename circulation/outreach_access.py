"""Who does what with the library's outreach (QP 607 §5.5): heads of departments request exhibitions and book
classes for their own department, readers and heads ask for information services, and the librarians of the
service and information-analytical departments process them (the procedure names these two departments)."""

from __future__ import annotations

from accounts.access import roles_rule
from accounts.roles import DEPARTMENT_HEAD, LIBRARIAN_ANALYTICS, LIBRARIAN_SERVICE, READER

PROCESSING_ROLES = (LIBRARIAN_SERVICE, LIBRARIAN_ANALYTICS)

processes = roles_rule(*PROCESSING_ROLES)
heads = roles_rule(DEPARTMENT_HEAD)
departments = roles_rule(DEPARTMENT_HEAD, *PROCESSING_ROLES)
info_requesters = roles_rule(READER, DEPARTMENT_HEAD, *PROCESSING_ROLES)


def processes_outreach(user) -> bool:
    """Whether this person processes exhibition requests, class bookings and information requests."""
    return processes(user)


def heads_department(user) -> bool:
    """A head of department who has a department to request for."""
    return heads(user) and bool(user.academic_department_id)
