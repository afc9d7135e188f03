"""Whole public pages kept in the shared cache for readers without a session.

A page of Tally is the same for every anonymous reader, and a story or
election page costs ten times a trivial request to build. Every change to
what public pages show bumps one generation number kept in the same cache,
so a cached page never outlives the next change; PAGE_CACHE_SECONDS bounds
what no bump reaches (a scheduled story's publish time passing, a write made
outside Django). The cache must be shared by every process that serves the
site (Redis past one machine, files on one), so a bump in the admin's process
reaches the processes that serve readers.

What a page tells browsers and proxies: `Cache-Control: public, max-age=0,
must-revalidate` and an ETag made from its content. Tally forgets a page the
moment something on it changes, and no one downstream hears of the bump, so
any max-age above zero would let them show a page Tally has already dropped.
Instead they may keep a copy but must ask each time; when the copy is still
what Tally would send, the answer is a 304 from the cache, with no body and
no database work. The same headers go out with the cache off (PAGE_CACHE_SECONDS
= 0, as while developing), so no one downstream ever keeps a page longer than
Tally does. A signed-in editor's pages (a session cookie) go out as the view
made them.

A page is cached under its scheme, host (pages carry absolute addresses) and
path, plus the query parameters it declares it reads (`cached_page(view,
reads=["page"])`); the view sees only those, so another parameter (utm_source,
a stranger's random junk) can neither make a new entry nor show up in what is
cached for everyone.
"""

import functools
import hashlib
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

GENERATION_KEY = "tally:pages:generation"


def generation():
    return cache.get_or_set(GENERATION_KEY, _new_generation, timeout=None)


def _new_generation():
    # Never a value used before: a cache that loses the key (an evicted file, a
    # restarted server) must not bring back pages or names cached under an old one,
    # as counting again from 1 would. Not cache.incr either: the file cache's incr
    # stores the new number with the default timeout, so it would expire in minutes.
    return uuid.uuid4().hex


def bump():
    """Forget every cached page: call after any write that public pages show."""

    def _bump():
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)

    # After the commit, so that no reader caches the page from before it.
    transaction.on_commit(_bump)


def cached_page(view, *, reads):
    """Serve the view's successful GET answers from the cache for readers without a
    session. `reads` names every query parameter the view (or its template) reads;
    there is no default, so that each page says it."""
    if isinstance(reads, str):
        raise TypeError("reads is a list of parameter names, not one string")
    reads = sorted(reads)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # Cache on or off alike: a parameter a view reads but does not declare is
        # then lost in tests (which run with the cache off) as it would be in the cache.
        request.GET = _only(request.GET, reads)
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        seconds = settings.PAGE_CACHE_SECONDS
        key = _key(request) if seconds > 0 else None
        hit = cache.get(key) if key else None
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content, headers=headers)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            set_response_etag(response)
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            if key:
                # Every header the view set (an export's Content-Disposition); cookies
                # are not headers here, and a response with any is never cached.
                cache.set(key, (response.content, dict(response.headers)), seconds)
        # As ConditionalGetMiddleware would, but here a hit answers without the view.
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    return wrapper


def _only(query, names):
    # In a fixed order, so that ?a=1&page=2 and ?page=2&a=1 are one entry; repeated
    # values keep theirs, since the last one is what QueryDict.get returns.
    return QueryDict(urlencode([(name, value) for name in names for value in query.getlist(name)]))


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.path}?{request.GET.urlencode()}"
    return f"tally:page:{generation()}:{hashlib.sha256(address.encode()).hexdigest()}"


PUBLIC_APPS = {"archive", "candidates", "elections", "taggit"}


def _on_change(sender, **kwargs):
    if sender._meta.app_label in PUBLIC_APPS:
        bump()


def _on_bulk_change(sender, **kwargs):
    bump()


def connect_signals():
    """Any saved or deleted row of what the public sees forgets the cached pages, and so
    does any write in bulk the domain announces (stories linked, contests or names
    changed by a queryset). A cache concern, not a rule of the data, so it listens
    rather than being called."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from archive.events import stories_linked
    from candidates.events import names_changed
    from elections.events import contest_changed

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"page_cache_{id(signal)}")
    for event in (stories_linked, names_changed, contest_changed):
        event.connect(_on_bulk_change, dispatch_uid=f"page_cache_{id(event)}")
