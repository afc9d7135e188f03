"""Search: server time per class of query, against an unindexed icontains baseline.

    .venv/bin/python -m bench.generate --force     # once: the synthetic archive
    .venv/bin/python -m bench.search               # a few minutes

Runs /search/ in process (Django's test client, DEBUG off, the bench database)
and times each request from the middleware's first line to the rendered page:
the server's share of a search, without the network. Four classes of query,
each without and with filters (a publication and a two-year date range):

    rare       a term in about 0.1% of stories
    common     a term in about 1%
    frequent   a term in about 10%
    candidate  a candidate's name, as written or misspelt, plus a term

For each it prints p50 and p95 over N searches (200 by default), the most
statements one page sent (every statement, transaction control included, and
the candidates' names read afresh as after an edit), and the same searches done the naive way (one
icontains over headline, dek and body, newest first, 20 rows and a count;
no index can serve it), timed over fewer samples because each scans the whole
table; the ratio is baseline p50 / search p50. Then EXPLAIN ANALYZE of one
search per class, to show the plan reaching the GIN index. Figures go to
stdout and bench/out/search.json. On a shared machine they are indicative.
"""

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from bench.generate import FREQUENCY_TERMS, bench_database_url, database_exists, setup_django

OUT = Path(__file__).resolve().parent / "out"
CLASSES = {
    "rare": [t for t, share in FREQUENCY_TERMS.items() if share <= 0.002],
    "common": [t for t, share in FREQUENCY_TERMS.items() if 0.002 < share <= 0.02],
    "frequent": [t for t, share in FREQUENCY_TERMS.items() if share > 0.02],
}
# p95 targets from issue 4 (ms)
TARGETS = {"rare": 50, "common": 50, "frequent": 150}
MAX_QUERIES = 4


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def misspell(rng, name):
    """One slip in the longest word: a letter dropped, doubled or swapped."""
    words = name.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    word = words[i]
    if len(word) < 5:
        return name
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap"])
    if kind == "drop":
        word = word[:at] + word[at + 1 :]
    elif kind == "double":
        word = word[:at] + word[at] + word[at:]
    else:
        word = word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]
    words[i] = word
    return " ".join(words)


def plan_searches(rng, count):
    """{(class, filtered): [params]} with `count` searches each."""
    from django.db.models import Max, Min

    from archive.models import Article, Publication
    from candidates.models import Candidate

    publications = list(Publication.objects.values_list("slug", flat=True))
    span = Article.objects.published().aggregate(
        first=Min("published_at"), last=Max("published_at")
    )
    years = list(range(span["first"].year, span["last"].year))
    people = list(
        Candidate.objects.filter(articles__isnull=False)
        .distinct()
        .values_list("name", "press_names")
    )
    all_terms = [t for terms in CLASSES.values() for t in terms]

    def filters():
        start = rng.choice(years) if years else span["first"].year
        params = {"since": f"{start}-01-01", "until": f"{start + 1}-12-31"}
        if publications:
            params["publication"] = rng.choice(publications)
        return params

    plans = {}
    for filtered in (False, True):
        for name, terms in CLASSES.items():
            plans[(name, filtered)] = [
                {"q": rng.choice(terms), **(filters() if filtered else {})} for _ in range(count)
            ]
        searches = []
        for _ in range(count):
            name, press_names = rng.choice(people)
            written = rng.choice([name, *press_names])
            if rng.random() < 0.5:
                written = misspell(rng, written)
            q = f"{written} {rng.choice(all_terms)}"
            searches.append({"q": q, **(filters() if filtered else {})})
        plans[("candidate", filtered)] = searches
    return plans


def time_searches(client, searches):
    times = []
    for params in searches:
        start = time.perf_counter()
        response = client.get("/search/", params)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"bench: /search/ answered {response.status_code} for {params}")
    return times


