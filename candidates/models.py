from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse


class Candidate(models.Model):
    """A person who stands for office, whatever the race."""

    name = models.CharField(max_length=200, help_text="Full name as on the ballot.")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Used in the address: karen-bass."
    )
    press_names = ArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        help_text=(
            "Other names the press uses, comma-separated: 'Rep. Karen Bass', 'Bass'. "
            "Case matters: stories are linked where these appear as whole words."
        ),
    )
    bio = models.TextField(blank=True, help_text="A short, neutral paragraph.")
    party_preference = models.CharField(max_length=100, blank=True)
    occupation = models.CharField(
        max_length=200, blank=True, help_text="Occupation or ballot designation."
    )
    is_demo = models.BooleanField(
        default=False, help_text="Demo content written for the project, not an archived source."
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="candidate_name_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("candidates:candidate_detail", kwargs={"slug": self.slug})

    @property
    def all_names(self):
        """The full name and every press name, without repeats."""
        return list(dict.fromkeys([self.name, *self.press_names]))

    @property
    def surname(self):
        return self.name.split()[-1]
