"""Election night replayed against gunicorn under readers' load.

    .venv/bin/python -m bench.generate --force   # once: the 100,000-story archive
    .venv/bin/python -m bench.replay             # about ten minutes

Copies the bench archive into its own database (tally_bench_replay) and serves it
as production would: gunicorn (3 sync workers, the page cache on, files under a
temp folder), the task worker (relinking after each release) and the registrar
follower polling every second, all pinned to core 0. The registrar is the
rehearsal server (desk/importing/registrar/rehearsal.py) replaying the shared
folder of the 2022 general, every contest of the county. wrk loads the site from
core 1 with readers' pages: the contests' own pages, the election day's page,
the home page, stories of the archive, and searches.

The first release is imported before the load starts (it makes the contests the
load reads); then a minute of load without releases gives the baseline, and the
other releases follow at an even rhythm over five minutes, with the same load.

Prints requests served, errors, latency p50/p95/p99 across the replay and in the
10 s after each release, how long each release took from its import (the follower's
commit) to appearing on a contest page it changed, and throughput during the replay
as a ratio of the baseline. Latency comes from back-to-back 2-second wrk runs, each
giving its own percentiles, merged weighted by requests: close to, not exactly,
what one long run would give. Targets (issue 14): 0 errors, p95 under 150 ms, every
release on its page within 10 s, the ratio at least 0.7.
"""

import argparse
import json
import os
import random
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.utils import timezone

from bench.database import (
    DEFAULT_NAME,
    bench_database_url,
    copy_database,
    database_exists,
    django_env,
)
from bench.pages import (
    BENCH_DIR,
    OUT,
    PYTHON,
    ROOT,
    Server,
    bench_env,
    check_statuses,
    collect_static,
    cpus,
    ensure_wrk,
)

FEED = ROOT.parent / "shared" / "data" / "lavote-2022-general"
WINDOW_SECONDS = 2
AFTER_RELEASE_SECONDS = 10
TARGETS = {"p95_ms": 150, "on_page_s": 10, "ratio": 0.7}
# The load's mix: (share of requests, kind).
MIX = [(0.4, "contest"), (0.1, "day"), (0.1, "home"), (0.3, "story"), (0.1, "search")]


class ReplayClock:
    """The rehearsal's clock: standing at its start (the first release shown) until go()."""

    def __init__(self):
        self.started = None

    def go(self):
        self.started = time.monotonic()

    def __call__(self):
        return 0.0 if self.started is None else time.monotonic() - self.started


class Load(threading.Thread):
    """wrk in back-to-back windows from core 1 until stopped; each window's JSON kept with
    the monotonic time it started."""

    def __init__(self, base, paths_file, core, connections):
        super().__init__(daemon=True)
        self.base, self.paths_file, self.core, self.connections = (
            base,
            paths_file,
            core,
            connections,
        )
        self.windows, self._halt = [], threading.Event()

    def run(self):
        while not self._halt.is_set():
            started = time.monotonic()
            command = [
                "taskset", "-c", self.core, "wrk", "-t1", f"-c{self.connections}",
                f"-d{WINDOW_SECONDS}s", "--timeout", "10s",
                "-s", str(BENCH_DIR / "percentiles.lua"), self.base, "--", self.paths_file,
            ]  # fmt: skip
            output = subprocess.run(command, capture_output=True, text=True).stdout
            line = next((x for x in output.splitlines() if x.startswith("{")), None)
            if line:
                self.windows.append((started, time.monotonic(), json.loads(line)))

    def stop(self):
        self._halt.set()
        self.join()


def merged(windows):
    """Requests, errors, rate and p50/p95/p99 (ms) over these windows."""
    requests = sum(w["requests"] for _, _, w in windows)
    seconds = sum(w["duration_us"] for _, _, w in windows) / 1e6
    points = sorted(
        (q, w["requests"] / len(w["quantiles_us"]))
        for _, _, w in windows
        for q in w["quantiles_us"]
        if w["requests"]
    )
    total = sum(weight for _, weight in points)

    def at(share):
        running = 0.0
        for value, weight in points:
            running += weight
            if running >= share * total:
                return value / 1000
        return points[-1][0] / 1000 if points else 0.0

    return {
        "requests": requests,
        "errors": sum(w["errors"] for _, _, w in windows),
        "rps": requests / seconds if seconds else 0.0,
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
    }


