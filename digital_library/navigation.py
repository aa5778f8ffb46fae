"""What the digital library puts in the navigation (sub-process 5.4): a department's scanning requests, the rare
editions to digitise, and the queues of the digital librarian and the system administrator."""

from __future__ import annotations

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.access import roles_rule
from accounts.roles import LIBRARIAN_DIGITAL, SYSADMIN
from core.access import all_of, permission_rule
from core.navigation import registry

from . import selectors
from .choices import AccountRequestStatus, ScanningStatus, SystemRequestStatus


def _embargoes_ending_query() -> str:
    first, last = selectors.embargo_window(timezone.localdate())
    return urlencode({"embargo_until__gte": first.isoformat(), "embargo_until__lte": last.isoformat()})


SCANNING_OPEN = ",".join(status for status in ScanningStatus.values
                         if status not in (ScanningStatus.PUBLISHED, ScanningStatus.REJECTED))
SYSTEM_UNRESOLVED = ",".join((SystemRequestStatus.NEW, SystemRequestStatus.IN_PROGRESS))

registry.link("digital_library.scanning_requests", _("Scanning requests"), "digital_library:scanning_requests",
              "5.4", order=10)
registry.link("digital_library.rare_editions", _("Rare editions for digitisation"), "digital_library:rare_editions",
              "5.4", dashboard=True, order=20)

# The window is selectors.EMBARGO_WARNING; the label is worded when shown, in the reader's language.
def _embargoes_ending_label() -> str:
    days = selectors.EMBARGO_WARNING.days
    return ngettext("Embargoes ending within %(days)d day", "Embargoes ending within %(days)d days", days) % {
        "days": days}


digital = roles_rule(LIBRARIAN_DIGITAL)
administrators = roles_rule(LIBRARIAN_DIGITAL, SYSADMIN)
registry.queue("digital_library.scanning_open", _("Scanning requests in progress"),
               "admin:digital_library_scanningrequest_changelist", "5.4",
               count=lambda user: selectors.scanning_requests_open_count(),
               rule=all_of(digital, permission_rule("digital_library.change_scanningrequest")),
               query=f"status__in={SCANNING_OPEN}", order=10)
registry.queue("digital_library.embargoes_ending", lazy(_embargoes_ending_label, str)(),
               "admin:digital_library_digitalfile_changelist", "5.4",
               count=lambda user: selectors.embargoes_ending_count(timezone.localdate()),
               rule=all_of(digital, permission_rule("digital_library.change_digitalfile")),
               query=_embargoes_ending_query, order=20)
registry.queue("digital_library.account_requests", _("Account requests to handle"),
               "admin:digital_library_accountrequest_changelist", "5.4",
               count=lambda user: selectors.account_requests_open_count(),
               rule=all_of(administrators, permission_rule("digital_library.change_accountrequest")),
               query=f"status__exact={AccountRequestStatus.NEW}", order=30)
registry.queue("digital_library.system_requests", _("System requests not resolved"),
               "admin:digital_library_systemrequest_changelist", "5.4",
               count=lambda user: selectors.system_requests_unresolved_count(),
               rule=all_of(administrators, permission_rule("digital_library.change_systemrequest")),
               query=f"status__in={SYSTEM_UNRESOLVED}", order=40)

registry.admin_app("digital_library", "5.4")
