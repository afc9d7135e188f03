from django.core.management.base import BaseCommand, CommandError

from desk.importing.registrar.following import Follower, Urls
from desk.importing.registrar.storing import REFUSED

# The registrar's live URLs, by its election ID (4300 was the 2022 general).
REGISTRAR = {
    "results": "https://results.lavote.gov/electionresults/json?electionid={}",
    "counter_data": "https://results.lavote.gov/ElectionResults/GetCounterData?electionID={}",
    "election_data": "https://results.lavote.gov/ElectionResults/GetElectionData?electionID={}",
}


class Command(BaseCommand):
    help = (
        "Follow the Los Angeles County Registrar's live feed through the night: poll its three "
        "URLs every --every seconds with conditional requests, import each new release as "
        "import_registrar does (one transaction, refused whole or stored whole), and keep "
        "going through errors, waiting longer after each failure in a row. Stop with Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--election-id", type=int, help="The registrar's election ID: its three URLs."
        )
        parser.add_argument("--results-url", default="", help="results.json, if not by ID.")
        parser.add_argument("--counter-data-url", default="", help="counter_data.json.")
        parser.add_argument("--election-data-url", default="", help="election_data.json.")
        parser.add_argument("--every", type=float, default=60, help="Seconds between polls.")
        parser.add_argument(
            "--longest", type=float, default=600, help="Longest wait after failures (600 s)."
        )
        parser.add_argument("--timeout", type=float, default=30, help="Seconds per request.")
        parser.add_argument("--polls", type=int, help="Stop after this many polls.")

    def handle(self, *args, election_id, every, longest, timeout, polls, **options):
        given = {k: options[f"{k}_url"] for k in REGISTRAR}
        if election_id is not None:
            given = {k: given[k] or url.format(election_id) for k, url in REGISTRAR.items()}
        missing = [f"--{k.replace('_', '-')}-url" for k, url in given.items() if not url]
        if missing:
            raise CommandError(f"Give --election-id, or {', '.join(missing)}.")
        if every <= 0 or longest < every or timeout <= 0:
            raise CommandError("--every and --timeout must be positive, --longest >= --every.")
        follower = Follower(Urls(**given), every=every, longest=longest, timeout=timeout)
        self.stdout.write(f"Following {given['results']} every {every:g} s.")
        try:
            follower.run(polls=polls, on_outcome=self._line)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

    def _line(self, outcome):
        style = self.style.ERROR if outcome.action == REFUSED else None
        self.stdout.write(str(outcome), style)
