from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CataloguingConfig(AppConfig):
    """Sub-process 5.3: scientific processing of documents and the electronic catalogue."""

    name = "cataloguing"
    verbose_name = _("Cataloguing")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        # printforms: this app's numbered forms; navigation: its menu entries, queues and admin section.
        from . import navigation, printforms  # noqa: F401
        from .merging import register_merge_handler
        from .models import Item
        from .services import merge_check, merge_move
        from .signals import item_saved_or_deleted

        register_merge_handler(app="cataloguing", models=("cataloguing.Item", "cataloguing.RecordChange",
                                                          "cataloguing.LockLogEntry"),
                               check=merge_check, move=merge_move)
        post_save.connect(item_saved_or_deleted, sender=Item, dispatch_uid="cataloguing.item_saved")
        post_delete.connect(item_saved_or_deleted, sender=Item, dispatch_uid="cataloguing.item_deleted")

        from core.queueing import register_queued_jobs

        from .constants import ImportStatus

        # A MARC import a broker outage left waiting is queued again by the sweep (core.queueing).
        register_queued_jobs(model="cataloguing.MarcImport", task="cataloguing.marc_import_run",
                             waiting=(ImportStatus.PENDING,))
