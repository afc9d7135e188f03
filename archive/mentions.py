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


# Lower-case words that belong to a surname: "Kevin de León", "Ludwig van Beethoven".
_PARTICLES = {"de", "del", "della", "der", "di", "da", "du", "la", "le", "van", "von", "st."}
# Capitalised words that can stand before a surname without being someone's given name.
NOT_GIVEN = set(
    re.findall(
        r"\w+",
        """The A An And But Or Nor So Yet When While If As In On At For Of To By With From After
        Before Since Then That This These Those Both Neither Either Like Unlike Only Even Also
        Former Mayor Rep Sen Gov Governor Senator Councilmember Councilwoman Councilman
        Supervisor Judge Sheriff President Candidate Challenger Incumbent Congresswoman
        Congressman Assemblymember Assemblywoman Assemblyman Mr Mrs Ms Miss Mx Dr Team Camp
        Elect Vote Voters Register Registrar County City State Los Angeles January February
        March April May June July August September October November December Monday Tuesday
        Wednesday Thursday Friday Saturday Sunday""",
    )
)
_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’)]*\s+)$")
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+$")
_LOOKBACK = 60  # characters: longer than any given name or honorific with its spaces
_APPOSITION = re.compile(r",\s+(?:a|an)\s+[a-z]")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    candidate_ids: frozenset
    is_bare: bool  # a surname alone ("Bass", "de León"), which needs the story's context
    key: str = ""  # the name as written, the same for every mention of one surname
    is_someone_else: bool = False  # "Dr. Maria Caruso, a dentist": this surname, not theirs
    # Those who give this name themselves (a press name), not only as their full name's end.
    given_by: frozenset = frozenset()


def surname(full_name):
    """The surname in a full name: its last word, with the particles before it."""
    words = full_name.split()
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[start:]) if len(words) > 1 else ""


# Words after a surname that say which of a family: the press leaves them out.
_GENERATIONS = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}


def short_form(full_name):
    """A full name as the press writes it, without middle names, initials or Jr.: "Faisal
    M. Gill" is "Faisal Gill", "Katy Young Yaroslavsky" "Katy Yaroslavsky". None where that
    is the name itself, or where it starts with an initial ("C. Joseph Chang")."""
    words = [word.rstrip(",") for word in full_name.split()]
    while len(words) > 2 and words[-1] in _GENERATIONS:
        words.pop()
    first = words[0] if words else ""
    if len(words) < 2 or first.endswith(".") or not first[:1].isalpha():
        return None
    short = f"{first} {surname(' '.join(words))}"
    return short if len(short.split()) < len(full_name.split()) else None


class NameIndex:
    """All candidates' names, ready to be found in text."""

    def __init__(self, names_by_candidate):
        """names_by_candidate: {candidate_id: [full name, press name, ...]}."""
        self._by_first = {}
        self.surnames_of = {}  # candidate id -> the surnames alone that find them
        self.longest = 1
        # Names someone gives (a full or press name): another's short form never shares one,
        # so "Karen Ruth Bass" leaves "Karen Bass" to the Karen Bass who is called that.
        given_names = {
            tuple(_WORD.findall(name)) for names in names_by_candidate.values() for name in names
        }
        for candidate_id, names in names_by_candidate.items():
            full = _SPACE.sub(" ", names[0].strip()) if names else ""
            # A surname alone finds its candidate, as newsrooms write on second reference.
            implied = surname(full) if full else ""
            # So does the name without its middle ones, as the press writes it.
            short = short_form(full) if full else None
            if short and tuple(_WORD.findall(short)) in given_names:
                short = None
            derived = [n for n in (short, implied) if n]
            for name in [*names, *derived]:
                tokens = tuple(_WORD.findall(name))
                if not tokens:
                    continue
                canonical = _SPACE.sub(" ", name.strip())
                entry = self._by_first.setdefault(tokens[0], {}).setdefault(
                    tokens,
                    {"text": canonical, "ids": set(), "given": set(), "bare": len(tokens) == 1},
                )
                entry["ids"].add(candidate_id)
                if name is not implied:
                    entry["given"].add(candidate_id)
                # A surname of several words ("de León", "O'Hara") is as bare as "Bass".
                if canonical != full and full.endswith(" " + canonical):
                    entry["bare"] = True
                if entry["bare"]:
                    self.surnames_of.setdefault(candidate_id, set()).add(canonical)
                self.longest = max(self.longest, len(tokens))
        self._starts = _starts_of(self._by_first)
        # Longest names first, so "Karen Bass" is tried before "Karen".
        self._by_first = {
            first: sorted(
                (
                    (tokens, e["text"], frozenset(e["ids"]), e["bare"], frozenset(e["given"]))
                    for tokens, e in entries.items()
                ),
                key=lambda item: -len(item[0]),
            )
            for first, entries in self._by_first.items()
        }

    def find(self, text):
        """Every mention in the text, left to right, never overlapping."""
        by_first = self._by_first
        mentions = []
        taken_to = 0  # where the last mention ended: mentions never overlap
        # Only words that begin as some name does are looked at: most words of a story begin
        # with a lower-case letter no name starts with, and are passed over inside the regex.
        for word in self._starts.finditer(text):
            if word.start() < taken_to:
                continue
            options = by_first.get(word.group())
            if not options:
                continue
            following = None
            for tokens, canonical, ids, is_bare, given_by in options:
                n = len(tokens)
                end = word.end()
                if n > 1:
                    if following is None:
                        more = _WORD.finditer(text, word.end())
                        following = [w for _, w in zip(range(self.longest - 1), more, strict=False)]
                    rest = following[: n - 1]
                    if tuple(w.group() for w in rest) != tokens[1:]:
                        continue
                    end = rest[-1].end()
                start = word.start()
                if n == 1 or _SPACE.sub(" ", text[start:end]) == canonical:
                    someone_else = is_bare and _someone_else(text, start, end)
                    mentions.append(
                        Mention(start, end, ids, is_bare, canonical, someone_else, given_by)
                    )
                    taken_to = end
                    break
        return mentions


