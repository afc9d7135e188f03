"""The counts beside search's filters follow every way a story's links and tags change.

Search counts from ids stored on each story (Article.candidate_ids and friends), so
each path that changes links or tags must leave those ids true: the linker, the
admin's link rows, taggit's manager, deleting a tag, and `manage.py relink`.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from taggit.models import Tag

from archive.models import Article, ArticleCandidate, Origin
from candidates.models import Candidate
from tests import admin_users, factories
from tests.desk.test_admin_stories import THURSDAY_STORY, change_url, story_form

pytestmark = pytest.mark.django_db


def facet_counts(client, heading, **params):
    """{label: count} of one filter's values on /search/ with these parameters."""
    page = client.get("/search/", params).content.decode()
    facets = page.split('class="search-facets"', 1)[1]
    section = re.search(rf"<h2>{heading}</h2>\s*<ul>(.*?)</ul>", facets, re.S)
    if not section:
        return {}
    found = re.findall(
        r'(?:<a [^>]*>|<strong>)([^<]*)(?:</a>|</strong>) <span class="count">([\d,]+)</span>',
        section.group(1),
    )
    return {label: int(count.replace(",", "")) for label, count in found}


def test_a_story_saved_with_a_name_counts_under_that_candidate(client):
    factories.candidate(name="Zelda Quartermain", slug="zelda-quartermain")
    story = factories.article(headline="Harbor plan", body="Zelda Quartermain backed it.")
    assert facet_counts(client, "Candidates", q="harbor") == {"Zelda Quartermain": 1}

    story.body = "Nobody backed it."
    story.save()
    assert facet_counts(client, "Candidates", q="harbor") == {}


def test_an_editors_removed_and_added_links_change_the_counts(client, demo):
    story = Article.objects.get(slug=THURSDAY_STORY)
    query = {"q": f'"{story.headline}"'}
    before = facet_counts(client, "Candidates", **query)
    assert before["Rick Caruso"] == 1
    assert "Austin Beutner" not in before

    data = story_form(story)
    caruso = story.candidate_links.get(candidate__slug="rick-caruso")
    index = list(story.candidate_links.order_by("pk")).index(caruso)
    data[f"candidate_links-{index}-is_suppressed"] = "on"
    total = int(data["candidate_links-TOTAL_FORMS"])
    data["candidate_links-TOTAL_FORMS"] = total + 1
    data[f"candidate_links-{total}-candidate"] = Candidate.objects.get(slug="austin-beutner").pk
    data[f"candidate_links-{total}-article"] = story.pk
    editor = Client()
    editor.force_login(admin_users.editor())
    assert editor.post(change_url(story), data).status_code == 302

    after = facet_counts(client, "Candidates", **query)
    assert "Rick Caruso" not in after
    assert after["Austin Beutner"] == 1
    assert after["Karen Bass"] == before["Karen Bass"]


def test_a_link_row_changed_on_its_own_changes_the_counts(client):
    ada = factories.candidate(name="Ada Lindqvist", slug="ada-lindqvist")
    story = factories.article(headline="Library hours", body="Hours.")
    # An editor's own link, saved by itself as a script would: the story follows.
    link = ArticleCandidate.objects.create(article=story, candidate=ada, origin=Origin.EDITOR)
    assert facet_counts(client, "Candidates", q="library") == {"Ada Lindqvist": 1}
    link.is_suppressed = True
    link.save()
    assert facet_counts(client, "Candidates", q="library") == {}
    link.delete()
    ArticleCandidate.objects.create(article=story, candidate=ada, origin=Origin.EDITOR)
    assert facet_counts(client, "Candidates", q="library") == {"Ada Lindqvist": 1}


def test_tags_added_removed_and_deleted_change_the_counts(client):
    story = factories.article(headline="Turnout report", body="Turnout rose.")
    other = factories.article(headline="Turnout map", body="Turnout by precinct.")
    story.tags.add("turnout", "maps")
    other.tags.add("turnout")
    assert facet_counts(client, "Tags", q="turnout") == {"turnout": 2, "maps": 1}

    story.tags.remove("maps")
    assert facet_counts(client, "Tags", q="turnout") == {"turnout": 2}
    other.tags.clear()
    assert facet_counts(client, "Tags", q="turnout") == {"turnout": 1}
    Tag.objects.get(name="turnout").delete()
    assert facet_counts(client, "Tags", q="turnout") == {}


def test_relink_repairs_ids_written_around_it(client):
    factories.candidate(name="Zelda Quartermain", slug="zelda-quartermain")
    story = factories.article(headline="Harbor plan", body="Zelda Quartermain backed it.")
    story.tags.add("harbor")
    # As a raw SQL edit or a restored backup might leave them.
    Article.objects.update(candidate_ids=[], election_ids=[], tag_ids=[])
    assert facet_counts(client, "Candidates", q="harbor") == {}

    call_command("relink", stdout=io.StringIO())
    assert facet_counts(client, "Candidates", q="harbor") == {"Zelda Quartermain": 1}
    assert facet_counts(client, "Tags", q="harbor") == {"harbor": 1}
