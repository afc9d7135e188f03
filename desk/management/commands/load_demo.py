from django.core.management.base import BaseCommand

from desk.demo import load_demo


class Command(BaseCommand):
    help = "Load the Los Angeles mayoral races as demo data. Safe to run again."

    def handle(self, *args, **options):
        summary = load_demo()
        self.stdout.write(
            f"Demo data: {summary['candidates']} candidates, {summary['elections']} elections, "
            f"{summary['stories_created']} new stories."
        )
