"""The project's own PostgreSQL, for machines where DATABASE_URL is not set.

pgserver ships PostgreSQL binaries in its wheel. The server listens only on a
unix socket inside the data folder, so it never meets a server on port 5432,
and it keeps running between commands (cleanup_mode=None): the first command
of the day pays the start-up, later ones reuse it.
"""

import logging
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / ".data" / "postgres"
DATABASE_NAME = "tally"
USER = "postgres"


def connection_settings():
    """Start the embedded server if it is not running; return Django's DATABASES entry."""
    pgserver = _pgserver()
    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    # Under pgserver's own lock: read while another command was rewriting the list (the
    # site, its worker and the follower start together), it looked cut short, and
    # writing it afresh then interleaved with that command's write.
    with pgserver.PostgresServer._lock:
        _mend_handle_list(DATA_DIR)
    info = pgserver.get_server(DATA_DIR, cleanup_mode=None).get_postmaster_info()
    host, port = str(info.socket_dir), str(info.port or 5432)
    _ensure_database(host, port)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": USER,
        "HOST": host,
        "PORT": port,
    }


def _mend_handle_list(data_dir):
    """pgserver keeps the processes holding the server in a JSON file it rewrites in place:
    a command stopped at the wrong moment (Ctrl-C, a kill) leaves it empty or cut short,
    and every later command then fails to read it. Unreadable, it is started afresh: with
    cleanup_mode=None nothing stops the server on that list's account."""
    import json

    handles = data_dir / ".handle_pids.json"
    try:
        json.loads(handles.read_text())
    except FileNotFoundError:
        pass
    except ValueError:
        handles.write_text("[]")


def _pgserver():
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, CI) and
    # falls back to /tmp, which is what we want anyway.
    warnings.filterwarnings("ignore", module="platformdirs")
    import pgserver

    # pgserver logs every step at INFO; a user needs none of it.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    return pgserver


def _ensure_database(host, port):
    """Create the project's database on a fresh data folder; a no-op afterwards."""
    import psycopg

    with psycopg.connect(host=host, port=port, user=USER, dbname="postgres", autocommit=True) as c:
        found = c.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not found:
            c.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def stop_server():
    """Stop the embedded server if it runs; returns whether it was running."""
    import os
    import pwd

    _pgserver()
    from pgserver._commands import pg_ctl

    if not (DATA_DIR / "postmaster.pid").exists():
        return False
    # pgserver runs the server as its own user when started by root; pg_ctl must be that user.
    owner = pwd.getpwuid(DATA_DIR.stat().st_uid).pw_name
    user = owner if os.geteuid() == 0 and owner != "root" else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=DATA_DIR, **({"user": user} if user else {}))
    return True


if __name__ == "__main__":
    # `python -m config.embedded_db stop`: what `./tally stop` runs.
    import sys

    if sys.argv[1:] != ["stop"]:
        sys.exit("usage: python -m config.embedded_db stop")
    stopped = stop_server()
    print("tally: stopped the embedded PostgreSQL" if stopped else "tally: it was not running")
