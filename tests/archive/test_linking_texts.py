"""The linker on short texts of our own: who a story names and which elections it covers.

These run on a plain clone. tests/archive/test_linking.py checks the same rules
on the real seed stories where ../shared/seeds exists; every candidate, election
and sentence here is made by the test that uses it (see conftest.py for the race).
"""

import datetime
import zoneinfo

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from archive.models import ArticleCandidate, ArticleElection
from candidates.models import Candidate
from tests import factories
from tests.archive.conftest import mayor_race

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")

BASS_LINK = '<a class="link-candidate" href="/candidates/karen-bass/">{}</a>'
CARUSO_LINK = '<a class="link-candidate" href="/candidates/rick-caruso/">{}</a>'


def pacific(text):
    """A time on the newsroom's clock in Los Angeles."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LA)


def named(story):
    """{candidate slug: mention count} for the story's links that readers see."""
    links = ArticleCandidate.objects.filter(article=story, is_suppressed=False)
    return dict(links.values_list("candidate__slug", "mention_count"))


def covered(story):
    """The slugs of the elections the story covers, as readers see them."""
    links = ArticleElection.objects.filter(article=story, is_suppressed=False)
    return set(links.values_list("election__slug", flat=True))


def test_full_names_and_press_names_link_to_the_candidates_pages(client, bass, caruso):
    story = factories.article(
        headline="A debate at the library",
        body="Rep. Karen Bass and Rick Caruso met at the Central Library on Sunday.",
    )
    page = client.get(story.get_absolute_url())
    assertContains(page, BASS_LINK.format("Rep. Karen Bass"), html=True)
    assertContains(page, CARUSO_LINK.format("Rick Caruso"), html=True)


def test_a_surname_links_only_as_a_whole_word_in_its_own_case(client, general):
    # In the campaign, where Bass alone could only mean her: the words that merely
    # contain the name, or spell it in another case, must still link nobody.
    story = factories.article(
        headline="Music at the rally",
        published_at=pacific("2022-11-05T20:00"),
        body="A bass guitar warmed up the crowd and Mara Bassett read a poem. "
        "The BASS AMPS hummed, the basses boomed, and then Bass took the stage.",
    )
    assert named(story) == {"karen-bass": 1}
    paragraph = (
        "<p>A bass guitar warmed up the crowd and Mara Bassett read a poem. "
        "The BASS AMPS hummed, the basses boomed, and then "
        f"{BASS_LINK.format('Bass')} took the stage.</p>"
    )
    assertContains(client.get(story.get_absolute_url()), paragraph, html=True)


def test_a_fishing_story_links_nobody(general):
    story = factories.article(
        headline="Fishing report",
        published_at=pacific("2022-11-05T07:00"),
        body="Striped bass were biting at dawn off the pier.\n\nA largemouth bass took the prize.",
    )
    assert named(story) == {}
    assert "<a " not in story.body_html


def test_the_longest_name_wins_and_counts_once(client, bass):
    story = factories.article(headline="On the stump", body="Rep. Karen Bass spoke first.")
    assert named(story) == {"karen-bass": 1}
    assertContains(
        client.get(story.get_absolute_url()), BASS_LINK.format("Rep. Karen Bass"), html=True
    )


def test_a_longer_name_beats_a_shorter_one_that_begins_it(db):
    # Two candidates with a double and a single surname: "Lopez Garcia" is hers, not
    # "Lopez" followed by a stray word.
    factories.candidate(name="Maria Lopez", slug="maria-lopez", press_names=["Lopez"])
    factories.candidate(
        name="Maria Lopez Garcia", slug="maria-lopez-garcia", press_names=["Lopez Garcia"]
    )
    story = factories.article(
        headline="Council forum",
        body="Maria Lopez Garcia spoke after Maria Lopez. Lopez Garcia then took questions.",
    )
    assert named(story) == {"maria-lopez-garcia": 2, "maria-lopez": 1}


