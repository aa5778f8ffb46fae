"""Who may do what with a full-text file (607-32): the one place that decides it.

`file_access()` is called by the delivery view, the record page and the OAI-PMH provider; nothing else
looks at access levels to decide. Tested for every level in tests/digital_library/test_access.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import until_date
from core.networks import ip_in_networks

from .choices import AccessLevel
from .constants import campus_networks, reading_room_networks

STAFF_PERMISSION = "digital_library.change_digitalfile"


@dataclass(frozen=True)
class AccessDecision:
    """What the person may do: open the file in the browser (view) and save a copy (download)."""

    can_view: bool
    can_download: bool
    reason: str = ""

    @property
    def allowed(self) -> bool:
        return self.can_view or self.can_download


FULL = AccessDecision(can_view=True, can_download=True)


def is_remote_address(ip: str | None) -> bool:
    """A request from a known address outside the university's networks (remote use, section 7)."""
    return bool(ip) and not ip_in_networks(ip, campus_networks())


def is_library_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(STAFF_PERMISSION))


def file_access(*, digital_file, user, ip: str | None, at: dt.datetime | None = None) -> AccessDecision:
    """Decide what `user` (anonymous allowed), connecting from `ip`, may do with `digital_file` at `at`.

    Library staff who manage files may always view and download (to check scans and rights). For everyone
    else an embargo closes the file until its date; after that the access level applies:
    open → everyone; registered → signed-in readers; campus → any connection from the campus networks;
    reading room → view only, from the reading-room computers; closed → nobody.
    """
    if is_library_staff(user):
        return FULL
    day = timezone.localdate(at) if at else timezone.localdate()
    if digital_file.is_embargoed(day):
        return AccessDecision(
            False, False,
            _("The file is under embargo until %(date)s.") % {"date": until_date(digital_file.embargo_until)},
        )
    level = digital_file.access_level
    if level == AccessLevel.OPEN:
        return FULL
    if level == AccessLevel.REGISTERED:
        if user is not None and user.is_authenticated and user.is_active:
            return FULL
        return AccessDecision(False, False, _("Sign in as a registered reader to open this file."))
    if level == AccessLevel.CAMPUS:
        if ip_in_networks(ip, campus_networks()):
            return FULL
        return AccessDecision(False, False, _("This file opens only from the university's network."))
    if level == AccessLevel.READING_ROOM:
        if ip_in_networks(ip, reading_room_networks()):
            return AccessDecision(True, False, _("In the reading room the file can be read but not downloaded."))
        return AccessDecision(False, False, _("This file can be read only in the library's reading room."))
    return AccessDecision(False, False, _("This file is closed to readers."))
