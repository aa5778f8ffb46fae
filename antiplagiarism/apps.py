from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AntiplagiarismConfig(AppConfig):
    """Sub-process 5.4: the university's originality checks."""

    name = "antiplagiarism"
    verbose_name = _("Anti-plagiarism")

    def ready(self) -> None:
        from core.queueing import register_queued_jobs

        from . import navigation  # noqa: F401  (this app's menu entries, queues and landing page)
        from .models import Check

        # A check a broker outage left waiting is queued again by the sweep (core.queueing).
        register_queued_jobs(model="antiplagiarism.Check", task="antiplagiarism.check_run",
                             waiting=(Check.Status.QUEUED,))
