"""A contest page's count and timeline, built when the contest changes and stored.

The figures of a contest's page (who won, the latest count, the charts and tables of
every release) cost several times the rest of the page to build, and change only when
the contest does: on election night a release changes every contest of the county at
once, and then every one of their pages was built again by the readers' requests. They
are built once instead, by a background task after the change commits, and stored with
the contest's version (elections.versions). A page uses the stored part only while the
contest still has that version; between a change and its task, or where none has run,
the page builds the part itself, the same way. So a page never shows a count older than
the database's, with the task or without it.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from elections import events
from elections.models import Candidacy, Election
from public import story_panels, timeline
from public.models import StoredCount

TEMPLATE = "elections/_count.html"
# Contests built per batch: a county's night is 430 of them at once.
BATCH = 100


def for_page(election):
    """(count HTML, coverage steps) for an election's page: stored where current, else
    built now. `election` comes with select_related("stored_count")."""
    stored = getattr(election, "stored_count", None)
    if stored is not None and stored.version == election.version:
        # Read back from the database as plain text: what was built safe is marked so again.
        steps = [
            timeline.CoverageStep(datetime.datetime.fromisoformat(at), number, mark_safe(heading))
            for at, number, heading in stored.steps
        ]
        return mark_safe(stored.html), steps
    candidacies = list(election.candidacies.select_related("candidate").order_by("candidate__name"))
    return build(election, candidacies, timeline.load_steps(election, candidacies))


def build(election, candidacies, steps):
    """The count part of the page (HTML) and its coverage steps, from loaded rows."""
    html = render_to_string(TEMPLATE, context(election, candidacies, steps))
    return html, timeline.coverage_steps(steps)


def races_for(candidate, candidacies):
    """[{row_html, chart_html, updated}] for a candidate's page, one for each candidacy:
    stored where its contest's count is current, else built now. The candidacies come with
    select_related("election__stored_count")."""
    stale = [c for c in candidacies if _stored_race(c) is None]
    steps_by_election = timeline.load_steps_by_election([c.election for c in stale], stale)
    races = []
    for candidacy in candidacies:
        stored = _stored_race(candidacy)
        if stored is None:
            steps = steps_by_election.get(candidacy.election_id, [])
            row_html, chart_html = race_parts(candidate, candidacy, steps)
            updated = timeline.last_updated(step.release for step in steps)
        else:
            (row_html, chart_html), updated = stored
        # Built here or read back from the database, where it was stored escaped.
        races.append(
            {
                "row_html": mark_safe(row_html),
                "chart_html": mark_safe(chart_html),
                "updated": updated,
            }
        )
    return races


def _stored_race(candidacy):
    stored = getattr(candidacy.election, "stored_count", None)
    if stored is None or stored.version != candidacy.election.version:
        return None
    parts = stored.races.get(str(candidacy.pk))
    return None if parts is None else (parts, stored.updated)


def race_parts(candidate, candidacy, steps):
    """A candidacy's row in its candidate's table of races, and its chart and table."""
    rows = [(s, s.share_of(candidacy.pk)) for s in steps]
    rows = [(s, row) for s, row in rows if row is not None]
    current = timeline.current_step(steps)
    race = {
        "candidacy": candidacy,
        "election": candidacy.election,
        # The count the race's page leads with, and the candidate's line of it.
        "current": current,
        "current_row": current.share_of(candidacy.pk) if current else None,
        "rows": rows,
        "rows_html": timeline.candidate_rows_html(rows),
        "chart": timeline.candidate_chart(
            candidate,
            candidacy.election,
            steps,
            candidacy.pk,
            chart_id=f"share-{candidacy.election.slug}",
        )
        if len(rows) >= 2
        else "",
    }
    context = {"race": race, "candidate": candidate}
    return (
        render_to_string("candidates/_race_row.html", context),
        render_to_string("candidates/_race_chart.html", context),
    )


def context(election, candidacies, steps):
    candidacies = timeline.candidacies_in_order(steps, candidacies)
    current = timeline.current_step(steps)
    winners = [c for c in candidacies if c.outcome in Candidacy.WINNING]
    pair = timeline.margin_pair(steps, candidacies)
    return {
        "election": election,
        "candidacies": candidacies,
        "steps": steps,
        "current": current,
        # Who won leads the page, with their figures from the count it shows.
        "verdict": [(c, current.share_of(c.pk) if current else None) for c in winners],
        "figures_updated": timeline.last_updated(step.release for step in steps),
        "ballots_since": timeline.ballots_alone_since(steps, current),
        "gives_votes": any(step.gives_votes for step in steps),
        "share_rows": timeline.share_rows_html(
            timeline.share_table(steps, candidacies, pair), len(candidacies), bool(pair)
        ),
        "ballots_rows": timeline.ballots_rows_html(steps),
        "share_chart": timeline.share_chart(election, steps, candidacies),
        "margin_pair": pair,
        "margin_chart": timeline.margin_chart(election, steps, pair),
        "ballots_chart": timeline.ballots_chart(election, steps),
    }


def store(election_ids):
    """Build and store the count of these contests, as they are now; returns how many."""
    election_ids = sorted(set(election_ids))
    for start in range(0, len(election_ids), BATCH):
        _store_batch(election_ids[start : start + BATCH])
    return len(election_ids)


def _store_batch(election_ids):
    # Each contest's version is read before its rows: a change committed in between leaves
    # the stored part with the older version, which no page then uses.
    elections = list(Election.objects.filter(pk__in=election_ids))
    # Already stored as they are (by a later task that ran first, as a worker catching up
    # after an archived night does): nothing to build.
    stored = dict(
        StoredCount.objects.filter(election__in=elections).values_list("election_id", "version")
    )
    elections = [e for e in elections if stored.get(e.pk) != e.version]
    if not elections:
        return
    candidacies = list(
        Candidacy.objects.filter(election__in=elections)
        .select_related("candidate")
        .order_by("candidate__name")
    )
    steps_by_election = timeline.load_steps_by_election(elections, candidacies)
    by_election = defaultdict(list)
    for candidacy in candidacies:
        by_election[candidacy.election_id].append(candidacy)
    rows = []
    for election in elections:
        own = by_election[election.pk]
        for candidacy in own:
            candidacy.election = election
        steps = steps_by_election.get(election.pk, [])
        html, coverage = build(election, own, steps)
        races = {
            str(c.pk): race_parts(c.candidate, c, steps) for c in own if c.candidate_id is not None
        }
        now, releases = story_panels.stored_parts(election, steps)
        rows.append(
            StoredCount(
                election=election,
                version=election.version,
                html=html,
                steps=[[s.released_at.isoformat(), s.number, str(s.heading)] for s in coverage],
                races=races,
                now=now,
                releases=releases,
                updated=timeline.last_updated(step.release for step in steps),
            )
        )
    with transaction.atomic():
        StoredCount.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["election"],
            update_fields=[
                "version",
                "html",
                "steps",
                "races",
                "now",
                "releases",
                "updated",
                "built_at",
            ],
        )


_PENDING = "_tally_counts_to_store"


def _note(election_ids):
    connection = transaction.get_connection()
    connection.__dict__.setdefault(_PENDING, set()).update(election_ids)
    # One follow-up for all the notes; the first to run after the commit takes them all.
    events.after_commit(_enqueue)


def _enqueue():
    pending = transaction.get_connection().__dict__.pop(_PENDING, None)
    if pending:
        from public.tasks import store_counts  # the task module imports this one

        store_counts.enqueue(sorted(pending))


def _on_contest_changed(sender, election_ids, **kwargs):
    # Deleting too: a release deleted changes its contest. A deleted contest's stored count
    # goes with it, and the task finds nothing to store.
    _note(election_ids)


def _on_names_changed(sender, candidate_ids, **kwargs):
    _note(
        Election.objects.filter(candidacies__candidate_id__in=candidate_ids).values_list(
            "pk", flat=True
        )
    )


def connect():
    """Store the count again after each change that gives its contest a new version
    (elections.versions), once per commit."""
    from candidates.events import names_changed
    from elections.events import contest_changed

    contest_changed.connect(_on_contest_changed, dispatch_uid="public.stored_counts.contests")
    names_changed.connect(_on_names_changed, dispatch_uid="public.stored_counts.names")
