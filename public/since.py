"""What a race did after a story about it was published: the notice at the top of the
story and the "since then" line of its embed.

Worked out from what the story's count panel already holds (the release that was the
latest when the story was published, the latest now, and the election with its call),
so it costs no query. Sentences, not markup: the page escapes them, the SVG embed
escapes them for XML, the JSON embed carries them as they are.
"""

import datetime
from dataclasses import dataclass

from django.utils import dateformat, timezone

from elections.models import Candidacy, Election

_WON = {Candidacy.Outcome.ELECTED: "won", Candidacy.Outcome.ADVANCED: "advanced"}


def _day(moment):
    return dateformat.format(moment, "N j, Y")


# How the sentences name what the reader is looking at.
_WORDING = {
    "story": {"since": "since this story was published", "then": "when this was published"},
    "release": {"since": "since this release", "then": "in this release"},
}


@dataclass(frozen=True)
class Since:
    election: object
    now: object  # the latest release, or the certified one
    lines: tuple  # sentences, most telling first

    def __bool__(self):
        return bool(self.lines)


@dataclass(frozen=True)
class Standing:
    """What the sentences need of one release: when it came out, who led, who won. Small
    enough to store with a contest's count (public.stored_counts), so that a story page
    says what changed without loading a vote."""

    pk: int
    number: int
    released_at: datetime.datetime
    is_final: bool
    leader: tuple | None  # (candidacy id, name)
    winners: tuple  # ((name, outcome), ...) in the count's order

    @classmethod
    def of(cls, release):
        """From a release carrying results_cached (its ReleaseResults)."""
        rows = release.results_cached.rows
        return cls(
            release.pk,
            release.number,
            release.released_at,
            release.is_final,
            (rows[0].candidacy.pk, rows[0].name) if rows else None,
            tuple((row.name, row.candidacy.outcome) for row in rows if row.won),
        )

    def as_json(self):
        return [
            self.pk,
            self.number,
            self.released_at.isoformat(),
            self.is_final,
            self.leader,
            self.winners,
        ]

    @classmethod
    def from_json(cls, data):
        pk, number, released_at, is_final, leader, winners = data
        return cls(
            pk,
            number,
            datetime.datetime.fromisoformat(released_at),
            is_final,
            tuple(leader) if leader else None,
            tuple(tuple(w) for w in winners),
        )


def since(then, now, published_at, seen="story"):
    """What changed between `then` (the latest release when the story was published, or
    None) and `now` (the latest release), for a story published at `published_at`, or
    (seen="release") for the release `then` itself. Both releases carry results_cached
    (their ReleaseResults). None when nothing changed."""
    if now is None:
        return None
    changed = since_standing(
        Standing.of(then) if then is not None else None,
        Standing.of(now),
        now.election,
        published_at,
        seen,
    )
    # The embeds link the release itself.
    return Since(changed.election, now, changed.lines) if changed else None


def since_standing(then, now, election, published_at, seen="story"):
    """since(), from the Standing of each release and the election they count."""
    wording = _WORDING[seen]
    if now is None or published_at is None or (then is not None and then.pk == now.pk):
        return None
    if now.released_at <= (then.released_at if then is not None else published_at):
        # Nothing newer than what the story saw: `then` may be a release of ballots
        # alone, later than the latest that gave votes.
        return None
    lines = []
    latest = "The final count" if now.is_final else "The latest count"
    if then is None:
        # The story saw no count (or an editor removed the link to the one it saw).
        day = _day(timezone.localtime(now.released_at))
        lines.append(f"{latest}, release {now.number}, came out on {day}, after this story.")
    else:
        lines.append(
            f"The count has been updated {wording['since']}. {latest} is "
            f"release {now.number}, of {_day(timezone.localtime(now.released_at))}."
        )
    lead_then = then.leader if then is not None else None
    lead_now = now.leader
    decided = _decision(election, then, published_at)
    if decided and now.winners:
        names = [name for name, _ in now.winners]
        lines.insert(0, f"{_names(names)} {_WON[now.winners[0][1]]}; {decided}.")
    if (
        lead_then is not None
        and lead_now is not None
        and election.seats == 1
        and lead_then[0] != lead_now[0]
    ):
        lines.insert(
            1 if decided and now.winners else 0,
            f"The lead changed: {lead_then[1]} led {wording['then']}; "
            f"{lead_now[1]} {'finished ahead' if now.is_final else 'leads now'}.",
        )
    return Since(election, now, tuple(lines))


def _decision(election, then, published_at):
    """How the race was decided after the story, in words, or ""."""
    if election.status == Election.Status.CERTIFIED:
        day = election.certified_on
        if day is not None and day >= timezone.localtime(published_at).date():
            return f"the result was certified on {_day(day)}"
        # No date on file: certified since, if the story saw a count that was not final.
        if day is None and (then is None or not then.is_final):
            return "the result is now certified"
    if election.called_at and election.called_at > published_at:
        day = _day(timezone.localtime(election.called_at))
        return f"{election.called_by} called the race on {day}"
    return ""


def _names(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
