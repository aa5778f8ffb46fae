"""What planning puts in the navigation: the effectiveness indicators (section 7) in the header of the director,
the vice-rector and the system administrator and among the dashboards, and the work plans waiting for the
director's approval (5.1)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import DIRECTOR
from core.access import all_of, permission_rule
from core.navigation import registry

from . import selectors
from .constants import PlanStatus

registry.link("planning.kpi_header", _("Indicators"), "planning:kpi", "reports", header=True, workbench=False,
              order=70)
registry.link("planning.kpi", _("Effectiveness indicators (section 7)"), "planning:kpi", "reports", dashboard=True,
              order=20)

registry.queue("planning.plans_to_approve", _("Work plans to approve"), "admin:planning_workplan_changelist", "5.1",
               count=lambda user: selectors.work_plans_to_approve_count(),
               rule=all_of(roles_rule(DIRECTOR), permission_rule("planning.change_workplan")),
               query=f"status__exact={PlanStatus.DRAFT}", order=10)

registry.admin_app("planning", "5.1")
