"""What circulation puts in the navigation (sub-process 5.5): the reader's cabinet and where a reader lands, the
desk and its tools, and the desk's queues: holds to fetch, overdue loans, interlibrary loan requests to send."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import LIBRARIAN_SERVICE, READER
from core.access import all_of, permission_rule
from core.navigation import registry

from . import outreach_access, selectors
from .constants import IllStatus
from .models import PriceList, PriceListStatus

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

# Paid services (§5.5): the public price list, the desk's page of receipts, the period's totals among the
# dashboards, and the draft price lists waiting for the director's approval.
registry.link("circulation.price_list", _("Price list of paid services"), "circulation:price_list", "5.5",
              workbench=False, order=80)
registry.link("circulation.paid_desk", _("Paid services at the desk"), "circulation:paid_desk", "5.5", order=44)
registry.link("circulation.paid_totals", _("Paid services: totals"), "circulation:paid_totals", "5.5",
              dashboard=True, order=85)
registry.queue("circulation.price_lists_to_approve", _("Price lists of paid services to approve"),
               "admin:circulation_pricelist_changelist", "5.5",
               count=lambda user: PriceList.objects.filter(status=PriceListStatus.DRAFT).count(),
               rule=permission_rule("circulation.approve_pricelist"), query=f"status__exact={PriceListStatus.DRAFT}",
               order=40)

registry.admin_app("circulation", "5.5")

# Outreach (§5.5): the public exhibitions (in everyone's header); heads request exhibitions and book classes for their
# department, readers (from the cabinet) and heads ask for information services; the librarians' queues decide them.
registry.link("circulation.exhibitions", _("Exhibitions"), "exhibitions:list", "5.5", header=True, workbench=False,
              order=25)
registry.link("circulation.exhibition_requests", _("Exhibition requests"), "circulation:exhibition_requests", "5.5",
              order=90)
registry.link("circulation.exhibition_request_new", _("Request an exhibition"), "circulation:exhibition_request_new",
              "5.5", order=91)
registry.link("circulation.literacy_plan", _("Information-literacy plan"), "circulation:literacy_plan", "5.5",
              order=92)
registry.link("circulation.class_bookings", _("Class bookings"), "circulation:class_bookings", "5.5", order=93)
registry.link("circulation.class_booking_new", _("Book a class for a group"), "circulation:class_booking_new", "5.5",
              order=94)
registry.link("circulation.info_requests", _("Information requests"), "circulation:info_requests", "5.5",
              order=95)
registry.queue("circulation.exhibition_requests_open", _("Exhibition requests to decide or hold"),
               "circulation:exhibition_requests", "5.5",
               count=lambda user: selectors.exhibition_requests_to_process_count(), rule=outreach_access.processes,
               order=50)
registry.queue("circulation.class_bookings_open", _("Class bookings to confirm"), "circulation:class_bookings", "5.5",
               count=lambda user: selectors.class_bookings_to_confirm_count(), rule=outreach_access.processes,
               order=51)
registry.queue("circulation.info_requests_open", _("Information requests to answer"), "circulation:info_requests",
               "5.5", count=lambda user: selectors.info_requests_to_answer_count(), rule=outreach_access.processes,
               order=52)
