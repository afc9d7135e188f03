"""Strings a stranger might type or an imported file might hold, to throw at every door.

Written for this project: markup that would run if it reached a page unescaped, SQL and
full-text query syntax, numbers no column holds, dates no calendar has, control and
invisible characters, text in other scripts, and sheer length. Each markup payload
carries its own marker, so a test can say which one got through.
"""

import itertools

# Markup that would run in a browser if a page printed it as it came.
MARKUP = [
    '<script>alert("hostile-1")</script>',
    '"><script>alert("hostile-2")</script>',
    "'><img src=x onerror=alert('hostile-3')>",
    '<svg onload=alert("hostile-4")>',
    '</title><script>alert("hostile-5")</script>',
    '</textarea><script>alert("hostile-6")</script>',
    "<iframe src=\"javascript:alert('hostile-7')\"></iframe>",
    "<a href=\"javascript:alert('hostile-8')\">x</a>",
    '<body onload=alert("hostile-9")>',
    "<div style=\"background:url(javascript:alert('hostile-10'))\">",
    '</script><script>alert("hostile-11")</script>',
    "<math><mi xlink:href=\"javascript:alert('hostile-12')\">x</mi></math>",
    '<img src="x" onerror="alert(&quot;hostile-13&quot;)">',
    "<details open ontoggle=alert('hostile-14')>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'hostile-15\')">',
    "<style>@import \"javascript:alert('hostile-16')\";</style>",
    "{{ 7*7 }}<b>hostile-17</b>",
    "<!--hostile-18--><script>alert(18)</script>",
    '<input autofocus onfocus=alert("hostile-19")>',
    "<object data=\"javascript:alert('hostile-20')\"></object>",
]

# SQL, PostgreSQL's full-text query syntax and other query languages.
QUERY_SYNTAX = [
    "' OR '1'='1",
    "'; DROP TABLE archive_article; --",
    '" OR ""="',
    "1' UNION SELECT password FROM auth_user --",
    "%' AND 1=1 --",
    "\\'",
    "\\",
    "%",
    "_",
    "%%%%",
    "& | ! :* <->",
    "bass & !caruso",
    "bass:*",
    "(bass | caruso) & !(",
    "<->",
    "<2>",
    "!!!",
    ":*:*:*",
    "'' ''",
    '"unclosed phrase',
    '""',
    "-",
    "--",
    "-bass",
    "or",
    "OR OR OR",
    "and not",
    "$where: 1",
    "{$gt: ''}",
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%00",
    "%2e%2e%2f",
    "%0d%0aSet-Cookie: x=1",
    "\r\nSet-Cookie: x=1",
    "${7*7}",
    "#{7*7}",
    "{0}{1}{2}",
    "%s%s%s%s%n",
    "`id`",
    "$(id)",
]

# Numbers beyond what any column or date holds, and things that only look like numbers.
NUMBERS = [
    "0",
    "-1",
    "-0",
    "1.5",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "0x10",
    "0b101",
    "1_000",
    "٣",
    "²",
    "9" * 19,
    "9" * 20,
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1" + "0" * 400,
    "07",
    " 1 ",
    "1,000",
]

DATES = [
    "9999-12-31",
    "10000-01-01",
    "0000-00-00",
    "0001-01-01",
    "2022-02-30",
    "2022-13-01",
    "-2022-01-01",
    "2022-11-10T25:00:00",
    "9999-12-31T23:59:59-12:00",
    "2022/11/10",
    "yesterday",
    "1e10",
]

# Control, invisible and other-script characters; and length.
TEXT = [
    "\x00",
    "bass\x00caruso",
    "\x01\x02\x03\x1f",
    "\x7f",
    "\t\n\r",
    "   ",
    "\u202eevil\u202c",
    "\u200b\u200c\u200d\ufeff",
    "\ud7ff",
    "e\u0301\u0301\u0301\u0301",
    "Ω≈ç√∫˜µ≤≥÷",
    "田中さんにあげて下さい",
    "مرحبا بالعالم",
    "שלום",
    "🗳️🇺🇸🧑🏽‍⚖️",
    "Z̴̡̢̛̗̘͙͚͉̼̾̅̈́a̸l̷g̶o̵",
    "ＢＡＳＳ",
    "ʙᴀss",
    "de León",
    "O'Brien",
    "a" * 300,
    "a" * 10_000,
    "bass " * 500,
    "karen-bass" + "-" * 200,
    "null",
    "None",
    "undefined",
    "true",
    "[]",
    "{}",
]

BASE = MARKUP + QUERY_SYNTAX + NUMBERS + DATES + TEXT


def strings():
    """Every hostile string, and each with a real word before it, so that a payload
    also rides along with a search that matches: more than 200 in all."""
    mixed = [f"bass {s}" for s in BASE] + [f"{s} caruso" for s in MARKUP + QUERY_SYNTAX]
    return list(dict.fromkeys(itertools.chain(BASE, mixed)))


def payload_in(text):
    """The first markup payload found verbatim in `text`, or None: escaped, none is."""
    for payload in MARKUP:
        if payload in text:
            return payload
    return None
