from django.core.management.base import BaseCommand, CommandError

from desk.importing.results import COLUMNS, Refused, import_results


class Command(BaseCommand):
    help = (
        f"Import results CSVs with the header {','.join(COLUMNS)}: one row per candidate per "
        "release. A release that gives only ballots counted or left is one row with candidate, "
        "votes and percent empty. Every row is checked; a file with any problem is refused "
        "whole. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only.")
        parser.add_argument(
            "--correction",
            action="store_true",
            help="The source corrected earlier figures: counts may go down.",
        )
        parser.add_argument(
            "--confirm",
            action="store_true",
            help="Enter releases of certified elections, or dated far from election day.",
        )

    def handle(self, *args, files, dry_run, correction, confirm, **options):
        refused = 0
        for path in files:
            try:
                report = import_results(
                    path, dry_run=dry_run, correction=correction, confirmed=confirm
                )
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
                # Saving the releases noted their elections' stories (archive.changes);
                # they were linked again when the file's transaction committed.
                self.stdout.write("  the stories of the elections concerned are linked again")
        if refused:
            raise CommandError(f"{refused} file(s) refused; see the problems above.")
