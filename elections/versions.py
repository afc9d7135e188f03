"""Each contest's version: a new one with every write that changes what a reader sees of it.

What is built from a contest and stored (public.stored_counts) records the version it
was built from; a page uses it only while the contest still has that version, and builds
afresh otherwise. The version changes in the same transaction as the write, so a reader
never pairs new figures with an old version. A random value rather than a counter: a row
restored from its history, or saved from a stale copy, can never bring back a version
already used.
"""

import uuid

from candidates.events import names_changed
from elections.events import contest_changed
from elections.models import Election


def renew(election_ids):
    # Through the base manager: a plain UPDATE, which announces nothing (the write that
    # called this has announced itself) and records no history.
    Election._base_manager.filter(pk__in=election_ids).update(version=uuid.uuid4())


def _on_contest_changed(sender, election_ids, **kwargs):
    renew(election_ids)


def _on_names_changed(sender, candidate_ids, **kwargs):
    # A candidate's name and address are shown on the pages of every contest they stand in.
    renew(Election._base_manager.filter(candidacies__candidate_id__in=candidate_ids).values("pk"))


def connect():
    contest_changed.connect(_on_contest_changed, dispatch_uid="elections.versions.contests")
    names_changed.connect(_on_names_changed, dispatch_uid="elections.versions.names")
