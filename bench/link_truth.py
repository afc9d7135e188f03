"""Link truth: how often the linker links the right candidate and the right release.

    .venv/bin/python -m bench.link_truth [--reuse] [--keep] [-v]

Builds a throwaway database (tally_bench_truth) with the demo's races and stories and the
registrar's whole 2022 general from ../shared/data (430 contests, ~1,100 people, so common
surnames really collide), saves each text of bench/link_truth_texts.py as a story (which
links it), and compares what the linker linked with what each text says it must:

- candidates: precision and recall over (text, candidate) pairs, from the story's links;
- figures: precision and recall over the figures that must link, from the story's body;
  a figure linked to another release than its own is a wrong target, a figure linked where
  it must link nowhere (rounded, misprinted, misattributed, not yet published) is spurious;
- repeated links: a candidate linked more than once in one story's body.

Prints the figures, then each miss (with -v, every text). Targets (issue 13): candidates
precision and recall at least 0.99; figures recall 1.0, and no wrong target or spurious
link. Not a test: no figure here can fail a build.
"""

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from bench.database import (
    bench_database_url,
    create_database,
    database_exists,
    drop_database,
    setup_django,
)

PROJECT = Path(__file__).resolve().parent.parent
FEED = PROJECT.parent / "shared" / "data" / "lavote-2022-general"
_ANCHOR = re.compile(r'<a class="link-(?P<kind>\w+)" href="(?P<href>[^"]+)">(?P<text>.*?)</a>')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feed", type=Path, default=FEED)
    parser.add_argument("--database", default="tally_bench_truth")
    parser.add_argument("--reuse", action="store_true", help="Use the database a --keep left.")
    parser.add_argument("--keep", action="store_true", help="Leave the database for a look.")
    parser.add_argument("-v", "--verbose", action="store_true", help="Show every text.")
    args = parser.parse_args()
    if not (args.feed / "election_data.json").exists():
        sys.exit(f"bench: no feed at {args.feed}")
    url = bench_database_url(args.database)
    reuse = args.reuse and database_exists(url)
    if not reuse:
        create_database(url, force=True)
    setup_django(url)
    try:
        if not reuse:
            build(args.feed)
        report(measure(), args.verbose)
    finally:
        from django.db import connections

        connections.close_all()
        if not (args.keep or args.reuse):
            drop_database(url)


def build(feed):
    from django.core.management import call_command

    from desk.demo import NO_FEED, load_demo
    from desk.importing.registrar.importing import import_folder

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_demo(feed=NO_FEED)
    import_folder(feed)
    print(f"built the demo and the county's feed in {time.perf_counter() - started:.0f} s")


def measure():
    """[(Text, story)] with each text saved, and so linked, afresh."""
    import datetime
    import zoneinfo

    from django.utils.text import slugify

    from archive.models import Article
    from bench.link_truth_texts import TEXTS

    la = zoneinfo.ZoneInfo("America/Los_Angeles")
    Article.objects.filter(slug__startswith="link-truth-").delete()
    saved = []
    for number, text in enumerate(TEXTS, 1):
        published = datetime.datetime.fromisoformat(text.published).replace(tzinfo=la)
        story = Article.objects.create(
            headline=f"Link truth text {number}",
            slug=f"link-truth-{number}-{slugify(text.name)}",
            body=text.body,
            status=Article.Status.PUBLISHED,
            published_at=published,
        )
        story.refresh_from_db()
        saved.append((text, story))
    return saved


class Tally:
    def __init__(self):
        self.counts = Counter()
        self.misses = []

    def ratio(self, right, of):
        return self.counts[right] / self.counts[of] if self.counts[of] else 1.0


