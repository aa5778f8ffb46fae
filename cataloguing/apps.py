from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CataloguingConfig(AppConfig):
    """Sub-process 5.3: scientific processing of documents and the electronic catalogue."""

    name = "cataloguing"
    verbose_name = _("Cataloguing")

    def ready(self) -> None:
        from . import printforms  # noqa: F401  (registers this app's numbered forms)
