"""Per-file metadata from a CSV: file, headline, published_at, byline, publication, source_url,
tags (separated by ';'). A value in the manifest wins over what the file says."""

import csv
from pathlib import Path

from desk.importing.parsing import parse_datetime, split_tags

COLUMNS = ["file", "headline", "published_at", "byline", "publication", "source_url", "tags"]


class ManifestError(Exception):
    pass


def read_manifest(path):
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            unknown = [c for c in header if c not in COLUMNS]
            if "file" not in header or unknown:
                raise ManifestError(
                    f"{path}: the header must hold 'file' and only these columns: "
                    f"{', '.join(COLUMNS)}"
                    + (f" (unknown: {', '.join(unknown)})" if unknown else "")
                )
            rows = {}
            for number, row in enumerate(reader, start=2):
                name = (row.get("file") or "").strip()
                if not name:
                    raise ManifestError(f"{path}, row {number}: the file column is empty")
                if name in rows:
                    raise ManifestError(f"{path}, row {number}: {name} is listed twice")
                rows[name] = {k: (v or "").strip() for k, v in row.items() if k in COLUMNS}
    except UnicodeDecodeError:
        raise ManifestError(f"{path}: not valid UTF-8") from None
    except OSError as exc:
        raise ManifestError(f"{path}: {exc.strerror}") from None
    return rows


def lookup(rows, path):
    """A manifest names a file by its name, or by a path ending in it."""
    path = Path(path)
    if path.name in rows:
        return rows[path.name]
    for name, row in rows.items():
        if path.as_posix().endswith("/" + name.lstrip("/")):
            return row
    return None


def unmatched(rows, paths):
    """The manifest's file names that none of these paths answers to."""
    matched = {id(lookup(rows, path)) for path in paths}
    return [name for name, row in rows.items() if id(row) not in matched]


def apply(row, story):
    """Overlay the manifest's values; a bad date raises BadValue, failing only this file."""
    for field in ("headline", "byline", "publication", "source_url"):
        if row.get(field):
            setattr(story, field, row[field])
    if row.get("published_at"):
        story.published_at = parse_datetime(row["published_at"])
    if row.get("tags"):
        story.tags = split_tags(row["tags"])
