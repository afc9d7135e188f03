"""/sitemap.xml against the sitemaps.org schema, /robots.txt, and every page's meta tags."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from archive.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

XSD = Path(__file__).parent / "data" / "sitemap.xsd"
INDEX_XSD = Path(__file__).parent / "data" / "siteindex.xsd"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return etree.fromstring(response.content)


def sitemap_sections(client):
    """The index at /sitemap.xml (checked against the index schema) and the address of each
    sitemap it lists."""
    index = fetch(client, "/sitemap.xml")
    schema = etree.XMLSchema(etree.parse(str(INDEX_XSD)))
    assert schema.validate(index), schema.error_log
    return index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)


def sitemap(client):
    """Every section listed by the index, merged into one urlset after each is validated."""
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    merged = etree.Element(f"{{{NS['sm']}}}urlset", nsmap={None: NS["sm"]})
    for loc in sitemap_sections(client):
        section = fetch(client, loc.removeprefix("http://testserver"))
        assert schema.validate(section), (loc, schema.error_log)
        merged.extend(section)
    return merged


def test_sitemap_is_valid_and_lists_public_stories_candidates_and_elections(client, demo):
    draft = factories.article(headline="Draft", status=Article.Status.DRAFT, published_at=None)
    future = factories.article(published_at=timezone.now() + datetime.timedelta(days=2))
    tree = sitemap(client)
    locs = tree.xpath("//sm:url/sm:loc/text()", namespaces=NS)
    for story in Article.objects.published():
        assert "http://testserver" + story.get_absolute_url() in locs
    assert "http://testserver/candidates/karen-bass/" in locs
    assert "http://testserver/elections/los-angeles-mayor-2022-11-08/" in locs
    assert not [loc for loc in locs if f"/{draft.slug}/" in loc or f"/{future.slug}/" in loc]
    story = Article.objects.published().first()
    url = tree.xpath(
        "//sm:url[sm:loc=$loc]/sm:lastmod/text()",
        namespaces=NS,
        loc="http://testserver" + story.get_absolute_url(),
    )
    # The day it was published (the demo was loaded today, years after), since no
    # editor has changed it since.
    assert url == [timezone.localtime(story.published_at).strftime("%Y-%m-%d")]


def test_a_large_section_is_split_into_pages_the_index_lists(client, demo, monkeypatch):
    from public.sitemaps import StorySitemap

    monkeypatch.setattr(StorySitemap, "limit", 2)
    pages = [loc for loc in sitemap_sections(client) if "sitemap-stories.xml" in loc]
    published = Article.objects.published().count()
    assert len(pages) == (published + 1) // 2
    locs = sitemap(client).xpath("//sm:url/sm:loc/text()", namespaces=NS)
    for story in Article.objects.published():
        assert locs.count("http://testserver" + story.get_absolute_url()) == 1


def test_the_schema_would_catch_a_broken_sitemap():
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    broken = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://testserver/x/</loc><priority>2</priority></url></urlset>"
    )
    assert not schema.validate(broken)


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text and "Disallow: /stories/preview/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split("</head>")[0]


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/", "Tally"),
        ("/candidates/karen-bass/", "Karen Bass"),
        ("/elections/los-angeles-mayor-2022-11-08/", "Los Angeles Mayor"),
    ],
)
def test_every_page_has_a_canonical_link_and_open_graph_tags(client, demo, url, title):
    html = head(client, url + "?utm_source=x")
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert re.search(rf'<meta property="og:title" content="{title}[^"]*">', html)
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:description" content="' in html


def test_story_page_has_article_tags_and_news_article_json_ld(client, demo):
    story = Article.objects.published().filter(candidate_links__isnull=False).first()
    story.headline = 'Bass & Caruso: "close" </script><script>alert(1)</script>'
    story.save()
    html = head(client, story.get_absolute_url())
    assert '<meta property="og:type" content="article">' in html
    assert "<script>alert(1)</script>" not in html
    assert (
        '<meta property="og:title" content="Bass &amp; Caruso: &quot;close&quot; '
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    ) in html
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.headline
    assert data["url"] == "http://testserver" + story.get_absolute_url()
    about = {(a["@type"], a["name"]) for a in data["about"]}
    for candidate in story.candidates.filter(article_links__is_suppressed=False):
        assert ("Person", candidate.name) in about
    assert any(kind == "Event" and name.startswith("Los Angeles Mayor") for kind, name in about)
    assert data["datePublished"] == story.published_at.isoformat()
