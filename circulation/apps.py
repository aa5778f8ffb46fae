from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirculationConfig(AppConfig):
    """Sub-process 5.5: library and information services for readers."""

    name = "circulation"
    verbose_name = _("Circulation and reader services")

    def ready(self) -> None:
        from . import printforms  # noqa: F401  (registers this app's numbered forms)
