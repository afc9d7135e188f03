"""Find the candidate a search names, however the searcher spelt it.

Core PostgreSQL has no trigram or unaccent functions (they are contrib), so the
matching runs in Python over one query's worth of names: each name is folded
(accents off, lower case), then compared with every run of the query's words
of the same length, allowing one slip in short names and two in long ones.
Nothing is kept between requests, so a new candidate is found at once on every
server.
"""

import re
import unicodedata
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from candidates.models import Candidate

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Titles and particles alone say nothing about who is meant.
_WEAK_WORDS = {
    "the", "of", "and", "or", "rep", "mayor", "congresswoman", "congressman",
    "councilmember", "council", "member", "mr", "mrs", "ms", "dr", "sen", "senator",
    "de", "la", "del", "van", "von", "le", "di", "da",
}  # fmt: skip
# Longest run of query words compared with a name.
_MAX_NAME_WORDS = 4
# At most this many query words are looked at: names come early in real searches.
_MAX_QUERY_WORDS = 12


def fold(text):
    """Lower case without accents: 'de León' -> 'de leon'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().replace("’", "'")


def words(text):
    return _WORD.findall(fold(text))


def allowed_slips(name):
    """Edits tolerated in a name of this length: none in short names, where one slip
    makes another word ('bass' -> 'bas', 'lee' -> 'lea')."""
    if len(name) < 5:
        return 0
    if len(name) < 12:
        return 1
    return 2


def within(a, b, limit):
    """Whether a and b are at most `limit` insertions, deletions or substitutions apart."""
    if abs(len(a) - len(b)) > limit:
        return False
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a, b = a[start:end_a], b[start:end_b]
    if not a or not b:
        return max(len(a), len(b)) <= limit
    if limit == 0:
        return False
    return (
        within(a[1:], b[1:], limit - 1)
        or within(a[1:], b, limit - 1)
        or within(a, b[1:], limit - 1)
        or (len(a) > 1 and len(b) > 1 and a[0] == b[1] and a[1] == b[0]
            and within(a[2:], b[2:], limit - 1))
    )  # fmt: skip


@dataclass
class NameMatch:
    """The best candidates a query names, the words that named them, and the name meant."""

    candidates: list = field(default_factory=list)  # slugs, best first
    span: tuple = (0, 0)  # query word positions [start, end)
    written: str = ""  # the name as stored: "Karen Bass", "de León"
    is_exact: bool = False

    def __bool__(self):
        return bool(self.candidates)


def _chunks(query):
    """The query's space-separated pieces, each with the folded words it holds;
    words after a minus sign (exclusions) and the operator 'or' are never names."""
    for raw in (query or "").split():
        found = words(raw)
        if raw.lstrip('"').startswith("-"):
            yield raw, [None] * len(found)
        else:
            yield raw, [None if w == "or" else w for w in found]


def _name_table(initials):
    """The candidates' folded names that start with one of `initials`, by word count and
    first letter. Folding a thousand candidates' names costs more than the search itself,
    so the whole table is kept in the shared cache until a candidate's names change
    (forget_names), when page caching is on."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        table = _build_name_table()
    else:
        generation = cache.get_or_set(GENERATION_KEY, _new_generation, timeout=None)
        key = f"tally:search-names:{generation}"
        table = cache.get(key)
        if table is None:
            table = _build_name_table()
            cache.set(key, table, 24 * 60 * 60)
    return {key: names for key, names in table.items() if key[1] in initials}


GENERATION_KEY = "tally:search-names:generation"


def _new_generation():
    # Never a value used before, so a lost key cannot bring back an old table.
    return uuid.uuid4().hex


def forget_names(sender=None, **kwargs):
    """Candidates changed (candidates.events): the next search reads their names afresh,
    once the change is committed. A cache concern, so it listens."""
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, _new_generation(), timeout=None))


def _build_name_table():
    table = {}
    rows = Candidate.objects.order_by().values_list("slug", "name", "press_names")
    for slug, name, press_names in rows:
        for written in {name, *press_names}:
            folded = tuple(words(written))
            if not folded or all(w in _WEAK_WORDS for w in folded):
                continue
            key = " ".join(folded)
            bucket = table.setdefault((len(folded), key[0]), {})
            bucket.setdefault(key, []).append((slug, written == name, written))
    return table


def find_candidates(query, limit=3):
    """The candidates `query` names, best first: more words matched, then fewer
    slips, then a full name over a press name."""
    tokens = [w for _, found in _chunks(query) for w in found][:_MAX_QUERY_WORDS]
    if not any(tokens):
        return NameMatch()
    table = _name_table({w[0] for w in tokens if w})
    for size in range(min(_MAX_NAME_WORDS, len(tokens)), 0, -1):
        best_score, best = None, []
        for start in range(len(tokens) - size + 1):
            window = tokens[start : start + size]
            if None in window or all(w in _WEAK_WORDS for w in window):
                continue
            phrase = " ".join(window)
            for name, owners in _near(phrase, table.get((size, phrase[0]), {})):
                slips = 0 if name == phrase else 1 + (not within(name, phrase, 1))
                for slug, is_full_name, written in owners:
                    score = (-slips, is_full_name, -start)
                    if best_score is None or score > best_score:
                        best_score, best = score, []
                    if score == best_score:
                        best.append((slug, written, start))
        if best:
            slugs = list(dict.fromkeys(slug for slug, _, _ in best))[:limit]
            start = best[0][2]
            return NameMatch(
                candidates=slugs,
                span=(start, start + size),
                written=best[0][1],
                is_exact=best_score[0] == 0,
            )
    return NameMatch()


def _near(phrase, names):
    """The names within the slips allowed of `phrase` (same first letter: slips
    at the start of a name are rare, and checking fewer names keeps this fast)."""
    exact = names.get(phrase)
    if exact:
        yield phrase, exact
    for name, owners in names.items():
        limit = allowed_slips(name)
        if limit and name != phrase and within(name, phrase, limit):
            yield name, owners


def replace_span(query, span, replacement):
    """The query with the pieces holding the words in `span` replaced, the rest kept
    as the searcher wrote it."""
    start, end = span
    out, position, placed = [], 0, False
    for raw, found in _chunks(query):
        inside = found and start <= position and position + len(found) <= end
        if inside:
            if not placed and replacement:
                out.append(replacement)
            placed = True
        else:
            out.append(raw)
        position += len(found)
    return " ".join(out)
