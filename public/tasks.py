"""Work the reader's site does off the request: storing contests' counts after a change."""

from django.tasks import task

from public import stored_counts


@task
def store_counts(election_ids):
    """Build and store the count part of these contests' pages (public.stored_counts)."""
    return stored_counts.store(election_ids)
