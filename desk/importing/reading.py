"""Turn a file into text, or say plainly why it cannot be a story."""

from pathlib import Path

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STORY_SUFFIXES = {".txt", ".text", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}


class Refused(Exception):
    """A file the importer will not take; the message is shown to the editor as the reason."""


class Empty(Exception):
    """A file with nothing in it: skipped rather than failed."""


def read_bytes(path: Path, max_bytes=DEFAULT_MAX_BYTES):
    size = path.stat().st_size
    if size == 0:
        raise Empty("empty file")
    if size > max_bytes:
        raise Refused(
            f"file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:g} MB limit "
            "(see --max-size)"
        )
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise Refused("binary file, not text or HTML")
    return data


def decode_text(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Refused(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); "
            "save the file as UTF-8 and import it again"
        ) from None
    if not text.strip():
        raise Empty("only whitespace")
    return text


def looks_like_html(path: Path, data: bytes):
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))
