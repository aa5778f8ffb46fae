from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    """Section 6: the risk register and its prevention measures."""

    name = "risks"
    verbose_name = _("Risks")
