"""Models whose every write announces the elections it touched (elections.events)."""

from django.db import models

from elections.events import announce


class AnnouncingQuerySet(models.QuerySet):
    """Writes in bulk announce the elections they touch (elections.events), as each
    model's save() and delete() do. `election_path` leads from a row to its election."""

    election_path = "election_id"

    def _election_ids(self, rows=None):
        if rows is not None:
            # From the rows in hand: asking the database for thousands of them by id
            # costs far more than the write itself.
            return self.model.announced_election_ids(rows)
        return set(self.values_list(self.election_path, flat=True).distinct())

    def update(self, **values):
        election_ids = self._election_ids()
        count = super().update(**values)
        announce(self.model, election_ids | self._election_ids())
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        announce(self.model, self._election_ids(created))
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        count = super().bulk_update(objs, fields, *args, **kwargs)
        announce(self.model, self._election_ids(objs))
        return count

    def delete(self):
        announce(self.model, self._election_ids(), deleting=True)
        return super().delete()


class AnnouncingModel(models.Model):
    """A model whose every save and delete announces its election (elections.events)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        announce(type(self), {self.announced_election_id()})

    def delete(self, *args, **kwargs):
        announce(type(self), {self.announced_election_id()}, deleting=True)
        return super().delete(*args, **kwargs)

    def announced_election_id(self):
        return self.election_id

    @classmethod
    def announced_election_ids(cls, rows):
        return {row.announced_election_id() for row in rows}