def report(saved, verbose):
    from bench.link_truth_texts import CONTESTS
    from elections.models import Release

    urls = {}
    for release in Release.objects.filter(election__slug__in=CONTESTS.values()).select_related(
        "election"
    ):
        at = release.released_at.astimezone(_LA()).replace(tzinfo=None).isoformat()
        urls[(release.election.slug, at)] = release.get_absolute_url()

    tally = Tally()
    for text, story in saved:
        problems = check(text, story, urls, tally)
        tally.misses += [(text, problem) for problem in problems]
        if verbose or problems:
            print(f"\n[{'ok' if not problems else 'MISS'}] {text.name} (point {text.case})")
            for problem in problems:
                print(f"    {problem}")
            if verbose:
                print(f"    {story.body_html}")

    c = tally.counts
    print(
        f"\n{len(saved)} texts, {c['expected names']} names to link, "
        f"{c['expected figures']} figures to link, {c['must not link']} that must not"
    )
    print(
        f"candidates: precision {tally.ratio('right names', 'linked names'):.3f}, "
        f"recall {tally.ratio('right names', 'expected names'):.3f} "
        f"({c['right names']} right, {c['wrong names']} wrong, {c['missed names']} missed; "
        f"{c['repeated']} repeated links)"
    )
    print(
        f"figures: precision {tally.ratio('right figures', 'linked figures'):.3f}, "
        f"recall {tally.ratio('right figures', 'expected figures'):.3f} "
        f"({c['right figures']} right, {c['wrong target']} to a wrong release, "
        f"{c['missed figures']} missed, {c['spurious']} linked that must not, "
        f"{c['unlisted']} linked but not in the text's list)"
    )


def _number(written):
    """A figure as its link shows it: a share's link leaves out its "%" or "percent"."""
    return re.sub(r"\s?(?:%|percent)$", "", written)


def _LA():
    import zoneinfo

    return zoneinfo.ZoneInfo("America/Los_Angeles")


def check(text, story, urls, tally):
    """Count one story's links against its text's truth; return what went wrong, in words."""
    from archive.models import ArticleCandidate
    from bench.link_truth_texts import CONTESTS

    c = tally.counts
    problems = []
    linked = set(
        ArticleCandidate.objects.filter(article=story, is_suppressed=False).values_list(
            "candidate__slug", flat=True
        )
    )
    c["expected names"] += len(text.candidates)
    c["linked names"] += len(linked)
    c["right names"] += len(linked & text.candidates)
    for slug in sorted(linked - text.candidates):
        c["wrong names"] += 1
        problems.append(f"linked {slug}, whom it does not name")
    for slug in sorted(text.candidates - linked):
        c["missed names"] += 1
        problems.append(f"did not link {slug}")

    anchors = [m.groupdict() for m in _ANCHOR.finditer(story.body_html)]
    people = Counter(a["href"] for a in anchors if a["kind"] == "candidate")
    repeated = sum(n - 1 for n in people.values())
    if repeated:
        c["repeated"] += repeated
        problems.append(f"{repeated} repeated candidate links")

    figures = {a["text"]: a["href"] for a in anchors if a["kind"] == "count"}
    c["linked figures"] += len(figures)
    for written, target in text.figures.items():
        if text.body.count(written) != 1:
            sys.exit(f"bench: {written!r} must appear once in the text {text.name!r}")
        href = figures.get(_number(written))
        if target is None:
            c["must not link"] += 1
            if href:
                c["spurious"] += 1
                problems.append(f"linked {written} (to {href}), which must link nowhere")
            continue
        contest, at = target
        want = urls.get((CONTESTS[contest], at))
        if want is None:
            sys.exit(f"bench: no release of {contest} at {at} (text {text.name!r})")
        c["expected figures"] += 1
        if href == want:
            c["right figures"] += 1
        elif href:
            c["wrong target"] += 1
            problems.append(f"linked {written} to {href}, not {want}")
        else:
            c["missed figures"] += 1
            problems.append(f"did not link {written} (to {want})")
    listed = {_number(written) for written in text.figures}
    for written, href in figures.items():
        if written not in listed:
            c["unlisted"] += 1
            problems.append(f"linked {written} (to {href}), which the text does not list")
    return problems


if __name__ == "__main__":
    main()
