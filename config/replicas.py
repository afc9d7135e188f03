"""Reads from PostgreSQL read replicas; writes, and the reads that follow them, on the primary.

With DATABASE_REPLICA_URLS set, a reader's page (a GET or HEAD without a session
cookie) reads from one replica, picked for the request. Everything else reads
from the primary: the admin and anyone signed in (an editor sees what they just
saved, never a replica that has not caught up), every POST, the task worker and
management commands. A write inside a reader's request sends the rest of that
request to the primary too.

How far behind a replica may be is bounded by REPLICA_LAG_SECONDS, which the page
cache allows for (public/page_cache.py): a page built that soon after a change is
not kept as fresh.
"""

import contextvars
import random

from django.conf import settings

PRIMARY = "default"

# The replica this request reads from; None: the primary.
_reading_from = contextvars.ContextVar("tally_replica", default=None)


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return _reading_from.get() or PRIMARY

    def db_for_write(self, model, **hints):
        _reading_from.set(None)  # what this request reads next must see the write
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, copied

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


class ReaderOnReplicaMiddleware:
    """Sends an anonymous reader's request to a replica, for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.replicas = replica_aliases()

    def __call__(self, request):
        if (
            not self.replicas
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        token = _reading_from.set(random.choice(self.replicas))
        try:
            return self.get_response(request)
        finally:
            _reading_from.reset(token)
