"""Who may change which field of which account: the one place the user admin and the reader imports ask.

Only the system administrator (a superuser or a member of the `sysadmin` role) gives rights: superuser and
staff flags, role groups, single permissions, and anything of a staff account (its password, login name and
whether it is active). Other roles holding `accounts.change_user` look after readers: their names and
contacts, their library fields, their login name, whether the account is active and their password. A staff
account (anyone in a role other than reader, a staff or superuser flag) is read-only for them, their own
account included, so that nobody below the administrator can raise their own rights or take over another's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .roles import READER, SYSADMIN

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from .models import User

# Fields that grant rights: the system administrator's alone, whoever the account is.
RIGHTS_FIELDS = frozenset({"is_superuser", "is_staff", "groups", "user_permissions"})
# A reader's personal and library data, kept up to date at the desk.
READER_CONTACT_FIELDS = frozenset({
    "first_name", "last_name", "patronymic", "email", "phone",
    "reader_card_number", "reader_category", "academic_department", "library_department", "position",
})
# Signing in as the reader: the desk may fix a typo in the login, block a card and set a new password.
READER_ACCOUNT_FIELDS = frozenset({"username", "is_active", "password"})
# What a new account made by the desk consists of (the admin's add form): a reader without any role yet.
NEW_ACCOUNT_FIELDS = frozenset({"username", "usable_password", "password1", "password2"})


def is_system_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    """A superuser or a member of the system administrator's role: the only one who gives rights."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_superuser or user.has_role(SYSADMIN))


def is_reader_account(account: User) -> bool:
    """A reader's account, or one without any role yet: no staff or superuser flag, no role but the reader's.
    Everybody else (librarians, the director, heads of department, operators…) holds a staff account here."""
    if account.pk is None:
        return not (account.is_superuser or account.is_staff)
    return not (account.is_superuser or account.is_staff or account.role_codes - {READER})


def user_may_edit_account(*, editor: AbstractBaseUser, account: User | None) -> bool:
    """Whether `editor` may change `account` at all (None: a new account). The model permission
    (`accounts.change_user` / `add_user`) is checked by the admin on top of this."""
    if is_system_administrator(editor):
        return True
    return account is None or is_reader_account(account)


def user_editable_fields(*, editor: AbstractBaseUser, account: User | None) -> frozenset[str] | None:
    """The fields of `account` (None: a new account) that `editor` may change; None means every field."""
    if is_system_administrator(editor):
        return None
    if account is None:
        return NEW_ACCOUNT_FIELDS
    if not is_reader_account(account):
        return frozenset()
    return READER_CONTACT_FIELDS | READER_ACCOUNT_FIELDS


def user_may_set_password(*, editor: AbstractBaseUser, account: User) -> bool:
    """A staff account's password is set by the system administrator only; a reader's by the desk too."""
    editable = user_editable_fields(editor=editor, account=account)
    return editable is None or "password" in editable
