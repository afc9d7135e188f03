"""Two records of one person made one: the importer met "KAREN RUTH BASS" before anyone
knew she was the desk's "Karen Bass". Everything that points at the duplicate (its
candidacies, the stories' links, its names) moves to the record kept; the duplicate goes.
The stories that named either are linked again after the commit (archive.changes)."""

from django.db import transaction

from archive.models.links import ArticleCandidate, Origin


class CannotMerge(Exception):
    """Why two records cannot be merged as they are; nothing was changed."""


@transaction.atomic
def merge_candidates(keep, duplicate):
    """Merge `duplicate` into `keep`; returns `keep`, saved."""
    if keep.pk == duplicate.pk:
        raise CannotMerge("Choose two different records.")
    both = set(keep.candidacies.values_list("election_id", flat=True)) & set(
        duplicate.candidacies.values_list("election_id", flat=True)
    )
    if both:
        names = ", ".join(str(c.election) for c in duplicate.candidacies.filter(election__in=both))
        raise CannotMerge(
            f"Both records stand in {names}: remove one of the two candidacies first, "
            "so that no count is lost without a decision."
        )
    duplicate.candidacies.update(candidate=keep)
    _move_story_links(keep, duplicate)
    names = [duplicate.name, *duplicate.press_names, *keep.press_names]
    keep.press_names = [n for n in dict.fromkeys(names) if n and n != keep.name]
    for field in ("bio", "party_preference", "occupation"):
        if not getattr(keep, field):
            setattr(keep, field, getattr(duplicate, field))
    duplicate.delete()
    keep.save()
    return keep


def _move_story_links(keep, duplicate):
    kept = {link.article_id: link for link in ArticleCandidate.objects.filter(candidate=keep)}
    for link in ArticleCandidate.objects.filter(candidate=duplicate):
        other = kept.get(link.article_id)
        if other is None:
            link.candidate = keep
            link.save(relink=False)
            continue
        # One story named both records: one link, and an editor's choice on either stands.
        other.mention_count += link.mention_count
        if link.origin == Origin.EDITOR:
            other.origin = Origin.EDITOR
        other.is_suppressed = other.is_suppressed or link.is_suppressed
        other.save(relink=False)
        link.delete(relink=False)
