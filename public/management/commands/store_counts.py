import time

from django.core.management.base import BaseCommand

from elections.models import Election
from public import stored_counts


class Command(BaseCommand):
    help = (
        "Build and store the count part of contests' pages (public.stored_counts): every "
        "contest, or those whose slugs are given. Each change stores its contest's again by "
        "itself; this is for a database filled some other way (a restore, a bulk load)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="contests' slugs (default: all)")

    def handle(self, *args, slugs, **options):
        contests = Election.objects.all()
        if slugs:
            contests = contests.filter(slug__in=slugs)
            unknown = set(slugs) - set(contests.values_list("slug", flat=True))
            if unknown:
                self.stderr.write(f"No contest with the slug {', '.join(sorted(unknown))}.")
                raise SystemExit(2)
        started = time.perf_counter()
        count = stored_counts.store(contests.values_list("pk", flat=True))
        seconds = time.perf_counter() - started
        self.stdout.write(f"Stored the count of {count} contests in {seconds:.1f} s.")
