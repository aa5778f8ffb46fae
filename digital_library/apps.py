from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalLibraryConfig(AppConfig):
    """Sub-process 5.4: automation and the digital resources fund."""

    name = "digital_library"
    verbose_name = _("Digital library")

    def ready(self) -> None:
        from . import printforms  # noqa: F401  (registers this app's numbered forms)
