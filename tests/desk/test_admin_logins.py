"""Logins: one user at one address is refused after a handful of failures; sessions
end after a working day of inactivity."""

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from desk.logins import client_ip
from tests import admin_users

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, password, address):
    return client.post(LOGIN, {"username": "eddie", "password": password}, REMOTE_ADDR=address)


def test_a_handful_of_failures_locks_that_user_at_that_address(client):
    admin_users.editor()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "wrong", "10.1.1.1")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = attempt(client, "wrong", "10.1.1.1")
    assert response.status_code in (403, 429)
    # Even the right password is refused there now, with a clear message.
    response = attempt(client, admin_users.PASSWORD, "10.1.1.1")
    assert response.status_code in (403, 429)
    page = response.content.decode()
    assert "Too many failed sign-ins" in page
    assert "eddie" in page


def test_the_same_user_from_another_address_is_not_locked_out(client):
    admin_users.editor()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong", "10.1.1.1")
    assert attempt(client, admin_users.PASSWORD, "10.1.1.1").status_code in (403, 429)
    response = attempt(client, admin_users.PASSWORD, "10.2.2.2")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_another_user_at_the_same_address_is_not_locked_out(client):
    admin_users.editor()
    admin_users.results_desk()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong", "10.1.1.1")
    response = client.post(
        LOGIN, {"username": "rita", "password": admin_users.PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 302


def test_sessions_last_a_working_day_from_the_last_request(client):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(admin_users.editor())
    response = client.get("/admin/")
    assert response.status_code == 200
    # Each request sends the cookie again with the full working day ahead.
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60


def test_lockout_counts_the_address_our_proxy_saw():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        assert client_ip(request) == "203.0.113.7"
    with override_settings(SECURE_PROXY_SSL_HEADER=None):
        assert client_ip(request) == "10.0.0.9"
