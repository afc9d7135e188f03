"""How a story's plain-text body divides into paragraphs: the one rule the linker, the
stored HTML, feeds and importers all follow."""

import re

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(body):
    """Paragraphs are separated by blank lines; a text with none (as many scrapers
    leave it) has one paragraph a line."""
    normalized = body.replace("\r\n", "\n").replace("\r", "\n")
    has_blank_lines = _BLANK_LINE.search(normalized) is not None
    parts = _BLANK_LINE.split(normalized) if has_blank_lines else normalized.split("\n")
    return [p.strip() for p in parts if p.strip()]


def first_paragraph(body):
    found = paragraphs(body)
    return found[0] if found else ""
