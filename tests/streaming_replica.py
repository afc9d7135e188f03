"""A PostgreSQL primary and a streaming replica of it on loopback, for the replica tests.

Uses the server binaries pgserver ships (the embedded PostgreSQL), so it needs
nothing installed: initdb for the primary, pg_basebackup -R for the replica,
which then follows the primary's WAL as a real hot standby does. As root, both
run as pgserver's own user, as the embedded server does.
"""

import os
import pwd
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamingPair:
    def __init__(self):
        import warnings

        # As in config/embedded_db.py: a root shell has no XDG_RUNTIME_DIR, and /tmp is fine.
        warnings.filterwarnings("ignore", module="platformdirs")
        import pgserver._commands as commands

        self.bin = commands.POSTGRES_BIN_PATH
        self.root = Path(tempfile.mkdtemp(prefix="tally-replica-"))
        self.primary, self.replica = self.root / "primary", self.root / "replica"
        self.ports = {self.primary: _free_port(), self.replica: _free_port()}
        self.user = None
        if os.geteuid() == 0:
            from pgserver.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )

            self.user = "pgserver"
            ensure_user_exists(self.user)
            readable = stat.S_IRGRP | stat.S_IROTH
            ensure_prefix_permissions(self.bin)
            ensure_folder_permissions(self.bin, readable | stat.S_IXGRP | stat.S_IXOTH)
            ensure_folder_permissions(self.bin.parent / "lib", readable)
            self.root.chmod(0o755)
            account = pwd.getpwnam(self.user)
            os.chown(self.root, account.pw_uid, account.pw_gid)

    def url(self, data, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.ports[data]}/{quote(database)}"

    def _run(self, name, *args):
        subprocess.run(
            [str(self.bin / name), *args], check=True, capture_output=True, user=self.user
        )

    def _start(self, data):
        options = f"-c listen_addresses=127.0.0.1 -p {self.ports[data]} -k {data}"
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start")

    def start(self):
        self._run("initdb", "-D", str(self.primary), "-U", "postgres", "--auth=trust", "-E", "utf8")
        self._start(self.primary)
        primary = ["-h", "127.0.0.1", "-p", str(self.ports[self.primary]), "-U", "postgres"]
        self._run("pg_basebackup", "-D", str(self.replica), "-R", "-X", "stream", *primary)
        self._start(self.replica)
        return self

    def wait_for_replay(self):
        wait_for_replay(self.url(self.primary), self.url(self.replica))

    def stop(self):
        for data in (self.replica, self.primary):
            if (data / "postmaster.pid").exists():
                subprocess.run(
                    [str(self.bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                    capture_output=True,
                    user=self.user,
                )
        shutil.rmtree(self.root, ignore_errors=True)


def wait_for_replay(primary_url, replica_url, timeout=20):
    """Until the replica has replayed everything the primary wrote so far."""
    import psycopg

    with psycopg.connect(primary_url, autocommit=True) as c:
        target = c.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
    deadline = time.monotonic() + timeout
    with psycopg.connect(replica_url, autocommit=True) as c:
        while time.monotonic() < deadline:
            behind = c.execute(
                "SELECT pg_wal_lsn_diff(%s, pg_last_wal_replay_lsn())", [target]
            ).fetchone()[0]
            if behind <= 0:
                return
            time.sleep(0.05)
    raise TimeoutError("the replica did not catch up with the primary")
