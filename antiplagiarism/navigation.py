"""What antiplagiarism puts in the navigation: the operator's checks, where an operator lands."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import PLAGIARISM_OPERATOR
from core.navigation import registry

registry.link("antiplagiarism.checks", _("Originality checks"), "antiplagiarism:checks", "5.4", header=True,
              order=40)
registry.landing("antiplagiarism:checks", roles_rule(PLAGIARISM_OPERATOR), priority=30)
registry.admin_app("antiplagiarism", "5.4")