def load_paths(rng, stories=200, searches=20):
    """The reader's paths of each kind, from the replay database (Django set up)."""
    from archive.models import Article
    from candidates.models import Candidate
    from elections.models import Election, ElectionDay

    day = ElectionDay.objects.filter(feed_releases__isnull=False).distinct().get()
    contests = [e.get_absolute_url() for e in Election.objects.filter(election_day=day)]
    ids = list(Article.objects.published().values_list("pk", flat=True))
    chosen = Article.objects.filter(pk__in=rng.sample(ids, min(stories, len(ids))))
    names = list(Candidate.objects.order_by("?").values_list("name", flat=True)[:searches])
    return {
        "contest": contests,
        "day": [day.get_absolute_url()],
        "home": ["/"],
        "story": [a.get_absolute_url() for a in chosen.only("slug", "published_at")],
        "search": [f"/search/?q={urllib.parse.quote_plus(n)}" for n in names],
    }


def mixed(rng, paths, size=2000):
    lines = []
    for share, kind in MIX:
        lines += [rng.choice(paths[kind]) for _ in range(round(size * share))]
    rng.shuffle(lines)
    return lines


def stored_releases():
    from elections.models import FeedRelease

    return list(
        FeedRelease.objects.order_by("released_at").values("pk", "released_at", "imported_at")
    )


def wait_for_idle_worker(timeout=900):
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
        if time.monotonic() > deadline:
            raise SystemExit("bench: the task worker is still busy after 15 minutes")
        time.sleep(2)


def on_page(base, feed_release, deadline_s=60):
    """Seconds from the release's import to its time shown on a contest page it changed, and
    that page; None when no contest changed."""
    from elections.models import Release

    changed = (
        Release.objects.filter(feed_release_id=feed_release["pk"])
        .select_related("election")
        .order_by("?")
        .first()
    )
    if changed is None:
        return None, None
    url = changed.election.get_absolute_url()
    when = timezone.localtime(changed.released_at).isoformat()
    marker = f'Figures last updated <time datetime="{when}">'
    imported = feed_release["imported_at"].timestamp()
    while time.time() - imported < deadline_s:
        with urllib.request.urlopen(base + url, timeout=30) as response:
            if marker in response.read().decode():
                return time.time() - imported, url
        time.sleep(0.2)
    return float("inf"), url


def run(args, url, static):
    from desk.importing.registrar import rehearsal

    server_core, load_core = cpus()
    os.sched_setaffinity(0, {int(server_core)})
    clock = ReplayClock()
    folders = sorted(p for p in args.feed.iterdir() if p.is_dir())
    every = args.minutes * 60 / max(1, len(folders) - 1)
    night = rehearsal.Night(args.feed, every=every, clock=clock)
    registrar = rehearsal.serve(night)
    urls = rehearsal.urls(registrar)
    env = bench_env(url, static)
    env["TASKS_BACKEND"] = "database"
    pinned = ["taskset", "-c", server_core, PYTHON, "manage.py"]
    follower_args = [
        "follow_registrar", "--every", "1", "--longest", "10",
        "--results-url", urls["results.json"], "--counter-data-url", urls["counter_data.json"],
        "--election-data-url", urls["election_data.json"],
    ]  # fmt: skip
    log = open(OUT / "replay-follower.log", "w")  # noqa: SIM115 (closed in finally)
    helpers = [
        subprocess.Popen([*pinned, "db_worker"], cwd=ROOT, env=env, stdout=log, stderr=log),
        subprocess.Popen([*pinned, *follower_args], cwd=ROOT, env=env, stdout=log, stderr=log),
    ]
    try:
        with Server(url, args.workers, server_core, static) as server:
            return measure(args, server, night, clock, folders, every, load_core)
    finally:
        for helper in helpers:
            helper.terminate()
            helper.wait(timeout=30)
        registrar.shutdown()
        log.close()


