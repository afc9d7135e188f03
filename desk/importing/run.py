"""Walk the paths given, import each file in its own transaction, and keep the outcome of each."""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction

from archive.linking import LinkContext
from desk.importing import manifest as manifests
from desk.importing.html import parse_html
from desk.importing.parsing import BadValue, parse_text
from desk.importing.reading import (
    DEFAULT_MAX_BYTES,
    STORY_SUFFIXES,
    Empty,
    Refused,
    decode_text,
    looks_like_html,
    read_bytes,
)
from desk.importing.saving import BodyIndex, save_story

ACTIONS = ("created", "updated", "skipped", "failed")


@dataclass
class Outcome:
    path: Path
    action: str
    reason: str = ""
    article_id: int | None = None
    needs_review: bool = False


@dataclass
class Options:
    manifest: dict | None = None
    publication: str = ""
    byline: str = ""
    tags: list = field(default_factory=list)
    as_draft: bool = False
    dry_run: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES


def find_files(paths):
    """Files named are taken as they are; folders give their story files (.txt, .html)."""
    found, outcomes = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or any(p.startswith(".") for p in child.parts[-1:]):
                    continue
                if child.suffix.lower() in STORY_SUFFIXES:
                    found.append(child)
                else:
                    outcomes.append(
                        Outcome(
                            child, "skipped", f"not a story file ({child.suffix or 'no suffix'})"
                        )
                    )
        elif path.is_file():
            found.append(path)
        else:
            outcomes.append(Outcome(path, "failed", "no such file or folder"))
    return found, outcomes


class _DryRun(Exception):
    pass


def import_file(path, options, index, link_context=None):
    try:
        data = read_bytes(path, options.max_bytes)
        story = parse_html(data) if looks_like_html(path, data) else parse_text(decode_text(data))
        if options.manifest is not None:
            row = manifests.lookup(options.manifest, path)
            if row:
                manifests.apply(row, story)
        story.publication = story.publication or options.publication
        story.byline = story.byline or options.byline
        story.tags = story.tags or list(options.tags)
        with transaction.atomic():
            action, reason, article = save_story(
                story, index=index, as_draft=options.as_draft, link_context=link_context
            )
            if options.dry_run:
                transaction.set_rollback(True)
        return Outcome(path, action, reason, article.pk, article.needs_review)
    except Empty as exc:
        return Outcome(path, "skipped", str(exc))
    except (Refused, BadValue) as exc:
        return Outcome(path, "failed", str(exc))
    except DatabaseError as exc:
        return Outcome(path, "failed", f"the database refused it: {str(exc).strip()}")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        return Outcome(path, "failed", f"{type(exc).__name__}: {exc}")


def import_paths(paths, options, progress=None):
    files, outcomes = find_files(paths)
    index = BodyIndex()
    # Candidates, elections and releases are read once for the run: importing stories changes
    # none of them.
    link_context = LinkContext() if files else None
    if link_context:
        link_context.preload_releases()
    if progress:
        progress.total = len(files)
    for path in files:
        outcomes.append(import_file(path, options, index, link_context))
        if progress:
            progress.step()
    if options.manifest is not None:
        # A row naming a file that is not among the paths is a mistake someone should see.
        for name in manifests.unmatched(options.manifest, files):
            outcomes.append(
                Outcome(Path(name), "failed", "listed in the manifest, but no such file was given")
            )
    if progress:
        progress.close()
    return outcomes
