"""What accounts puts in the navigation: the department page of a head, the account page of an operator, and
the admin sections of the accounts and roles registers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.navigation import registry

from .access import roles_rule
from .roles import DEPARTMENT_HEAD

registry.link("accounts.department", _("My department"), "accounts:department", "5.2", header=True,
              workbench=False, order=30)
registry.link("accounts.cabinet", _("My account"), "accounts:cabinet", "5.4", header=True, workbench=False, order=35)
registry.landing("accounts:department", roles_rule(DEPARTMENT_HEAD), priority=20)
registry.admin_app("accounts", "admin")
# Django's and the libraries' registers: users' groups and permissions, sign-in lockouts, the audit trail, imports.
for app_label in ("auth", "axes", "auditlog", "core"):
    registry.admin_app(app_label, "admin")
