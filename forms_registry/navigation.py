"""The reports page in the header and on the staff home of everyone who may print forms."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.navigation import registry

registry.link("forms_registry.reports", _("Reports and forms"), "forms_registry:reports", "reports", header=True,
              order=60)
registry.admin_app("forms_registry", "reports")
