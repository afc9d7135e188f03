import time

from django.core.management.base import BaseCommand

from archive.models import Article


class Command(BaseCommand):
    help = (
        "Link every story (or those given by id) to its candidates, elections and releases, "
        "and write its tag ids afresh: for stories changed behind Django's back."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Story ids; all stories if none.")
        parser.add_argument("--limit", type=int, help="Link at most this many stories.")

    def handle(self, *args, ids, limit, **options):
        queryset = Article.objects.all()
        if ids:
            queryset = queryset.filter(pk__in=ids)
        if limit:
            queryset = queryset.filter(pk__in=queryset.order_by("pk")[:limit].values("pk"))
        started = time.monotonic()
        on_terminal = self.stderr.isatty()

        def progress(done, total):
            # A terminal gets one line redrawn; a log gets a line per batch.
            line = f"linked {done:,} of {total:,} stories"
            if on_terminal:
                self.stderr.write(f"\r{line}", ending="\n" if done == total else "")
            else:
                self.stderr.write(line)

        count = queryset.relink(progress=progress)
        queryset.store_tag_ids()
        self.stdout.write(f"Linked {count:,} stories in {time.monotonic() - started:.1f} s.")
