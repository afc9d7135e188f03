"""The election day as the registrar lists it, stored: one ElectionDay, an Election per contest
and a Candidacy per line of the ballot (choices.py), each keeping the registrar's ID so the
releases' figures find it.

Storing it again changes only what the registrar changed. A contest Tally already holds (the
demo's Mayor of Los Angeles of 2022-11-08) is matched, never duplicated: its slug, address and
stories stay, and it takes the registrar's ID, group and kind. Its office and jurisdiction stay
as an editor wrote them; a contest first made here is named by the registrar's title.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from desk.importing.limits import field_limit
from desk.importing.registrar.choices import choice_word, store_choices
from desk.importing.registrar.documents import FeedRefused
from desk.importing.registrar.election_day import ELECTION_DATA
from desk.importing.registrar.people import fold
from elections.models import Candidacy, ContestKind, Election, ElectionDay, ElectionStage

AUTHORITY = "Los Angeles County Registrar-Recorder/County Clerk"
JURISDICTION = "Los Angeles County"
KINDS = {
    "Candidate": ContestKind.RACE,
    "Measure": ContestKind.MEASURE,
    "Judicial": ContestKind.RETENTION,  # a judge's retention: YES or NO
}
# What the registrar may change in a contest, and storing again follows.
CONTEST_FIELDS = ("group", "position", "kind", "seats", "question", "pass_rate")


@dataclass
class DayReport:
    contests_created: int = 0
    contests_matched: list = field(default_factory=list)  # slugs of contests Tally had
    contests_updated: int = 0
    candidacies_created: int = 0
    candidates_created: int = 0
    candidates_matched: int = 0

    def __str__(self):
        matched = ", ".join(self.contests_matched) or "none"
        return (
            f"election day: contests {self.contests_created} created, "
            f"{len(self.contests_matched)} matched ({matched}), {self.contests_updated} updated; "
            f"candidacies {self.candidacies_created} created; "
            f"candidates {self.candidates_created} created, {self.candidates_matched} matched"
        )


@dataclass
class StoredDay:
    """The stored election day, and where the registrar's IDs point in the database."""

    row: ElectionDay
    feed: object  # the reader's ElectionDay
    contests: dict  # contest registrar ID -> Election
    candidacies: dict  # choice registrar ID -> Candidacy pk
    report: DayReport


def results_page(feed_day):
    """The registrar's public results page for the election: the source readers can visit."""
    return f"https://results.lavote.gov/#year={feed_day.date.year}&election={feed_day.registrar_id}"


@transaction.atomic
def store_election_day(feed_day):
    """Store the election day read from election_data.json; returns a StoredDay."""
    _check(feed_day)
    report = DayReport()
    row = _store_day_row(feed_day)
    contests = _store_contests(row, feed_day, report)
    candidacies = store_choices(feed_day, contests, report)
    return StoredDay(row, feed_day, contests, candidacies, report)


def _store_day_row(feed_day):
    values = {
        "title": feed_day.title,
        "date": feed_day.date,
        "registered_voters": feed_day.registration_count,
        "precincts": feed_day.precinct_count,
        "election_data": feed_day.raw,
    }
    row, created = ElectionDay.objects.select_for_update().get_or_create(
        authority=AUTHORITY,
        registrar_id=feed_day.registrar_id,
        defaults={
            **values,
            "slug": slugify(f"{JURISDICTION} {feed_day.title} {feed_day.date}")[:200],
        },
    )
    changed = [name for name, value in values.items() if _stored(getattr(row, name)) != value]
    if changed and not created:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
    return row


