"""What circulation puts in the navigation (sub-process 5.5): the reader's cabinet and where a reader lands, the
desk and its tools, and the desk's queues: holds to fetch, overdue loans, interlibrary loan requests to send."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import LIBRARIAN_SERVICE, READER
from core.access import all_of, permission_rule
from core.navigation import registry

from . import selectors
from .constants import IllStatus

registry.link("circulation.cabinet", _("My cabinet"), "circulation:cabinet", "5.5", header=True, workbench=False,
              order=30)
registry.link("circulation.desk", _("Circulation desk"), "circulation:desk", "5.5", header=True, order=42)
registry.link("circulation.desk_readers", _("Find a reader by name"), "circulation:desk_readers", "5.5", order=50)
registry.link("circulation.desk_why", _("Why a copy cannot be issued"), "circulation:desk_why", "5.5", order=60)
registry.link("circulation.overdue_letters", _("Overdue letters (PDF)"), "circulation:overdue_letters", "5.5",
              order=70)
registry.landing("circulation:cabinet", roles_rule(READER), priority=40)

desk = roles_rule(LIBRARIAN_SERVICE)
# The desk's two lists of the day lead to its page of readers, each reader a link to the desk with their card.
registry.queue("circulation.holds", _("Copies held for readers' orders"), "circulation:desk_readers", "5.5",
               count=lambda user: selectors.holds_to_pick_count(timezone.now()), rule=desk, order=10)
registry.queue("circulation.overdue", _("Overdue loans"), "circulation:desk_readers", "5.5",
               count=lambda user: selectors.overdue_loans_count(timezone.now()), rule=desk, order=20)
registry.queue("circulation.ill_new", _("Interlibrary loan requests to send"),
               "admin:circulation_illrequest_changelist", "5.5", count=lambda user: selectors.ill_requests_new_count(),
               rule=all_of(desk, permission_rule("circulation.change_illrequest")),
               query=f"status__exact={IllStatus.NEW}", order=30)

registry.admin_app("circulation", "5.5")
