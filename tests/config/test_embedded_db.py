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
