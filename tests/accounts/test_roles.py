"""Role groups, their permissions, and is_staff following the roles."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts import roles
from accounts.roles import sync_role_groups
from accounts.services import user_set_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)


def test_syncing_roles_twice_changes_nothing():
    first = sync_role_groups()
    second = sync_role_groups()
    assert first == second
    assert Group.objects.filter(name__in=roles.ALL_ROLES).count() == len(roles.ALL_ROLES)


def test_setup_roles_command_is_idempotent(capsys):
    call_command("setup_roles")
    call_command("setup_roles")
    assert "director:" in capsys.readouterr().out


def test_readers_and_department_heads_get_no_admin_permissions():
    assert not Group.objects.get(name=roles.READER).permissions.exists()
    assert not Group.objects.get(name=roles.DEPARTMENT_HEAD).permissions.exists()


def test_director_may_view_letters_and_write_planning():
    codenames = set(Group.objects.get(name=roles.DIRECTOR).permissions.values_list("codename", flat=True))
    assert {"view_outgoingletter", "add_outgoingletter", "view_user"} <= codenames
    assert "delete_user" not in codenames


def test_cataloguer_cannot_change_accounts():
    codenames = set(Group.objects.get(name=roles.LIBRARIAN_CATALOGUING).permissions.values_list("codename", flat=True))
    assert "change_user" not in codenames
    assert "view_user" in codenames


def test_staff_role_makes_the_user_staff_and_removing_it_undoes_that():
    user = UserFactory()
    assert not user.is_staff
    user_set_roles(user=user, roles=[roles.LIBRARIAN_STORAGE])
    assert user.is_staff
    user_set_roles(user=user, roles=[roles.READER])
    assert not user.is_staff


def test_unknown_role_is_refused():
    with pytest.raises(ValueError, match="Unknown roles"):
        user_set_roles(user=UserFactory(), roles=["wizard"])
