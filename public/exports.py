"""An election's results as data: one row per candidate per release (a release of ballots
alone is one row without a candidate), with derived shares."""

import csv

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404

from elections.models import Election, VoteCount
from public import page_cache

COLUMNS = [
    "election",
    "release_number",
    "released_at",
    "source",
    "source_url",
    "ballots_counted",
    "ballots_left",
    "expected_vote_pct",
    "is_final",
    "candidate",
    "candidate_name",
    "votes",
    "share",
    "share_is_reported",
]

# The candidate's columns of a release that gave no votes, only ballots counted or left.
BALLOTS_ALONE = {
    "candidate": "",
    "candidate_name": "",
    "votes": None,
    "share": None,
    "share_is_reported": False,
}


def result_rows(election):
    """Rows in release order; within a release, leader first. Shares come from results().
    A release that gave only ballots counted or left is one row with no candidate, as
    import_results takes it."""
    releases = election.releases.order_by("released_at").prefetch_related(
        Prefetch(
            "vote_counts",
            queryset=VoteCount.objects.select_related("candidacy__candidate").order_by("pk"),
        )
    )
    for release in releases:
        tallied_votes = all(t.votes is not None for t in release.vote_counts.all())
        figures = {
            "election": election.slug,
            "release_number": release.number,
            "released_at": release.released_at.isoformat(),
            "source": release.source,
            "source_url": release.source_url,
            "ballots_counted": release.ballots_counted,
            "ballots_left": release.ballots_remaining,
            "expected_vote_pct": release.expected_vote_pct,
            "is_final": release.is_final,
        }
        rows = release.results().rows
        if not rows:
            yield {**figures, **BALLOTS_ALONE}
        for row in rows:
            yield {
                **figures,
                "candidate": row.candidate.slug if row.candidate else "",
                "candidate_name": row.name,
                "votes": row.votes,
                "share": row.share,
                "share_is_reported": row.share is not None and not tallied_votes,
            }


# A spreadsheet runs a cell starting with any of these as a formula (OWASP's list: a tab
# or carriage return first, then "=cmd|..." on the same cell, counts too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def results_csv(request, slug):
    election = get_object_or_404(Election, slug=slug)
    page_cache.shows(request, page_cache.contest(election.pk))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{election.slug}-results.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for row in result_rows(election):
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return response


def _json_value(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    return float(value)


def results_json(request, slug):
    election = get_object_or_404(Election, slug=slug)
    page_cache.shows(request, page_cache.contest(election.pk))
    data = {
        "election": {
            "slug": election.slug,
            "name": str(election),
            "office": election.office,
            "jurisdiction": election.jurisdiction,
            "date": election.date.isoformat(),
            "stage": election.stage,
            "status": election.status,
            "url": request.build_absolute_uri(election.get_absolute_url()),
        },
        "columns": COLUMNS,
        "results": [{k: _json_value(v) for k, v in row.items()} for row in result_rows(election)],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
