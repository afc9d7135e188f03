"""The benchmarks' own database, on the server the project already uses.

Benchmarks never touch the `tally` database: they build `tally_bench` (or a
name of their choosing) beside it, and run Django, gunicorn and manage.py
against it through DATABASE_URL.
"""

import os
import secrets
from urllib.parse import quote, urlsplit, urlunsplit

DEFAULT_NAME = "tally_bench"
# Only ever used against the bench database on 127.0.0.1.
_BENCH_SECRET = "bench-" + secrets.token_hex(24)


def server_settings():
    """The project's default connection (DATABASE_URL, else the embedded server) as a dict."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url)
    from config.embedded_db import connection_settings

    return connection_settings()


def bench_database_url(name=DEFAULT_NAME, database_url=None):
    """A postgres:// URL for database `name` on the project's server (or database_url's)."""
    if database_url:
        return database_url
    db = server_settings()
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    host = quote(db.get("HOST") or "localhost", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{quote(name, safe='')}"


def database_name(url):
    return urlsplit(url).path.lstrip("/")


def _admin_connection(url):
    """A connection to the server's `postgres` database, to create or drop `url`'s database."""
    import dj_database_url
    import psycopg

    parts = urlsplit(url)
    db = dj_database_url.parse(urlunsplit(parts._replace(path="/postgres")))
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def database_exists(url):
    with _admin_connection(url) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        ).fetchone()
    return row is not None


def create_database(url, force=False):
    """Create the database; with force, drop it first. Refuses the project's own database."""
    from psycopg import sql

    name = database_name(url)
    if name in {"tally", "postgres", "template0", "template1"}:
        raise SystemExit(f"bench: refusing to touch the database {name!r}; use another name.")
    with _admin_connection(url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not force:
            raise SystemExit(f"bench: database {name!r} exists; pass --force to recreate it.")
        if exists:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url):
    """Drop the database if it exists. Refuses the project's own database."""
    from psycopg import sql

    name = database_name(url)
    if name in {"tally", "postgres", "template0", "template1"}:
        raise SystemExit(f"bench: refusing to touch the database {name!r}; use another name.")
    with _admin_connection(url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def django_env(url, debug=False, settings="config.settings"):
    """Environment for manage.py, gunicorn or django.setup() against the bench database."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE=settings,
        DEBUG="true" if debug else "false",
        SECRET_KEY=_BENCH_SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="false",
        # gunicorn and the test client are spoken to over plain HTTP here.
        SSL_REDIRECT="false",
    )
    return env


def setup_django(url, settings="config.settings"):
    """Point this process's Django at the bench database (before anything imports models)."""
    import django

    os.environ.update(django_env(url, settings=settings))
    django.setup()


def copy_database(source_url, url):
    """Make `url`'s database a fresh copy of `source_url`'s (a file copy, in seconds)."""
    from psycopg import sql

    name, source = database_name(url), database_name(source_url)
    if name in {"tally", "postgres", "template0", "template1", source}:
        raise SystemExit(f"bench: refusing to overwrite the database {name!r}; use another name.")
    with _admin_connection(url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        # A template must have no other session: a benchmark left running would hold one.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [source]
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(source)
            )
        )
