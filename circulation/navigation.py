"""What circulation puts in the navigation: the reader's cabinet and where a reader lands, the desk, its queues."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import READER
from core.navigation import registry

registry.link("circulation.cabinet", _("My cabinet"), "circulation:cabinet", "5.5", header=True, workbench=False,
              order=30)
registry.link("circulation.desk", _("Circulation desk"), "circulation:desk", "5.5", order=10)
registry.landing("circulation:cabinet", roles_rule(READER), priority=40)
registry.admin_app("circulation", "5.5")
