from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import access_rule, permission_rule
from core.charts import comparison_bars_svg

from . import selectors


@access_rule(permission_rule("equipment.view_equipment"))
def overview(request: HttpRequest) -> HttpResponse:
    """§5.1, §7: the equipment held today by kind (with a chart), the workstations, and maintenance past its date."""
    today = timezone.localdate()
    by_kind = selectors.register_overview(today)
    chart = comparison_bars_svg([(row["label"], row["total"], None) for row in by_kind if row["total"]],
                                current_label=_("units in service"), previous_label=None)
    return render(request, "equipment/overview.html", {
        "today": today, "by_kind": by_kind, "chart": chart,
        "equipment_total": selectors.equipment_count(today),
        "workstation_total": selectors.workstation_count(today),
        "overdue": selectors.overdue_maintenance(today),
        "open_requests": selectors.open_requests_count(),
    })
