"""What the public site puts in the navigation: the visit statistics among the dashboards (QP 607 §5.5 "кіру
статистикасын талдау"). The site's sections are linked from every page's footer (templates/base.html), where
visitors look for them, rather than in the header, which holds each role's work."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.constants import Subprocess
from core.navigation import registry

SERVICES = Subprocess.SERVICES.value

registry.link("website.statistics", _("Site visit statistics"), "website:statistics", SERVICES, dashboard=True,
              order=80)

registry.admin_app("website", SERVICES)
