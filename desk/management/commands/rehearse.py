import time

from django.core.management.base import BaseCommand, CommandError

from desk.importing.registrar import rehearsal
from desk.importing.registrar.following import Follower, Urls


class Command(BaseCommand):
    help = (
        "Replay an archived night of the registrar's feed (a FOLDER like "
        "../shared/data/lavote-2022-general) as its live URLs, at the real rhythm divided by "
        "--speed or one release every --every seconds, so a newsroom can rehearse. With "
        "--follow, this process also follows those URLs into Tally's database, as "
        "follow_registrar would; without, point follow_registrar at the URLs it prints."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--speed", type=float, default=1.0, help="1 is the real rhythm.")
        parser.add_argument("--every", type=float, help="Seconds between releases instead.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--follow", action="store_true", help="Import as the night goes.")
        parser.add_argument(
            "--poll-every", type=float, default=5, help="Seconds between the follower's polls."
        )

    def handle(self, *args, folder, speed, every, host, port, follow, poll_every, **options):
        if speed <= 0 or (every is not None and every <= 0) or poll_every <= 0:
            raise CommandError("--speed, --every and --poll-every must be positive.")
        try:
            night = rehearsal.Night(folder, speed=speed, every=every)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot replay {folder}: {exc}") from None
        server = rehearsal.serve(night, host, port)
        urls = rehearsal.urls(server)
        self.stdout.write(f"Replaying {len(night.folders)} releases of {folder}:")
        for url in urls.values():
            self.stdout.write(f"  {url}")
        follower = None
        if follow:
            follower = Follower(
                Urls(urls["results.json"], urls["counter_data.json"], urls["election_data.json"]),
                every=poll_every,
                longest=max(poll_every, 60),
            )
        try:
            while True:
                over = night.is_over
                if follower:
                    self.stdout.write(str(follower.poll()))
                if over:
                    break
                time.sleep(follower.wait() if follower else 1)
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
        self.stdout.write("The night is over." if night.is_over else "Stopped.")
