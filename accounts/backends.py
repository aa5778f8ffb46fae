"""Sign in with an e-mail or a reader-card number (readers often know only the number on their card)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


def find_account(identifier: str):
    """The one account a typed login names: e-mail (any letter case), reader-card number or username.

    None when nothing or more than one account matches (an ambiguous login never signs anyone in). The
    failed-login throttle (`accounts.throttling`) resolves logins with this same rule, so that every alias of
    an account counts against that account.
    """
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    User = get_user_model()
    matches = list(
        User.objects.filter(
            User.email_q(identifier) | Q(reader_card_number=identifier) | Q(username=identifier)
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None


class EmailOrReaderCardBackend(ModelBackend):
    def authenticate(self, request, username: str | None = None, password: str | None = None, **kwargs):
        identifier = (username or kwargs.get("email") or "").strip()
        if not identifier or password is None:
            return None
        user = find_account(identifier)
        if user is None:
            # Run the hasher anyway so that timing does not reveal whether the login exists.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
