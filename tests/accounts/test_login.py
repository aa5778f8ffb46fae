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
    assert client.get("/accounts/cabinet/").status_code == 200


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
