"""What the elections layer announces to the layers above it.

Stories link to contests, their candidates and their releases' figures, but
elections know nothing of stories. Every write to an election, candidacy, release
or a release's votes announces the elections it touched, from save(), delete() and
the queryset's update, bulk and delete paths alike, so that a count entered by the
results desk, an importer or a script reaches the stories that quote it;
archive.changes is the one place that answers.
"""

from django.dispatch import Signal

#: An election, its candidacies, releases or votes changed: election_ids={...}.
#: With deleting=True, sent before the rows are deleted.
contest_changed = Signal()


def announce(sender, election_ids, deleting=False):
    election_ids = {pk for pk in election_ids if pk is not None}
    if election_ids:
        contest_changed.send(sender=sender, election_ids=election_ids, deleting=deleting)
