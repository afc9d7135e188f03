"""Saved web pages: trafilatura finds the story's text; metadata comes from the page's markup.

The publication time is read only from what the page declares (article:published_time, JSON-LD
datePublished, a <time datetime>); trafilatura's own date search may infer one from the URL or the
text, which would be a guess.
"""

import json

import lxml.html
import trafilatura

from desk.importing.parsing import BadValue, parse_datetime, parse_text
from desk.importing.reading import Refused

# Fewer words than this in what the extractor keeps is not a story: the shortest news
# brief runs to a few sentences.
MIN_STORY_WORDS = 25

_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "sailthru.date",
)


def parse_html(data: bytes):
    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise Refused(f"cannot read the HTML: {exc}") from None
    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    words = len((document.text or "").split()) if document is not None else 0
    if words < MIN_STORY_WORDS:
        # A page of navigation, a cookie notice or an error page is not a story, whatever
        # scraps of it the extractor returns ("menu").
        raise Refused(
            f"no story text found in the HTML page ({words} words; a story has at least "
            f"{MIN_STORY_WORDS})"
        )
    # The extracted text goes through the same cleaning as scraped text, one line a paragraph.
    story = parse_text("\n\n".join(line for line in document.text.splitlines() if line.strip()))
    story.headline = (document.title or "").strip() or story.headline
    story.byline = (document.author or "").strip() or story.byline
    story.publication = (document.sitename or "").strip()
    story.source_url = _canonical_url(tree) or (document.url or "").strip()
    story.dek = (document.description or "").strip()
    story.tags = [t.strip() for t in (document.tags or []) if t.strip()]
    story.published_at = _declared_date(tree)
    if story.headline and story.body.startswith(story.headline):
        story.body = story.body[len(story.headline) :].lstrip()
    return story


def _canonical_url(tree):
    for href in tree.xpath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content"):
        if href.strip().startswith(("http://", "https://")):
            return href.strip()
    return ""


def _declared_date(tree):
    candidates = []
    for meta in tree.xpath("//meta[@content]"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        if name.lower() in {n.lower() for n in _DATE_META}:
            candidates.append(meta.get("content"))
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        candidates.extend(_json_ld_dates(script))
    candidates.extend(tree.xpath("//article//time/@datetime"))
    for value in candidates:
        try:
            return parse_datetime(value or "")
        except BadValue:
            continue
    return None


def _json_ld_dates(script):
    try:
        data = json.loads(script)
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        items = data["@graph"]
    return [i["datePublished"] for i in items if isinstance(i, dict) and i.get("datePublished")]