def count_queries(client, searches):
    """The most statements one search page sent (transaction control included), and the
    statements of that page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from public import page_cache

    most, example = 0, None
    for n, params in enumerate(searches):
        if n == 0:
            # As after any edit: the first search reads the names again.
            page_cache.forget(page_cache.SITE)
        with CaptureQueriesContext(connection) as captured:
            client.get("/search/", params)
        sqls = [q["sql"] for q in captured.captured_queries]
        if len(sqls) >= most:
            most, example = len(sqls), sqls
    return most, example


def baseline(searches):
    """The naive search: icontains on three text columns, newest 20 and a count."""
    from django.db.models import Q

    from archive.models import Article
    from search.form import SearchForm
    from search.query import filtered

    times = []
    for params in searches:
        form = SearchForm(params)
        form.is_valid()
        data = form.cleaned_data
        start = time.perf_counter()
        stories = filtered(
            Article.objects.published(),
            **{name: data.get(name) or "" for name in SearchForm.FILTERS},
            since=data.get("since"),
            until=data.get("until"),
        )
        for word in data["q"].split():
            stories = stories.filter(
                Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
            )
        list(stories.order_by("-published_at").values("pk", "headline")[:20])
        stories.count()
        times.append((time.perf_counter() - start) * 1000)
    return times


def explain(sqls):
    """EXPLAIN ANALYZE of a page's statements that read stories, planned as the page plans
    them: the counts statement with the SET LOCAL search.counts sends before it (here in
    a transaction of its own), shown where it finds the stories; the page statement whole."""
    from django.db import connection, transaction

    from search.counts import PREFER_THE_INDEX

    prefix = f"{PREFER_THE_INDEX}; "
    plans = []
    for sql in sqls:
        if "archive_article" not in sql:
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            if sql.startswith(prefix):
                cursor.execute(PREFER_THE_INDEX)
                sql = sql.removeprefix(prefix)
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) " + sql)
            lines = [row[0] for row in cursor.fetchall()]
        if sql.startswith("WITH m"):
            kept = [
                line
                for line in lines
                if "archive_article" in line or "article_search_idx" in line
                or line.startswith(("Planning", "Execution"))
            ]  # fmt: skip
            plans.append("counts statement (lines that read stories):\n" + "\n".join(kept))
        else:
            plans.append("page statement:\n" + "\n".join(lines))
    return plans


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="tally_bench", help="bench database name")
    parser.add_argument("--searches", type=int, default=200, help="searches per class")
    parser.add_argument("--baseline-searches", type=int, default=10)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument(
        "--classes", default="rare,common,frequent,candidate", help="comma-separated subset"
    )
    args = parser.parse_args(argv)

    url = bench_database_url(args.name)
    if not database_exists(url):
        raise SystemExit("bench: no bench database; run `python -m bench.generate --force` first.")
    setup_django(url)

    from django.conf import settings
    from django.test.utils import override_settings

    # Production settings, but static URLs without a collected manifest: the page's
    # stylesheet link is not what is being measured.
    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
    with override_settings(STORAGES=storages):
        run(args)


def run(args):
    from django.test import Client

    from archive.models import Article

    rng = random.Random(args.seed)
    client = Client(HTTP_HOST="localhost")
    stories = Article.objects.published().count()
    print(f"search benchmark: {stories:,} published stories, {args.searches} searches per class")
    wanted = set(args.classes.split(","))
    plans = {key: p for key, p in plan_searches(rng, args.searches).items() if key[0] in wanted}
    time_searches(client, [p for searches in plans.values() for p in searches[:5]])  # warm-up

    report, examples = {}, {}
    header = (
        f"{'class':<10} {'filters':<8} {'p50 ms':>8} {'p95 ms':>8} {'target':>7} "
        f"{'queries':>8} {'icontains p50':>14} {'ratio':>7}"
    )
    print(header)
    print("-" * len(header))
    for (name, is_filtered), searches in plans.items():
        times = time_searches(client, searches)
        most, sqls = count_queries(client, searches[:20])
        naive = baseline(searches[: args.baseline_searches]) or [float("nan")]
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        naive_p50 = percentile(naive, 0.5)
        target = TARGETS.get(name)
        row = {
            "class": name,
            "filtered": is_filtered,
            "searches": len(times),
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "mean_ms": round(statistics.fmean(times), 1),
            "target_p95_ms": target,
            "max_queries": most,
            "icontains_p50_ms": round(naive_p50, 1),
            "icontains_samples": min(len(searches), args.baseline_searches),
            "ratio": round(naive_p50 / p50, 1),
        }
        report[f"{name}{'+filters' if is_filtered else ''}"] = row
        examples.setdefault(name, (searches[0], sqls))
        verdict = "" if target is None else ("ok" if p95 <= target else "MISS")
        print(
            f"{name:<10} {'yes' if is_filtered else 'no':<8} {p50:8.1f} {p95:8.1f} "
            f"{(str(target) + ' ' + verdict) if target else '-':>7} {most:>8} "
            f"{naive_p50:14.1f} {naive_p50 / p50:6.0f}x"
        )
    worst = max(row["max_queries"] for row in report.values())
    print(
        f"most statements one search page sent: {worst} (limit {MAX_QUERIES}); every "
        "statement counted, the names query included when the cache had no names"
    )

    if not args.no_explain:
        for name, (params, sqls) in examples.items():
            print(f"\n=== EXPLAIN, class {name}: {params}")
            for plan in explain(sqls):
                print(plan)
                if plan.startswith("counts"):
                    print("  uses the GIN index:", "article_search_idx" in plan)

    OUT.mkdir(exist_ok=True)
    (OUT / "search.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten {OUT / 'search.json'}")


if __name__ == "__main__":
    main()
