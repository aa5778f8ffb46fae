"""What equipment puts in the navigation (§5.1, §5.4): the overview among the dashboards, maintenance past its date
for the automation department, and the open requests to the university's services for the director."""

from __future__ import annotations

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import DIRECTOR, LIBRARIAN_DIGITAL
from core.access import all_of, permission_rule
from core.navigation import registry

from . import selectors


def _overdue_query() -> str:
    return urlencode({"overdue": "yes"})


registry.link("equipment.overview", _("Equipment and workstations"), "equipment:overview", "5.4", dashboard=True,
              order=80)
registry.queue("equipment.maintenance_overdue", _("Equipment maintenance past its date"),
               "admin:equipment_maintenanceplan_changelist", "5.4",
               count=lambda user: selectors.overdue_maintenance_count(timezone.localdate()),
               rule=all_of(roles_rule(LIBRARIAN_DIGITAL), permission_rule("equipment.change_maintenanceplan")),
               query=_overdue_query, order=80)
registry.queue("equipment.requests_open", _("Requests to the university's services awaiting an answer"),
               "admin:equipment_servicerequest_changelist", "5.1",
               count=lambda user: selectors.open_requests_count(),
               rule=all_of(roles_rule(DIRECTOR), permission_rule("equipment.change_servicerequest")), order=80)

registry.admin_app("equipment", "5.4")
