"""Sign-in by e-mail or reader-card number, and throttling of failed attempts."""

import pytest
from django.conf import settings

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.5")


def test_reader_signs_in_with_reader_card_number(client, reader):
    response = sign_in(client, "2026000001")
    assert response.status_code == 302
    assert client.get("/circulation/cabinet/").status_code == 200


def test_sign_in_with_email_ignores_letter_case(client, reader):
    response = sign_in(client, reader.email.upper())
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == reader.pk


def test_wrong_password_gives_a_clear_message(client, reader):
    response = sign_in(client, reader.email, "wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


def test_after_repeated_failures_even_the_right_password_is_refused(client, reader):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, reader.email, "wrong")
    response = sign_in(client, reader.email)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_of_one_login_does_not_block_another(client, reader, librarian):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, reader.email, "wrong")
    assert sign_in(client, librarian.email).status_code == 302


def test_sign_out(client_for, reader):
    client = client_for(reader)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# Throttling per ACCOUNT (issue 13, point 3): every login of one account counts against that account.

ALIASES = {
    "email": lambda user: user.email,
    "upper-cased email": lambda user: user.email.upper(),
    "username": lambda user: user.username,
    "card number": lambda user: user.reader_card_number,
}


@pytest.mark.parametrize("alias", list(ALIASES))
def test_failures_through_other_logins_lock_this_login_of_the_same_account(client, reader, alias):
    others = [ALIASES[name](reader) for name in ALIASES if name != alias]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # A different address each time: the account is locked, not the pair (login, address).
        client.post(LOGIN, {"username": others[attempt % len(others)], "password": "wrong"},
                    REMOTE_ADDR=f"10.0.1.{attempt + 1}")
    response = sign_in(client, ALIASES[alias](reader))
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_success_through_any_login_resets_the_account_count(client, reader):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, reader.email, "wrong")
    assert sign_in(client, reader.reader_card_number).status_code == 302
    client.post("/accounts/logout/")
    # Without the reset this would be the fifth failure of the e-mail login.
    sign_in(client, reader.email, "wrong")
    assert sign_in(client, reader.email).status_code == 302


def test_guessing_at_an_unknown_login_is_throttled_whatever_its_letter_case(client, reader):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "ghost@example.kz", "wrong")
    assert sign_in(client, " GHOST@Example.kz", "wrong").status_code == 429
    # The real accounts are not touched by it.
    assert sign_in(client, reader.email).status_code == 302


def test_one_address_spraying_many_logins_is_locked_out_but_not_other_addresses(client, settings, reader):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 8
    for n in range(settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS):
        # Each login stays under the account limit: only the per-address rule can stop this.
        sign_in(client, f"guess{n}@example.kz", "wrong")
    assert sign_in(client, reader.email).status_code == 429
    assert "_auth_user_id" not in client.session
    other = client.post(LOGIN, {"username": reader.email, "password": PASSWORD}, REMOTE_ADDR="10.0.9.9")
    assert other.status_code == 302


def test_a_success_from_an_address_does_not_clear_its_failures_at_other_logins(client, settings, reader, librarian):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 8
    for n in range(settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS - 1):
        sign_in(client, f"guess{n}@example.kz", "wrong")
    assert sign_in(client, librarian.email).status_code == 302
    client.post("/accounts/logout/")
    sign_in(client, "guess-last@example.kz", "wrong")
    assert sign_in(client, reader.email).status_code == 429


def test_a_lab_behind_one_address_signs_in_despite_each_students_typo(client):
    from tests.factories import UserFactory

    students = [UserFactory(email=f"student{n}@example.kz") for n in range(20)]
    for student in students:
        sign_in(client, student.email, "typo")
        assert sign_in(client, student.email).status_code == 302
        client.post("/accounts/logout/")


def test_admin_sign_in_counts_against_the_same_account_and_shows_the_lockout_page(client, librarian):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, librarian.email.upper(), "wrong")
    response = client.post(
        "/admin/login/", {"username": librarian.username, "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="10.0.7.7", HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Слишком много неудачных попыток входа" in response.content.decode()


def test_admin_failures_lock_the_site_sign_in_too(client, librarian):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": librarian.username, "password": "wrong"}, REMOTE_ADDR="10.0.7.8")
    response = sign_in(client, librarian.email)
    assert response.status_code == 429
    assert "Кіру әрекеттері тым көп сәтсіз болды" in response.content.decode()


def test_client_address_is_read_from_the_trusted_proxy_only(rf, settings):
    from accounts.throttling import client_ip_address

    request = rf.post(LOGIN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.LOGIN_TRUSTED_PROXIES = 0
    assert client_ip_address(request) == "127.0.0.1"
    settings.LOGIN_TRUSTED_PROXIES = 1
    # The left entry came from the client and may be forged; nginx appended the right one.
    assert client_ip_address(request) == "203.0.113.7"
