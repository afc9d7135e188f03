"""results.json: the registrar's downloadable results, votes per choice without any IDs.

Contests are found by title and choices by ballot name within their contest. Not by group:
the last release (Dec 5) moved two Alhambra school board contests from "Cities", where
election_data.json has them, to "Schools". That release also lists a contest election_data.json
lacks, with no candidates ("... (No Candidates Filed)"); a contest with nothing to vote for has
no votes to read and is passed over, but a listed contest or choice that is not known is refused.
"""

import datetime
from dataclasses import dataclass

from desk.importing.registrar.documents import Document, parse_results_time

RESULTS = "results.json"


@dataclass(frozen=True)
class ResultsFile:
    published_at: datetime.datetime
    votes: dict[int, int]


def read_results_file(raw, election_day, release):
    doc = Document(raw, release, RESULTS)
    published_at = doc.local_time(doc.root, "Timestamp", "", parse_results_time)
    election = doc.value(doc.root, "Election", dict, "")
    registrar_id = doc.count(election, "ID", "Election")
    if registrar_id != election_day.registrar_id:
        raise doc.refuse(
            f"is for election {registrar_id}, not {election_day.registrar_id} "
            f"({election_day.title} of {election_day.date})"
        )
    votes, seen = {}, set()
    for group_path, group in doc.items(election, "ContestGroups", "Election"):
        for path, listed in doc.items(group, "Contests", group_path):
            title = doc.value(listed, "Title", str, path)
            choices = doc.items(listed, "Candidates", path)
            contest = election_day.contest_titled(title)
            if contest is None and not choices:
                continue
            if contest is None:
                raise doc.refuse(f"{path}: contest {title!r} is not in election_data.json")
            if contest.registrar_id in seen:
                raise doc.refuse(f"{path}: contest {title!r} is listed twice")
            seen.add(contest.registrar_id)
            for choice_path, listed_choice in choices:
                name = doc.value(listed_choice, "Name", str, choice_path)
                choice = contest.choice_named(name)
                if choice is None:
                    raise doc.refuse(f"{choice_path}: {name!r} is not on the ballot in {title}")
                if choice.registrar_id in votes:
                    raise doc.refuse(f"{choice_path}: {name!r} is listed twice in {title}")
                votes[choice.registrar_id] = doc.count(listed_choice, "Votes", choice_path)
    for contest, choice in election_day.choices.values():
        if choice.registrar_id not in votes:
            raise doc.refuse(f"no votes for {choice.ballot_name} in {contest.title}")
    return ResultsFile(published_at, votes)
