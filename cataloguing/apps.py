from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CataloguingConfig(AppConfig):
    """Sub-process 5.3: scientific processing of documents and the electronic catalogue."""

    name = "cataloguing"
    verbose_name = _("Cataloguing")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import printforms  # noqa: F401  (registers this app's numbered forms)
        from .models import Item
        from .signals import item_saved_or_deleted

        post_save.connect(item_saved_or_deleted, sender=Item, dispatch_uid="cataloguing.item_saved")
        post_delete.connect(item_saved_or_deleted, sender=Item, dispatch_uid="cataloguing.item_deleted")
