from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared pieces that belong to no sub-process: navigation and the staff home, health, multilingual labels,
    demo data."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .audit import register_audited_models, register_log_admin
        from .models import ImportJob
        from .queueing import register_queued_jobs

        # An import a broker outage left waiting (to be checked, or confirmed) is queued again by the sweep.
        register_queued_jobs(model="core.ImportJob", task="core.import_job_run",
                             waiting=(ImportJob.Status.QUEUED, ImportJob.Status.CONFIRMED))
        # After the admin's autodiscover (django.contrib.admin is ready first): the audited models are read from
        # the admin registry.
        register_log_admin()
        register_audited_models()
        self.register_navigation()

    @staticmethod
    def register_navigation() -> None:
        from .access import staff_rule
        from .navigation import registry

        registry.link("core.workbench", _("My work"), "core:workbench", "admin", header=True, workbench=False,
                      order=20)
        registry.link("core.admin", _("Administration"), "admin:index", "admin", rule=staff_rule, header=True,
                      workbench=False, order=90)
        registry.landing("core:workbench", staff_rule, priority=10)
