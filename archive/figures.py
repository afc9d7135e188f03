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


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: object  # int for counts, Decimal for percentages
    is_percent: bool


def find_figures(text):
    figures = []
    for m in _NUMBER.finditer(text):
        if m.group("pct") is not None:
            try:
                value = Decimal(m.group("pct"))
            except InvalidOperation:
                continue
            figures.append(Figure(m.start(), m.end(), value, is_percent=True))
        else:
            raw = m.group("grouped") or m.group("plain")
            figures.append(Figure(m.start(), m.end(), int(raw.replace(",", "")), False))
    return figures
