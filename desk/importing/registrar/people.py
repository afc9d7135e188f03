"""People, not ballot strings: the registrar's ballot names ("KAREN RUTH BASS") matched to the
candidates Tally holds, or made into new candidates with names a reader would write.

A ballot name is the candidate it matches when exactly one candidate matches it, by any of:
the first and last words of the candidate's name ("Karen Bass"), ignoring Jr., Sr., II, III and
IV; one of their press names; a ballot name already stored on one of their candidacies. Case
and accents are folded, so "KEVIN DE LEON" is "Kevin de León". Two candidates matching is no
match: a new candidate is safer than a story linked to the wrong person, and an editor can
merge two people where Tally cannot tell them apart.

A name is not enough between contests, so a match must also agree with what the ballot says
beside it: the party printed on the line, where both this line and the candidate's earlier lines
print one, and, on one election day, the registrar's group of contests. On the 2022 general
"ALEX PADILLA" (Democratic) stands for both of the senate's terms, one person; "ALEX PADILLA"
(Non Partisan) for Inglewood's council is his namesake, and a candidate of his own.
"""

import re
import unicodedata
from collections import defaultdict

from django.utils.text import slugify

from candidates.models import Candidate
from elections.models import Candidacy

# Words after a surname that say which of a family, not who: never a last name.
GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}
# Lower case inside a name ("Kevin de León", "Miguel de la Rosa"), never first or last. "Al"
# and "El" are left out: they are given names and the start of hyphenated names far more often.
PARTICLES = {"da", "das", "de", "del", "della", "der", "di", "dos", "du", "la", "le", "van", "von"}
ROMAN = {"II", "III", "IV"}
# A word with its wrapping: '"MAEBE', 'ORTIZ,', 'JR.', '(MONICA)'.
WRAPPED = re.compile(r"""(?P<lead>[("'“]*)(?P<core>.*?)(?P<trail>[)"'”,.]*)""")


def fold(text):
    """Lower case, without accents, single spaces: what two spellings of a name share."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def first_and_last(name):
    """The folded first and last words of a name, or None for a name of one word."""
    words = [w.strip("\"'“”().,") for w in fold(name).split()]
    words = [w for w in words if w]
    while len(words) > 2 and words[-1] in GENERATIONS:
        words.pop()
    return (words[0], words[-1]) if len(words) >= 2 else None


def readable_name(ballot_name):
    """The registrar's capitals as a reader would write them: "KEVIN DE LEÓN" is
    "Kevin de León", "MCDONALD" "McDonald", "O'BRIEN" "O'Brien", "JOHN SMITH JR." "John
    Smith Jr.", "JOE E. COLLINS III" "Joe E. Collins III". A name already in mixed case was
    written by someone who knew, and is kept. "MAC" is not a prefix here: "Mack", "Machado"
    and "Mackenzie" are more common on these ballots than "MacDonald"."""
    words = ballot_name.split()
    if any(c.islower() for c in ballot_name):
        return " ".join(words)
    return " ".join(
        _readable_word(word, is_inner=0 < number < len(words) - 1)
        for number, word in enumerate(words)
    )


def _readable_word(word, is_inner):
    lead, core, trail = WRAPPED.fullmatch(word).group("lead", "core", "trail")
    if core in ROMAN:
        return word
    if is_inner and not lead and not trail and core.lower() in PARTICLES:
        return lead + core.lower() + trail
    return lead + "-".join(_readable_part(part) for part in core.split("-")) + trail


def _readable_part(part):
    pieces = re.split(r"(['’])", part)
    return "".join(_capitalized(piece) for piece in pieces)


def _capitalized(piece):
    if len(piece) > 2 and piece.upper().startswith("MC"):
        return "Mc" + piece[2:].capitalize()
    return piece.capitalize()


class People:
    """The candidates Tally holds, indexed by what a ballot name can match; made once per
    import, and told of each candidate the import adds, so that one person standing in two
    contests (a senator's full and short terms) is one candidate."""

    def __init__(self, day=None):
        """day: the pk of the election day being imported, whose groups a name must share."""
        self._index = defaultdict(list)  # a key a ballot name can have -> [Candidate]
        self._parties = defaultdict(set)  # _key(candidate) -> folded parties of their lines
        self._groups = defaultdict(set)  # _key(candidate) -> their groups on this day
        self._slugs = set(Candidate.objects.values_list("slug", flat=True))
        candidates = {c.pk: c for c in Candidate.objects.only("pk", "name", "slug", "press_names")}
        for candidate in candidates.values():
            self._add(candidate, candidate.name, candidate.press_names)
        stored = Candidacy.objects.filter(candidate__isnull=False)
        lines = stored.values_list(
            "candidate_id", "ballot_name", "party", "election__election_day_id", "election__group"
        )
        for candidate_id, ballot_name, party, day_id, group in lines:
            candidate = candidates[candidate_id]
            if ballot_name:
                self._index[("name", fold(ballot_name))].append(candidate)
            self._learn(candidate, party, group if day and day_id == day else None)

    def match(self, ballot_name, standing=(), party="", group=None):
        """The one candidate this ballot name names, or None. standing: candidates already in
        the contest, who cannot stand in it twice; party and group: what the ballot prints
        beside the name, and the group of its contest on the day being imported."""
        hits = [*self._index.get(("name", fold(ballot_name)), ())]
        words = first_and_last(ballot_name)
        if words:
            hits += self._index.get(("words", *words), ())
        excluded = {_key(c) for c in standing}
        found = {
            _key(c): c
            for c in hits
            if _key(c) not in excluded and self._agrees(_key(c), fold(party), group)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def placed(self, candidate, party="", group=None):
        """Note that this import put a candidate on a line: later lines must agree with it."""
        self._learn(candidate, party, group)

    def _agrees(self, key, party, group):
        parties, groups = self._parties[key], self._groups[key]
        return (not party or not parties or party in parties) and (
            group is None or not groups or group in groups
        )

    def _learn(self, candidate, party, group):
        if party:
            self._parties[_key(candidate)].add(fold(party))
        if group is not None:
            self._groups[_key(candidate)].add(group)

    def new(self, ballot_name):
        """A new candidate (unsaved) for a ballot name that matched nobody, with a slug no
        other candidate has, and known to later matches."""
        name = readable_name(ballot_name)
        candidate = Candidate(name=name, slug=self._free_slug(name))
        self._add(candidate, name, [], ballot_name)
        return candidate

    def _add(self, candidate, name, press_names, ballot_name=None):
        words = first_and_last(name)
        if words:
            self._index[("words", *words)].append(candidate)
        for other in [*press_names, ballot_name]:
            if other:
                self._index[("name", fold(other))].append(candidate)

    def _free_slug(self, name):
        limit = Candidate._meta.get_field("slug").max_length - 4
        base = slugify(name)[:limit].strip("-") or "candidate"
        slug, number = base, 1
        while slug in self._slugs:
            number += 1
            slug = f"{base}-{number}"
        self._slugs.add(slug)
        return slug


def _key(candidate):
    """Who a candidate is: the stored row, or for one this import is about to add, the object."""
    return candidate.pk or id(candidate)
