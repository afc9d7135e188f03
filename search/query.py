"""Search the archive: full text, filters with counts, and the candidate a query names.

A search page makes at most three queries, whatever the archive's size, and no
BEGIN or COMMIT:
1. the candidates' names, matched against the query in Python (search.names), and
   kept in the cache until a candidate changes;
2. over the matching stories gathered once: the filter counts, the total, the card
   of the candidate the query named, and the ids of the page's stories (with a
   planner setting, sent in the same string, that keeps it on the GIN index); the
   one raw SQL statement, in search.counts;
3. those stories by id, with highlighted snippets computed for them only
   (search.highlight).
"""

import datetime

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from archive.models import Article, ArticleCandidate, ArticleElection, story_taggings
from elections.models import Candidacy
from search.counts import counts_and_page_ids
from search.form import SearchForm
from search.fulltext import CONFIG, full_text, text_query
from search.highlight import START_SEL, STOP_SEL, BodyWindow, marked, searched_lexemes
from search.names import find_candidates, replace_span
from search.results import CandidateCard, FacetValue, SearchResults

PER_PAGE = 20
# Where more stories match, "best match" ranks the likeliest this many (see search.counts).
RANK_POOL = 500


def filtered(queryset, *, candidate="", election="", tag="", publication="", since, until):
    """Narrow stories by the search's filters; link rows an editor suppressed don't count."""
    if candidate:
        queryset = queryset.filter(
            Exists(
                ArticleCandidate.objects.shown().filter(
                    article=OuterRef("pk"), candidate__slug=candidate
                )
            )
        )
    if election:
        queryset = queryset.filter(
            Exists(
                ArticleElection.objects.shown().filter(
                    article=OuterRef("pk"), election__slug=election
                )
            )
        )
    if tag:
        queryset = queryset.filter(
            Exists(story_taggings().filter(object_id=OuterRef("pk"), tag__slug=tag))
        )
    if publication:
        queryset = queryset.filter(publication__slug=publication)
    if since:
        queryset = queryset.filter(published_at__gte=_start_of(since))
    if until:
        queryset = queryset.filter(published_at__lt=_start_of(until + datetime.timedelta(days=1)))
    return queryset


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def run_search(params):
    """The whole search for a page, from a SearchForm's cleaned data."""
    results = SearchResults(params=params)
    q = params.get("q") or ""
    match = find_candidates(q) if q else None
    text = q
    if match:
        text = replace_span(q, match.span, match.written)
        results.rest = replace_span(q, match.span, "")
        if text.casefold() != q.casefold():
            results.corrected_from = q
    results.text = text
    # Without words there is nothing to rank by.
    results.sort = (params.get("sort") or "relevance") if text else "newest"

    filters = {name: params.get(name) or "" for name in SearchForm.FILTERS}
    stories = filtered(
        Article.objects.published(),
        **filters,
        since=params.get("since"),
        until=params.get("until"),
    )
    if text:
        stories = full_text(stories, text)
    _count_and_page(results, stories, filters, match)
    return results


