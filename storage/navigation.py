"""What storage puts in the navigation (sub-process 5.6): the climate log as a dashboard, the transfer slips to
shelve, and the storage librarian's queues: slips to accept, rooms without today's reading, weeding lists."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import LIBRARIAN_STORAGE
from cataloguing.selectors import transfer_slips_to_accept_count
from core.access import all_of, permission_rule
from core.navigation import registry

from . import selectors
from .constants import WeedingListStatus

registry.link("storage.conditions", _("Storage conditions: temperature and humidity"), "storage:conditions", "5.6",
              dashboard=True, order=10)
registry.link("storage.transfers", _("Transfer slips to shelve"), "storage:transfers", "5.6", order=20)

keeper = roles_rule(LIBRARIAN_STORAGE)
# The page lists every department's slips to a superuser, the librarian's department's to the others.
registry.queue("storage.slips_to_accept", _("Transfer slips to accept and shelve"), "storage:transfers", "5.6",
               count=lambda user: transfer_slips_to_accept_count(department_id=user.library_department_id,
                                                                 every_department=user.is_superuser),
               order=10)
registry.queue("storage.readings_due", _("Rooms without today's temperature and humidity reading"),
               "admin:storage_conditionreading_add", "5.6",
               count=lambda user: selectors.rooms_without_reading_count(timezone.localdate()),
               rule=all_of(keeper, permission_rule("storage.add_conditionreading")), order=20)
registry.queue("storage.weeding", _("Weeding lists to decide"), "admin:storage_weedinglist_changelist", "5.6",
               count=lambda user: selectors.weeding_lists_to_check_count(),
               rule=all_of(keeper, permission_rule("storage.change_weedinglist")),
               query=f"status__exact={WeedingListStatus.DRAFT}", order=30)

registry.admin_app("storage", "5.6")
