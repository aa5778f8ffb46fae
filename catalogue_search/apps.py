from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueSearchConfig(AppConfig):
    """The public catalogue search (5.3): a read model over cataloguing's records, script-neutral for Kazakh."""

    name = "catalogue_search"
    verbose_name = _("Catalogue search")
