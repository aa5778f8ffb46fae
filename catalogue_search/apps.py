from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueSearchConfig(AppConfig):
    """The public catalogue search (5.3): a read model over cataloguing's records, script-neutral for Kazakh."""

    name = "catalogue_search"
    verbose_name = _("Catalogue search")

    def ready(self) -> None:
        from cataloguing.merging import register_merge_handler
        from cataloguing.signals import items_changed, record_changed

        from . import merging, navigation, receivers  # noqa: F401  (navigation: this app's menu entries)

        register_merge_handler(app="catalogue_search", models=merging.MODELS, check=merging.merge_check,
                               move=merging.merge_move)

        record_changed.connect(receivers.on_record_changed, dispatch_uid="catalogue_search.record_changed")
        items_changed.connect(receivers.on_items_changed, dispatch_uid="catalogue_search.items_changed")
