from django.core.management.base import BaseCommand, CommandError

from archive import linking
from desk.importing.results import COLUMNS, Refused, import_results


class Command(BaseCommand):
    # The command lives in the archive app, not elections, because a new or
    # corrected release changes the links of stories (elections must not
    # depend on the archive).
    help = (
        f"Import results CSVs with the header {','.join(COLUMNS)}. Every row is checked; a file "
        "with any problem is refused whole. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only.")

    def handle(self, *args, files, dry_run, **options):
        refused = 0
        for path in files:
            try:
                report = import_results(path, dry_run=dry_run)
            except Refused as exc:
                refused += 1
                self.stdout.write(f"refused  {path}: nothing imported", self.style.ERROR)
                for problem in exc.problems:
                    self.stdout.write(f"  {problem}")
                continue
            except OSError as exc:
                refused += 1
                self.stdout.write(f"refused  {path}: {exc.strerror}", self.style.ERROR)
                continue
            prefix = "checked " if dry_run else "imported"
            self.stdout.write(f"{prefix} {path}: {report}")
            if report.changed and not dry_run:
                relinked = sum(
                    linking.relink(linking.stories_of_election(election_id))
                    for election_id in report.changed_elections
                )
                self.stdout.write(f"  relinked {relinked} stories of the elections concerned")
        if refused:
            raise CommandError(f"{refused} file(s) refused; see the problems above.")
