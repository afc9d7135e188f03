"""Whose figure is it: the candidate a sentence gives each figure to.

A figure belongs to the candidate named nearest before it in its sentence ("Rick Caruso had
273,941 votes", "Caruso 273,941 (50.25%), Bass 271,246"), unless the words after it hand it
on ("48.8% for Karen Bass", "271,246 votes to Karen Bass"). A figure in a sentence that
names nobody belongs to nobody: it can be a contest's figure (ballots counted or left, total
votes, a margin), never a candidate's.
"""

import re

# A sentence ends at . ! or ? followed by space and a capital or a quote, except after the
# abbreviations newsrooms put before names.
_ABBREVIATIONS = {"Rep", "Sen", "Gov", "Dr", "Mr", "Mrs", "Ms", "Mx", "St", "Jr", "Sr", "No"}
_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\w+)$")
# What may stand between a figure and the candidate it is handed on to.
_HANDED_ON = re.compile(
    r"\s*(?:%|percent)?\)?\s*(?:of the (?:vote|votes|ballots)\s*)?(?:votes?\s*)?"
    r"(?:for|to|went to|going to)\s+$",
    re.IGNORECASE,
)

# "54.83% to Caruso's 45.17%": the figure after the name is the one handed on.
_POSSESSIVE = re.compile(r"['’]s\b")


def sentence_spans(text):
    """[(start, end)] of the text's sentences."""
    spans, start = [], 0
    for match in _END.finditer(text):
        # The word just before, not a search from the start for every full stop.
        word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if word and word.group(1) in _ABBREVIATIONS:
            continue
        spans.append((start, match.start() + 1))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def attribute(text, figures, mentions):
    """{figure: candidate_id or None}; mentions are [(start, end, candidate_id)] resolved in
    the same text, figures have .start and .end."""
    spans = sentence_spans(text)
    owners = {}
    for figure in figures:
        start, end = next(((s, e) for s, e in spans if s <= figure.start < e), (0, len(text)))
        here = [m for m in mentions if start <= m[0] < end]
        after = [m for m in here if m[0] >= figure.end]
        if (
            after
            and _HANDED_ON.fullmatch(text[figure.end : after[0][0]])
            and not _POSSESSIVE.match(text, after[0][1])
        ):
            owners[figure] = after[0][2]
            continue
        before = [m for m in here if m[1] <= figure.start]
        owners[figure] = before[-1][2] if before else None
    return owners
