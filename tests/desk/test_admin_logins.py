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


def behind_proxy(*trusted):
    """What BEHIND_PROXY=true gives (config/settings.py), trusting these proxies."""
    return override_settings(
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
        TRUSTED_PROXIES=list(trusted or ("127.0.0.1", "::1")),
    )


def test_a_client_reaching_gunicorn_directly_cannot_buy_fresh_guesses_with_a_header(client):
    """Behind a proxy, yet gunicorn answers anyone: a made-up X-Forwarded-For per
    attempt must not count as a new address."""
    admin_users.editor()
    with behind_proxy():
        for n in range(settings.AXES_FAILURE_LIMIT):
            client.post(
                LOGIN,
                {"username": "eddie", "password": "wrong"},
                REMOTE_ADDR="198.51.100.23",
                HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
            )
        response = client.post(
            LOGIN,
            {"username": "eddie", "password": admin_users.PASSWORD},
            REMOTE_ADDR="198.51.100.23",
            HTTP_X_FORWARDED_FOR="203.0.113.250",
        )
    assert response.status_code in (403, 429)
    assert "Too many failed sign-ins" in response.content.decode()


def test_through_our_proxy_each_reader_is_locked_out_on_their_own(client):
    admin_users.editor()

    def through_proxy(password, forwarded_for):
        return client.post(
            LOGIN,
            {"username": "eddie", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    with behind_proxy():
        for n in range(settings.AXES_FAILURE_LIMIT):
            # What the client wrote before the proxy's entry changes nothing.
            through_proxy("wrong", f"10.9.9.{n}, 203.0.113.7")
        assert through_proxy(admin_users.PASSWORD, "203.0.113.7").status_code in (403, 429)
        assert through_proxy(admin_users.PASSWORD, "8.8.4.4, 203.0.113.7").status_code in (
            403,
            429,
        )
        response = through_proxy(admin_users.PASSWORD, "203.0.113.8")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def address(remote_addr, forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra))


def test_lockout_counts_the_address_the_nearest_untrusted_hop_saw():
    with behind_proxy("10.0.0.0/24"):
        # The load balancer (10.0.0.1) appended what the CDN edge (10.0.0.2) sent it,
        # and the edge appended the reader; the first entry is the reader's own claim.
        assert address("10.0.0.1", "6.6.6.6, 203.0.113.7, 10.0.0.2") == "203.0.113.7"
        assert address("10.0.0.1", "203.0.113.7") == "203.0.113.7"
        # No header, or nothing in it but our proxies: the furthest hop we can vouch for.
        assert address("10.0.0.1") == "10.0.0.1"
        assert address("10.0.0.1", "10.0.0.3, 10.0.0.2") == "10.0.0.3"
        # A proxy that wrote something other than an address: stop at the last one we trust.
        assert address("10.0.0.1", "203.0.113.7, unknown, 10.0.0.2") == "10.0.0.2"
        # A dual-stack socket reports a loopback or IPv4 proxy as ::ffff:a.b.c.d.
        assert address("::ffff:10.0.0.1", "203.0.113.7") == "203.0.113.7"
        # Not from a proxy we name: whatever it sent is the client's own claim.
        assert address("198.51.100.23", "203.0.113.7") == "198.51.100.23"
    with override_settings(SECURE_PROXY_SSL_HEADER=None, TRUSTED_PROXIES=[]):
        assert address("10.0.0.1", "203.0.113.7") == "10.0.0.1"
