from django.core.management.base import BaseCommand

from desk.demo import load_demo


class Command(BaseCommand):
    help = (
        "Load the Los Angeles mayoral races as demo data, with the county registrar's feed of "
        "the 2022 general election (every contest, every release). Safe to run again."
    )

    def handle(self, *args, **options):
        summary = load_demo()
        self.stdout.write(
            f"Demo data: {summary['candidates']} candidates, {summary['elections']} elections, "
            f"{summary['stories_created']} new stories; the registrar's 2022 general: "
            f"{summary['feed']}."
        )
