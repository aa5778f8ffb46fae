"""Issue 13 point 1: no staff role raises its own rights or takes over another account through the user admin.

Every role of `accounts.roles.ALL_ROLES` is walked against every sensitive field of the user admin: the change
form, the add form, the password form, the changelist actions and the import/export URLs. Only the system
administrator changes anything sensitive."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse

from accounts import roles
from accounts.models import User
from accounts.rights import (
    is_reader_account,
    is_system_administrator,
    user_editable_fields,
    user_may_edit_account,
    user_may_set_password,
)
from tests.factories import UserFactory, library_department

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Taken-0ver-by-the-desk"


def _persona(role: str) -> User:
    return UserFactory(username=f"as-{role}", roles=[role], library_department=library_department())


def _targets(editor: User) -> dict[str, User]:
    return {
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
        "director": UserFactory(username="director", roles=[roles.DIRECTOR]),
        "reader": UserFactory(username="reader", roles=[roles.READER], reader_card_number="2026000001"),
        "self": editor,
    }


def _rights(user: User) -> tuple:
    """What grants rights on an account, whoever it belongs to."""
    user = User.objects.get(pk=user.pk)
    return (user.is_superuser, user.is_staff, sorted(user.groups.values_list("name", flat=True)),
            sorted(user.user_permissions.values_list("codename", flat=True)))


def _account(user: User) -> tuple:
    """Everything of a staff account: its rights, its login, its password, its contacts."""
    user = User.objects.get(pk=user.pk)
    return (*_rights(user), user.username, user.is_active, user.password, user.email, user.last_name)


def _escalating_post(target: User) -> dict:
    """A full change form that makes the account a superuser in the sysadmin role, renamed, blocked, re-mailed."""
    sysadmin_group = Group.objects.get(name=roles.SYSADMIN)
    permission = Permission.objects.get(codename="change_user")
    return {
        "username": f"{target.username}-x", "first_name": "Жаңа", "last_name": "Есім", "patronymic": "",
        "email": f"{target.username}-x@example.kz", "phone": "", "reader_card_number": "", "reader_category": "",
        "academic_department": "", "library_department": "", "position": "",
        "is_active": "", "is_staff": "on", "is_superuser": "on", "groups": [sysadmin_group.pk],
        "user_permissions": [permission.pk], "date_joined_0": "2026-01-05", "date_joined_1": "09:00:00",
        "last_login_0": "", "last_login_1": "",
    }


def _walk_user_admin(client, targets: dict[str, User]) -> None:
    """Try every way the user admin offers to change an account."""
    for target in targets.values():
        client.post(reverse("admin:accounts_user_change", args=[target.pk]), _escalating_post(target))
        client.post(reverse("admin:auth_user_password_change", args=[target.pk]),
                    {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.post(reverse("admin:accounts_user_add"), {
        "username": "planted", "usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
        "is_superuser": "on", "is_staff": "on", "groups": [Group.objects.get(name=roles.SYSADMIN).pk],
    })
    staff = [targets["superuser"].pk, targets["director"].pk]
    client.post(reverse("admin:accounts_user_changelist"),
                {"action": "delete_selected", "_selected_action": staff, "post": "yes"})


@pytest.mark.parametrize("role", [role for role in roles.ALL_ROLES if role != roles.SYSADMIN])
def test_no_role_but_the_system_administrator_changes_rights_in_the_user_admin(client, role):
    editor = _persona(role)
    targets = _targets(editor)
    before = {name: (_account(user) if name != "reader" else _rights(user)) for name, user in targets.items()}
    client.force_login(editor, backend="accounts.backends.EmailOrReaderCardBackend")

    _walk_user_admin(client, targets)

    after = {name: (_account(user) if name != "reader" else _rights(user)) for name, user in targets.items()}
    assert after == before, role
    assert not User.objects.filter(username="planted", is_superuser=True).exists()
    assert not User.objects.filter(username="planted", is_staff=True).exists()
    assert not User.objects.filter(username="planted", groups__name=roles.SYSADMIN).exists()


def test_the_system_administrator_changes_rights_in_the_user_admin(client):
    editor = _persona(roles.SYSADMIN)
    targets = _targets(editor)
    client.force_login(editor, backend="accounts.backends.EmailOrReaderCardBackend")
    response = client.post(reverse("admin:accounts_user_change", args=[targets["reader"].pk]),
                           _escalating_post(targets["reader"]))
    assert response.status_code == 302
    reader = User.objects.get(pk=targets["reader"].pk)
    assert reader.is_superuser
    assert reader.has_role(roles.SYSADMIN)
    assert reader.username == "reader-x"
    response = client.post(reverse("admin:auth_user_password_change", args=[targets["director"].pk]),
                           {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(pk=targets["director"].pk).check_password(NEW_PASSWORD)


def test_desk_librarian_still_keeps_a_readers_contacts_and_password(client, librarian):
    reader = UserFactory(username="reader", roles=[roles.READER], reader_card_number="2026000001")
    client.force_login(librarian, backend="accounts.backends.EmailOrReaderCardBackend")
    response = client.post(reverse("admin:accounts_user_change", args=[reader.pk]), _escalating_post(reader))
    assert response.status_code == 302
    reader.refresh_from_db()
    assert (reader.email, reader.last_name, reader.username) == ("reader-x@example.kz", "Есім", "reader-x")
    assert not reader.is_superuser
    assert not reader.is_staff
    assert reader.user_permissions.count() == 0
    assert sorted(reader.groups.values_list("name", flat=True)) == [roles.READER]
    response = client.post(reverse("admin:auth_user_password_change", args=[reader.pk]),
                           {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)


def test_desk_librarian_is_refused_a_staff_accounts_password_form_and_change(client, librarian):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(librarian, backend="accounts.backends.EmailOrReaderCardBackend")
    assert client.get(reverse("admin:auth_user_password_change", args=[root.pk])).status_code == 403
    assert client.post(reverse("admin:auth_user_password_change", args=[root.pk]),
                       {"usable_password": "true", "password1": NEW_PASSWORD,
                        "password2": NEW_PASSWORD}).status_code == 403
    assert client.post(reverse("admin:accounts_user_change", args=[librarian.pk]),
                       _escalating_post(librarian)).status_code == 403
    # The own account is shown read-only: no editable "superuser" box in the page, and never a password hash.
    page = client.get(reverse("admin:accounts_user_change", args=[librarian.pk])).content.decode()
    assert 'name="is_superuser"' not in page
    assert librarian.password.split("$")[-1] not in page
    page = client.get(reverse("admin:accounts_user_change", args=[root.pk])).content.decode()
    assert root.password.split("$")[-1] not in page


def test_user_admin_has_no_import_and_exports_only_with_view_permission(client, reader, librarian):
    with pytest.raises(NoReverseMatch):
        reverse("admin:accounts_user_import")
    client.force_login(librarian, backend="accounts.backends.EmailOrReaderCardBackend")
    assert client.get(reverse("admin:accounts_user_export")).status_code == 200
    client.force_login(reader, backend="accounts.backends.EmailOrReaderCardBackend")
    assert client.get(reverse("admin:accounts_user_export")).status_code != 200


def test_who_may_change_which_field_of_which_account_rights_rule():
    """`accounts.rights`: the one place that says who may change which field of which account."""
    librarian = UserFactory(username="desk", roles=[roles.LIBRARIAN_SERVICE])
    admin_by_role = UserFactory(username="admin", roles=[roles.SYSADMIN])
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    reader = UserFactory(username="reader", roles=[roles.READER])
    head = UserFactory(username="head", roles=[roles.DEPARTMENT_HEAD])
    newcomer = UserFactory(username="newcomer")

    assert is_system_administrator(admin_by_role)
    assert is_system_administrator(superuser)
    assert not is_system_administrator(librarian)
    assert is_reader_account(reader)
    assert is_reader_account(newcomer)
    assert not any(is_reader_account(user) for user in (librarian, superuser, head, admin_by_role))

    for editor in (admin_by_role, superuser):
        assert user_editable_fields(editor=editor, account=superuser) is None
        assert user_may_set_password(editor=editor, account=superuser)
    reader_fields = user_editable_fields(editor=librarian, account=reader)
    assert {"email", "phone", "last_name", "reader_card_number", "password", "is_active"} <= reader_fields
    assert not reader_fields & {"is_superuser", "is_staff", "groups", "user_permissions"}
    assert user_may_set_password(editor=librarian, account=reader)
    for account in (librarian, superuser, head, admin_by_role):
        assert user_editable_fields(editor=librarian, account=account) == frozenset()
        assert not user_may_set_password(editor=librarian, account=account)
        assert not user_may_edit_account(editor=librarian, account=account)
    assert not user_editable_fields(editor=librarian, account=None) & {"is_superuser", "is_staff", "groups"}
