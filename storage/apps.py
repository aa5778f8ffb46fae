from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StorageConfig(AppConfig):
    """Sub-process 5.6: organisation and storage of the fund."""

    name = "storage"
    verbose_name = _("Storage")