def measure(args, server, night, clock, folders, every, load_core):
    print("bench: importing the first release (the county's contests) ...", flush=True)
    deadline = time.monotonic() + 300
    while not stored_releases():
        if time.monotonic() > deadline:
            raise SystemExit(
                "bench: the follower stored nothing in 5 minutes; see bench/out/replay-follower.log"
            )
        time.sleep(1)
    wait_for_idle_worker()  # the new candidates' relink, which would slow the baseline
    rng = random.Random(2022)
    paths = load_paths(rng)
    bad = check_statuses(server.base, paths)  # every page once, as readers fill the cache
    if bad:
        raise SystemExit(f"bench: pages that do not answer 200: {bad[:5]}")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(mixed(rng, paths)) + "\n")
    try:
        load = Load(server.base, f.name, load_core, args.connections)
        load.start()
        time.sleep(args.baseline)
        baseline_end = time.monotonic()
        print(
            f"bench: baseline {args.baseline} s done; replaying {len(folders) - 1} releases, "
            f"one every {every:.1f} s",
            flush=True,
        )
        clock.go()
        published = [clock.started + offset for offset in night.offsets]
        lags, seen = [], {stored_releases()[0]["pk"]}
        # Until the last release is published and the follower has had time to store it (a
        # release whose files did not change is never stored).
        while clock() < night.offsets[-1] + AFTER_RELEASE_SECONDS:
            for feed_release in stored_releases():
                if feed_release["pk"] in seen:
                    continue
                seen.add(feed_release["pk"])
                seconds, page = on_page(server.base, feed_release)
                lags.append((feed_release["released_at"], seconds, page))
                shown = "no contest changed" if seconds is None else f"{seconds:5.1f} s  {page}"
                when = timezone.localtime(feed_release["released_at"])
                print(
                    f"  release {len(seen):2}  {when:%b %d %H:%M}  on its page after {shown}",
                    flush=True,
                )
            time.sleep(0.5)
        time.sleep(AFTER_RELEASE_SECONDS)
        load.stop()
    finally:
        os.unlink(f.name)
    windows = load.windows
    baseline = [w for w in windows if w[1] <= baseline_end]
    replay = [w for w in windows if w[0] >= clock.started]
    after = [[w for w in replay if t <= w[0] < t + AFTER_RELEASE_SECONDS] for t in published[1:]]
    return report(merged(baseline), merged(replay), [merged(a) for a in after if a], lags)


def report(baseline, replay, after, lags):
    def line(name, r):
        return (
            f"  {name:<26} {r['requests']:8,} requests {r['errors']:4} errors {r['rps']:7.1f} req/s"
            f"  p50 {r['p50_ms']:6.1f}  p95 {r['p95_ms']:6.1f}  p99 {r['p99_ms']:6.1f} ms"
        )

    print("\nbench.replay")
    print(line("baseline (no releases)", baseline))
    print(line("whole replay", replay))
    worst = max(after, key=lambda r: r["p95_ms"]) if after else None
    if worst:
        print(line("worst 10 s after a release", worst))
    timed = [s for _, s, _ in lags if s is not None]
    ratio = replay["rps"] / baseline["rps"] if baseline["rps"] else 0.0
    print(
        f"  releases on their page: {len(timed)} timed, slowest {max(timed, default=0):.1f} s, "
        f"median {sorted(timed)[len(timed) // 2] if timed else 0:.1f} s"
    )
    print(f"  throughput during the replay / without: {ratio:.2f}")
    met = {
        "0 errors": replay["errors"] == 0,
        f"p95 under {TARGETS['p95_ms']} ms": replay["p95_ms"] < TARGETS["p95_ms"],
        f"every release on its page within {TARGETS['on_page_s']} s": all(
            s <= TARGETS["on_page_s"] for s in timed
        ),
        f"ratio at least {TARGETS['ratio']}": ratio >= TARGETS["ratio"],
    }
    for name, ok in met.items():
        print(f"  {'met' if ok else 'MISSED':<6} {name}")
    result = {
        "baseline": baseline,
        "replay": replay,
        "after_each_release": after,
        "on_page_seconds": [[str(t), s, p] for t, s, p in lags],
        "ratio": ratio,
        "targets_met": met,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "replay.json").write_text(json.dumps(result, indent=2, default=str))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=DEFAULT_NAME, help="the archive to copy (%(default)s)")
    parser.add_argument("--name", default="tally_bench_replay")
    parser.add_argument("--feed", type=Path, default=FEED)
    parser.add_argument("--minutes", type=float, default=5, help="the replay's length")
    parser.add_argument("--baseline", type=int, default=60, help="seconds of load without releases")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args(argv)
    source, url = bench_database_url(args.source), bench_database_url(args.name)
    if not database_exists(source):
        raise SystemExit(f"bench: no archive at {source}; run `python -m bench.generate` first.")
    if not (args.feed / "election_data.json").exists():
        raise SystemExit(f"bench: no feed at {args.feed}")
    ensure_wrk()
    print(f"bench: copying {args.source} into {args.name} ...", flush=True)
    copy_database(source, url)
    # The archive may predate this checkout's schema: migrate the copy, as a deploy would.
    migrate = [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"]
    subprocess.run(migrate, cwd=ROOT, env=django_env(url), check=True)
    from bench.database import setup_django

    setup_django(url)
    OUT.mkdir(exist_ok=True)
    static = collect_static(url)
    try:
        run(args, url, static)
    finally:
        import shutil

        shutil.rmtree(static, ignore_errors=True)


if __name__ == "__main__":
    main()
