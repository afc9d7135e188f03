"""What a browser is told about this site's safety: HTTPS only, and what a page may load.

The production settings are loaded in a process of their own (config.settings with
DEBUG off), as gunicorn would load them; the test settings turn the redirect off.
"""

import json
import re
import secrets
import subprocess
import sys

import pytest
from django.test import Client

from tests.config.test_settings import ROOT, database_url, production_env

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The same, with the nonce of a page that has inline <style> blocks.
POLICY_WITH_NONCE = re.compile(
    re.escape(POLICY).replace(
        re.escape("style-src 'self'"), re.escape("style-src 'self' 'nonce-") + "([^']+)'"
    )
)

# Requests made through Django's test client inside the production settings.
VISIT = """
import json, sys
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="tally.example")
seen = {}
for path, secure in json.loads(sys.argv[1]):
    response = client.get(path, secure=secure)
    seen[("https:" if secure else "http:") + path] = {
        "status": response.status_code,
        "headers": dict(response.headers),
    }
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """Production pages name their static files from collectstatic's manifest."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=production_env(STATIC_ROOT=str(root)),
        check=True,
        timeout=120,
    )
    return root


def visit(pages, static_root, **env):
    result = subprocess.run(
        [sys.executable, "-c", VISIT, json.dumps(pages)],
        cwd=ROOT,
        env=production_env(DATABASE_URL=database_url(), STATIC_ROOT=str(static_root), **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_sends_readers_to_https_and_tells_browsers_to_stay(collected_static):
    seen = visit(
        [["/stories/", False], ["/healthz", False], ["/robots.txt", True], ["/admin/login/", True]],
        collected_static,
    )
    assert seen["http:/stories/"]["status"] == 301
    assert seen["http:/stories/"]["headers"]["Location"] == "https://tally.example/stories/"
    # The load balancer's probe gets its answer over plain HTTP.
    assert seen["http:/healthz"]["status"] == 200

    public = seen["https:/robots.txt"]["headers"]
    assert public["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert public["Content-Security-Policy"] == POLICY
    assert public["X-Content-Type-Options"] == "nosniff"
    assert public["Referrer-Policy"] == "same-origin"
    assert public["Cross-Origin-Opener-Policy"] == "same-origin"
    assert public["X-Frame-Options"] == "DENY"

    admin = seen["https:/admin/login/"]
    assert admin["status"] == 200
    assert POLICY_WITH_NONCE.fullmatch(admin["headers"]["Content-Security-Policy"])
    assert admin["headers"]["Strict-Transport-Security"].startswith("max-age=31536000")


def test_behind_a_proxy_that_redirects_the_site_need_not(collected_static):
    seen = visit(
        [["/robots.txt", False], ["/robots.txt", True]],
        collected_static,
        SSL_REDIRECT="false",
        HSTS_SECONDS="600",
        HSTS_PRELOAD="false",
    )
    assert seen["http:/robots.txt"]["status"] == 200
    assert "Strict-Transport-Security" not in seen["http:/robots.txt"]["headers"]
    hsts = seen["https:/robots.txt"]["headers"]["Strict-Transport-Security"]
    assert hsts == "max-age=600; includeSubDomains"


def test_deploy_check_finds_nothing_to_warn_of():
    for env in [{}, {"SSL_REDIRECT": "false"}]:
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=production_env(
                SECRET_KEY=secrets.token_urlsafe(50), DATABASE_URL=database_url(), **env
            ),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "System check identified no issues" in result.stdout, env


def test_public_pages_need_no_nonce_so_a_cached_copy_still_shows(client, demo):
    """Public pages are cached whole (public/page_cache.py): a nonce kept in a cached
    page would not be the one in the next response's header."""
    for path in ["/", "/stories/", "/elections/los-angeles-mayor-2022-11-08/", "/no/such/page/"]:
        response = client.get(path)
        assert response.headers["Content-Security-Policy"] == POLICY, path
        assert "nonce" not in response.content.decode(), path
    response = client.get("/admin/login/")
    assert POLICY_WITH_NONCE.fullmatch(response.headers["Content-Security-Policy"])


@pytest.mark.urls("tests.config.failing_urls")
def test_the_error_page_keeps_its_style_under_the_policy():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    nonce = POLICY_WITH_NONCE.fullmatch(response.headers["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in page
