"""Throughput of each page type against /healthz, and the time relink takes for 10,000 stories.

    .venv/bin/python -m bench.generate --force     # once: the synthetic archive
    .venv/bin/python -m bench.pages                # about three minutes

Serves the bench database with gunicorn (DEBUG off, static files collected
into a temp folder) pinned to core 0, and loads it with wrk pinned to core 1:
a short warm-up, then a bounded run for each page type, cycling through real
URLs picked from the database. /healthz is measured first and last, and each
page's throughput is given as a ratio to their mean. Then it counts the SQL
queries each page type makes (Django test client, in process) and times
`manage.py relink --limit 10000`. Figures go to stdout and bench/out/.
On a machine shared with other work, the figures are indicative.
"""

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.database import DEFAULT_NAME, bench_database_url, database_exists, django_env

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT = BENCH_DIR / "out"
PYTHON = sys.executable

# page type -> minimum ratio to /healthz with the page cache off (issue 14's targets; the
# earlier issue's 0.5 and 0.35 were for pages served from the cache)
TARGETS = {"story": 0.25, "home": 0.15, "candidate": 0.15, "election": 0.15}
P95_TARGET_MS = 150.0  # no page's p95, uncached
RELINK_TARGET_S = 60.0


def pick_paths(rng, samples):
    """Real URLs of each page type, picked from the bench database (Django already set up)."""
    from django.urls import reverse
    from django.utils import timezone
    from taggit.models import Tag

    from archive.models import Article
    from candidates.models import Candidate
    from elections.models import Election, Release

    published = Article.objects.published()
    # While a bulk relink is still running, measure stories it has already linked.
    linked = published.filter(linked_at__isnull=False)
    stories = list((linked if linked.exists() else published).values_list("id", flat=True))
    if not stories:
        raise SystemExit("bench: the bench database has no published stories.")
    chosen = Article.objects.filter(id__in=rng.sample(stories, min(samples, len(stories))))
    story_paths = [a.get_absolute_url() for a in chosen.only("slug", "published_at")]

    months = sorted(
        {
            (local.year, local.month)
            for local in (
                timezone.localtime(a.published_at)
                for a in Article.objects.filter(id__in=rng.sample(stories, min(500, len(stories))))
            )
        }
    )
    month_paths = [
        reverse("archive:story_month", kwargs={"year": y, "month": m})
        for y, m in rng.sample(months, min(24, len(months)))
    ]

    def sample(values, k):
        values = list(values)
        return rng.sample(values, min(k, len(values)))

    # Candidates the archive writes about: a page with no stories measures little.
    candidates = sample(
        Candidate.objects.filter(article_links__isnull=False)
        .distinct()
        .values_list("slug", flat=True),
        samples // 2,
    )
    elections = sample(
        Election.objects.filter(releases__isnull=False).distinct().values_list("slug", flat=True),
        samples // 4,
    )
    releases = sample(Release.objects.values_list("election__slug", "number"), samples // 2)
    tags = sample(Tag.objects.values_list("slug", flat=True), 30)
    return {
        "healthz": ["/healthz"],
        "home": [reverse("archive:home")],
        "stories list": [reverse("archive:story_index")],
        "date archive": month_paths,
        "story": story_paths,
        "candidates list": [reverse("candidates:candidate_list")],
        "candidate": [reverse("candidates:candidate_detail", args=[s]) for s in candidates],
        "elections list": [reverse("elections:election_list")],
        "election": [reverse("elections:election_detail", args=[s]) for s in elections],
        "release": [reverse("elections:release_detail", args=[s, n]) for s, n in releases],
        "tag": [reverse("archive:tag_detail", args=[s]) for s in tags],
    }


def count_queries(paths, explain=False):
    """SQL queries and their time for the first URL of each type, through the test client."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    # What building each page costs, so never from the page cache.
    uncached = override_settings(PAGE_CACHE_SECONDS=0)
    uncached.enable()
    report = {}
    for kind, urls in paths.items():
        client.get(urls[0])  # warm the connection and caches, as a running server would be
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(urls[0])
            elapsed = time.perf_counter() - started
        timings = sorted(
            ((float(q["time"]), q["sql"]) for q in queries.captured_queries), reverse=True
        )
        entry = {
            "url": urls[0],
            "status": response.status_code,
            "queries": len(timings),
            "sql_ms": round(1000 * sum(t for t, _ in timings), 1),
            "view_ms": round(1000 * elapsed, 1),
            "slowest_ms": round(1000 * timings[0][0], 1) if timings else 0,
            "slowest_sql": timings[0][1][:300] if timings else "",
        }
        if explain and timings and not timings[0][1].startswith("SELECT 1"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + timings[0][1])
                entry["plan"] = [row[0] for row in cursor.fetchall()]
        report[kind] = entry
    uncached.disable()
    return report


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpus():
    """Core ids for the server and for wrk: 0 and 1 where there are two."""
    available = sorted(os.sched_getaffinity(0))
    return str(available[0]), str(available[1 if len(available) > 1 else 0])


def bench_env(url, static):
    """Environment for the server and manage.py: bench.settings with its temp folders."""
    env = django_env(url, settings="bench.settings")
    env.update(BENCH_STATIC_ROOT=static, BENCH_CACHE_DIR=os.path.join(static, "_page_cache"))
    return env


def collect_static(url):
    """Collect static files into a temp folder (bench.settings); return its path."""
    static = tempfile.mkdtemp(prefix="tally-bench-static-")
    env = bench_env(url, static)
    command = [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return static


class Server:
    """gunicorn on the bench database, pinned to one core, for the length of a `with`."""

    def __init__(self, url, workers, core, static, cache_seconds=None):
        self.url, self.workers, self.core = url, workers, core
        self.port = free_port()
        self.env = bench_env(url, static)
        if cache_seconds is not None:
            self.env["PAGE_CACHE_SECONDS"] = str(cache_seconds)
        self.process = None

    def __enter__(self):
        command = [
            "taskset", "-c", self.core,
            str(Path(PYTHON).with_name("gunicorn")), "config.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise SystemExit("bench: gunicorn did not answer /healthz within 30 s")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def check_statuses(base, paths):
    """Every URL must answer 200 before it is measured; wrk would count errors as speed.
    Visiting each also fills the site's page cache, as readers would."""

    def status(path):
        try:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                return path, response.status
        except urllib.error.HTTPError as exc:
            return path, exc.code

    every = [path for urls in paths.values() for path in urls]
    with ThreadPoolExecutor(max_workers=3) as pool:
        return [(path, code) for path, code in pool.map(status, every) if code != 200]


def drain(base):
    """Wait for the requests wrk left queued when it stopped: they would eat the next run."""
    for _ in range(2):
        with urllib.request.urlopen(f"{base}/healthz", timeout=300) as response:
            response.read()


def wrk(base, paths_file, core, seconds, connections):
    command = [
        "taskset", "-c", core, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s",
        "--timeout", "10s", "-s", str(BENCH_DIR / "percentiles.lua"), base, "--", paths_file,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    drain(base)
    line = next(line for line in output.splitlines() if line.startswith("{"))
    result = json.loads(line)
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("bench: installing wrk from Debian's packages")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)


def measure_pages(args, url, paths, static):
    server_core, load_core = cpus()
    results = {}
    cache_seconds = 0 if args.no_cache else None
    with Server(url, args.workers, server_core, static, cache_seconds) as server:
        bad = check_statuses(server.base, paths)
        for path, status in bad:
            print(f"  ! {status} {path}: left out")
        failing = {path for path, _ in bad}
        paths = {k: [u for u in urls if u not in failing] for k, urls in paths.items()}
        for kind in [k for k, urls in paths.items() if not urls]:
            print(f"  ! {kind}: no URL answers 200; not measured")
            del paths[kind]
        if "healthz" not in paths:
            raise SystemExit("bench: /healthz does not answer 200")
        order = list(paths) + ["healthz (again)"]
        for kind in order:
            urls = paths[kind.split(" (")[0]]
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
                f.write("\n".join(urls) + "\n")
            try:
                # Each URL once more just before its run: every page is in the cache
                # (when the site caches) whatever the order of runs and the cache's expiry.
                check_statuses(server.base, {kind: urls})
                wrk(server.base, f.name, load_core, args.warmup, args.connections)
                results[kind] = wrk(server.base, f.name, load_core, args.seconds, args.connections)
            finally:
                os.unlink(f.name)
            r = results[kind]
            print(
                f"  {kind:<16} {r['rps']:8.1f} req/s  p95 {r['p95_us'] / 1000:7.1f} ms"
                f"  ({len(urls)} URLs{', ' + str(r['errors']) + ' errors' if r['errors'] else ''})",
                flush=True,
            )
    return results


def time_relink(url, ids, core):
    # Ids rather than --limit: the same stories every run, whatever the command's options.
    command = ["taskset", "-c", core, PYTHON, "manage.py", "relink", *map(str, ids)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=django_env(url), capture_output=True, text=True)
    if done.returncode:
        print(done.stderr[-2000:])
        raise SystemExit(f"bench: manage.py relink failed with code {done.returncode}")
    return time.perf_counter() - started


def mark(ok):
    return "ok" if ok else "MISSED"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", default=DEFAULT_NAME, help="database name (default %(default)s)")
    parser.add_argument("--database-url", help="full URL of the bench database instead")
    parser.add_argument("--seconds", type=int, default=10, help="per page type (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds before each run")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (2n+1)")
    parser.add_argument("--samples", type=int, default=200, help="story URLs to cycle through")
    parser.add_argument("--relink", type=int, default=10_000, help="stories to relink (0: skip)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN each page's slowest query")
    parser.add_argument("--only", help="comma-separated page types, e.g. story,candidate")
    parser.add_argument("--queries-only", action="store_true", help="count queries, no load")
    parser.add_argument(
        "--no-cache", action="store_true", help="PAGE_CACHE_SECONDS=0: what building a page costs"
    )
    args = parser.parse_args(argv)

    url = bench_database_url(args.name, args.database_url)
    if not database_exists(url):
        raise SystemExit(f"bench: no database at {url}; run `python -m bench.generate` first.")
    ensure_wrk()
    static = collect_static(url)
    try:
        run(args, url, static)
    finally:
        shutil.rmtree(static, ignore_errors=True)


def run(args, url, static):
    from bench.database import setup_django

    os.environ.update(bench_env(url, static))
    if args.no_cache:
        os.environ["PAGE_CACHE_SECONDS"] = "0"
    setup_django(url, settings="bench.settings")
    from django.db import connection

    rng = random.Random(7)
    paths = pick_paths(rng, args.samples)
    if args.only:
        keep = {"healthz", *(k.strip() for k in args.only.split(","))}
        paths = {k: v for k, v in paths.items() if k in keep}

    print(f"bench: queries per page, built without the page cache (first URL of each type), {url}")
    queries = count_queries(paths, explain=args.explain)
    for kind, q in queries.items():
        print(
            f"  {kind:<16} {q['status']}  {q['queries']:3d} queries  SQL {q['sql_ms']:7.1f} ms"
            f"  view {q['view_ms']:7.1f} ms  slowest {q['slowest_ms']:6.1f} ms  {q['url']}"
        )
        for line in q.get("plan", [])[:14]:
            print(f"      {line}")
    if args.queries_only:
        return
    relink_ids = []
    if args.relink:
        from archive.models import Article

        relink_ids = list(
            Article.objects.order_by("pk").values_list("pk", flat=True)[: args.relink]
        )
    connection.close()

    server_core, load_core = cpus()
    from django.conf import settings

    seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
    cache = f"{seconds} s" if seconds > 0 else "off"
    print(
        f"bench: gunicorn ({args.workers} workers, core {server_core}, page cache {cache}),"
        f" wrk -c{args.connections} -d{args.seconds}s (core {load_core})"
    )
    results = measure_pages(args, url, paths, static)
    healthz = (results["healthz"]["rps"] + results["healthz (again)"]["rps"]) / 2

    print(f"\nbench: pages against /healthz ({healthz:.1f} req/s, mean of first and last run)")
    print(f"  {'page':<16} {'req/s':>8} {'ratio':>6} {'p95 ms':>8} {'queries':>8}  target")
    for kind, r in results.items():
        if kind.startswith("healthz"):
            continue
        ratio = r["rps"] / healthz
        r["ratio"] = ratio
        target = TARGETS.get(kind)
        goal = f">= {target:.2f} {mark(ratio >= target)}" if target else ""
        goal += f"  p95 <= {P95_TARGET_MS:.0f} {mark(r['p95_us'] / 1000 <= P95_TARGET_MS)}"
        print(
            f"  {kind:<16} {r['rps']:8.1f} {ratio:6.2f} {r['p95_us'] / 1000:8.1f}"
            f" {queries[kind]['queries']:8d}  {goal}"
        )
    for kind, target in TARGETS.items():
        if kind not in results and (not args.only or kind in args.only.split(",")):
            print(f"  {kind:<16} not measured (no URL answered 200)   >= {target:.2f} MISSED")

    relink_s = None
    if args.relink:
        count = len(relink_ids)
        print(f"\nbench: manage.py relink <the first {count:,} story ids> (core {server_core})")
        relink_s = time_relink(url, relink_ids, server_core)
        per_10k = relink_s * 10_000 / count
        print(
            f"  {relink_s:.1f} s ({count / relink_s:.0f} stories/s); "
            f"10,000 stories: {per_10k:.1f} s, target < {RELINK_TARGET_S:.0f} s "
            f"{mark(per_10k < RELINK_TARGET_S)}"
        )

    OUT.mkdir(exist_ok=True)
    out = OUT / f"pages-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    out.write_text(
        json.dumps(
            {"healthz_rps": healthz, "pages": results, "queries": queries, "relink_s": relink_s},
            indent=2,
            default=str,
        )
    )
    print(f"\nbench: figures saved to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
