"""Sign in with an e-mail or a reader-card number (readers often know only the number on their card)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class EmailOrReaderCardBackend(ModelBackend):
    def authenticate(self, request, username: str | None = None, password: str | None = None, **kwargs):
        identifier = (username or kwargs.get("email") or "").strip()
        if not identifier or password is None:
            return None
        User = get_user_model()
        matches = list(
            User.objects.filter(
                User.email_q(identifier) | Q(reader_card_number=identifier) | Q(username=identifier)
            )[:2]
        )
        if len(matches) != 1:
            # Run the hasher anyway so that timing does not reveal whether the login exists.
            User().set_password(password)
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
