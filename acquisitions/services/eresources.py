"""Licensed databases opened through the library's public list: who may follow the link from where, and the count
of uses that the summary book of databases (607-18) reports beside the vendors' own statistics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import EResourceUse, LicensedDatabase


@dataclass(frozen=True)
class EResourceAccess:
    """Whether the person may open the database now, and why not. `needs_sign_in` sends them to sign in first."""

    allowed: bool
    reason: str = ""
    needs_sign_in: bool = False


def eresource_access(*, database: LicensedDatabase, user, on_campus: bool, day: dt.date) -> EResourceAccess:
    """The terms of access (607-17): a database recognising the university by its addresses opens on campus only;
    any other opens on campus for everyone and remotely for the university's people once signed in."""
    if not database.url:
        return EResourceAccess(False, _("The library has no address for this database; ask a librarian."))
    if not database.access_from <= day <= database.access_to:
        return EResourceAccess(False, _("The library's access to this database is not open now."))
    if on_campus:
        return EResourceAccess(True)
    if database.campus_only:
        return EResourceAccess(False, _("This database opens only from the university's networks: use a computer "
                                        "on campus or in the library's reading rooms."))
    if not (user and user.is_authenticated):
        return EResourceAccess(False, _("Sign in to open this database from outside the university."),
                               needs_sign_in=True)
    return EResourceAccess(True)


def eresource_use_count(*, database: LicensedDatabase, on_campus: bool, at: dt.datetime | None = None) -> None:
    """Count one use of the database on the day: one UPDATE of the day's row, created by the first use."""
    day = timezone.localdate(at)
    rows = EResourceUse.objects.filter(database=database, day=day, on_campus=on_campus)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            EResourceUse.objects.create(database=database, day=day, on_campus=on_campus, count=1)
    except IntegrityError:
        # Another request created the day's row between the UPDATE and the INSERT: count on it.
        rows.update(count=F("count") + 1)
