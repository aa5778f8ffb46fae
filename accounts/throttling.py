"""Failed-login throttling (django-axes) per ACCOUNT, whichever of its logins is typed, plus a looser rule per
client address.

One account has several logins (e-mail in any letter case, reader-card number, username). Counting failures
per typed string let a guesser go on through the other aliases, so axes counts them under a key of the
account the login resolves to (`user:<pk>`), and under the normalised typed text when no account matches, so
that guessing at unknown logins is throttled as well.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from core.networks import client_ip

from .backends import find_account

# axes stores the key in AccessAttempt.username (255 characters).
_MAX_TYPED = 200


def account_key(user) -> str:
    """The throttle key of an account: stable whatever login was typed, and never a login itself."""
    return f"user:{user.pk}"


def throttle_key(identifier: str | None) -> str:
    """The key failures of this typed login count against: its account's key, else the typed text."""
    typed = (identifier or "").strip()
    user = find_account(typed)
    if user is not None:
        return account_key(user)
    # Letter case and surrounding spaces do not make a new guess; the prefix keeps typed text apart from keys.
    return f"login:{typed.casefold()[:_MAX_TYPED]}"


def username_for_axes(request: HttpRequest | None, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE: axes asks several times per attempt, so the look-up is kept on the request."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials is not None and credentials.get(field) is not None:
        identifier = credentials.get(field)
    else:
        identifier = request.POST.get(field) if request is not None and request.method == "POST" else None
    identifier = str(identifier or "")
    cache = getattr(request, "_throttle_keys", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._throttle_keys = cache
    if identifier not in cache:
        cache[identifier] = throttle_key(identifier)
    return cache[identifier]


def client_ip_address(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the browser's address, also behind the reverse proxy (core.networks.client_ip):
    behind nginx the per-address rule would otherwise lock the whole university at once."""
    return client_ip(request)


class AccountThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with two limits instead of one.

    - per account key (`AXES_FAILURE_LIMIT`, 5): from any address, so changing machine does not help;
    - per client address (`LOGIN_FAILURE_LIMIT_PER_ADDRESS`): caps one machine spraying a password over many
      accounts; higher because a computer lab or a dormitory sits behind one address.

    axes itself compares the largest count of its lockout parameters against one limit, which would make
    the address rule as tight as the account rule; here each count is compared with its own limit.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        account = _failures(recent.filter(username=get_client_username(request, credentials)))
        address = request.axes_ip_address
        if address and _failures(recent.filter(ip_address=address)) >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS:
            return max(account, get_failure_limit(request, credentials))
        return account

    def user_logged_in(self, sender, request, user, **kwargs):
        # Reset the key of the account that signed in, not of the text axes re-derives from its username.
        request._signed_in_key = account_key(user)
        super().user_logged_in(sender, request, user, **kwargs)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful sign-in clears its account's failures only: never the address's, or anyone holding one
        account could wipe the per-address count between rounds of guessing at others."""
        key = getattr(request, "_signed_in_key", None) or get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=key).delete()
        return count


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
