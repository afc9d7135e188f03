from django.db import models

from elections.models import Election


class StoredCount(models.Model):
    """A contest page's count and timeline as built for one version of the contest
    (public.stored_counts), and the headings its coverage is grouped under."""

    election = models.OneToOneField(
        Election, on_delete=models.CASCADE, primary_key=True, related_name="stored_count"
    )
    version = models.UUIDField(help_text="The contest's version it was built from.")
    html = models.TextField()
    # [[released_at as ISO 8601, release number, heading as HTML]], in time order.
    steps = models.JSONField(default=list)
    # {candidacy id: [its row in the candidate's table of races, its chart and table]}
    races = models.JSONField(default=dict)
    # For the story pages (public.story_panels): the count now, as panels and as a
    # Standing, and {release id: [the release as a story saw it, its Standing]}.
    now = models.JSONField(default=dict)
    releases = models.JSONField(default=dict)
    updated = models.DateTimeField(null=True, help_text="When its latest release came out.")
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"count of {self.election_id} at version {self.version}"

    # Each page reads one or two of these; the story panels' part of a long count is the
    # largest, and a page that loads a part it does not show parses it all the same.
    PARTS = ("html", "steps", "races", "now", "releases")

    @classmethod
    def unread(cls, path, *shown):
        """For defer(): the parts a query reaching the stored count by `path` can leave."""
        return [f"{path}__{part}" for part in cls.PARTS if part not in shown]
