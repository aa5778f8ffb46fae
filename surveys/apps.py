from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """QP 607 §7: the satisfaction surveys of readers and staff, and the satisfaction % they give."""

    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (this app's menu entries, queues and admin section)
