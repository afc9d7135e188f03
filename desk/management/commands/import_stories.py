from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from desk.importing.manifest import ManifestError, read_manifest
from desk.importing.parsing import split_tags
from desk.importing.progress import Progress
from desk.importing.reading import DEFAULT_MAX_BYTES
from desk.importing.run import ACTIONS, Options, import_paths


class Command(BaseCommand):
    help = (
        "Import story files (scraped text, text with a Title:/Date:/... header, saved HTML) and "
        "folders of them. Each file is its own transaction; importing again updates, never "
        "duplicates. Stories without a date become drafts marked for review."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files and folders to import.")
        parser.add_argument("--manifest", help="CSV of per-file metadata (see manifest.csv).")
        parser.add_argument("--publication", default="", help="Publication for files without one.")
        parser.add_argument("--byline", default="", help="Byline for files without one.")
        parser.add_argument("--tags", default="", help="Tags for files without any, ';'-separated.")
        parser.add_argument("--draft", action="store_true", help="Import everything as drafts.")
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument(
            "--max-size", type=float, default=DEFAULT_MAX_BYTES / 1_048_576, help="MB per file."
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            default=None,
            help="Show a progress bar (default: when stderr is a terminal).",
        )
        parser.add_argument("--no-progress", dest="progress", action="store_false")

    def handle(self, *args, **opts):
        try:
            manifest = read_manifest(opts["manifest"]) if opts["manifest"] else None
        except ManifestError as exc:
            raise CommandError(str(exc)) from None
        options = Options(
            manifest=manifest,
            publication=opts["publication"].strip(),
            byline=opts["byline"].strip(),
            tags=split_tags(opts["tags"]),
            as_draft=opts["draft"],
            dry_run=opts["dry_run"],
            max_bytes=int(opts["max_size"] * 1_048_576),
        )
        show = opts["progress"] if opts["progress"] is not None else self.stderr.isatty()
        outcomes = import_paths(opts["paths"], options, Progress(self.stderr, show))
        for outcome in outcomes:
            if outcome.action == "created" and not outcome.needs_review and not outcome.reason:
                continue
            line = f"{outcome.action:8} {outcome.path}"
            if outcome.reason:
                line += f": {outcome.reason}"
            if outcome.needs_review:
                line += " (marked for review)"
            style = self.style.ERROR if outcome.action == "failed" else None
            self.stdout.write(line, style_func=style)
        counts = Counter(o.action for o in outcomes)
        summary = ", ".join(f"{counts[a]} {a}" for a in ACTIONS)
        prefix = "Dry run, nothing written: " if options.dry_run else ""
        self.stdout.write(f"{prefix}{summary}.")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed; see the reasons above.")
