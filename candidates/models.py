from django.contrib.postgres.fields import ArrayField
from django.db import models

from candidates.events import names_changed
from candidates.paths import slug_path

# What stories link by: the names found in text, and the address the links point to.
LINKED_FIELDS = ("name", "slug", "press_names")


class CandidateQuerySet(models.QuerySet):
    """Writes in bulk announce the candidates they touch, as save() and delete() do."""

    def update(self, **values):
        ids = list(self.values_list("pk", flat=True)) if values.keys() & set(LINKED_FIELDS) else []
        count = super().update(**values)
        _announce(ids)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        _announce([c.pk for c in created])
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        count = super().bulk_update(objs, fields, *args, **kwargs)
        if set(fields) & set(LINKED_FIELDS):
            _announce([c.pk for c in objs])
        return count

    def delete(self):
        _announce(list(self.values_list("pk", flat=True)), deleting=True)
        return super().delete()


def _announce(ids, deleting=False):
    ids = [pk for pk in ids if pk is not None]
    if ids:
        names_changed.send(sender=Candidate, candidate_ids=ids, deleting=deleting)


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

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="candidate_name_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Compared with the stored row: only a change to what stories link by matters.
        before = (
            None
            if self._state.adding
            else Candidate.objects.filter(pk=self.pk).values_list(*LINKED_FIELDS).first()
        )
        super().save(*args, **kwargs)
        if before != tuple(getattr(self, name) for name in LINKED_FIELDS):
            _announce([self.pk])

    def get_absolute_url(self):
        return slug_path("candidates:candidate_detail", self.slug)

    def delete(self, *args, **kwargs):
        _announce([self.pk], deleting=True)
        return super().delete(*args, **kwargs)

    @property
    def all_names(self):
        """The full name and every press name, without repeats."""
        return list(dict.fromkeys([self.name, *self.press_names]))

    @property
    def surname(self):
        return self.name.split()[-1]
