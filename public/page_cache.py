"""Whole public pages kept in the shared cache for readers without a session.

A page of Tally is the same for every anonymous reader, and a story or
election page costs ten times a trivial request to build. So each page is
kept whole, with the names of what it shows (its tags: `site` for everything
an editor writes, `counts` for the lists that summarise every contest,
`stories` for lists of stories, `election:<id>` for one contest's count,
`story:<id>` for one story's links). A write forgets only the tags it
touched, by stamping each with the time of the change: a release of one
contest forgets that contest's pages, the stories and candidates that show
its count and the lists that summarise counts, and leaves the other 429
contests' pages, and every other story, as they were. A page is fresh while
every one of its tags was last stamped before the page was built, and for at
most PAGE_CACHE_SECONDS, which bounds what no stamp reaches (a scheduled
story's publish time passing, a write made outside Django). The cache must
be shared by every process that serves the site (Redis past one machine,
files on one), so a stamp made in the admin's process reaches the processes
that serve readers.

A page that is no longer fresh is rebuilt by one worker while everyone else
is served the copy it replaces (for at most PAGE_STALE_SECONDS more): on
election night a release forgets the pages the crowd is reading, and without
this every worker would rebuild the same page side by side.

What a page tells browsers and proxies: `Cache-Control: public, max-age=0,
s-maxage=PAGE_PROXY_SECONDS, stale-while-revalidate=PAGE_PROXY_STALE_SECONDS`,
an ETag made from its content, and its tags in `Cache-Tag` (for a CDN that
purges by tag; see README, "Behind a CDN"). Browsers keep a copy but ask each
time, and get a 304 from the cache while the copy is still what Tally would
send; a shared proxy or CDN, which no stamp reaches, may serve its copy for a
few seconds. The same headers go out with Tally's own cache off
(PAGE_CACHE_SECONDS = 0, as while developing). A signed-in editor's pages (a
session cookie) go out as the view made them.

A page is cached under its scheme, host (pages carry absolute addresses) and
path, plus the query parameters it declares it reads (`cached_page(view,
reads=["page"])`); the view sees only those, so another parameter (utm_source,
a stranger's random junk) can neither make a new entry nor show up in what is
cached for everyone.
"""

import functools
import hashlib
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

#: Everything an editor writes: stories, candidates, contests, tags.
SITE = "site"
#: Any count of any contest: the lists that summarise every contest (home, elections).
COUNTS = "counts"
#: Which stories there are and what they link to: every list of stories.
STORIES = "stories"
#: What a page shows when its view does not say.
EVERYTHING = (SITE, COUNTS, STORIES)

# A stamp made on another machine is trusted to this many seconds: a page built within
# it after a change is rebuilt once more rather than risk keeping the page from before.
CLOCK_SKEW_SECONDS = 1.0
# Past this many stories linked again at once, every page is forgotten with one stamp.
MANY_STORIES = 100
# How long one worker may take to rebuild a page before another may try.
REBUILD_SECONDS = 30

#: The record kept for each tag, and for each cached page, and a page's rebuilder.
TAG_PREFIX, PAGE_PREFIX, LOCK_PREFIX = "tally:tag:", "tally:page:", "tally:rebuilding:"


def contest(pk):
    """The tag of one contest's count: its pages, and every page that shows its figures."""
    return f"election:{pk}"


def story(pk):
    return f"story:{pk}"


def shows(request, *tags):
    """Say what the page being built shows, beyond `site` (which every page shows)."""
    request.page_tags = getattr(request, "page_tags", {SITE}) | set(tags)


def forget(*tags):
    """Forget every cached page that shows any of these tags: call after a write."""

    def _stamp():
        now = time.time()
        # One write for each lifetime, not one a tag: a release stamps hundreds of contests.
        by_lifetime = {}
        for tag in set(tags):
            by_lifetime.setdefault(_stamp_seconds(tag), {})[TAG_PREFIX + tag] = _new_stamp(now)
        for seconds, stamps in by_lifetime.items():
            cache.set_many(stamps, seconds)

    # After the commit, so that no reader caches the page from before it.
    transaction.on_commit(_stamp)


def _stamp_seconds(tag):
    # One of a contest or a story matters only to pages still fresh, which none is past
    # PAGE_CACHE_SECONDS, and a stamp gone counts as a change (see _is_fresh): it may
    # expire soon after, or a night's stamps would fill the cache. The three every page
    # shares are kept, or their expiry would make every page stale at the same moment.
    return None if tag in EVERYTHING else settings.PAGE_CACHE_SECONDS + 60


def _new_stamp(when):
    # When, for a change made while a page was being built; and a value never used
    # before, so that a tag lost from the cache (an evicted file, a restarted server) and
    # stamped again never matches what a page built before the loss recorded.
    return (when, uuid.uuid4().hex)


