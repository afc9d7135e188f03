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
        since = self.model.announced_since(created, created=True)
        announce(self.model, self._election_ids(created), since=since)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        count = super().bulk_update(objs, fields, *args, **kwargs)
        since = self.model.announced_since(objs, created=False)
        announce(self.model, self._election_ids(objs), since=since)
        return count

    def delete(self):
        announce(self.model, self._election_ids(), deleting=True)
        return super().delete()


class AnnouncingModel(models.Model):
    """A model whose every save and delete announces its election (elections.events)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        created = self._state.adding
        super().save(*args, **kwargs)
        since = self.announced_since([self], created=created)
        announce(type(self), {self.announced_election_id()}, since=since)

    def delete(self, *args, **kwargs):
        since = self.announced_since([self], created=False)
        announce(type(self), {self.announced_election_id()}, deleting=True, since=since)
        return super().delete(*args, **kwargs)

    def announced_election_id(self):
        return self.election_id

    @classmethod
    def announced_election_ids(cls, rows):
        return {row.announced_election_id() for row in rows}

    @classmethod
    def announced_since(cls, rows, created):
        """The earliest release time that writing these rows (new ones where `created`)
        touched, for elections.events; None where it may touch anything. A contest or a
        candidacy is bound to no time."""
        return None
