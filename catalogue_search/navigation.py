"""The public catalogue in everyone's header."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.navigation import registry

registry.link("catalogue_search.search", _("Catalogue"), "catalogue_search:search", "5.3", header=True,
              workbench=False, order=10)
registry.admin_app("catalogue_search", "5.3")
