"""What circulation puts in the navigation (sub-process 5.5): the reader's cabinet and where a reader lands, the
desk and its tools, and the desk's queues: holds to fetch, overdue loans, interlibrary loan requests to send."""

from __future__ import annotations

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import LIBRARIAN_SERVICE, READER
from core.access import all_of, permission_rule
from core.navigation import registry

from . import selectors
from .constants import IllStatus, ReservationStatus


def _overdue_query() -> str:
    # As Loan.objects.overdue(): open, not lost, due before today.
    return urlencode({"returned_at__isnull": "True", "lost__exact": "0",
                      "due_on__lt": timezone.localdate().isoformat()})


registry.link("circulation.cabinet", _("My cabinet"), "circulation:cabinet", "5.5", header=True, workbench=False,
              order=30)
registry.link("circulation.desk", _("Circulation desk"), "circulation:desk", "5.5", header=True, order=42)
registry.link("circulation.desk_readers", _("Find a reader by name"), "circulation:desk_readers", "5.5", order=50)
registry.link("circulation.desk_why", _("Why a copy cannot be issued"), "circulation:desk_why", "5.5", order=60)
registry.link("circulation.overdue_letters", _("Overdue letters (PDF)"), "circulation:overdue_letters", "5.5",
              order=70)
registry.landing("circulation:cabinet", roles_rule(READER), priority=40)

desk = roles_rule(LIBRARIAN_SERVICE)
registry.queue("circulation.holds", _("Copies held for readers' orders"), "admin:circulation_reservation_changelist",
               "5.5", count=lambda user: selectors.holds_to_pick_count(timezone.now()),
               rule=all_of(desk, permission_rule("circulation.view_reservation")),
               query=f"status__exact={ReservationStatus.ACTIVE}", order=10)
registry.queue("circulation.overdue", _("Overdue loans"), "admin:circulation_loan_changelist", "5.5",
               count=lambda user: selectors.overdue_loans_count(timezone.now()),
               rule=all_of(desk, permission_rule("circulation.view_loan")), query=_overdue_query, order=20)
registry.queue("circulation.ill_new", _("Interlibrary loan requests to send"),
               "admin:circulation_illrequest_changelist", "5.5", count=lambda user: selectors.ill_requests_new_count(),
               rule=all_of(desk, permission_rule("circulation.change_illrequest")),
               query=f"status__exact={IllStatus.NEW}", order=30)

registry.admin_app("circulation", "5.5")
