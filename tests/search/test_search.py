import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.models import ArticleCandidate
from tests import factories

pytestmark = pytest.mark.django_db


def names_candidate(story, candidate):
    """An editor links the story to the candidate, whatever its text says."""
    ArticleCandidate.objects.update_or_create(
        article=story, candidate=candidate, defaults={"origin": "editor"}
    )


def result_headlines(page):
    """The headlines of the results, in order, without their highlighting."""
    found = re.findall(r"<h3><a [^>]*>(.*?)</a></h3>", page, re.S)
    return [re.sub(r"</?mark>", "", headline) for headline in found]


def search(client, **params):
    response = client.get("/search/", params)
    return response, response.content.decode()


def test_a_headline_match_ranks_above_a_body_only_match(client):
    factories.article(
        headline="Council meets on budget",
        body="The council also discussed the library branch and its reading room.",
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    factories.article(
        headline="Library branch reopens downtown",
        body="Neighbors returned after a long closure.",
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    _, page = search(client, q="library")
    assert result_headlines(page) == ["Library branch reopens downtown", "Council meets on budget"]
    _, page = search(client, q="library", sort="newest")
    assert result_headlines(page) == ["Council meets on budget", "Library branch reopens downtown"]


def test_quoted_phrase_needs_the_words_together(client):
    factories.article(headline="Rent control measure advances", body="The measure moved on.")
    factories.article(headline="Control of the council", body="Rent rose again this year.")
    _, page = search(client, q='"rent control"')
    assert result_headlines(page) == ["Rent control measure advances"]


def test_minus_excludes_a_word_and_or_widens(client):
    factories.article(headline="Homelessness plan unveiled", body="Shelter beds and housing.")
    factories.article(headline="Homelessness count rises", body="The annual count.")
    factories.article(headline="Transit fares frozen", body="Buses and trains.")
    _, page = search(client, q="homelessness -shelter")
    assert result_headlines(page) == ["Homelessness count rises"]
    _, page = search(client, q="shelter or fares", sort="newest")
    assert sorted(result_headlines(page)) == ["Homelessness plan unveiled", "Transit fares frozen"]


def test_stemming_finds_other_forms_of_a_word(client):
    factories.article(headline="Voters approved the measure", body="It passed.")
    _, page = search(client, q="approve")
    assert result_headlines(page) == ["Voters approved the measure"]


def test_drafts_and_future_stories_are_never_found(client):
    factories.article(headline="Zoning story published", body="Zoning.")
    factories.article(headline="Zoning story draft", body="Zoning.", status="draft")
    factories.article(
        headline="Zoning story scheduled",
        body="Zoning.",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    for params in ({"q": "zoning"}, {}, {"q": "zoning", "sort": "newest"}):
        _, page = search(client, **params)
        assert result_headlines(page) == ["Zoning story published"]
    _, page = search(client, q="zoning")
    assert "1 story" in page


def test_empty_query_lists_newest_under_the_filters(client):
    paper = factories.publication(name="Valley Ledger", slug="valley-ledger")
    now = timezone.now()
    factories.article(
        headline="Old ledger story",
        publication=paper,
        published_at=now - datetime.timedelta(days=5),
    )
    factories.article(
        headline="New ledger story",
        publication=paper,
        published_at=now - datetime.timedelta(days=1),
    )
    factories.article(headline="Story elsewhere", published_at=now)
    response, page = search(client, publication="valley-ledger")
    assert response.status_code == 200
    assert result_headlines(page) == ["New ledger story", "Old ledger story"]


def test_candidate_filter_narrows_results_and_counts(client):
    bass = factories.candidate(name="Karen Bass", slug="karen-bass")
    caruso = factories.candidate(name="Rick Caruso", slug="rick-caruso")
    one = factories.article(headline="Debate on housing tonight", body="Housing.")
    two = factories.article(headline="Housing bond campaign", body="Housing.")
    factories.article(headline="Housing costs climb", body="Housing.")
    names_candidate(one, bass)
    names_candidate(one, caruso)
    names_candidate(two, caruso)

    _, page = search(client, q="housing")
    assert "3 stories" in page
    facets = page.split('class="search-facets"', 1)[1]
    assert re.search(r"Rick Caruso</a> <span class=\"count\">2</span>", facets)
    assert re.search(r"Karen Bass</a> <span class=\"count\">1</span>", facets)

    _, page = search(client, q="housing", candidate="karen-bass")
    assert result_headlines(page) == ["Debate on housing tonight"]
    facets = page.split('class="search-facets"', 1)[1]
    assert re.search(r"Rick Caruso</a> <span class=\"count\">1</span>", facets)
    assert re.search(r"<strong>Karen Bass</strong> <span class=\"count\">1</span>", facets)


def test_suppressed_links_do_not_count_as_naming(client):
    bass = factories.candidate(name="Karen Bass", slug="karen-bass")
    story = factories.article(headline="Budget vote delayed", body="Budget.")
    ArticleCandidate.objects.update_or_create(
        article=story, candidate=bass, defaults={"is_suppressed": True}
    )
    _, page = search(client, q="budget", candidate="karen-bass")
    assert result_headlines(page) == []


def test_election_tag_and_date_filters(client):
    from archive.models import ArticleElection

    race = factories.election(slug="town-mayor-2022-11-08")
    now = timezone.now()
    tagged = factories.article(
        headline="Turnout report one", published_at=now - datetime.timedelta(days=400)
    )
    tagged.tags.add("turnout")
    other = factories.article(
        headline="Turnout report two", published_at=now - datetime.timedelta(days=1)
    )
    ArticleElection.objects.get_or_create(article=other, election=race, origin="editor")

    _, page = search(client, q="turnout", tag="turnout")
    assert result_headlines(page) == ["Turnout report one"]
    _, page = search(client, q="turnout", election="town-mayor-2022-11-08")
    assert result_headlines(page) == ["Turnout report two"]
    day = timezone.localtime(now - datetime.timedelta(days=1)).date()
    _, page = search(client, q="turnout", since=day.isoformat(), until=day.isoformat())
    assert result_headlines(page) == ["Turnout report two"]


def test_snippets_highlight_the_words_and_escape_the_text(client):
    factories.article(
        headline="Water <b>rates</b> rise",
        body='Officials said <script>alert("x")</script> the water rates would rise in July.',
    )
    _, page = search(client, q="water rates")
    results = page.split('search-list"', 1)[1].split("</ol>", 1)[0]
    assert "<mark>Water</mark>" in results
    assert "<mark>rates</mark>" in results
    assert "<script>" not in page
    assert "<b>rates</b>" not in results
    assert "&lt;b&gt;<mark>rates</mark>&lt;/b&gt;" in results


def test_snippet_markup_is_escaped_even_around_highlights(client):
    from search.highlight import marked

    text = "a <img src=x onerror=alert(1)> \ue000word\ue001 & \ue000more"
    html = marked(text)
    assert "<img" not in html
    assert html.count("<mark>") == html.count("</mark>") == 2
    assert "&amp;" in html


def test_pagination_keeps_the_query_in_the_links(client):
    for n in range(25):
        factories.article(headline=f"Pothole report {n}", body="Potholes.")
    _, page = search(client, q="pothole")
    assert "25 stories" in page
    assert "?q=pothole&amp;page=2" in page
    response, page = search(client, q="pothole", page=2)
    assert response.status_code == 200
    assert len(result_headlines(page)) == 5
    response, page = search(client, q="pothole", page=3)
    assert response.status_code == 404
    assert "There is no page 3" in page


@pytest.mark.parametrize("stories", [10, 100])
def test_a_search_page_makes_three_queries(client, stories):
    bass = factories.candidate(name="Karen Bass", slug="karen-bass", press_names=["Bass"])
    race = factories.election()
    factories.candidacy(candidate=bass, election=race, outcome="elected")
    paper = factories.publication()
    for n in range(stories):
        story = factories.article(
            headline=f"Police budget story {n}",
            body="Karen Bass on police and the budget.",
            publication=paper,
        )
        story.tags.add("police")
        names_candidate(story, bass)
    params = {"q": "Karen Bas police", "tag": "police", "publication": paper.slug}
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {**params, "page": 2 if stories > 20 else 1})
    assert response.status_code == 200
    assert "candidate-card" in response.content.decode()
    # Names, counts with the card and the page's ids, the page; nothing else is sent,
    # not even BEGIN or COMMIT.
    sent = [q["sql"] for q in captured.captured_queries]
    assert len(sent) == 3
    assert sum(sql.startswith("SET LOCAL enable_seqscan = off; WITH m") for sql in sent) == 1
    with CaptureQueriesContext(connection) as captured:
        client.get("/search/", {"publication": paper.slug})
    assert len(captured.captured_queries) == 2


def test_a_snippet_shows_a_match_deep_in_a_long_story(client):
    filler = " ".join(f"word{n}" for n in range(100))
    factories.article(
        headline="Council session", body=f"{filler} The desalination plant was approved. {filler}"
    )
    factories.article(headline="Happy voters", body=f"{filler} Voters were happy.")
    _, page = search(client, q="desalination approve")
    snippet = re.search(r'<p class="snippet">(.*?)</p>', page, re.S).group(1)
    assert "<mark>desalination</mark> plant was <mark>approved</mark>" in snippet
    assert re.match(r"word\d+ ", snippet)  # opens on a whole word
    _, page = search(client, q="happiness")
    assert "<mark>Happy</mark> voters" in page


def test_where_many_match_the_likeliest_are_ranked(client, monkeypatch):
    monkeypatch.setattr("search.query.RANK_POOL", 2)
    monkeypatch.setattr("search.query.PER_PAGE", 2)
    now = timezone.now()
    factories.article(
        headline="Pension fund vote",
        body="The pension board met.",
        published_at=now - datetime.timedelta(days=30),
    )
    for n in range(4):
        factories.article(
            headline=f"Council roundup {n}",
            body="Among other things, pensions came up.",
            published_at=now - datetime.timedelta(days=n),
        )
    response, page = search(client, q="pension")
    assert "5 stories" in page
    assert result_headlines(page)[0] == "Pension fund vote"
    response, page = search(client, q="pension", page=2)
    assert response.status_code == 404
    assert "sort by newest to see every story" in page
    response, page = search(client, q="pension", sort="newest", page=3)
    assert result_headlines(page) == ["Pension fund vote"]


def test_browsing_everything_leaves_out_counts_by_link_until_something_is_chosen(client):
    bass = factories.candidate(name="Karen Bass", slug="karen-bass")
    story = factories.article(headline="Transit plan", body="Buses.")
    names_candidate(story, bass)
    _, page = search(client)
    facets = page.split('class="search-facets"', 1)[1]
    assert "Karen Bass" not in facets
    assert "to see counts by candidate" in facets
    _, page = search(client, q="transit")
    assert "Karen Bass" in page.split('class="search-facets"', 1)[1]


def test_where_many_match_a_headline_with_any_searched_word_is_ranked(client, monkeypatch):
    monkeypatch.setattr("search.query.RANK_POOL", 2)
    now = timezone.now()
    factories.article(
        headline="Pension fund vote",
        body="The pension board passed its budget.",
        published_at=now - datetime.timedelta(days=30),
    )
    for n in range(4):
        factories.article(
            headline=f"Council roundup {n}",
            body="The pension budget came up.",
            published_at=now - datetime.timedelta(days=n),
        )
    _, page = search(client, q="pension budget")
    assert result_headlines(page)[0] == "Pension fund vote"


@pytest.mark.django_db(transaction=True)
def test_search_works_where_the_database_binds_parameters_itself(client, settings):
    # Server-side binding takes one statement at a time; the index setting then gets
    # a transaction of its own instead of sharing the counts statement's string.
    factories.article(headline="Ferry service returns", body="The ferry runs again.")
    options = connection.settings_dict["OPTIONS"]
    options["server_side_binding"] = True
    connection.close()
    try:
        with CaptureQueriesContext(connection) as captured:
            response, page = search(client, q="ferry")
        assert type(connection.connection.cursor()).__name__ == "ServerBindingCursor"
    finally:
        options.pop("server_side_binding")
        connection.close()
    assert response.status_code == 200
    assert result_headlines(page) == ["Ferry service returns"]
    assert "SET LOCAL enable_seqscan = off" in [q["sql"] for q in captured.captured_queries]
