"""Find candidates' names in text: whole words, case as written, longest name first.

Text and names are split into word tokens; a name matches where its tokens
follow one another in the text with the same characters between them, so
"Rep. Karen Bass" matches only as written and "Bassett" or "bass" never match
"Bass". Looking tokens up in a dict keeps the cost per word constant however
many candidates there are.
"""

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    candidate_ids: frozenset
    is_bare: bool  # a surname alone ("Bass", "de León"), which needs the story's context


class NameIndex:
    """All candidates' names, ready to be found in text."""

    def __init__(self, names_by_candidate):
        """names_by_candidate: {candidate_id: [full name, press name, ...]}."""
        self._by_first = {}
        self.longest = 1
        for candidate_id, names in names_by_candidate.items():
            full = _SPACE.sub(" ", names[0].strip()) if names else ""
            for name in names:
                tokens = tuple(_WORD.findall(name))
                if not tokens:
                    continue
                canonical = _SPACE.sub(" ", name.strip())
                entry = self._by_first.setdefault(tokens[0], {}).setdefault(
                    tokens, {"text": canonical, "ids": set(), "bare": len(tokens) == 1}
                )
                entry["ids"].add(candidate_id)
                # A surname of several words ("de León", "O'Hara") is as bare as "Bass".
                if canonical != full and full.endswith(" " + canonical):
                    entry["bare"] = True
                self.longest = max(self.longest, len(tokens))
        # Longest names first, so "Karen Bass" is tried before "Karen".
        self._by_first = {
            first: sorted(
                (
                    (tokens, e["text"], frozenset(e["ids"]), e["bare"])
                    for tokens, e in entries.items()
                ),
                key=lambda item: -len(item[0]),
            )
            for first, entries in self._by_first.items()
        }

    def find(self, text):
        """Every mention in the text, left to right, never overlapping."""
        by_first = self._by_first
        words = list(_WORD.finditer(text))
        mentions = []
        skip_to = 0
        for i, word in enumerate(words):
            if i < skip_to:
                continue
            options = by_first.get(word.group())
            if not options:
                continue
            for tokens, canonical, ids, is_bare in options:
                n = len(tokens)
                if n > 1 and tuple(w.group() for w in words[i : i + n]) != tokens:
                    continue
                start, end = word.start(), words[i + n - 1].end()
                if n == 1 or _SPACE.sub(" ", text[start:end]) == canonical:
                    mentions.append(Mention(start, end, ids, is_bare=is_bare))
                    skip_to = i + n
                    break
        return mentions


def named_in_full(mentions):
    """The candidates a text names by a full name that belongs to them alone."""
    named = set()
    for mention in mentions:
        if not mention.is_bare and len(mention.candidate_ids) == 1:
            named |= mention.candidate_ids
    return named


def resolve(mentions, context_ids, named=None):
    """Decide who each mention names; return [(mention, candidate_id)] for the ones that resolve.

    A full name counts wherever it appears (if two people share it, the story's
    context decides as for surnames). A bare surname counts only where it points
    to one candidate: first among those the story names in full anywhere (named,
    else those of these mentions), else among the candidates standing in
    elections around the story's date (context_ids).
    """
    if named is None:
        named = named_in_full(mentions)
    resolved = []
    for mention in mentions:
        ids = mention.candidate_ids
        if not mention.is_bare and len(ids) == 1:
            resolved.append((mention, next(iter(ids))))
            continue
        for pool in (named, context_ids):
            hits = ids & pool
            if len(hits) == 1:
                resolved.append((mention, next(iter(hits))))
                break
            if len(hits) > 1:
                break  # ambiguous in this story: link nobody
    return resolved
