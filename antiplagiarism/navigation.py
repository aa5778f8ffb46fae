"""What antiplagiarism puts in the navigation: the operator's checks, where an operator lands."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.access import roles_rule
from accounts.roles import LIBRARIAN_DIGITAL, PLAGIARISM_OPERATOR, SYSADMIN
from core.access import all_of, permission_rule
from core.navigation import registry

from . import selectors
from .models import Check

registry.link("antiplagiarism.checks", _("Originality checks"), "antiplagiarism:checks", "5.4", header=True,
              order=40)
# The digital library accepts finished works into the comparison collection: the register's rows lead to each check's
# report, where it is accepted and printed.
registry.queue("antiplagiarism.to_accept", _("Finished originality checks not yet in the collection"),
               "admin:antiplagiarism_check_changelist", "5.4", count=lambda user: selectors.checks_to_accept_count(),
               rule=all_of(roles_rule(LIBRARIAN_DIGITAL, SYSADMIN), permission_rule("antiplagiarism.change_check")),
               query=f"status__exact={Check.Status.DONE}&accepted_at__isnull=True", order=50)
registry.landing("antiplagiarism:checks", roles_rule(PLAGIARISM_OPERATOR), priority=30)
registry.admin_app("antiplagiarism", "5.4")
