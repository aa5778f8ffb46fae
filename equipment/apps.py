from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquipmentConfig(AppConfig):
    """QP 607 §5.1 and risks 4.1, 4.3: the equipment and workstations the library runs on, their maintenance,
    and the director's requests to the university's services."""

    name = "equipment"
    verbose_name = _("Equipment")

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (this app's menu entries, queues and admin section)
