"""Who signs, approves or agrees a printed form (QP 607-2023): the person recorded on the document, or else whoever
holds the role now (the library's director, the vice-rector). Names always come from the accounts, never from
the templates; a role nobody holds leaves the name blank for a hand-written one.

The base form (forms_registry/base_form.html) prints `approvals` as БЕКІТЕМІН / КЕЛІСІЛДІ blocks with position,
name, a signature line and the date, and `signatures` under the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import roles
from .models import User

APPROVE = "approve"  # БЕКІТЕМІН: the head who approves the document
AGREE = "agree"  # КЕЛІСІЛДІ: who agrees it before approval
HEADINGS = {APPROVE: "Бекітемін", AGREE: "Келісілді"}  # printed forms are in Kazakh

# The position printed when the account records none (printed forms are in Kazakh).
ROLE_POSITIONS_KK = {
    roles.DIRECTOR: "Ғылыми кітапхана директоры",
    roles.VICE_RECTOR: "Ғылым және корпоративтік даму жөніндегі проректор",
}


def role_holder(role: str) -> User | None:
    """The active account that holds `role` now: the one who joined last, as a successor's account is the newer."""
    return User.objects.filter(is_active=True, groups__name=role).order_by("-date_joined", "-pk").first()


def signatory(role: str, person: User | None = None) -> dict[str, str]:
    """{position, name} of who signs for `role`: `person` when the document records one, else the role's holder."""
    person = person or role_holder(role)
    position = (person.position if person and person.position else "") or ROLE_POSITIONS_KK.get(role, "")
    return {"position": position, "name": person.short_name if person else ""}


def approval(kind: str, role: str, *, person: User | None = None, on: dt.date | None = None) -> dict[str, Any]:
    """A БЕКІТЕМІН (`APPROVE`) or КЕЛІСІЛДІ (`AGREE`) block: who approves for `role` and the date (blank when
    the document is not approved yet: then it is signed and dated by hand)."""
    return {"kind": kind, "heading": HEADINGS[kind], **signatory(role, person), "date": on}