def cached_page(view, *, reads, tags=None):
    """Serve the view's successful GET answers from the cache for readers without a
    session. `reads` names every query parameter the view (or its template) reads;
    there is no default, so that each page says it. `tags` are what every page of the
    view shows; a view may add its own with shows(), and one that says nothing is
    taken to show everything."""
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
        if tags is not None:
            shows(request, *tags)
        seconds = settings.PAGE_CACHE_SECONDS
        key = _key(request) if seconds > 0 else None
        entry = cache.get(key) if key else None
        if entry is not None and (_is_fresh(entry, seconds) or not _claim(key)):
            # Fresh, or another worker is rebuilding it: this copy, at once.
            content, headers, _, _ = entry
            response = HttpResponse(content, headers=headers)
        else:
            try:
                response = _build(view, request, args, kwargs, key, seconds)
            finally:
                if entry is not None:
                    cache.delete(LOCK_PREFIX + key)
        # As ConditionalGetMiddleware would, but here a hit answers without the view.
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    return wrapper


def _build(view, request, args, kwargs, key, seconds):
    started = time.time()
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code != 200 or response.streaming or response.cookies:
        if key:
            cache.delete(key)  # a page that is gone is not served stale either
        return response
    page_tags = sorted(getattr(request, "page_tags", EVERYTHING))
    set_response_etag(response)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_PROXY_SECONDS,
        stale_while_revalidate=settings.PAGE_PROXY_STALE_SECONDS,
    )
    response["Cache-Tag"] = ",".join(page_tags)
    if key:
        # Every header the view set (an export's Content-Disposition); cookies are not
        # headers here, and a response with any is never cached.
        entry = (response.content, dict(response.headers), _stamps(page_tags, started), started)
        cache.set(key, entry, seconds + settings.PAGE_STALE_SECONDS)
    return response


def _stamps(page_tags, started):
    """The stamps of the page's tags as it was built, or None when one of them changed
    while it was being built (the page may show what was there before)."""
    keys = [TAG_PREFIX + tag for tag in page_tags]
    stamps = cache.get_many(keys)
    for missing in set(keys) - set(stamps):
        # Never stamped: as if changed long ago, but unlike any stamp lost before.
        cache.add(missing, _new_stamp(0.0), _stamp_seconds(missing.removeprefix(TAG_PREFIX)))
        stamps[missing] = cache.get(missing)
    # A read replica may not have had the change yet either (config/replicas.py).
    margin = CLOCK_SKEW_SECONDS + settings.REPLICA_LAG_SECONDS
    if any(stamp is None or stamp[0] > started - margin for stamp in stamps.values()):
        return None
    return stamps


def _is_fresh(entry, seconds):
    _, _, stamps, built = entry
    if stamps is None or time.time() - built >= seconds:
        return False
    return cache.get_many(list(stamps)) == stamps


def _claim(key):
    """True for the one request that may rebuild a page no longer fresh."""
    return cache.add(LOCK_PREFIX + key, True, timeout=REBUILD_SECONDS)


def _only(query, names):
    # In a fixed order, so that ?a=1&page=2 and ?page=2&a=1 are one entry; repeated
    # values keep theirs, since the last one is what QueryDict.get returns.
    return QueryDict(urlencode([(name, value) for name in names for value in query.getlist(name)]))


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.path}?{request.GET.urlencode()}"
    return PAGE_PREFIX + hashlib.sha256(address.encode()).hexdigest()


PUBLIC_APPS = {"archive", "candidates", "elections", "taggit"}
# Rows of a count (and their history): what they touch is said by contest_changed, by
# contest, so that a release does not forget the whole site.
COUNT_MODELS = {"release", "votecount", "feedrelease", "historicalrelease", "historicalvotecount"}


def _is_count(model):
    return model._meta.app_label == "elections" and model._meta.model_name in COUNT_MODELS


def _on_change(sender, **kwargs):
    if _is_count(sender):
        if sender._meta.model_name == "feedrelease":
            forget(COUNTS)
    elif sender._meta.app_label in PUBLIC_APPS:
        forget(SITE)


def _on_contest_changed(sender, election_ids, **kwargs):
    if _is_count(sender):
        forget(COUNTS, *(contest(pk) for pk in election_ids))
    else:
        forget(SITE)


def _on_stories_linked(sender, story_ids, **kwargs):
    if len(story_ids) > MANY_STORIES:
        forget(SITE)  # a relink of the archive: one stamp, not one a story
    elif story_ids:
        forget(STORIES, *(story(pk) for pk in story_ids))


def _on_names_changed(sender, **kwargs):
    forget(SITE)


def connect_signals():
    """Any saved or deleted row of what the public sees forgets the pages that show it,
    and so does any write in bulk the domain announces (stories linked, contests or
    names changed by a queryset). A cache concern, not a rule of the data, so it
    listens rather than being called."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from archive.events import stories_linked
    from candidates.events import names_changed
    from elections.events import contest_changed

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"page_cache_{id(signal)}")
    contest_changed.connect(_on_contest_changed, dispatch_uid="page_cache_contests")
    stories_linked.connect(_on_stories_linked, dispatch_uid="page_cache_stories")
    names_changed.connect(_on_names_changed, dispatch_uid="page_cache_names")