def _count_and_page(results, stories, filters, match):
    results.is_browsing = not (
        results.text or any(filters.values()) or results.params.get("since")
        or results.params.get("until")
    )  # fmt: skip
    counts, races, page_ids = counts_and_page_ids(
        stories,
        results.text,
        match.candidates if match else [],
        filters,
        link_counts=not results.is_browsing,
        sort=results.sort,
        offset=((results.params.get("page") or 1) - 1) * PER_PAGE,
        per_page=PER_PAGE,
        rank_pool=RANK_POOL,
    )
    results.total = counts.pop("total", {}).get("", FacetValue("", "", 0)).count
    words = next(iter(counts.pop("words", {}).values()), None)
    lexemes = searched_lexemes(words.key) if words else []
    if results.text and words is not None and not words.count:
        results.message = (
            "Your search has only very common words (like “the” or “of”), "
            "which stories are not indexed by; try other words."
        )
    cards_count = counts.pop("card", {})
    narrow_count = counts.pop("narrow", {})
    known = counts.pop("known", {})
    results.facets = counts
    for name in SearchForm.FILTERS:
        if filters[name]:
            value = counts.get(name, {}).get(filters[name])
            results.selected[name] = value.label if value else filters[name]
            if value:
                value.is_selected = True

    missing = [
        f"no {name} “{value}”"
        for name, value in filters.items()
        if value and not known.get(name, FacetValue("", "", 0)).count
    ]
    if missing:
        results.message = "We know " + " and ".join(missing) + "; remove that filter and try again."
        results.status = 400
        results.total = 0
        return

    if match:
        results.cards = _cards(match.candidates, cards_count, narrow_count, races)
    ranked_pool = results.sort == "relevance" and results.text and results.total > RANK_POOL
    shown = min(results.total, RANK_POOL) if ranked_pool else results.total
    # The counts statement has already counted the stories and picked the page's ids;
    # a Paginator over a range of the count only does the page arithmetic.
    paginator = Paginator(range(shown), PER_PAGE)
    number = results.params.get("page") or 1
    if number > paginator.num_pages:
        results.message = (
            f"There is no page {number}; this search has "
            f"{paginator.num_pages} page{'s' if paginator.num_pages != 1 else ''}"
            + (
                " in order of best match; sort by newest to see every story."
                if ranked_pool
                else "."
            )
        )
        results.status = 404
        return
    stories = _page(page_ids, results.text, results.sort, lexemes) if page_ids else []
    results.page_obj = Page(stories, number, paginator)


def _ordering(sort, text):
    if sort == "relevance" and text:
        return ["-rank", "-published_at", "-pk"]
    return ["-published_at", "-pk"]


def _page(page_ids, text, sort, lexemes=()):
    """The page's stories, chosen by the counts statement; snippets for these rows only."""
    ordering = _ordering(sort, text)
    rows = (
        Article.objects.filter(pk__in=page_ids)
        .select_related("publication")
        .only("headline", "slug", "dek", "byline", "published_at", "publication__name")
    )
    if text:
        query = text_query(text)
        rows = rows.annotate(
            rank=SearchRank(F("search_vector"), query),
            headline_marked=SearchHeadline(
                "headline", query, config=CONFIG, start_sel=START_SEL, stop_sel=STOP_SEL,
                highlight_all=True,
            ),
            snippet_marked=SearchHeadline(
                BodyWindow(F("body"), lexemes), query, config=CONFIG, start_sel=START_SEL,
                stop_sel=STOP_SEL,
                max_words=35, min_words=15, max_fragments=2, fragment_delimiter=" … ",
            ),
        )  # fmt: skip
    else:
        rows = rows.annotate(excerpt=Substr("body", 1, 400))
    rows = list(rows.order_by(*ordering))
    for story in rows:
        if text:
            story.headline_html = marked(story.headline_marked)
            story.snippet_html = marked(story.snippet_marked)
        else:
            story.headline_html = escape(story.headline)
            story.snippet_html = escape(story.dek or _words(story.excerpt, 40))
    return rows


def _words(text, count):
    pieces = (text or "").split()
    return " ".join(pieces[:count]) + (" …" if len(pieces) > count else "")


def _cards(slugs, story_counts, narrow_counts, races):
    """The named candidates, with their elections and outcomes, best match first."""
    outcomes = dict(Candidacy.Outcome.choices)
    cards = []
    for slug in slugs:
        found = story_counts.get(slug)
        if found is None:
            continue
        narrow = narrow_counts.get(slug)
        cards.append(
            CandidateCard(
                slug=slug,
                name=found.label,
                url=reverse("candidates:candidate_detail", kwargs={"slug": slug}),
                story_count=found.count,
                match_count=narrow.count if narrow else 0,
                candidacies=[
                    (
                        label,
                        reverse("elections:election_detail", kwargs={"slug": election}),
                        outcomes.get(outcome, outcome),
                    )
                    for candidate, election, label, outcome in races
                    if candidate == slug
                ],
            )
        )
    return cards
