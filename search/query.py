"""Search the archive: full text, filters with counts, and the candidate a query names.

A search page makes at most three queries, whatever the archive's size, and no
BEGIN or COMMIT:
1. the candidates' names, matched against the query in Python (search_names), and
   kept in the cache until a candidate changes;
2. over the matching stories gathered once: the filter counts, the total, the card
   of the candidate the query named, and the ids of the page's stories (with a
   planner setting, sent in the same string, that keeps it on the GIN index);
3. those stories by id, with highlighted snippets computed for them only.
"""

import datetime

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import (
    Exists,
    F,
    OuterRef,
)
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag

from archive.models import (
    Article,
    ArticleCandidate,
    ArticleElection,
    Publication,
    story_taggings,
)
from candidates.models import Candidate
from elections.models import Candidacy, Election
from search.form import SearchForm
from search.fulltext import CONFIG, full_text, text_query
from search.highlight import START_SEL, STOP_SEL, BodyWindow, marked, searched_lexemes
from search.names import find_candidates, replace_span
from search.results import CandidateCard, FacetValue, SearchResults

PER_PAGE = 20
FACET_SIZE = 10
# Where more stories match, "best match" ranks the likeliest this many (see _page).
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
    counts, races, page_ids = _facet_counts(
        stories,
        results.text,
        match.candidates if match else [],
        filters,
        link_counts=not results.is_browsing,
        sort=results.sort,
        offset=((results.params.get("page") or 1) - 1) * PER_PAGE,
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


def _facet_counts(stories, text, card_slugs, filters, link_counts=True, sort="newest", offset=0):
    """Counts beside each filter value, the total, whether each filter value exists, the
    named candidates' cards, and which stories the page shows, in one statement over the
    matching stories gathered once.

    Returns ({kind: {key: FacetValue}}, [(candidate slug, election slug, label, outcome)],
    [ids of the page's stories]).
    """
    # Counts by candidate, election and tag read the stories' facet ids (see
    # Article.candidate_ids), not the link tables.
    columns = ["id", "published_at", "publication_id", "candidate_ids", "election_ids", "tag_ids"]
    is_ranked = sort == "relevance" and bool(text)
    if is_ranked:
        columns.append("headline_vector")
    matching_sql, matching_params = (
        stories.order_by().values("pk", *columns[1:]).query.sql_with_params()
    )
    published_sql, published_params = (
        Article.objects.published().order_by().values("pk").query.sql_with_params()
    )
    t = {
        "ac": ArticleCandidate._meta.db_table,
        "candidate": Candidate._meta.db_table,
        "candidacy": Candidacy._meta.db_table,
        "election": Election._meta.db_table,
        "tag": Tag._meta.db_table,
        "publication": Publication._meta.db_table,
    }
    election_label = (
        "e.jurisdiction || ' ' || e.office || ', ' || e.stage || ' '"
        " || to_char(e.date, 'YYYY-MM-DD')"
    )
    # Each part: kind, key, label, extra, count.
    parts = [
        ("SELECT 'total', '', '', '', COUNT(*) FROM m", []),
    ]
    if link_counts:
        # Left out over the whole archive, where they would group every story and
        # link row before the reader has typed or chosen anything.
        parts += [
            (
                f"""(SELECT 'candidate', c.slug, c.name, '', top.n FROM (
                     SELECT v.id, COUNT(*) AS n FROM m, unnest(m.candidate_ids) AS v (id)
                     GROUP BY v.id ORDER BY n DESC, v.id LIMIT {FACET_SIZE}
                 ) top JOIN {t["candidate"]} c ON c.id = top.id ORDER BY top.n DESC, c.name)""",
                [],
            ),
            (
                f"""(SELECT 'election', e.slug, {election_label}, '', top.n FROM (
                     SELECT v.id, COUNT(*) AS n FROM m, unnest(m.election_ids) AS v (id)
                     GROUP BY v.id ORDER BY n DESC, v.id LIMIT {FACET_SIZE}
                 ) top JOIN {t["election"]} e ON e.id = top.id ORDER BY top.n DESC, e.date DESC)""",
                [],
            ),
            (
                f"""(SELECT 'tag', g.slug, g.name, '', top.n FROM (
                     SELECT v.id, COUNT(*) AS n FROM m, unnest(m.tag_ids) AS v (id)
                     GROUP BY v.id ORDER BY n DESC, v.id LIMIT {FACET_SIZE}
                 ) top JOIN {t["tag"]} g ON g.id = top.id ORDER BY top.n DESC, g.name)""",
                [],
            ),
        ]
        parts += [
            (
                f"""(SELECT 'publication', p.slug, p.name, '', COUNT(*) AS n
                 FROM m JOIN {t["publication"]} p ON p.id = m.publication_id
                 GROUP BY p.slug, p.name ORDER BY n DESC, p.name LIMIT {FACET_SIZE})""",
                [],
            ),
            (
                """(SELECT 'year', y::text, y::text, '', COUNT(*) AS n FROM (
                   SELECT EXTRACT(YEAR FROM m.published_at AT TIME ZONE %s)::int AS y FROM m
                 ) years GROUP BY y ORDER BY y DESC)""",
                [timezone.get_current_timezone_name()],
            ),
        ]
    if text:
        parts.append(
            (
                f"SELECT 'words', querytree(websearch_to_tsquery('{CONFIG}', %s)), '', '',"
                f" numnode(websearch_to_tsquery('{CONFIG}', %s))",
                [text, text],
            )
        )
    tables = {"candidate": Candidate, "election": Election, "tag": Tag, "publication": Publication}
    for name, value in filters.items():
        if value:
            table = tables[name]._meta.db_table
            parts.append(
                (
                    f"SELECT 'known', '{name}', '', '', COUNT(*) FROM {table} WHERE slug = %s",
                    [value],
                )
            )
    if card_slugs:
        parts += [
            (
                f"""SELECT 'card', c.slug, c.name, '', (
                        SELECT COUNT(*) FROM {t["ac"]} l
                        WHERE l.candidate_id = c.id AND NOT l.is_suppressed
                          AND l.article_id IN ({published_sql}))
                    FROM {t["candidate"]} c WHERE c.slug = ANY(%s)""",
                [*published_params, list(card_slugs)],
            ),
            (
                f"""(SELECT 'narrow', c.slug, c.name, '', COUNT(*)
                     FROM m, unnest(m.candidate_ids) AS v (id)
                     JOIN {t["candidate"]} c ON c.id = v.id
                     WHERE c.slug = ANY(%s)
                     GROUP BY c.slug, c.name)""",
                [list(card_slugs)],
            ),
            (
                f"""(SELECT 'race', c.slug || ' ' || e.slug, {election_label}, cy.outcome, 0
                     FROM {t["candidacy"]} cy JOIN {t["candidate"]} c ON c.id = cy.candidate_id
                     JOIN {t["election"]} e ON e.id = cy.election_id
                     WHERE c.slug = ANY(%s) ORDER BY e.date DESC)""",
                [list(card_slugs)],
            ),
        ]
    parts.append(_page_ids_part(text, is_ranked, offset))
    # The matching stories are gathered once; each count groups ids and looks up names
    # only for the values shown. Inlined where only the total and the newest page read
    # them, so that browsing the whole archive reads an index, not every row.
    materialized = "MATERIALIZED" if link_counts or card_slugs or is_ranked else "NOT MATERIALIZED"
    sql = f"WITH m ({', '.join(columns)}) AS {materialized} ({matching_sql}) "
    sql += " UNION ALL ".join(part for part, _ in parts)
    params = [*matching_params, *(value for _, values in parts for value in values)]
    counts, races, page_ids = {}, [], []
    with connection.cursor() as cursor:
        if text:
            _execute_on_the_index(cursor, sql, params)
        else:
            cursor.execute(sql, params)
        for kind, key, label, extra, count in cursor.fetchall():
            if kind == "race":
                candidate, election = key.split(" ", 1)
                races.append((candidate, election, label, extra))
            elif kind == "page":
                page_ids.append(int(key))
            else:
                counts.setdefault(kind, {})[key] = FacetValue(key, label, count)
    return counts, races, page_ids


# Keeps a text search's statement on the GIN index (see _execute_on_the_index).
PREFER_THE_INDEX = "SET LOCAL enable_seqscan = off"


def _execute_on_the_index(cursor, sql, params):
    """Run a text search's statement with the planner kept off sequential scans.

    The planner costs a sequential scan by the table's own pages, not by the stored
    vectors it would read out of TOAST for every row, and picks it for words in most
    stories: half a second where the GIN index takes 50 ms. SET LOCAL sent in the
    same string holds for this statement alone: with client-side binding (Django's
    default) the two run as one implicit transaction, with no BEGIN and COMMIT of
    their own. Server-side binding takes one statement at a time, so there the
    setting gets a transaction of its own.
    """
    if connection.settings_dict["OPTIONS"].get("server_side_binding") is not True:
        cursor.execute(f"{PREFER_THE_INDEX}; {sql}", params)
        cursor.nextset()
        return
    with transaction.atomic():
        cursor.execute(PREFER_THE_INDEX)
        cursor.execute(sql, params)


def _page_ids_part(text, is_ranked, offset):
    """The part of the counts statement that picks the page's stories.

    Best match ranks stories by their whole stored vector, read out of TOAST; where
    thousands match, it ranks only the RANK_POOL likeliest: those whose headline holds
    any of the searched words (the headline's small in-row vector shares a lexeme with
    the query's), then the newest.
    """
    if not is_ranked:
        return (
            f"""(SELECT 'page', m.id::text, '', '', 0 FROM m
                 ORDER BY m.published_at DESC, m.id DESC OFFSET %s LIMIT {PER_PAGE})""",
            [offset],
        )
    return (
        f"""(SELECT 'page', ranked.id::text, '', '', 0 FROM (
             SELECT pool.id FROM (
                 SELECT m.id, m.published_at FROM m
                 ORDER BY tsvector_to_array(m.headline_vector) && (SELECT
                              tsvector_to_array(to_tsvector('{CONFIG}', %s))) DESC,
                          m.published_at DESC, m.id DESC
                 LIMIT {RANK_POOL}
             ) pool JOIN {Article._meta.db_table} a ON a.id = pool.id
             ORDER BY ts_rank(a.search_vector, websearch_to_tsquery('{CONFIG}', %s)) DESC,
                      pool.published_at DESC, pool.id DESC
             OFFSET %s LIMIT {PER_PAGE}) ranked)""",
        [text, text, offset],
    )


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
