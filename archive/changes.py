"""Stories follow what they link to.

A story's stored links, linked text and facet ids depend on candidates' names and
on the contests, candidacies and releases of elections. Those live in layers below
the archive, which know nothing of stories; their models announce every write
(candidates.events, elections.events: from save(), delete() and queryset writes
alike, whether the admin, an importer or a script made it). This module is the one
place that answers: it notes which stories may have changed and links them again,
once, after the transaction commits, so that a release entered as thirty rows
relinks its election's stories once and a rolled-back change relinks nothing.

The relinking itself is a background task (archive.tasks): the request or import that
made the change returns at once, and a worker links the stories within seconds.
"""

import datetime

from django.contrib.postgres.search import SearchQuery
from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus

from archive.models.links import ArticleCandidate, ArticleElection
from archive.models.stories import Article
from candidates.events import names_changed
from candidates.models import Candidate
from elections import events
from elections.events import contest_changed

_PENDING = "_tally_stories_to_relink"


def stories_naming(candidate_ids):
    """Stories that are, or may now be, linked to these candidates: those linked to
    them, and those whose text holds one of their names."""
    query = Q(
        pk__in=ArticleCandidate.objects.filter(candidate_id__in=candidate_ids).values("article")
    )
    for candidate in Candidate.objects.filter(pk__in=candidate_ids):
        for name in candidate.all_names:
            query |= Q(search_vector=SearchQuery(name, search_type="phrase", config="english"))
    return Article.objects.filter(query)


def stories_of_elections(election_ids):
    """Stories whose links may change when these elections' contests or releases change:
    those covering them, and those naming their candidates."""
    # Two subqueries on the link tables' indexes, not one join of both: OR across joined
    # tables reads every story, and the night's 430 contests took minutes a release.
    covering = ArticleElection.objects.filter(election_id__in=election_ids)
    naming = ArticleCandidate.objects.filter(candidate__candidacies__election_id__in=election_ids)
    return Article.objects.filter(
        Q(pk__in=covering.values("article_id")) | Q(pk__in=naming.values("article_id"))
    )


def follow_contests(sender, election_ids, deleting=False, since=None, **kwargs):
    if deleting:
        # Their link rows go with them: find the stories while the rows are there.
        stories = _published_since(stories_of_elections(election_ids), since)
        _note(stories=stories.values_list("pk", flat=True))
    else:
        _note(elections={pk: since for pk in election_ids})


def _published_since(stories, since):
    """Of these stories, those a change to the releases from `since` on can touch: a story
    links only to releases out by its publication (archive.linking), so one published
    before a new release is as it was. Unpublished ones may quote any release."""
    if since is None:
        return stories
    return stories.filter(Q(published_at__gte=since) | Q(published_at__isnull=True))


def follow_names(sender, candidate_ids, deleting=False, **kwargs):
    if deleting:
        _note(stories=stories_naming(candidate_ids).values_list("pk", flat=True))
    else:
        _note(candidates=candidate_ids)


def connect():
    contest_changed.connect(follow_contests, dispatch_uid="archive.changes.follow_contests")
    names_changed.connect(follow_names, dispatch_uid="archive.changes.follow_names")


def _note(elections=None, candidates=(), stories=()):
    """Note what to relink after the commit. `elections` maps each contest to the earliest
    release time its change touched, or None where its every story may have changed."""
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault(
        _PENDING, {"elections": {}, "candidates": set(), "stories": set()}
    )
    noted = pending["elections"]
    for pk, since in (elections or {}).items():
        if pk in noted and (noted[pk] is None or since is None):
            noted[pk] = None
        else:
            noted[pk] = min(since, noted[pk]) if pk in noted else since
    pending["candidates"].update(candidates)
    pending["stories"].update(stories)
    # One follow-up for all the notes; the first to run after the commit takes them all.
    events.after_commit(relink_noted)


def relink_noted():
    """Queue the relinking of every story noted since the last commit; returns how many
    were linked where the task ran at once (TASKS_BACKEND=immediate), else 0."""
    pending = transaction.get_connection().__dict__.pop(_PENDING, None)
    if not pending:
        return 0
    from archive.tasks import relink_stories  # the task module imports this one

    noted = pending["elections"]
    timed = {pk: since for pk, since in noted.items() if since is not None}
    # One time for all the timed contests: a night's release brings them all at one time.
    since = min(timed.values(), default=None)
    result = relink_stories.enqueue(
        elections=sorted(pk for pk, since in noted.items() if since is None),
        candidates=sorted(pending["candidates"]),
        stories=sorted(pending["stories"]),
        counted_elections=sorted(timed),
        counted_since=since.isoformat() if since else None,
    )
    if result.status == TaskResultStatus.FAILED:
        # Run at once and failed: say so where it ran, as relinking inline would have.
        raise RuntimeError(f"relinking failed: {result.errors[-1].traceback}")
    return result.return_value if result.is_finished else 0


def relink(elections=(), candidates=(), stories=(), counted_elections=(), counted_since=None):
    """Link again the stories these changes may have touched; returns how many. Of the
    `counted_elections`, whose releases changed from `counted_since` (an ISO time) on, only
    the stories published since then."""
    query = Q(pk__in=stories)
    if elections:
        query |= Q(pk__in=stories_of_elections(elections).values("pk"))
    if counted_elections:
        since = datetime.datetime.fromisoformat(counted_since) if counted_since else None
        touched = _published_since(stories_of_elections(counted_elections), since)
        query |= Q(pk__in=touched.values("pk"))
    if candidates:
        query |= Q(pk__in=stories_naming(candidates).values("pk"))
    return Article.objects.filter(query).relink()