def test_a_bare_surname_follows_the_full_name_given_elsewhere_in_the_story(general):
    joe = factories.candidate(name="Joe Bass", slug="joe-bass", press_names=["Bass"])
    factories.candidacy(candidate=joe, election=general)
    # Both stand, so "Bass" alone is ambiguous until the story names one of them in full,
    # here only in its last paragraph.
    story = factories.article(
        headline="Bass answers questions on housing",
        published_at=pacific("2022-11-03T10:00"),
        body="Bass took questions for an hour.\n\n"
        "On rents, Karen Bass promised a plan within a month.",
    )
    assert named(story) == {"karen-bass": 3}


def test_a_bare_surname_means_the_one_candidate_standing_in_the_campaign(general):
    joe = factories.candidate(name="Joe Bass", slug="joe-bass", press_names=["Bass"])
    council = factories.election(
        jurisdiction="Long Beach", office="City Council", date=datetime.date(2014, 4, 8)
    )
    factories.candidacy(candidate=joe, election=council)
    in_2022 = factories.article(
        published_at=pacific("2022-11-03T10:00"), body="Bass spoke at noon."
    )
    in_2014 = factories.article(
        published_at=pacific("2014-03-03T10:00"), body="Bass spoke at noon."
    )
    assert named(in_2022) == {"karen-bass": 1}
    assert named(in_2014) == {"joe-bass": 1}


def test_a_surname_two_candidates_share_links_nobody(client, general):
    joe = factories.candidate(name="Joe Bass", slug="joe-bass", press_names=["Bass"])
    factories.candidacy(candidate=joe, election=general)
    story = factories.article(
        headline="Late rally",
        published_at=pacific("2022-11-06T21:00"),
        body="Bass spoke at the rally.",
    )
    assert named(story) == {}
    assertNotContains(client.get(story.get_absolute_url()), "link-candidate")
    # Far from any campaign, a surname points to nobody either.
    between = factories.article(
        published_at=pacific("2019-02-01T10:00"), body="Bass spoke at the rally."
    )
    assert named(between) == {}


def test_mentions_are_counted_in_headline_and_body(client, bass, caruso):
    story = factories.article(
        headline="Bass and Caruso trade barbs",
        body="Karen Bass said the city needed more shelters. Rick Caruso disagreed.\n\n"
        "Bass answered that the plan was already paid for.",
    )
    assert named(story) == {"karen-bass": 3, "rick-caruso": 2}
    assertContains(
        client.get(story.get_absolute_url()), '<span class="count">named 3 times</span>', html=True
    )


def test_a_story_covers_the_closest_election_for_each_office(client, bass, caruso, general):
    mayor_race(datetime.date(2022, 6, 7), bass, caruso, stage="primary")
    council = factories.election(
        jurisdiction="Los Angeles",
        office="City Council, District 11",
        date=datetime.date(2022, 11, 8),
        slug="los-angeles-city-council-11-2022-11-08",
    )
    factories.candidacy(
        candidate=factories.candidate(name="Dana Ortiz", slug="dana-ortiz"), election=council
    )

    after_primary = factories.article(
        published_at=pacific("2022-06-08T09:00"),
        body="Karen Bass and Rick Caruso head to a runoff.",
    )
    assert covered(after_primary) == {"los-angeles-mayor-2022-06-07"}
    after_general = factories.article(
        published_at=pacific("2022-11-09T09:00"),
        body="Karen Bass narrowly trails. In the council race, Dana Ortiz leads.",
    )
    assert covered(after_general) == {
        "los-angeles-mayor-2022-11-08",
        "los-angeles-city-council-11-2022-11-08",
    }
    page = client.get(after_general.get_absolute_url())
    assertContains(page, 'href="/elections/los-angeles-mayor-2022-11-08/"')
    assertContains(page, 'href="/elections/los-angeles-city-council-11-2022-11-08/"')
    assertNotContains(page, 'href="/elections/los-angeles-mayor-2022-06-07/"')


