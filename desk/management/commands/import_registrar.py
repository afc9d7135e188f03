from django.core.management.base import BaseCommand, CommandError

from desk.importing.registrar import FeedRefused
from desk.importing.registrar.importing import import_folder, import_live
from desk.importing.registrar.storing import REFUSED, Outcome

LIVE_OPTIONS = ("results_url", "counter_data_url", "election_data_url")


class Command(BaseCommand):
    help = (
        "Import the Los Angeles County Registrar's results feed: an archived FOLDER "
        "(election_data.json and one folder per release) in time order, or with --url one "
        "fetch of the live feed. Every contest, choice and release is stored as published, each "
        "release in its own transaction; importing again changes nothing. Exits non-zero if "
        "any release was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", help="An archived feed, e.g. lavote-2022-general.")
        parser.add_argument(
            "--url",
            action="store_true",
            help="Fetch the live feed once from the three URLs below (a follower runs this "
            "every few minutes; a release already stored is skipped).",
        )
        parser.add_argument(
            "--results-url",
            default="",
            help="results.json, e.g. https://results.lavote.gov/electionresults/json?electionid=4300",
        )
        parser.add_argument(
            "--counter-data-url",
            default="",
            help="counter_data.json, e.g. "
            "https://results.lavote.gov/ElectionResults/GetCounterData?electionID=4300",
        )
        parser.add_argument(
            "--election-data-url",
            default="",
            help="election_data.json, e.g. "
            "https://results.lavote.gov/ElectionResults/GetElectionData?electionID=4300",
        )
        parser.add_argument(
            "--timeout", type=float, default=30, help="Seconds to wait for each URL (30)."
        )

    def handle(self, *args, folder, url, timeout, **options):
        if bool(folder) == bool(url):
            raise CommandError("Give a FOLDER, or --url with the live feed's three URLs.")
        try:
            if folder:
                report = import_folder(folder, on_outcome=self._line)
            else:
                missing = [f"--{o.replace('_', '-')}" for o in LIVE_OPTIONS if not options[o]]
                if missing:
                    raise CommandError(f"--url needs {', '.join(missing)}.")
                urls = (options[o] for o in LIVE_OPTIONS)
                report = import_live(*urls, timeout=timeout, on_outcome=self._line)
        except FeedRefused as refused:
            raise CommandError(f"refused: {refused}; nothing imported.") from None
        self.stdout.write(str(report))
        if report.refused:
            raise CommandError(
                f"{len(report.refused)} release(s) refused; see the lines above. Nothing was "
                "written for them."
            )

    def _line(self, outcome):
        is_refused = isinstance(outcome, Outcome) and outcome.action == REFUSED
        style = self.style.ERROR if is_refused else None
        self.stdout.write(str(outcome), style)
