from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsRegistryConfig(AppConfig):
    """The 51 numbered forms of QP 607-2023: registry, PDF renderer, document numbering."""

    name = "forms_registry"
    verbose_name = _("Forms registry")

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (the reports page in the menus)