def _store_contests(row, feed_day, report):
    stored = {e.registrar_id: e for e in Election.objects.filter(election_day=row)}
    waiting = _unclaimed_contests(feed_day)
    slugs = set(Election.objects.values_list("slug", flat=True))
    new, updated = [], []
    position = 0
    for group in feed_day.groups:
        for contest in group.contests:
            position += 1
            values = {
                "group": group.name,
                "position": position,
                "kind": KINDS[contest.type],
                "seats": contest.seats,
                "question": contest.measure_text,
                "pass_rate": contest.pass_rate,
            }
            election = stored.get(contest.registrar_id) or waiting.get(contest.registrar_id)
            if election is None:
                election = Election(
                    office=contest.title,
                    jurisdiction=JURISDICTION,
                    date=feed_day.date,
                    stage=ElectionStage.GENERAL,
                    status=Election.Status.COUNTING,
                    slug=_free_slug(contest.title, feed_day.date, slugs),
                    election_day=row,
                    registrar_id=contest.registrar_id,
                    **values,
                )
                new.append(election)
            elif contest.registrar_id not in stored:
                election.election_day, election.registrar_id = row, contest.registrar_id
                for name, value in values.items():
                    setattr(election, name, value)
                election.save(update_fields=["election_day", "registrar_id", *values])
                report.contests_matched.append(election.slug)
            elif any(getattr(election, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(election, name, value)
                updated.append(election)
            stored[contest.registrar_id] = election
    if new:
        Election.objects.bulk_create(new)
    if updated:
        Election.objects.bulk_update(updated, CONTEST_FIELDS)
    report.contests_created, report.contests_updated = len(new), len(updated)
    return stored


def _unclaimed_contests(feed_day):
    """Contests Tally holds on the day without a registrar's ID, by the feed contest each is:
    the one feed contest whose title holds every word of its jurisdiction and office, when no
    other contest of Tally's claims that feed contest too."""
    title_words = {c.registrar_id: set(_words(c.title)) for c in feed_day.contests.values()}
    claims = {}
    for election in Election.objects.filter(date=feed_day.date, registrar_id__isnull=True):
        words = set(_words(f"{election.jurisdiction} {election.office}"))
        found = [rid for rid, title in title_words.items() if words and words <= title]
        if len(found) == 1:
            claims.setdefault(found[0], []).append(election)
    return {rid: elections[0] for rid, elections in claims.items() if len(elections) == 1}


def _words(text):
    return re.findall(r"\w+", fold(text))


def _free_slug(title, date, taken):
    """The title and the date, readable and within the field's length: a title cut short keeps
    its date, and one that slugifies like another takes a number."""
    room = field_limit(Election, "slug") - len(f"-{date}") - 4
    base = f"{slugify(title)[:room].strip('-') or 'contest'}-{date}"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _stored(value):
    """A binary field reads back as a memoryview; compare its bytes."""
    return bytes(value) if isinstance(value, memoryview) else value


def _check(feed_day):
    """Refuse, naming it, what the database would fail on deep in a transaction: a contest of a
    type Tally does not know, a name longer than its column, or a NUL character, which JSON
    allows ("\\u0000") and PostgreSQL's text does not."""
    for contest in feed_day.contests.values():
        if contest.type not in KINDS:
            raise FeedRefused(
                None,
                ELECTION_DATA,
                f"{contest.title} ({contest.registrar_id}) is of type {contest.type!r}, not one "
                f"Tally knows ({', '.join(KINDS)})",
            )
    contests = feed_day.contests.values()
    choices = [choice for _, choice in feed_day.choices.values()]
    for model, name, values in [
        (Election, "office", [c.title for c in contests]),
        (Election, "group", [g.name for g in feed_day.groups]),
        (Election, "pass_rate", [c.pass_rate for c in contests]),
        (Election, "question", [c.measure_text for c in contests]),
        (ElectionDay, "title", [feed_day.title]),
        (Candidacy, "ballot_name", [ch.ballot_name for ch in choices]),
        (Candidacy, "party", [ch.party for ch in choices]),
        (
            Candidacy,
            "choice",
            [choice_word(ch) for c in contests if c.type != "Candidate" for ch in c.choices],
        ),
    ]:
        limit = field_limit(model, name)
        for value in values:
            if "\x00" in value:
                raise FeedRefused(
                    None, ELECTION_DATA, f"the {name.replace('_', ' ')} {value!r} holds a NUL"
                )
            if limit is not None and len(value) > limit:
                raise FeedRefused(
                    None,
                    ELECTION_DATA,
                    f"the {name.replace('_', ' ')} {value[:60]!r} is longer than the {limit} "
                    "characters Tally keeps",
                )
