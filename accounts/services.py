"""Use cases that write accounts: giving a person their roles."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction

from .models import User
from .roles import ALL_ROLES


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str]) -> User:
    """Give the user exactly these roles; `is_staff` follows (see signals)."""
    codes = set(roles)
    unknown = codes.difference(ALL_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    groups = [Group.objects.get_or_create(name=code)[0] for code in sorted(codes)]
    user.groups.set(groups)
    user.__dict__.pop("role_codes", None)
    user.refresh_from_db(fields=["is_staff"])
    return user


def user_add_roles(*, user: User, roles: Iterable[str]) -> User:
    """Give the user these roles on top of the ones they have (a bulk import of readers calls this per row, so
    it costs a look-up and an insert, not a rewrite of every role); `is_staff` follows (see signals)."""
    codes = set(roles)
    unknown = codes.difference(ALL_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    groups = {group.name: group for group in Group.objects.filter(name__in=codes)}
    for code in codes.difference(groups):
        groups[code] = Group.objects.get_or_create(name=code)[0]
    user.groups.add(*groups.values())
    user.__dict__.pop("role_codes", None)
    return user
