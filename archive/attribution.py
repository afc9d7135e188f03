"""Whose figure is it: the candidate a sentence gives each figure to.

A figure belongs to the candidate named nearest before it in its sentence ("Rick Caruso had
273,941 votes", "Caruso 273,941 (50.25%), Bass 271,246"), unless the words after it hand it
on ("48.8% for Karen Bass", "271,246 votes to Karen Bass"). Two figures joined by "to" after
two names give the race as the names came ("Luna led Villanueva 770,084 to 563,482": the
first is Luna's, the second Villanueva's), and a share in brackets after a count is the
count's owner's ("273,941 (50.25%)"). A figure in a sentence that names nobody belongs to
nobody: it can be a contest's figure (ballots counted or left, total votes, a margin), never
a candidate's.
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
# "273,941 (50.25%)": what stands between a count and the share that goes with it.
_BRACKETED = re.compile(r"\s*\(\s*")
_BRACKET_END = re.compile(r"\s*(?:%|percent)\s*\)")
# "770,084 votes to 563,482", "57.75% to 42.25%", "273,941 (50.25%) to 271,246".
_PAIRED = re.compile(r"(?:\s*(?:%|percent))?\)?\s*(?:votes?|ballots?)?\s*,?\s*to\s+", re.IGNORECASE)
# "grew from 2,695 to 5,000": a change, not a race.
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)


def sentence_spans(text):
    """[(start, end)] of the text's sentences."""
    spans, start = [], 0
    for match in _END.finditer(text):
        # The word just before, not a search from the start for every full stop.
        word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if word and (word.group(1) in _ABBREVIATIONS or _is_initial(word.group(1))):
            continue
        spans.append((start, match.start() + 1))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_initial(word):
    """ "Mark P. Meuser": a middle initial, not the end of a sentence."""
    return len(word) == 1 and word.isupper()


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
    for start, end in spans:
        in_sentence = [f for f in figures if start <= f.start < end]
        if len(in_sentence) > 1:
            named = [m for m in mentions if start <= m[0] < end]
            _race_as_named(text, in_sentence, named, owners)
    return owners


def _race_as_named(text, figures, mentions, owners):
    """Give figure pairs joined by "to" to the last two people named before them, in order."""
    items = []  # [[count, its bracketed share?]], in the sentence's order
    for figure in sorted(figures, key=lambda f: f.start):
        if items and _is_bracketed_share(text, items[-1][-1], figure):
            items[-1].append(figure)
        else:
            items.append([figure])
    for first, second in zip(items, items[1:], strict=False):
        gap = text[first[-1].end : second[0].start]
        lead = first[0].start
        if not _PAIRED.fullmatch(gap) or _FROM_BEFORE.search(text, max(0, lead - 10), lead):
            continue
        named = []
        for m in sorted(mentions):
            if m[1] <= first[0].start and (not named or named[-1] != m[2]):
                named.append(m[2])
        if len(named) < 2 or named[-1] == named[-2]:
            continue
        for figure in first:
            owners[figure] = named[-2]
        for figure in second:
            owners[figure] = named[-1]


def _is_bracketed_share(text, count, figure):
    return (
        not count.is_percent
        and figure.is_percent
        and _BRACKETED.fullmatch(text[count.end : figure.start]) is not None
        and _BRACKET_END.match(text, figure.end) is not None
    )
