"""An archived election night served as the registrar's live URLs, for a newsroom's rehearsal.

The folder's releases appear one after another at their real rhythm divided by `speed`, or
one every `every` seconds: /election_data.json, /results.json and /counter_data.json each
answer with the latest version published by then, as the registrar's site would (a release
that lacked one of the files leaves the one before in place; a file not yet published is a
404). Answers carry an ETag and Last-Modified and honour If-None-Match, so a follower's
conditional requests cost what they would on the night. Point `manage.py follow_registrar`
at it, and a running Tally lives the night again.
"""

import bisect
import datetime
import hashlib
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from desk.importing.registrar.election_day import ELECTION_DATA

FILES = (ELECTION_DATA, "results.json", "counter_data.json")


class Night:
    """Which files are published at each moment of the replay."""

    def __init__(self, folder, speed=1.0, every=None, clock=time.monotonic):
        folder = Path(folder)
        self.folders = sorted(p for p in folder.iterdir() if p.is_dir())
        if not self.folders:
            raise ValueError(f"{folder} holds no release folders")
        self.election_data = (folder / ELECTION_DATA).read_bytes()
        times = [_time_of(p.name) for p in self.folders]
        if every is not None:
            self.offsets = [i * every for i in range(len(times))]
        else:
            self.offsets = [(t - times[0]).total_seconds() / speed for t in times]
        self.clock = clock
        self.started = clock()

    @property
    def shown(self):
        """How many releases are published now (the first at once)."""
        return bisect.bisect_right(self.offsets, self.clock() - self.started)

    @property
    def is_over(self):
        return self.shown >= len(self.folders)

    def file(self, name):
        """(bytes, index of the release it came from) published now, or None."""
        if name == ELECTION_DATA:
            return self.election_data, 0
        for index in range(self.shown - 1, -1, -1):
            path = self.folders[index] / name
            if path.exists():
                return path.read_bytes(), index
        return None


def serve(night, host="127.0.0.1", port=0):
    """A started server (in a thread of its own) answering for the night; .server_address
    says where, and .shutdown() stops it."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            name = self.path.split("?")[0].lstrip("/")
            found = night.file(name) if name in FILES else None
            if found is None:
                self.send_error(404, "Not published")
                return
            body, index = found
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", _http_date(night.folders[index].name))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass  # the follower logs what matters

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def urls(server):
    host, port = server.server_address[:2]
    return {name: f"http://{host}:{port}/{name}" for name in FILES}


def _time_of(name):
    return datetime.datetime.strptime(name, "%Y-%m-%dT%H-%M-%S")


def _http_date(name):
    # The folder's name is the registrar's Los Angeles time; HTTP dates are in GMT, and a
    # rehearsal needs only that they grow, so the clock's zone is taken as it stands.
    return format_datetime(_time_of(name).replace(tzinfo=datetime.UTC), usegmt=True)
