from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Sub-process 5.1: planning and organisational-methodical support; KPIs of section 7."""

    name = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        # printforms: this app's numbered forms; navigation: its menu entries, queues and admin section.
        from core.queueing import register_queued_jobs

        from . import navigation, printforms  # noqa: F401
        from .constants import ReminderStatus

        # A reminder a broker outage left waiting is queued again by the sweep (core.queueing).
        register_queued_jobs(model="planning.ApprovalReminder", task="planning.approval_reminder_send",
                             waiting=(ReminderStatus.QUEUED,))
