from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Sub-process 5.1: planning and organisational-methodical support; KPIs of section 7."""

    name = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        # printforms: this app's numbered forms; navigation: its menu entries, queues and admin section.
        from . import navigation, printforms  # noqa: F401
