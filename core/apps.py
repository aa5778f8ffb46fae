from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared pieces that belong to no sub-process: home routing, health, multilingual labels, demo data."""

    name = "core"
    verbose_name = _("Core")
