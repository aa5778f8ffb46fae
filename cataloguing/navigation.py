"""What cataloguing puts in the navigation (sub-process 5.3): an author's UDC requests, the transfer slips a
department receives, and the cataloguer's queues: records to complete, copies to process, copies to hand over,
UDC requests to answer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import LIBRARIAN_CATALOGUING, LIBRARIAN_ROLES, LIBRARIAN_STORAGE
from core.access import all_of, permission_rule
from core.navigation import registry

from . import quality_views, selectors
from .constants import ItemStatus, UdcRequestStatus


def _receiving_librarian(user) -> bool:
    # Book storage accepts its slips on its own page, which also shelves the copies (storage/navigation.py).
    return roles_rule(*LIBRARIAN_ROLES)(user) and not user.has_role(LIBRARIAN_STORAGE)


registry.link("cataloguing.udc", _("UDC index requests"), "cataloguing:udc", "5.3", order=10)
registry.link("cataloguing.transfers", _("Transfer slips received"), "cataloguing:transfers", "5.3", order=20)
registry.link("cataloguing.quality_queue", _("Quality-control queue"), "cataloguing:quality_queue", "5.3", order=30)

cataloguer = roles_rule(LIBRARIAN_CATALOGUING)
registry.queue("cataloguing.flagged", _("Imported records flagged by quality control"), "cataloguing:quality_queue",
               "5.3", count=lambda user: quality_views.flagged_count(), order=4)
registry.queue("cataloguing.quality", _("Records waiting for quality control: no UDC index"),
               "admin:cataloguing_bibliographicrecord_changelist", "5.3",
               count=lambda user: selectors.records_without_udc_count(),
               rule=all_of(cataloguer, permission_rule("cataloguing.change_bibliographicrecord")),
               query="quality=no-udc", order=5)
registry.queue("cataloguing.to_process", _("Copies waiting for technical processing"),
               "admin:cataloguing_item_changelist", "5.3", count=lambda user: selectors.items_to_process_count(),
               rule=all_of(cataloguer, permission_rule("cataloguing.change_item")),
               query=f"status__exact={ItemStatus.PROCESSING}&processed_on__isnull=True", order=10)
registry.queue("cataloguing.to_hand_over", _("Processed copies to hand over on a transfer slip"),
               "admin:cataloguing_item_changelist", "5.3", count=lambda user: selectors.items_to_hand_over_count(),
               rule=all_of(cataloguer, permission_rule("cataloguing.change_item")),
               query=f"status__exact={ItemStatus.PROCESSING}&processed_on__isnull=False", order=20)
registry.queue("cataloguing.udc_open", _("UDC index requests to answer"), "admin:cataloguing_udcrequest_changelist",
               "5.3", count=lambda user: selectors.udc_requests_open_count(),
               rule=all_of(cataloguer, permission_rule("cataloguing.change_udcrequest")),
               query=f"status__exact={UdcRequestStatus.NEW}", order=30)
registry.queue("cataloguing.slips_to_accept", _("Transfer slips to accept"), "cataloguing:transfers", "5.3",
               count=lambda user: selectors.transfer_slips_to_accept_count(department_id=user.library_department_id),
               rule=_receiving_librarian, order=40)

registry.admin_app("cataloguing", "5.3")
