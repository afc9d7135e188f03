"""What the linker could not decide in a story, for an editor to settle on the desk.

Four kinds, found when a story is linked and stored with it (archive.models.questions):
a surname that points to none of those the story is about, a name several candidates
answer to, a figure that reads like a result but equals no release's, and a name that
reads like a person's but is no candidate's. One question per name or figure as written
in a story; an editor's answer applies to every place the story writes it, and relinking
keeps it (the linker reads the answers back).
"""

import re
from dataclasses import dataclass

from archive.attribution import sentence_spans
from archive.mentions import NOT_GIVEN

SURNAME = "surname"
AMBIGUOUS = "ambiguous"
FIGURE = "figure"
PERSON = "person"

_CONTEXT = 200  # characters of the sentence kept for the desk
_MAX_OPTIONS = 12

_COUNTED_AFTER = re.compile(r"\s*(?:\w+\s+){0,2}?(?:votes?|ballots?)\b", re.IGNORECASE)

# A person's name: two or three capitalised words, perhaps with an initial or a particle.
_NAME = r"[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+(?:de|del|la|van|von))?\s+[A-Z][\w'’-]+"
# What _PERSON cannot match without: an honorific, a verb of saying, or ", a ...".
_PERSON_HINTS = ("Mr", "Ms", "Mx", "Dr", "said", "says", "told", "added", "wrote")
_APPOSITION = re.compile(r",\s+an?\s")
# Read as a person where the sentence says so: an honorific before, "said" or "a ..." after.
_PERSON = re.compile(
    rf"(?:\b(?:Mr|Mrs|Ms|Mx|Dr)\.\s+(?P<titled>{_NAME}))"
    rf"|(?P<named>{_NAME})(?=,?\s+(?:said|says|told|added|wrote)\b|,\s+(?:a|an)\s+[a-z])"
)


@dataclass(frozen=True)
class Question:
    kind: str
    text: str  # the words or the figure, as written
    context: str  # the sentence it is in
    options: tuple  # candidate ids (names) or release ids (figures)


def sentence_around(text, start):
    for begin, end in sentence_spans(text):
        if begin <= start < end:
            return text[begin:end].strip()[:_CONTEXT]
    return text[:_CONTEXT]


def about_mention(text, undecided):
    kind = AMBIGUOUS if undecided.is_ambiguous else SURNAME
    mention = undecided.mention
    return Question(
        kind,
        text[mention.start : mention.end],
        sentence_around(text, mention.start),
        tuple(sorted(undecided.options)[:_MAX_OPTIONS]),
    )


def reads_like_result(text, figure, owner):
    """A figure the sentence gives to a candidate, or one followed by "votes" or "ballots",
    and not rounded on purpose ("about 900,000")."""
    if figure.is_rounded:
        return False
    if owner is not None:
        return True
    return not figure.is_percent and _COUNTED_AFTER.match(text, figure.end) is not None


def about_figure(text, figure, written, release_ids):
    return Question(
        FIGURE, written, sentence_around(text, figure.start), tuple(sorted(release_ids))
    )


def people_named(text, mentions):
    """Names the text gives as a person's that are no candidate's: [Question]. mentions are
    the text's found names [Mention]; a name overlapping one resolved to a candidate is that
    candidate's, while one ending in a candidate's surname suggests a press name for them."""
    questions = []
    if not any(map(text.__contains__, _PERSON_HINTS)) and not _APPOSITION.search(text):
        return questions  # most paragraphs: a substring search instead of the regex's
    for match in _PERSON.finditer(text):
        group = "titled" if match.group("titled") else "named"
        start, end = match.span(group)
        name = match.group(group)
        if name.split()[0] in NOT_GIVEN:
            continue
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        if any(not m.is_bare and not m.is_someone_else for m in overlapping):
            continue  # a candidate's own full name
        # "Rick J. Caruso said": perhaps his press name; "Dr. Maria Caruso", nobody's.
        options = sorted(
            {cid for m in overlapping if not m.is_someone_else for cid in m.candidate_ids}
        )
        questions.append(
            Question(PERSON, name, sentence_around(text, start), tuple(options[:_MAX_OPTIONS]))
        )
    return questions
