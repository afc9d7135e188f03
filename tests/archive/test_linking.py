"""The linking engine: who a story names, which count it reports, and editors' overrides."""

import io

import pytest
from django.core.management import call_command

from archive.linking import relink
from archive.models import Article, ArticleCandidate, ArticleRelease, Origin
from elections.models import Release
from tests import factories
from tests.demo_releases import ELECTION_NIGHT_LAST, GENERAL, THURSDAY, at
from tests.seeds import needs_seeds, save_seed_stories

pytestmark = pytest.mark.django_db

NOV_10 = "003_430dc6329ecfef12.txt"
NOV_11 = "002_452ecdf1ae69e697.txt"
NOV_9 = "001_08b07299bc9baad3.txt"
PRIMARY_NIGHT = "004_a93615194b0fdc66.txt"
RE_ELECTION = "000_cd001e490258fa42.txt"


def named(story):
    return {
        link.candidate.slug: link.mention_count
        for link in story.candidate_links.filter(is_suppressed=False).select_related("candidate")
    }


def reported(story, reason):
    return {
        (link.release.election.slug, link.release.number)
        for link in story.release_links.filter(reason=reason, is_suppressed=False)
    }


@needs_seeds
def test_every_seed_story_names_bass_and_caruso(demo):
    for file, story in save_seed_stories().items():
        links = named(story)
        assert {"karen-bass", "rick-caruso"} <= set(links), file
        assert links["karen-bass"] > 1, file


@needs_seeds
def test_quoted_vote_count_links_to_the_release_holding_it(demo):
    story = save_seed_stories()[NOV_11]
    thursday = at(THURSDAY)
    assert reported(story, "quoted") == {(GENERAL, thursday.number)}
    link = f'<a class="link-count" href="{thursday.get_absolute_url()}">273,941</a>'
    assert link in story.body_html


@needs_seeds
def test_ballots_counted_link_the_thursday_release(demo):
    story = save_seed_stories()[NOV_10]
    assert reported(story, "quoted") == {(GENERAL, at(THURSDAY).number)}
    assert ">1,452,192</a>" in story.body_html
    # A rounded figure that no release holds links nothing.
    assert ">883,000</a>" not in story.body_html


@needs_seeds
def test_count_when_published_is_the_latest_release_before_the_story(demo):
    stories = save_seed_stories()
    # Nov 9, 09:00: the last release of election night was the latest.
    night = at(ELECTION_NIGHT_LAST).number
    assert reported(stories[NOV_9], "at_publication") == {(GENERAL, night)}
    assert reported(stories[NOV_11], "at_publication") == {(GENERAL, at(THURSDAY).number)}
    assert reported(stories[PRIMARY_NIGHT], "at_publication") == {
        ("los-angeles-mayor-2022-06-07", 1)
    }


@needs_seeds
def test_seed_stories_cover_the_right_election(demo):
    stories = save_seed_stories()
    covered = {f: {e.slug for e in s.elections.all()} for f, s in stories.items()}
    assert covered[PRIMARY_NIGHT] == {"los-angeles-mayor-2022-06-07"}
    assert covered[NOV_9] == {"los-angeles-mayor-2022-11-08"}
    assert covered[RE_ELECTION] == {"los-angeles-mayor-2026-06-02"}
    assert {"austin-beutner", "asaad-alnajjar", "rae-huang"} <= set(named(stories[RE_ELECTION]))


def test_fish_guitars_and_other_surnames_link_nobody(demo):
    story = factories.article(
        headline="Fishing report",
        body="The bass were biting at dawn. A bass guitar hung on the wall.\n\n"
        "Angela Bassett narrated the film. The basses hummed.",
    )
    assert named(story) == {}
    assert "<a" not in story.body_html


def test_longest_name_wins_and_is_counted_once(demo):
    story = factories.article(
        headline="Profile", body="Rep. Karen Bass spoke first. Later Bass spoke again."
    )
    assert named(story) == {"karen-bass": 2}
    assert '<a class="link-candidate" href="/candidates/karen-bass/">Rep. Karen Bass</a>' in (
        story.body_html
    )
    # Only the first mention in the story is a link.
    assert story.body_html.count("link-candidate") == 1


