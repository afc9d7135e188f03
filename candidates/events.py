"""What the candidates layer announces to the layers above it.

Stories link candidates by their names, but candidates know nothing of stories.
Every write to a candidate announces itself here, from save(), delete() and the
queryset's update, bulk and delete paths alike, so that a rename made in the
admin, by an importer or from the shell reaches the stories; archive.changes
is the one place that answers.
"""

from django.dispatch import Signal

#: A candidate is new, or its name, press names or address changed: candidate_ids=[...].
#: With deleting=True, sent before the candidates are deleted.
names_changed = Signal()
