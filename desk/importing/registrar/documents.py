"""Turn one of the registrar's files into JSON values, checking their shape as they are read.

Every problem becomes a FeedRefused naming the release, the file and the place in the file,
so a bad download on election night reads as a sentence, never as a KeyError traceback.
"""

import datetime
import json
import re
import zoneinfo

LOS_ANGELES = zoneinfo.ZoneInfo("America/Los_Angeles")

# The largest value a PostgreSQL bigint holds: a count beyond it could not be stored.
LARGEST_COUNT = 2**63 - 1

COUNTER_TIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d\d):(\d\d) ([AP]M)", re.I)
JSON_TYPES = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}


class FeedRefused(Exception):
    """The feed (or one release of it) was not read; the message says where and why."""

    def __init__(self, release, file, problem):
        self.release, self.file, self.problem = release, file, problem
        where = [f"release {release}" if release else "", file or ""]
        super().__init__(": ".join([*filter(None, where), problem]))

    @property
    def in_file(self):
        """The file and the problem, without the release: what an Outcome's line adds after
        the release's name."""
        return ": ".join(filter(None, [self.file, self.problem]))


class Document:
    """One file of one release: parses it and checks each value's type, naming its path."""

    def __init__(self, raw, release, file):
        self.raw, self.release, self.file = raw, release, file
        self.root = self._parse()

    def refuse(self, problem):
        return FeedRefused(self.release, self.file, problem)

    def _parse(self):
        if not self.raw or not self.raw.strip():
            raise self.refuse("is empty")
        try:
            text = self.raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise self.refuse(f"is not UTF-8 text (byte {exc.start})") from None
        if text.lstrip().startswith("<"):
            raise self.refuse(f"is an HTML page, not JSON: {_html_title(text)}")
        try:
            return json.loads(text, object_pairs_hook=_no_repeated_keys)
        except json.JSONDecodeError as exc:
            # A download cut short fails at its very end, or inside a string it never closes.
            if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
                raise self.refuse(
                    f"is truncated: its JSON stops unfinished after {len(self.raw)} bytes"
                ) from None
            raise self.refuse(
                f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            ) from None
        except (ValueError, RecursionError) as exc:
            # Repeated keys (below), numbers of thousands of digits, absurd nesting.
            raise self.refuse(f"is not JSON this reader can take: {exc}") from None

    def value(self, parent, key, kind, path):
        """parent[key], which must be of the Python type kind (dict, list, str, bool)."""
        where, found = self._member(parent, key, path)
        # bool is an int in Python; the feed's counts and flags must not pass for each other.
        if not isinstance(found, kind) or (kind is not bool and isinstance(found, bool)):
            raise self.refuse(f"{where} is {_json_type(found)}, not {JSON_TYPES[kind]}")
        return found

    def count(self, parent, key, path):
        """parent[key] as a whole number from 0 to the largest a database can store."""
        where, found = self._member(parent, key, path)
        if isinstance(found, bool) or not isinstance(found, int | float):
            raise self.refuse(f"{where} is {_json_type(found)}, not a whole number")
        if isinstance(found, float) or found < 0:
            raise self.refuse(f"{where} is {found}, not a whole number of 0 or more")
        if found > LARGEST_COUNT:
            raise self.refuse(f"{where} is {found}, beyond the largest count kept (2**63-1)")
        return found

    def _member(self, parent, key, path):
        where = f"{path}.{key}" if path else key
        if not isinstance(parent, dict):
            raise self.refuse(f"{path or 'the document'} is {_json_type(parent)}, not an object")
        if key not in parent:
            raise self.refuse(f"{where} is missing")
        return where, parent[key]

    def items(self, parent, key, path):
        """The list of objects parent[key], each with its path for messages."""
        where = f"{path}.{key}" if path else key
        found = self.value(parent, key, list, path)
        for number, item in enumerate(found):
            if not isinstance(item, dict):
                raise self.refuse(f"{where}[{number}] is {_json_type(item)}, not an object")
        return [(f"{where}[{number}]", item) for number, item in enumerate(found)]

    def local_time(self, parent, key, path, parse):
        """A time the registrar writes in Los Angeles time without an offset, made aware."""
        text = self.value(parent, key, str, path)
        try:
            moment = parse(text)
        except ValueError:
            where = f"{path}.{key}" if path else key
            raise self.refuse(f"{where} {text!r} is not a time") from None
        if moment.tzinfo is None:
            # In the hour clocks fall back, the earlier of the two readings is taken; no
            # election night falls in it (the first Sunday of November precedes polling day).
            return moment.replace(tzinfo=LOS_ANGELES)
        return moment.astimezone(LOS_ANGELES)


def parse_results_time(text):
    """results.json: "2022-11-10T16:23:14.647" (fractions of a second vary, or are absent)."""
    return datetime.datetime.fromisoformat(text)


def parse_counter_time(text):
    """counter_data.json and election_data.json: "11/10/2022 4:23:14 PM". Parsed by hand, as
    strptime's %p reads AM and PM in the server's locale, which need not be English."""
    match = COUNTER_TIME.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    month, day, year, hour, minute, second, noon = match.groups()
    if not 1 <= int(hour) <= 12:
        raise ValueError(text)
    hour = int(hour) % 12 + (12 if noon.upper() == "PM" else 0)
    return datetime.datetime(int(year), int(month), int(day), hour, int(minute), int(second))


def _no_repeated_keys(pairs):
    """json keeps the last of two equal keys silently; which figure the registrar meant is
    then unknowable, so a repeated key is refused."""
    found = dict(pairs)
    if len(found) < len(pairs):
        raise ValueError(f"an object repeats the key {first_repeated(k for k, _ in pairs)!r}")
    return found


def first_repeated(values):
    seen = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None


def _json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return "a number"
    return JSON_TYPES.get(type(value), type(value).__name__)


def _html_title(text):
    """What the page says it is, so an editor can tell a 503 from a login page."""
    match = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    title = " ".join(match.group(1).split()) if match else " ".join(text.split())
    return repr(title[:80]) if title else "(no title)"
