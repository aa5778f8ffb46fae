from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    """Section 6: the risk register and its prevention measures."""

    name = "risks"
    verbose_name = _("Risks")

    def ready(self) -> None:
        from storage.signals import reading_out_of_norm

        from .receivers import record_out_of_norm_reading

        reading_out_of_norm.connect(record_out_of_norm_reading, dispatch_uid="risks_record_out_of_norm_reading")

        from equipment.signals import maintenance_overdue

        from .receivers import record_overdue_maintenance

        maintenance_overdue.connect(record_overdue_maintenance, dispatch_uid="risks_record_overdue_maintenance")

        from . import navigation  # noqa: F401  (this app's menu entries, queues and admin section)
