"""What the elections layer announces to the layers above it.

Stories link to contests, their candidates and their releases' figures, but
elections know nothing of stories. Every write to an election, candidacy, release
or a release's votes announces the elections it touched, from save(), delete() and
the queryset's update, bulk and delete paths alike, so that a count entered by the
results desk, an importer or a script reaches the stories that quote it;
archive.changes is the one place that answers.
"""

from contextlib import contextmanager

from django.db import transaction
from django.dispatch import Signal

#: An election, its candidacies, releases or votes changed: election_ids={...}.
#: With deleting=True, sent before the rows are deleted. `since`, where not None, is the
#: earliest release time the write touched: only what looks at releases from then on can
#: have changed (a story published before a release never quotes it). None means anything.
contest_changed = Signal()


def announce(sender, election_ids, deleting=False, since=None):
    election_ids = {pk for pk in election_ids if pk is not None}
    if election_ids:
        contest_changed.send(
            sender=sender, election_ids=election_ids, deleting=deleting, since=since
        )


_HELD, _HELD_BACK = "_tally_follow_ups_held", "_tally_follow_ups_held_back"


def after_commit(follow_up):
    """Run `follow_up` (relinking, storing counts) once the transaction commits, or at the
    end of the held() block this is in."""
    connection = transaction.get_connection()
    if connection.__dict__.get(_HELD):
        connection.__dict__.setdefault(_HELD_BACK, {})[follow_up] = True
    else:
        transaction.on_commit(follow_up)


@contextmanager
def held():
    """Within this block, what listeners would do after each commit (after_commit) waits for
    the block's end, and is done once: an archived night imported whole, 28 commits of 430
    contests, is followed once, not after each release. Nested blocks end with the
    outermost."""
    connection = transaction.get_connection()
    if connection.__dict__.get(_HELD):
        yield
        return
    connection.__dict__[_HELD] = True
    try:
        yield
    finally:
        connection.__dict__[_HELD] = False
        for follow_up in connection.__dict__.pop(_HELD_BACK, {}):
            transaction.on_commit(follow_up)
