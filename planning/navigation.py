"""What planning puts in the navigation: the effectiveness indicators (section 7) in the header of the director,
the vice-rector and the system administrator and among the dashboards; the plans and reports with their approval
chains (5.1), the decisions waiting for each approver, the staff's
qualification gaps and the local regulations overdue for revision."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.access import permission_rule
from core.navigation import registry

from . import selectors
from .constants import STAGE_PERMISSION

registry.link("planning.kpi_header", _("Indicators"), "planning:kpi", "reports", header=True, workbench=False,
              order=70)
registry.link("planning.kpi", _("Effectiveness indicators (section 7)"), "planning:kpi", "reports", dashboard=True,
              order=20)
registry.link("planning.plans", _("Work plans and reports"), "planning:plans", "5.1", order=10)
registry.link("planning.qualification_gaps", _("Qualification gaps"), "planning:qualification_gaps", "5.1",
              order=30)

registry.queue("planning.plans_to_approve", _("Plans and reports awaiting your decision"), "planning:approvals",
               "5.1", count=selectors.work_plans_to_approve_count,
               rule=permission_rule(*STAGE_PERMISSION.values()), order=10)
registry.queue("planning.regulations_revision_overdue", _("Local regulations overdue for revision"),
               "admin:planning_localregulation_changelist", "5.1", count=selectors.regulations_revision_overdue_count,
               rule=permission_rule("planning.approve_plan_as_director"), query="revision=overdue", order=20)

registry.admin_app("planning", "5.1")
