"""What a race did after a story about it was published: the notice at the top of the
story and the "since then" line of its embed.

Worked out from what the story's count panel already holds (the release that was the
latest when the story was published, the latest now, and the election with its call),
so it costs no query. Sentences, not markup: the page escapes them, the SVG embed
escapes them for XML, the JSON embed carries them as they are.
"""

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


def since(then, now, published_at, seen="story"):
    """What changed between `then` (the latest release when the story was published, or
    None) and `now` (the latest release), for a story published at `published_at`, or
    (seen="release") for the release `then` itself. Both releases carry results_cached
    (their ReleaseResults). None when nothing changed."""
    wording = _WORDING[seen]
    if now is None or published_at is None or (then is not None and then.pk == now.pk):
        return None
    if now.released_at <= (then.released_at if then is not None else published_at):
        # Nothing newer than what the story saw: `then` may be a release of ballots
        # alone, later than the latest that gave votes.
        return None
    election = now.election
    results = now.results_cached
    lines = []
    if then is None:
        # The story saw no count (or an editor removed the link to the one it saw).
        latest = "The final count" if now.is_final else "The latest count"
        day = _day(timezone.localtime(now.released_at))
        lines.append(f"{latest}, release {now.number}, came out on {day}, after this story.")
    else:
        latest = "The final count" if now.is_final else "The latest count"
        lines.append(
            f"The count has been updated {wording['since']}. {latest} is "
            f"release {now.number}, of {_day(timezone.localtime(now.released_at))}."
        )
    lead_then = then.results_cached.leader if then is not None else None
    lead_now = results.leader
    decided = _decision(election, then, published_at)
    winners = [row for row in results.rows if row.won]
    if decided and winners:
        lines.insert(0, f"{_names(winners)} {_WON[winners[0].candidacy.outcome]}; {decided}.")
    if (
        lead_then is not None
        and lead_now is not None
        and election.seats == 1
        and lead_then.candidacy.pk != lead_now.candidacy.pk
    ):
        lines.insert(
            1 if decided and winners else 0,
            f"The lead changed: {lead_then.name} led {wording['then']}; "
            f"{lead_now.name} {'finished ahead' if now.is_final else 'leads now'}.",
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


def _names(rows):
    names = [row.name for row in rows]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
