from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcquisitionsConfig(AppConfig):
    """Sub-process 5.2: book provision, acquisition and accounting of the fund."""

    name = "acquisitions"
    verbose_name = _("Acquisitions and fund accounting")

    def ready(self) -> None:
        from . import printforms  # noqa: F401  (registers 607-05 … 607-23 with forms_registry)
