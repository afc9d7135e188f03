"""Plain text to a ParsedStory: a header block when there is one, else the scraper's layout."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone

from desk.importing.cleaning import clean_lines
from elections.checks import year_problem

HEADER_KEYS = {
    "title": "headline",
    "headline": "headline",
    "date": "published_at",
    "published": "published_at",
    "published_at": "published_at",
    "byline": "byline",
    "author": "byline",
    "by": "byline",
    "publication": "publication",
    "source": "publication",
    "url": "source_url",
    "source_url": "source_url",
    "tags": "tags",
    "dek": "dek",
    "summary": "dek",
}
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z_ ]{2,20}):\s*(?P<value>.*)$")


class BadValue(ValueError):
    """A value in the file or manifest that cannot be read; the message names it."""


@dataclass
class ParsedStory:
    headline: str = ""
    body: str = ""
    dek: str = ""
    byline: str = ""
    publication: str = ""
    source_url: str = ""
    published_at: datetime.datetime | None = None
    tags: list = field(default_factory=list)


_DATE_FORMATS = [
    "%B %d, %Y %I:%M %p",
    "%B %d, %Y, %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y, %I:%M %p",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]


def parse_datetime(value):
    """A publication time as written; naive times are read in the site's time zone.

    Only whole, unambiguous dates are accepted: this must never guess.
    """
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        cleaned = re.sub(r"\s+", " ", value.replace(".", "")).strip()
        cleaned = re.sub(r"\s*\b(PT|PST|PDT|ET|EST|EDT|local time)$", "", cleaned, flags=re.I)
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.datetime.strptime(cleaned, fmt.replace(".", ""))
                break
            except ValueError:
                continue
        else:
            raise BadValue(f"cannot read the date {value!r}; use ISO 8601") from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    # Checked in UTC too, as stored, where an offset can carry 9999-12-31 into year 10000.
    try:
        years = {parsed.year, parsed.astimezone(datetime.UTC).year}
    except OverflowError:
        years = {10000}
    for year in sorted(years):
        if problem := year_problem(year):
            raise BadValue(f"the date {value!r} is out of range: {problem}")
    return parsed


def split_tags(value):
    return [t.strip() for t in re.split(r"[;,]", value) if t.strip()]


def parse_text(text):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").split("\n")
    story = ParsedStory()
    lines = _read_header(lines, story)
    lines = clean_lines(lines)
    paragraphs = _paragraphs(lines)
    if not story.headline:
        paragraphs = _take_headline_and_byline(paragraphs, story)
    elif not story.byline:
        paragraphs = _take_byline(paragraphs, story)
    if not story.published_at:
        paragraphs = _take_dateline(paragraphs, story)
    story.body = "\n\n".join(paragraphs)
    return story


def _read_header(lines, story):
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    first = _HEADER_LINE.match(lines[start].strip()) if start < len(lines) else None
    if not first or first["key"].strip().lower().replace(" ", "_") not in HEADER_KEYS:
        return lines
    i = start
    while i < len(lines) and lines[i].strip():
        match = _HEADER_LINE.match(lines[i].strip())
        if not match:
            break
        key = HEADER_KEYS.get(match["key"].strip().lower().replace(" ", "_"))
        value = match["value"].strip()
        if key == "published_at":
            story.published_at = parse_datetime(value)
        elif key == "tags":
            story.tags = split_tags(value)
        elif key:
            setattr(story, key, value)
        i += 1
    return lines[i:]


def _paragraphs(lines):
    """Blank lines separate paragraphs; inside a block, hard-wrapped lines are joined."""
    blocks, block = [], []
    for line in [*lines, ""]:
        if line:
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    paragraphs = []
    for block in blocks:
        widths = [len(line) for line in block[:-1]]
        if widths and max(widths) <= 80 and sum(widths) / len(widths) >= 50:
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


_NAME = r"(?:[A-Z][a-z'’-]+|[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z][a-z]*[A-Z][a-z]+|de|van|von|la)"
_BYLINE = re.compile(
    rf"^(?:By\s+)?(?P<names>{_NAME}(?:\s+{_NAME}){{1,3}}"
    rf"(?:(?:,\s*|\s+and\s+){_NAME}(?:\s+{_NAME}){{1,3}})*)$"
)
_BY_PREFIX = re.compile(r"^By\s+(?P<names>[^.]{3,80})$")


def _looks_like_headline(paragraph):
    words = paragraph.split()
    return (
        3 <= len(words) <= 25
        and len(paragraph) <= 200
        and paragraph[-1] not in '.,;:"”’)'
        and paragraph[0] not in "\"“‘'("
    )


def _take_headline_and_byline(paragraphs, story):
    if paragraphs and _looks_like_headline(paragraphs[0]) and len(paragraphs) > 1:
        story.headline = paragraphs[0]
        paragraphs = paragraphs[1:]
    return _take_byline(paragraphs, story)


def _take_byline(paragraphs, story):
    for i, paragraph in enumerate(paragraphs[:2]):
        match = _BY_PREFIX.match(paragraph) or _BYLINE.match(paragraph)
        if match and len(paragraphs) > i + 1:
            story.byline = story.byline or match["names"].strip()
            return paragraphs[:i] + paragraphs[i + 1 :]
    return paragraphs


_DATELINE = re.compile(
    r"^(?:(?:Published|Posted|Updated)(?: on)?:?\s+)(?P<date>.{6,40})$|^(?P<bare>"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}(?:,? \d{1,2}:\d{2} ?[AaPp]\.?[Mm]\.?(?: [A-Z]{2,3})?)?)"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)$"
)


def _take_dateline(paragraphs, story):
    """A date printed on its own line near the top ('Published: Nov. 10, 2022'), never one in a
    sentence: a story's text mentions many dates that are not its own."""
    for i, paragraph in enumerate(paragraphs[:4]):
        match = _DATELINE.match(paragraph)
        if not match:
            continue
        try:
            story.published_at = parse_datetime(match["date"] or match["bare"])
        except BadValue:
            continue
        return paragraphs[:i] + paragraphs[i + 1 :]
    return paragraphs