def test_a_story_covers_only_a_race_whose_campaign_it_falls_in(bass, general):
    mayor_race(datetime.date(2026, 6, 2), bass, stage="primary")
    rally = factories.article(
        published_at=pacific("2025-12-15T12:00"), body="Karen Bass asked for a second term."
    )
    assert covered(rally) == {"los-angeles-mayor-2026-06-02"}
    # Between the 2022 count and the start of the 2026 campaign, no race is running.
    quiet = factories.article(
        published_at=pacific("2024-03-01T12:00"), body="Karen Bass opened a park."
    )
    assert named(quiet) == {"karen-bass": 1}
    assert covered(quiet) == set()


def test_the_body_is_escaped_and_keeps_its_links(client, bass):
    story = factories.article(
        headline="Escaping",
        body='<script>alert("x")</script> Karen Bass wrote <b>bold</b> & 1 < 2.',
    )
    assert story.body_html == (
        "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
        f"{BASS_LINK.format('Karen Bass')} wrote &lt;b&gt;bold&lt;/b&gt; &amp; 1 &lt; 2.</p>"
    )
    page = client.get(story.get_absolute_url())
    assertNotContains(page, "<script>alert")
    assertContains(page, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")


def test_a_surname_with_an_apostrophe_needs_the_campaign_as_any_surname_does(general):
    council = factories.election(
        jurisdiction="Los Angeles", office="City Council", date=datetime.date(2022, 11, 8)
    )
    ohara = factories.candidate(name="Nora O'Hara", slug="nora-ohara", press_names=["O'Hara"])
    factories.candidacy(candidate=ohara, election=council)
    story = factories.article(
        published_at=pacific("2019-02-01T10:00"), body="O'Hara and Bass spoke at the rally."
    )
    assert named(story) == {}


# Namesakes (issue 13): a surname is the person last named in full with it, and never anyone
# by chance.


def test_a_namesake_named_in_full_makes_a_later_bare_surname_hers(general, caruso):
    story = factories.article(
        published_at=pacific("2022-11-03T10:00"),
        body="Rick Caruso toured a clinic. Dr. Maria Caruso, a dentist, showed him round. "
        "Caruso said she would vote early.",
    )
    assert named(story) == {"rick-caruso": 1}


def test_mr_so_and_so_a_voter_is_not_the_candidate(general, bass):
    story = factories.article(
        published_at=pacific("2022-11-03T10:00"),
        body="Karen Bass knocked on doors. Mr. Bass, a voter in Leimert Park, was not home.",
    )
    assert named(story) == {"karen-bass": 1}


def test_a_surname_is_the_person_last_named_in_full_with_it(general):
    council = factories.election(
        jurisdiction="Los Angeles", office="City Council", date=datetime.date(2022, 11, 8)
    )
    board = factories.election(
        jurisdiction="Los Angeles", office="School Board", date=datetime.date(2022, 11, 8)
    )
    for name, election in (("David Lee", council), ("Grace Lee", board)):
        factories.candidacy(candidate=factories.candidate(name=name), election=election)
    story = factories.article(
        published_at=pacific("2022-11-03T10:00"),
        body="Grace Lee spoke first. Lee wants smaller classes.\n\n"
        "David Lee answered. Lee wants more buses.",
    )
    slugs = {c.name: c.slug for c in Candidate.objects.filter(name__endswith=" Lee")}
    assert named(story) == {slugs["Grace Lee"]: 2, slugs["David Lee"]: 2}


def test_a_surname_nobody_in_the_story_settles_links_nobody(general, bass):
    council = factories.election(
        jurisdiction="Long Beach", office="City Council", date=datetime.date(2022, 11, 8)
    )
    factories.candidacy(candidate=factories.candidate(name="Grace Lee"), election=council)
    # Grace Lee is the only Lee on any ballot, but nothing in the story points to her.
    alone = factories.article(published_at=pacific("2022-11-03T10:00"), body="Lee was late.")
    beside_bass = factories.article(
        published_at=pacific("2022-11-03T10:00"), body="Karen Bass met Lee at the rally."
    )
    assert named(alone) == {}
    assert named(beside_bass) == {"karen-bass": 1}
