"""Readers' pages read from a real streaming replica; editors and writes stay on the primary."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.streaming_replica import StreamingPair

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def streaming_pair():
    pair = StreamingPair().start()
    yield pair
    pair.stop()


def test_readers_read_from_the_replica_and_writers_from_the_primary(streaming_pair):
    pair = streaming_pair
    with psycopg.connect(pair.url(pair.primary), autocommit=True) as c:
        c.execute("CREATE DATABASE tally")
    env = {
        **os.environ,
        "DATABASE_URL": pair.url(pair.primary, "tally"),
        "DATABASE_REPLICA_URLS": pair.url(pair.replica, "tally"),
    }
    run = subprocess.run(
        [sys.executable, "-m", "tests.config.replica_reads"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "replica reads: ok" in run.stdout
