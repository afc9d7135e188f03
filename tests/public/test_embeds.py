"""Embeds: a release's or a story's count as SVG (no script, well-formed, escaped) and
JSON, pinned to that release, with a "since then" line, open to any site."""

import datetime

import pytest
from django.utils import timezone
from lxml import etree

from archive.models import Article
from elections.models import Election
from tests import factories
from tests.demo_releases import GENERAL, THURSDAY, at

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
WEDNESDAY = timezone.make_aware(datetime.datetime(2022, 11, 9, 9, 0))


def svg_texts(response):
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    tree = etree.fromstring(response.content)
    assert not tree.findall(f".//{SVG}script")
    assert not [a for e in tree.iter() for a in e.attrib if a.startswith("on")]
    return [t.text for t in tree.iter(f"{SVG}text")]


def test_a_release_embed_is_pinned_to_it_and_says_what_changed_since(client, demo):
    thursday = at(THURSDAY)
    base = thursday.get_absolute_url()
    data = client.get(base + "embed.json").json()
    assert data["release"]["number"] == thursday.number
    assert data["release"]["url"] == "http://testserver" + base
    names = [(r["name"], r["votes"]) for r in data["results"]]
    assert names[:2] == [("Rick Caruso", 273941), ("Karen Bass", 271246)]
    since = data["since"]
    assert (
        "The lead changed: Rick Caruso led in this release; Karen Bass finished ahead."
        in (since["lines"])
    )
    assert since["latest"]["is_final"] is True
    assert since["latest"]["number"] > thursday.number

    texts = svg_texts(client.get(base + "embed.svg"))
    assert "Rick Caruso" in texts and "Karen Bass" in texts
    assert "50.25% · 273,941" in texts and "49.75% · 271,246" in texts
    assert "Since then:" in texts
    assert any("Karen Bass won" in t for t in texts)
    link = "http://testserver" + base
    assert texts[-1] == "Tally · " + (link if len(link) <= 60 else link[:59] + "…")


def test_the_latest_release_has_nothing_since(client, demo):
    latest = Election.objects.get(slug=GENERAL).releases.order_by("-released_at").first()
    data = client.get(latest.get_absolute_url() + "embed.json").json()
    assert data["since"] is None
    assert "Since then:" not in svg_texts(client.get(latest.get_absolute_url() + "embed.svg"))


def test_a_story_embed_shows_the_count_it_saw_and_what_came_after(client, demo):
    story = Article.objects.get(slug="caruso-holds-early-edge-over-bass")
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'href="{story.get_absolute_url()}embed.svg"' in page
    data = client.get(story.get_absolute_url() + "embed.json").json()
    assert data["story"]["headline"] == story.headline
    assert data["results"][0]["name"] == "Rick Caruso"
    assert data["since"]["lines"][0] == "Karen Bass won; the result is now certified."
    texts = svg_texts(client.get(story.get_absolute_url() + "embed.svg"))
    assert "Since then:" in texts
    # The story's address is longer than the last line holds: cut, and said so.
    assert texts[-1].startswith("Tally · http://testserver/stories/2022/11/9/caruso-")
    assert texts[-1].endswith("…") and len(texts[-1]) == len("Tally · ") + 60


def test_names_are_escaped_in_the_svg(client):
    election = factories.election(slug="odd-names", status=Election.Status.COUNTING)
    odd = factories.candidate(name='<script>alert(1)</script> & "Co"', slug="odd")
    factories.candidacy(election=election, candidate=odd)
    release = factories.release(election=election, released_at=WEDNESDAY, votes={odd: 10})
    response = client.get(release.get_absolute_url() + "embed.svg")
    assert b"<script>" not in response.content
    assert '<script>alert(1)</script> & "Co"' in svg_texts(response)


def test_embeds_of_what_does_not_exist_are_404(client, demo):
    assert client.get("/elections/nowhere/updates/1/embed.svg").status_code == 404
    assert client.get(f"/elections/{GENERAL}/updates/999/embed.json").status_code == 404
    # A story published before any count has nothing to pin.
    poll = Article.objects.get(slug="poll-bass-leads-caruso-before-primary")
    assert client.get(poll.get_absolute_url() + "embed.svg").status_code == 404
    assert client.get("/stories/2022/02/30/x/embed.json").status_code == 404
