"""What surveys put in the navigation (§7, §5.5): the surveys open to a reader in the header next to the cabinet
and to staff on their home, and the results among the dashboards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import READER
from core.access import staff_rule
from core.navigation import registry

registry.link("surveys.mine", _("Surveys"), "surveys:my_surveys", "5.5", header=True, workbench=False,
              rule=roles_rule(READER), order=31)
registry.link("surveys.staff", _("Staff surveys"), "surveys:my_surveys", "5.5", rule=staff_rule, order=90)
registry.link("surveys.results", _("Survey results (satisfaction %)"), "surveys:results_list", "5.5",
              dashboard=True, order=91)

registry.admin_app("surveys", "5.5")
