"""Starting the project with missing or wrong settings gives one clear line."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


# What config/settings_test.py puts in this process's environment for the tests.
TEST_ONLY = ("SECRET_KEY", "ALLOWED_HOSTS", "SECURE_COOKIES", "SSL_REDIRECT")


def manage(*args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    environ.update(env)
    environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def production_env(**env):
    """The environment of a production server: config.settings, DEBUG off, real secrets."""
    environ = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="tally.example",
    )
    environ.update(env)
    return environ


def database_url():
    """The test database, for a process of its own."""
    db = connection.settings_dict
    host = quote(db["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="example.com")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_unreachable_database_gives_one_clear_line():
    result = manage(
        "migrate",
        DEBUG="true",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere",
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "DATABASE_URL" in lines[0]


@pytest.mark.django_db
def test_production_settings_load_with_real_values():
    result = manage(
        "check",
        DEBUG="false",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="tally.example",
        DATABASE_URL=database_url(),
    )
    assert result.returncode == 0, result.stderr


def test_production_without_collected_static_files_says_to_collect_them(tmp_path):
    production = {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.com",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    environ = {**os.environ, **production}

    def start():
        return subprocess.run(
            [sys.executable, "-c", "import config.wsgi"],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            timeout=60,
        )

    result = start()
    assert result.returncode != 0
    assert "static files are not collected" in result.stderr
    assert "collectstatic --noinput" in result.stderr and "Traceback" not in result.stderr
    collected = manage("collectstatic", "--noinput", "-v", "0", **production)
    assert collected.returncode == 0, collected.stderr
    assert start().returncode == 0


def test_behind_a_proxy_only_loopback_is_trusted_unless_told():
    show = "from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    result = manage("shell", "--no-imports", "-c", show, DEBUG="true", BEHIND_PROXY="true")
    assert result.stdout.strip() == "['127.0.0.1', '::1']", result.stderr
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        DEBUG="true",
        BEHIND_PROXY="true",
        TRUSTED_PROXIES="10.0.0.0/8, ::1",
    )
    assert result.stdout.strip() == "['10.0.0.0/8', '::1']", result.stderr
    # Without a proxy, X-Forwarded-For is nobody's to believe.
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        DEBUG="true",
        BEHIND_PROXY="false",
        TRUSTED_PROXIES="10.0.0.0/8",
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_a_mistyped_trusted_proxy_stops_the_site_with_one_clear_line():
    result = manage(
        "check", DEBUG="true", BEHIND_PROXY="true", TRUSTED_PROXIES="10.0.0.1, 10.0.0.300"
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "TRUSTED_PROXIES must be IP addresses or networks" in result.stderr
    assert "'10.0.0.300'" in result.stderr
