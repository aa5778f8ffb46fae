from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StorageConfig(AppConfig):
    """Sub-process 5.6: organisation and storage of the fund."""

    name = "storage"
    verbose_name = _("Storage")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from .models import ConditionReading
        from .signals import announce_out_of_norm_reading

        post_save.connect(announce_out_of_norm_reading, sender=ConditionReading,
                          dispatch_uid="storage_announce_out_of_norm_reading")

        from . import navigation  # noqa: F401  (this app's menu entries, queues and admin section)
