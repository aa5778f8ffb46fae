"""What the public site puts in the navigation: its sections in everyone's header, and the visit statistics
among the dashboards (QP 607 §5.5 "кіру статистикасын талдау")."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.constants import Subprocess
from core.navigation import registry

SERVICES = Subprocess.SERVICES.value

registry.link("website.news", _("News"), "website:posts", SERVICES, header=True, workbench=False, order=5)
registry.link("website.researchers", _("For researchers"), "website:researchers", SERVICES, header=True,
              workbench=False, order=6)
registry.link("website.about", _("About the library"), "website:about", SERVICES, header=True, workbench=False,
              order=7)
registry.link("website.statistics", _("Site visit statistics"), "website:statistics", SERVICES, dashboard=True,
              order=80)

registry.admin_app("website", SERVICES)
