"""Each line of the ballot as a Candidacy: a person in a race (people.py says who), or "Yes" or
"No" on a measure or a judge's retention, with the ballot name, party and registrar's ID as
published. A candidacy Tally already holds (Karen Bass in the demo's mayor's race) takes the
registrar's line rather than standing twice; storing again changes only what the registrar
changed."""

from candidates.models import Candidate
from desk.importing.registrar.people import People
from elections.models import Candidacy, ContestKind, Election

# What the registrar may change in a line of the ballot, and storing again follows.
CHOICE_FIELDS = ("ballot_name", "party", "registrar_id")


def choice_word(choice):
    """A measure's or a retention's line as Tally names it: YES is "Yes"."""
    return choice.ballot_name.strip().capitalize()


def store_choices(feed_day, contests, report):
    """Store every line of every contest (contests: registrar ID -> Election); returns choice
    registrar ID -> Candidacy pk, and counts what it did in report."""
    ballot = _Ballot([e.pk for e in contests.values()])
    for contest_id, contest in feed_day.contests.items():
        for choice in contest.choices:
            ballot.place(contests[contest_id], choice)
    return ballot.write(report)


class _Ballot:
    def __init__(self, election_ids):
        self.election_ids = election_ids
        existing = list(
            Candidacy.objects.filter(election_id__in=election_ids).select_related("candidate")
        )
        self.by_id = {(c.election_id, c.registrar_id): c for c in existing if c.registrar_id}
        self.by_choice = {(c.election_id, c.choice): c for c in existing if c.choice}
        self.by_person = {(c.election_id, c.candidate_id): c for c in existing if c.candidate_id}
        # Who already stands for a line of the registrar's in a contest: no other line is them.
        self.claimed = {}
        for c in existing:
            if c.candidate_id and c.registrar_id:
                self.claimed.setdefault(c.election_id, []).append(c.candidate)
        self.people = None  # read only when a line needs a person found
        self.new, self.updated, self.new_people, self.matched = [], [], [], set()

    def place(self, election, choice):
        values = {"ballot_name": choice.ballot_name, "party": choice.party}
        values["registrar_id"] = choice.registrar_id
        candidacy = self.by_id.get((election.pk, choice.registrar_id))
        if candidacy is None and election.kind != ContestKind.RACE:
            values["choice"] = choice_word(choice)
            candidacy = self.by_choice.get((election.pk, values["choice"]))
        elif candidacy is None:
            values["candidate"] = person = self._person(election, choice)
            candidacy = self.by_person.get((election.pk, person.pk)) if person.pk else None
        if candidacy is None:
            self.new.append(Candidacy(election=election, **values))
        elif any(getattr(candidacy, name) != values[name] for name in CHOICE_FIELDS):
            for name in CHOICE_FIELDS:
                setattr(candidacy, name, values[name])
            self.updated.append(candidacy)

    def _person(self, election, choice):
        self.people = self.people or People(day=election.election_day_id)
        here = self.claimed.setdefault(election.pk, [])
        beside = {"party": choice.party, "group": election.group}
        person = self.people.match(choice.ballot_name, standing=here, **beside)
        if person is None:
            person = self.people.new(choice.ballot_name)
            self.new_people.append(person)
        elif person.pk:
            self.matched.add(person.pk)
        self.people.placed(person, **beside)
        here.append(person)
        return person

    def write(self, report):
        if self.new_people:
            Candidate.objects.bulk_create(self.new_people)
        if self.new:
            Candidacy.objects.bulk_create(self.new)
            Election.objects.filter(pk__in=self.election_ids).count_ballot_sizes()
        if self.updated:
            Candidacy.objects.bulk_update(self.updated, CHOICE_FIELDS)
        report.candidacies_created = len(self.new)
        report.candidates_created = len(self.new_people)
        report.candidates_matched = len(self.matched)
        stored = Candidacy.objects.filter(
            election_id__in=self.election_ids, registrar_id__isnull=False
        )
        return dict(stored.values_list("registrar_id", "pk"))
