from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, roles, the university's institutes and departments, the library's departments."""

    name = "accounts"
    verbose_name = _("Accounts and organisation")

    def ready(self) -> None:
        from django.db.models import EmailField
        from django.db.models.functions import Lower

        from . import signals  # noqa: F401  (connects the is_staff sync)

        EmailField.register_lookup(Lower)  # `email__lower=`: see User.email_q
        from .roles import sync_role_groups_after_migrate

        # Every `migrate` refreshes the role groups, so permissions of newly built apps reach the roles.
        post_migrate.connect(sync_role_groups_after_migrate, dispatch_uid="accounts.sync_role_groups")
        from . import navigation  # noqa: F401  (the header links and landing pages of accounts)
