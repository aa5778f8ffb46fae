"""What the risk register puts in the navigation (section 6): the matrix among the dashboards, and the
prevention measures past their deadline on the director's home."""

from __future__ import annotations

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import DIRECTOR
from core.access import all_of, permission_rule
from core.navigation import registry

from . import selectors


def _overdue_query() -> str:
    return urlencode({"status__in": ",".join(selectors.OPEN_MEASURE_STATUSES),
                      "deadline__lt": timezone.localdate().isoformat()})


registry.link("risks.matrix", _("Risk register and matrix (section 6)"), "risks:matrix", "6", dashboard=True,
              order=10)

registry.queue("risks.measures_overdue", _("Prevention measures past their deadline"),
               "admin:risks_riskmeasure_changelist", "6",
               count=lambda user: selectors.measures_overdue_count(timezone.localdate()),
               rule=all_of(roles_rule(DIRECTOR), permission_rule("risks.view_riskmeasure")), query=_overdue_query,
               order=10)

registry.admin_app("risks", "6")
