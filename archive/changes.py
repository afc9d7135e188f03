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

from django.contrib.postgres.search import SearchQuery
from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus

from archive.models.links import ArticleCandidate
from archive.models.stories import Article
from candidates.events import names_changed
from candidates.models import Candidate
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
    return Article.objects.filter(
        Q(election_links__election_id__in=election_ids)
        | Q(candidates__candidacies__election_id__in=election_ids)
    ).distinct()


def follow_contests(sender, election_ids, deleting=False, **kwargs):
    if deleting:
        # Their link rows go with them: find the stories while the rows are there.
        _note(stories=stories_of_elections(election_ids).values_list("pk", flat=True))
    else:
        _note(elections=election_ids)


def follow_names(sender, candidate_ids, deleting=False, **kwargs):
    if deleting:
        _note(stories=stories_naming(candidate_ids).values_list("pk", flat=True))
    else:
        _note(candidates=candidate_ids)


def connect():
    contest_changed.connect(follow_contests, dispatch_uid="archive.changes.follow_contests")
    names_changed.connect(follow_names, dispatch_uid="archive.changes.follow_names")


def _note(elections=(), candidates=(), stories=()):
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault(
        _PENDING, {"elections": set(), "candidates": set(), "stories": set()}
    )
    pending["elections"].update(elections)
    pending["candidates"].update(candidates)
    pending["stories"].update(stories)
    # One callback per note; the first to run after the commit takes them all. Outside
    # a transaction it runs at once.
    transaction.on_commit(relink_noted)


def relink_noted():
    """Queue the relinking of every story noted since the last commit; returns how many
    were linked where the task ran at once (TASKS_BACKEND=immediate), else 0."""
    pending = transaction.get_connection().__dict__.pop(_PENDING, None)
    if not pending:
        return 0
    from archive.tasks import relink_stories  # the task module imports this one

    result = relink_stories.enqueue(
        elections=sorted(pending["elections"]),
        candidates=sorted(pending["candidates"]),
        stories=sorted(pending["stories"]),
    )
    if result.status == TaskResultStatus.FAILED:
        # Run at once and failed: say so where it ran, as relinking inline would have.
        raise RuntimeError(f"relinking failed: {result.errors[-1].traceback}")
    return result.return_value if result.is_finished else 0


def relink(elections=(), candidates=(), stories=()):
    """Link again the stories these changes may have touched; returns how many."""
    query = Q(pk__in=stories)
    if elections:
        query |= Q(pk__in=stories_of_elections(elections).values("pk"))
    if candidates:
        query |= Q(pk__in=stories_naming(candidates).values("pk"))
    return Article.objects.filter(query).relink()