def test_bare_surname_shared_by_two_candidates_in_context_links_nobody(demo):
    other = factories.candidate(name="Joe Bass", slug="joe-bass", press_names=["Bass"])
    election = Release.objects.get(vote_counts__votes=273941).election
    factories.candidacy(candidate=other, election=election)
    ambiguous = factories.article(
        published_at=ambiguous_time(), body="Bass said the count would go on."
    )
    assert named(ambiguous) == {}
    # Naming one of them in full settles who "Bass" is in that story.
    settled = factories.article(
        published_at=ambiguous_time(), body="Karen Bass spoke. Later Bass said it again."
    )
    assert named(settled) == {"karen-bass": 2}
    # ... wherever in the story the full name stands.
    later = factories.article(
        published_at=ambiguous_time(),
        headline="Count goes on",
        body="Karen Bass spoke first.\n\nAn hour later Bass spoke again.",
    )
    assert named(later) == {"karen-bass": 2}


def ambiguous_time():
    import datetime

    return datetime.datetime.fromisoformat("2022-11-12T10:00:00-08:00")


def test_escaped_text_keeps_its_links(demo):
    story = factories.article(
        headline="Escaping",
        published_at=ambiguous_time(),
        body='<script>alert("x")</script> Rick Caruso <b onclick="x()">bold</b> &amp; '
        "&lt;i&gt; had 273,941 votes.",
    )
    html = story.body_html
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp;amp; &amp;lt;i&amp;gt;" in html
    assert '<a class="link-candidate" href="/candidates/rick-caruso/">Rick Caruso</a>' in html
    assert ">273,941</a>" in html


def test_figure_from_a_release_after_the_story_links_nothing(demo):
    story = factories.article(
        published_at=ambiguous_time().replace(day=9), body="Rick Caruso may reach 273,941 votes."
    )
    assert reported(story, "quoted") == set()


def test_editor_removed_link_stays_removed_after_relink(demo):
    story = Article.objects.get(slug="bass-narrows-gap-thursday-count")
    ArticleCandidate.objects.filter(article=story, candidate__slug="rick-caruso").update(
        is_suppressed=True
    )
    ArticleRelease.objects.filter(article=story, reason="quoted").update(is_suppressed=True)
    call_command("relink", stdout=io.StringIO(), stderr=io.StringIO())
    story.refresh_from_db()
    assert set(named(story)) == {"karen-bass"}
    assert "/candidates/rick-caruso/" not in story.body_html
    assert "link-count" not in story.body_html
    # Saving the story again (an edit in the admin) keeps the editor's choice too.
    story.save()
    assert set(named(story)) == {"karen-bass"}


def test_editor_added_link_survives_relink(demo):
    story = Article.objects.get(slug="what-is-left-to-count-in-mayors-race")
    beutner = factories.candidate(name="Someone Else", slug="someone-else")
    ArticleCandidate.objects.create(article=story, candidate=beutner, origin=Origin.EDITOR)
    relink(Article.objects.all())
    assert "someone-else" in named(story)


def test_relink_reports_progress(demo):
    out, err = io.StringIO(), io.StringIO()
    call_command("relink", stdout=out, stderr=err)
    assert "Linked 6 stories" in out.getvalue()
    assert "6 of 6" in err.getvalue()


def test_relink_matches_what_a_save_stores(demo):
    story = Article.objects.get(slug="bass-narrows-gap-thursday-count")
    saved = story.body_html
    Article.objects.filter(pk=story.pk).update(body_html="")
    relink(Article.objects.filter(pk=story.pk))
    story.refresh_from_db()
    assert story.body_html == saved


def test_relink_limit_links_only_the_first_stories(demo):
    out, err = io.StringIO(), io.StringIO()
    call_command("relink", "--limit", "2", stdout=out, stderr=err)
    assert "Linked 2 stories" in out.getvalue()
