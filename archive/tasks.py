"""Work done off the request: relinking the stories a change may have touched.

archive.changes queues relink_stories after each commit; `manage.py db_worker` (the
database backend of django-tasks-db, on the site's own PostgreSQL) runs it. Arguments are
ids, not objects: the task may run in another process, seconds later.
"""

from django.tasks import task

from archive import changes


@task
def relink_stories(elections, candidates, stories, counted_elections=(), counted_since=None):
    """Link again the stories of these elections, naming these candidates, or given; and of
    the counted elections, those published since their releases changed."""
    return changes.relink(elections, candidates, stories, counted_elections, counted_since)
