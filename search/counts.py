"""The one raw SQL statement of a search page: all it needs to know before fetching stories.

Over the stories a search matches (search.query builds that queryset: published,
filtered, matching the words), one statement returns rows of (kind, key, label,
extra, count):
- the total, and the counts beside each filter's values (candidate, election, tag,
  publication, year), left out while browsing the whole archive;
- what the words became (querytree, numnode): whether any word is indexed at all,
  and which lexemes the snippets look for;
- whether each chosen filter's value exists;
- for the candidates the query named: their stories, those among the matches, and
  their races;
- the ids of the page's stories, newest first or best match first.

It is raw SQL because every part reads the matching stories gathered once, in a
WITH clause, and counts the id arrays each story stores (Article.candidate_ids and
friends) with unnest(); the ORM can write neither a WITH clause nor a join to
unnest(). As ORM queries each count would run the full-text match again, and a
page would make a dozen queries instead of three.
What the matching stories are is still written once, with the ORM: the statement
starts from that queryset's own SQL.
"""

from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag

from archive.models import Article, ArticleCandidate, Publication
from candidates.models import Candidate
from elections.models import Candidacy, Election
from search.fulltext import CONFIG
from search.results import FacetValue

FACET_SIZE = 10


def counts_and_page_ids(
    stories, text, card_slugs, filters, *, link_counts, sort, offset, per_page, rank_pool
):
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
    # As Election.__str__ writes it, with the months abbreviated as Django's "N" does.
    election_label = (
        "e.jurisdiction || ' ' || e.office || ', ' || e.stage || ', '"
        " || (ARRAY['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.',"
        " 'Oct.', 'Nov.', 'Dec.'])[extract(month FROM e.date)::int]"
        " || ' ' || extract(day FROM e.date)::int || ', ' || extract(year FROM e.date)::int"
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
    parts.append(_page_ids_part(text, is_ranked, offset, per_page, rank_pool))
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


def _page_ids_part(text, is_ranked, offset, per_page, rank_pool):
    """The part of the counts statement that picks the page's stories.

    Best match ranks stories by their whole stored vector, read out of TOAST; where
    thousands match, it ranks only the rank_pool likeliest: those whose headline holds
    any of the searched words (the headline's small in-row vector shares a lexeme with
    the query's), then the newest.
    """
    if not is_ranked:
        return (
            f"""(SELECT 'page', m.id::text, '', '', 0 FROM m
                 ORDER BY m.published_at DESC, m.id DESC OFFSET %s LIMIT {per_page})""",
            [offset],
        )
    return (
        f"""(SELECT 'page', ranked.id::text, '', '', 0 FROM (
             SELECT pool.id FROM (
                 SELECT m.id, m.published_at FROM m
                 ORDER BY tsvector_to_array(m.headline_vector) && (SELECT
                              tsvector_to_array(to_tsvector('{CONFIG}', %s))) DESC,
                          m.published_at DESC, m.id DESC
                 LIMIT {rank_pool}
             ) pool JOIN {Article._meta.db_table} a ON a.id = pool.id
             ORDER BY ts_rank(a.search_vector, websearch_to_tsquery('{CONFIG}', %s)) DESC,
                      pool.published_at DESC, pool.id DESC
             OFFSET %s LIMIT {per_page}) ranked)""",
        [text, text, offset],
    )
