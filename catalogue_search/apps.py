from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CatalogueSearchConfig(AppConfig):
    """The public catalogue search (5.3): a read model over cataloguing's records, script-neutral for Kazakh."""

    name = "catalogue_search"
    verbose_name = _("Catalogue search")

    def ready(self) -> None:
        from cataloguing.models import Item
        from cataloguing.signals import record_changed

        from . import receivers

        record_changed.connect(receivers.on_record_changed, dispatch_uid="catalogue_search.record_changed")
        post_save.connect(receivers.on_item_saved, sender=Item, dispatch_uid="catalogue_search.item_saved")
        post_delete.connect(receivers.on_item_saved, sender=Item, dispatch_uid="catalogue_search.item_deleted")
