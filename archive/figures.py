"""Find the figures a story quotes: vote counts and reported percentages."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# 1,452,192 or 134099; a percentage like 50.25% or 41 percent. Plain numbers of
# four digits or fewer are left out: they are years, days and ages far more
# often than vote counts.
_NUMBER = re.compile(
    r"(?<![\w.,])(?:(?P<grouped>\d{1,3}(?:,\d{3})+)|(?P<plain>\d{5,})|"
    r"(?P<pct>\d{1,3}(?:\.\d+)?)(?=\s?(?:%|percent\b)))(?![\w]|,\d)"
)


# Words that say a figure is rounded on purpose ("about 900,000", "just under 2,700"): it was
# never meant to equal a count, even where it happens to.
_ROUNDED_BEFORE = re.compile(
    r"\b(?:about|around|nearly|roughly|almost|approximately|some|over|under|more than|"
    r"less than|fewer than|close to|just under|just over|upward of|at least)\s+$",
    re.IGNORECASE,
)
_LOOKBACK = 30  # characters: the longest of those words, with room to spare


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: object  # int for counts, Decimal for percentages
    is_percent: bool
    is_rounded: bool = False


def find_figures(text):
    figures = []
    if not _DIGIT.search(text):
        return figures  # most paragraphs quote nothing: one quick search, not the full regex
    for m in _NUMBER.finditer(text):
        if m.group("pct") is not None:
            try:
                value = Decimal(m.group("pct"))
            except InvalidOperation:
                continue
            figures.append(Figure(m.start(), m.end(), value, True, _rounded(text, m.start())))
        else:
            raw = m.group("grouped") or m.group("plain")
            value = int(raw.replace(",", ""))
            figures.append(Figure(m.start(), m.end(), value, False, _rounded(text, m.start())))
    return figures


def _rounded(text, start):
    return _ROUNDED_BEFORE.search(text, max(0, start - _LOOKBACK), start) is not None
