"""The embedded PostgreSQL survives a command stopped at the wrong moment."""

import json

from config.embedded_db import _mend_handle_list


def test_a_handle_list_cut_short_is_started_afresh_and_a_good_one_is_kept(tmp_path):
    handles = tmp_path / ".handle_pids.json"
    _mend_handle_list(tmp_path)
    assert not handles.exists()  # a fresh folder: pgserver makes its own

    for broken in ("", "[12, 3"):
        handles.write_text(broken)
        _mend_handle_list(tmp_path)
        assert json.loads(handles.read_text()) == []

    handles.write_text("[4242]")
    _mend_handle_list(tmp_path)
    assert json.loads(handles.read_text()) == [4242]


def test_commands_started_together_all_reach_the_server_and_leave_the_list_readable():
    """`./tally serve` starts the site, its worker and the follower at once: each must find
    the server, and pgserver's list of handles must stay readable for the next command."""
    import subprocess
    import sys

    from config.embedded_db import DATA_DIR

    code = "from config.embedded_db import connection_settings; connection_settings()"
    env = {k: v for k, v in __import__("os").environ.items() if k != "DATABASE_URL"}
    for _ in range(10):
        started = [
            subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE)
            for _ in range(8)
        ]
        for process in started:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err.decode()[-2000:]
        json.loads((DATA_DIR / ".handle_pids.json").read_text())
