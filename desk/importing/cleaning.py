"""Site boilerplate that scrapers leave in a story's text, and how to recognise it.

Lines are judged whole: a sentence in the story that merely mentions the AP or a newsletter stays.
"""

import re

# Lines that are furniture of the page, not words of the story.
_FURNITURE = re.compile(
    r"""^(
        share(\ (the|this)(\ (post|story|article|page))?)?:? | share\ (selection|on\ \w+|via\ \w+) |
        tweet | email | print | copy\ link | comments? | \d+\ comments? |
        advertisement | sponsored | skip\ to\ (main\ )?content | continue\ reading |
        leave\ a\ (comment|reply) | join\ the\ conversation |
        your\ email\ address\ will\ not\ be\ published\.?.* | required\ fields\ are\ marked.* |
        thanks?\ (you\ )?for\ (contacting\ us|signing\ up|subscribing|your\ submission).* |
        we'?ve\ received\ your\ submission.* |
        (sign\ up|subscribe)\ (for|to)\ (our|the)\ .*newsletter.* | subscribe(\ now)? |
        check\ your\ inbox.* | you(\ have|'ve)\ (been\ )?(successfully\ )?subscribed.* |
        (read\ more|see\ also|more\ from\ .{1,40}|recommended(\ for\ you)?|most\ read)[:.]?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# After these, what follows is lists of other stories or comments: drop the rest of the page.
_END_OF_STORY = re.compile(
    r"^(related(\ (posts|articles|stories|coverage|content))?|you\ may\ also\ like|"
    r"more\ stories|leave\ a\ (comment|reply)|comments)[:.]?$",
    re.IGNORECASE | re.VERBOSE,
)

# Section labels a page prints above its headline.
_SECTION_LABELS = {
    "news",
    "us news",
    "u.s. news",
    "world news",
    "local news",
    "local",
    "politics",
    "elections",
    "opinion",
    "breaking news",
}

# Agencies and photo desks that sign a picture's caption, at the end of the credit.
_AGENCY_AT_END = re.compile(
    r"\b(AP|AP Photo|AFP|Reuters|Getty Images?|Shutterstock|EPA|EPA-EFE|ZUMA( Press| Wire)?|"
    r"MediaPunch|NurPhoto|Sipa( USA)?|Alamy|CNP|Pool)\)?$"
)
_CREDIT_PREFIX = re.compile(
    r"^\(?(photo|image|credit|photograph|picture)( by)?\s*[:/]|^\(AP Photo", re.I
)


def _is_credit(text):
    """A short, unpunctuated signature such as 'Getty Images' or 'Pool via CNP /MediaPunch'."""
    text = text.strip()
    if not text or len(text.split()) > 6 or text[-1] in '.!?:"”’':
        return False
    return bool(_AGENCY_AT_END.search(text) or _CREDIT_PREFIX.match(text))


def is_photo_caption(line):
    """A credit on its own, or a caption that ends with one: 'Crowds at the polls. AP'."""
    if _CREDIT_PREFIX.match(line):
        return True
    if _is_credit(line):
        return True
    if len(line) > 400:
        return False
    match = re.search(r"[.!?”\"]\s+(?P<credit>[^.!?]+)$", line)
    return bool(match) and _is_credit(match.group("credit"))


def is_furniture(line):
    return bool(_FURNITURE.match(line.strip()))


def clean_lines(lines):
    """The story's lines without boilerplate; blank lines are kept as paragraph breaks."""
    kept = []
    content = [i for i, line in enumerate(lines) if line.strip()]
    last_third = content[len(content) * 2 // 3] if content else 0
    first_content = content[0] if content else None
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            kept.append("")
            continue
        if _END_OF_STORY.match(text) and i >= last_third:
            break
        if i == first_content and text.lower() in _SECTION_LABELS:
            continue
        if is_furniture(text) or is_photo_caption(text):
            continue
        kept.append(text)
    return kept