def _starts_of(firsts):
    """A regex of the words that can start a name: those beginning with a capital that starts
    one, and the few lower-case words that do ("de" of "de León" on second reference)."""
    capitals = "".join(re.escape(c) for c in sorted({f[0] for f in firsts if f[0].isupper()}))
    others = sorted((f for f in firsts if not f[0].isupper()), key=len, reverse=True)
    choices = [rf"[{capitals}]\w*"] if capitals else []
    if others:
        choices.append(rf"(?:{'|'.join(map(re.escape, others))})(?!\w)")
    return re.compile(rf"(?<!\w)(?:{'|'.join(choices)})") if choices else re.compile(r"(?!)")


def _someone_else(text, start, end):
    """A surname written as another person's: after a given name that is none of the
    candidates' ("Maria Caruso"), or after Mr. or Dr. with a description of a private person
    ("Mr. Bass, a voter")."""
    described = _APPOSITION.match(text, end) is not None
    # Only the few words before count: a search from the paragraph's start would cost the
    # whole paragraph for every surname in it, on every relink.
    near = max(0, start - _LOOKBACK)
    if _HONORIFIC_BEFORE.search(text, near, start):
        return described
    before = _WORD_BEFORE.search(text, near, start)
    if before is None or before.group(1) in NOT_GIVEN:
        return False
    at_sentence_start = (
        _SENTENCE_START.search(text, max(0, before.start() - 8), before.start()) is not None
    )
    return described or not at_sentence_start


def named_in_full(mentions):
    """The candidates a text names by a full name that belongs to them alone."""
    named = set()
    for mention in mentions:
        if not mention.is_bare and len(mention.candidate_ids) == 1:
            named |= mention.candidate_ids
    return named


@dataclass
class Undecided:
    """A mention the story does not settle: a name several candidates answer to here
    (is_ambiguous), or a surname that points to none of those the story is about."""

    text_index: int
    mention: Mention
    options: frozenset  # the candidates it could be
    is_ambiguous: bool


def resolve_story(texts, named, contest_ids, campaign_ids, surnames_of, decided=None):
    """Decide who each mention names, through a story's texts in order (headline first);
    return, per text, [(mention, candidate_id)] for the mentions that resolve, and the
    [Undecided] mentions, one per name as written.

    A full name counts wherever it appears (if two people share it, the story decides as for
    surnames). A surname alone is the person last named in full with it, in the story so
    far; "Dr. Maria Caruso" makes a later "Caruso" hers, so nobody's. Before any such, it
    counts only where it points to one candidate: among those the story names in full
    anywhere (named), else among those standing in the same contests (contest_ids), else,
    for a surname a candidate gives as a press name, among those standing in elections
    around the story's date (campaign_ids): never by chance among everyone on a ballot.
    Where none of these settles it, an editor's choice for the name as written (decided:
    {name: candidate_id}) does.
    """
    decided = decided or {}
    last_named = {}  # surname as written -> candidate id, or None for someone else
    resolved_texts = []
    undecided = {}
    for text_index, mentions in enumerate(texts):
        resolved = []
        for mention in mentions:
            ids = mention.candidate_ids
            if not mention.is_bare and len(ids) == 1:
                (candidate_id,) = ids
                resolved.append((mention, candidate_id))
                for key in surnames_of.get(candidate_id, ()):
                    last_named[key] = candidate_id
                continue
            if mention.is_someone_else:
                last_named[mention.key] = None
                continue
            if mention.key in last_named:
                candidate_id = last_named[mention.key]
                if candidate_id in ids:
                    resolved.append((mention, candidate_id))
                continue
            pools = (named, contest_ids, campaign_ids & mention.given_by)
            candidate_id, options = _from_pools(ids, pools)
            if candidate_id is None and decided.get(mention.key) in ids:
                candidate_id = decided[mention.key]
            if candidate_id is not None:
                resolved.append((mention, candidate_id))
            elif mention.key not in undecided and (options or ids & campaign_ids):
                # Not settled in this story: link nobody, and ask about those it could be
                # (a surname of nobody standing around the story's date is not asked about).
                undecided[mention.key] = Undecided(
                    text_index, mention, options or ids & campaign_ids, bool(options)
                )
        resolved_texts.append(resolved)
    return resolved_texts, list(undecided.values())


def _from_pools(ids, pools):
    """(the one candidate the first pool holding any of ids settles on, else None; the
    candidates of a pool that holds several)."""
    for pool in pools:
        hits = ids & pool
        if len(hits) == 1:
            return next(iter(hits)), frozenset()
        if len(hits) > 1:
            return None, frozenset(hits)
    return None, frozenset()
