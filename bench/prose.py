"""Stories of realistic shape for the synthetic archive, written from templates.

A story names its candidates the way the press does (the full name first, then
a surname or a title), quotes exact figures of a release when it reports a
count, and mentions topics whose share of stories is known in advance
(FREQUENCY_TERMS), so that the search benchmark can ask for a word found in
about 0.1%, 1% or 10% of stories.
"""

import html

# word -> share of stories that mention it; no other template uses these words
# or anything that stems the same (police, homeless, pension...).
FREQUENCY_TERMS = {
    "desalination": 0.001,
    "heliport": 0.001,
    "aqueduct": 0.001,
    "wildfire": 0.01,
    "broadband": 0.01,
    "earthquake": 0.01,
    "homelessness": 0.10,
    "transit": 0.10,
    "pensions": 0.10,
}
_TERM_PHRASES = {
    "desalination": ["the desalination plant", "desalination contracts"],
    "heliport": ["the downtown heliport", "heliport noise"],
    "aqueduct": ["repairs to the aqueduct", "the aging aqueduct"],
    "wildfire": ["wildfire recovery", "wildfire insurance"],
    "broadband": ["public broadband", "broadband for every household"],
    "earthquake": ["earthquake retrofits", "earthquake preparedness"],
    "homelessness": ["homelessness", "the homelessness budget"],
    "transit": ["transit service", "late-night transit"],
    "pensions": ["city pensions", "unfunded pensions"],
}
_TERM_TAGS = {
    "desalination": "Water",
    "aqueduct": "Water",
    "heliport": "Aviation",
    "wildfire": "Wildfires",
    "broadband": "Technology",
    "earthquake": "Disaster preparedness",
    "homelessness": "Homelessness",
    "transit": "Transit",
    "pensions": "City budget",
}

ISSUES = [
    ("housing costs", "Housing"),
    ("rent increases", "Housing"),
    ("street repairs", "Infrastructure"),
    ("the city budget", "City budget"),
    ("public safety", "Public safety"),
    ("911 response times", "Public safety"),
    ("parks and libraries", "Parks"),
    ("traffic on the main corridors", "Traffic"),
    ("water rates", "Water"),
    ("permits for small businesses", "Business"),
    ("climate goals", "Climate"),
    ("the port expansion", "Economy"),
    ("airport noise", "Aviation"),
    ("school funding", "Education"),
    ("zoning near rail stops", "Housing"),
    ("broken sidewalks", "Infrastructure"),
    ("the tree canopy", "Environment"),
    ("ethics reform", "Ethics"),
    ("campaign finance rules", "Campaign finance"),
    ("the minimum wage", "Labor"),
    ("code enforcement", "City hall"),
    ("trash pickup", "City services"),
    ("the stadium deal", "Economy"),
    ("the convention center", "Economy"),
    ("illegal dumping", "City services"),
    ("wage theft", "Labor"),
]

GROUPS = [
    "neighborhood councils",
    "tenant advocates",
    "business owners",
    "the firefighters' union",
    "the teachers' union",
    "the chamber of commerce",
    "renters",
    "homeowners",
    "small landlords",
    "younger voters",
    "retirees",
    "labor leaders",
    "environmental groups",
    "faith leaders",
    "parents",
    "commuters",
]
ORGS = [
    "the County Federation of Labor",
    "the Sierra Club",
    "the League of Conservation Voters",
    "the Chamber of Commerce",
    "the Democratic Party",
    "the Republican Party",
    "the firefighters' union",
    "the nurses' association",
    "the editorial board",
    "a coalition of tenant groups",
    "the Latino Caucus",
    "the Asian American Business Council",
]
VENUES = [
    "a community center",
    "a high school auditorium",
    "a union hall",
    "a church basement",
    "a public library",
    "a taco shop",
    "a senior center",
    "the public radio studio",
    "a neighborhood park",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PARTS_OF_DAY = ["morning", "afternoon", "evening", "night"]

QUOTES = [
    "We cannot keep waiting on {issue}. People are tired of promises",
    "This campaign has always been about {issue}, and it still is",
    "I've knocked on thousands of doors, and what I hear is {issue}",
    "Nobody in this race has a real plan for {issue} except us",
    "The voters want someone who will show up and fix {issue}",
    "We're going to count every vote, and we're going to be patient",
    "It's a long count, and we feel good about where we are",
    "My opponent has had years to deal with {issue} and did nothing",
    "This city deserves better than the same old excuses on {issue}",
    "We ran a clean campaign and we're proud of it",
    "Whatever happens, the work on {issue} doesn't stop",
    "The numbers are moving our way, and the late ballots favor us",
]

LEADS = {
    "campaign": [
        "{A} spent {weekday} {part} at {venue} in {place}, pressing a message about {issue} "
        "to a crowd of {group}.",
        "The race for {place} {office} turned to {issue} this week, as {A} and {B} traded "
        "sharp words over who would do more.",
        "With {days} days left before the {stage}, {A} is trying to make {issue} the question "
        "voters carry into the booth.",
        "{A} has built a campaign for {place} {office} around {issue}, and {group} appear to be "
        "listening.",
    ],
    "debate": [
        "{A} and {B} clashed over {issue} on {weekday} {part} in the first televised debate of "
        "the race for {place} {office}.",
        "A debate at {venue} on {weekday} gave {A} and {B} their sharpest exchange yet, most of "
        "it about {issue}.",
    ],
    "endorsement": [
        "{Org} endorsed {A} for {place} {office} on {weekday}, citing the candidate's record on "
        "{issue}.",
        "{A} picked up the backing of {org} on {weekday}, a boost in a crowded race for {place} "
        "{office}.",
    ],
    "fundraising": [
        "{A} raised more than ${money} in the last reporting period, the most of any candidate "
        "for {place} {office}, according to filings released {weekday}.",
        "New campaign finance reports show {A} with a wide cash lead in the race for {place} "
        "{office}, while {B} leaned on small donors.",
    ],
    "poll": [
        "A new survey of likely voters shows {A} and {B} separated by a few points in the race "
        "for {place} {office}, with many voters still undecided.",
        "{A} holds a narrow edge over {B} in a poll released {weekday}, though the margin is "
        "within the survey's error.",
    ],
    "results": [
        "{A} held the lead in the race for {place} {office} as the count went on {weekday}, "
        "according to the latest figures from election officials.",
        "The latest count in the {place} {office} race moved little on {weekday}, leaving "
        "{A} ahead and {B} looking to the ballots still to be tallied.",
        "Election officials released another batch of results in the {place} {office} race "
        "on {weekday} {part}, and {A} remained in front.",
    ],
    "analysis": [
        "As the count in the {place} {office} race stretches on, both campaigns are studying "
        "which neighborhoods the remaining ballots come from.",
        "Late ballots have a way of changing California races, and the {place} {office} "
        "contest is no exception.",
    ],
    "final": [
        "{A} won the race for {place} {office}, according to the final count, ending a "
        "campaign that centered on {issue}.",
        "{B} conceded to {A} on {weekday}, closing one of the most closely watched races in "
        "{place}.",
    ],
}

MIDDLE = [
    "{a} has promised to make {issue} a priority in the first hundred days. Critics say the "
    "plan leaves out how to pay for it, and {b} has called it a wish list. Supporters point to "
    "{a}'s record and say the details will follow.",
    "At {venue}, {a} took questions from {group} for nearly an hour. Several asked about "
    '{issue}; others wanted to know about {issue2}. "{quote}," {a} told the crowd.',
    '"{quote}," {b} said in an interview {weekday}. {b} has spent much of the race trying to '
    "draw a contrast with {a} on {issue2}.",
    "Both campaigns have poured money into mailers and digital ads. One flyer from {b}'s "
    "allies accuses {a} of ignoring {issue}; {a}'s campaign called the claim misleading and "
    'said it was "the kind of politics voters are sick of."',
    "The race has drawn attention from {group} and {group2}, who have held forums in several "
    "neighborhoods. Turnout at those events has been modest, but organizers say interest is "
    "growing as the election nears.",
    "{a} grew up in {place} and often tells voters about the years spent working on "
    "{issue2}. {b} tells a different story, about {issue} and about a city hall that "
    "does not answer the phone.",
    "Political consultants not working for either campaign said the contest could turn on "
    '{issue}. "Whoever convinces {group} wins this thing," one said, asking not to be '
    "named to speak freely.",
    "{b} has been endorsed by {org}, while {a} counts {org2} among supporters. Endorsements "
    "matter less than they used to, analysts say, but they still bring volunteers and money.",
    "Asked about {issue2}, {a} said the city should {verb} before taking on anything new. "
    "{b} disagreed, arguing that the city has waited long enough.",
    "The candidates agree on more than their ads suggest. Both say they want to {verb}, and "
    "both have called for an audit of spending on {issue2}.",
    "Voters in {place} have rejected incumbents before, and {b} is counting on that history. "
    "{a}, for now, is running as if the race were close.",
    "In a campaign email sent {weekday}, {a} asked supporters to volunteer for a final push "
    "on {issue}. The email mentioned {b} by name four times.",
    "{a}'s schedule this week includes stops in three neighborhoods and a town hall on "
    "{issue2}. Aides said the candidate would also meet with {group} privately.",
    "A spokesperson for {b} said the campaign had reached more voters by phone in the past "
    "month than in the whole of the previous race. The campaign did not release its own "
    "polling.",
    "For {group}, the stakes are concrete. Many said at a recent forum that {issue} had "
    "shaped where they live and what they pay, and that neither candidate had said enough "
    "about it.",
    "{b} has promised to {verb} within a year. {a} called the promise unrealistic, noting "
    "that the last two administrations made similar pledges and fell short.",
    "The city's own audits have flagged problems with {issue2} for years. Both candidates "
    "cite those reports, though they draw different lessons from them.",
    '"{quote}," {a} said at {venue} on {weekday}, drawing applause from a room of about a '
    "hundred people.",
    "Records show {a} has missed few council votes on {issue}, but critics say attendance "
    "is not the same as results. {b}'s allies have made that point in ads.",
    "Volunteers for {b} have spent weekends registering voters outside grocery stores. "
    "The campaign says it has signed up thousands of first-time voters, many of them "
    "{group}.",
    "Neither candidate has said much about {issue2}, which surprised some observers. "
    '"It\'s the issue nobody wants to own," said a former city official.',
    "{a} drew a crowd at {venue} on {weekday} {part}; {b} held a smaller event across town "
    "with {group} and promised to keep talking about {issue}.",
]

COUNT_MIDDLE = [
    "Officials said the remaining ballots include mail ballots that arrived after election "
    "day and provisional ballots that must be checked by hand. Both campaigns have staff "
    "watching the process.",
    "Counts in California often move for weeks after election day, because ballots "
    "postmarked by election day can arrive later and each signature must be checked.",
    "{b}'s campaign said late-arriving ballots tend to favor its candidate. {a}'s campaign "
    'said it was confident the lead would hold. "{quote}," {a} said.',
    "The county's registrar planned to release updated results on {weekday}, with further "
    "updates expected twice a week until the count is finished.",
    "Analysts said the trend in recent releases was more telling than any single count, and "
    "that {b} would need a large share of the remaining ballots to close the gap.",
]

CLOSERS = [
    "The {stage} is on {election_day}. Ballots go out to every registered voter by mail four "
    "weeks before.",
    "{a} and {b} are scheduled to meet again at a forum hosted by {org} next week.",
    "Results will be certified within thirty days of the election, officials said.",
    "Neither campaign would say how much it plans to spend in the final weeks.",
    "The next update of the count is expected {weekday} {part}.",
]

TERM_PARAGRAPHS = [
    "The question of {term_phrase} came up again and again. {a} said it deserved more money "
    "and attention; {b} said the city should first fix what it has. Residents who spoke at "
    "the meeting were divided.",
    "On {term_phrase}, the candidates have offered competing plans. {a} would create a new "
    "office to oversee it, while {b} wants an independent review of the last five years.",
    "Several voters said {term_phrase} was the issue that would decide their vote. \"It's "
    'the thing I think about every day," said one, a longtime resident of {place}.',
]

VERBS = [
    "fix the basics",
    "balance the budget",
    "hire more inspectors",
    "cut permit delays",
    "repave the worst streets",
    "open more shelters",
    "audit every department",
    "speed up housing approvals",
]

HEADLINES = {
    "campaign": [
        "{a} puts {issue} at center of {place} {short_office} bid",
        "In {place}, {a} and {b} court {group}",
        "{Issue} dominates the race for {place} {short_office}",
    ],
    "debate": [
        "{a} and {b} clash over {issue} in {place} debate",
        "Sharp exchanges as {place} {short_office} candidates debate",
    ],
    "endorsement": ["{Org} backs {A} for {place} {short_office}", "{A} wins key endorsement"],
    "fundraising": [
        "{A} leads {place} {short_office} race in fundraising",
        "Money pours into {place} {short_office} race",
    ],
    "poll": ["Poll finds tight race between {a} and {b}", "{a} edges {b} in new poll"],
    "results": [
        "{a} leads {place} {short_office} race as count continues",
        "{a} keeps lead over {b} in latest {place} count",
        "New count holds steady in {place} {short_office} race",
    ],
    "analysis": [
        "What the late ballots mean for {a} and {b}",
        "Slow count keeps {place} {short_office} race open",
    ],
    "final": ["{A} wins {place} {short_office} race", "{b} concedes {place} race to {a}"],
}
DEKS = [
    "The race has turned on {issue}, and both campaigns say the next weeks will decide it.",
    "{group_cap} could decide a contest that has been close from the start.",
    "Both candidates say they are the one to fix {issue}.",
    "The count, the money and the message, as the race enters a new phase.",
]

STORY_TAGS = {
    "campaign": "Campaign",
    "debate": "Debates",
    "endorsement": "Endorsements",
    "fundraising": "Campaign finance",
    "poll": "Polls",
    "results": "Election results",
    "analysis": "Analysis",
    "final": "Election results",
}


class Person:
    """How the press names one candidate in a story."""

    __slots__ = ("name", "surname", "first_forms", "later_forms")

    def __init__(self, name, surname, title_form=None, nickname_form=None):
        self.name = name
        self.surname = surname
        self.first_forms = [name] + ([title_form] if title_form else [])
        self.later_forms = [surname, surname, surname] + ([nickname_form] if nickname_form else [])


class StoryWriter:
    """Writes one story at a time with a seeded random.Random, so a seed gives one archive."""

    def __init__(self, rng):
        self.rng = rng

    def write(self, kind, election, people, release=None, when=None, terms=()):
        """Return (headline, dek, body, tags) for one story.

        kind: a key of LEADS; election: dict with office, short_office, place, stage,
        date; people: Person list, most-named first (two at least); release: dict with
        released_at, ballots_counted, ballots_remaining and figures [(Person, votes)],
        or None; terms: FREQUENCY_TERMS words this story mentions.
        """
        rng = self.rng
        target_words = rng.randint(400, 900)
        a_person, b_person = people[0], people[1]
        issue, issue_tag = rng.choice(ISSUES)
        issue2, _ = rng.choice(ISSUES)
        slots = {
            "place": election["place"],
            "office": election["office"],
            "short_office": election["short_office"],
            "stage": election["stage_word"],
            "election_day": election["date_text"],
            "issue": issue,
            "Issue": issue[0].upper() + issue[1:],
            "issue2": issue2,
            "group": rng.choice(GROUPS),
            "group2": rng.choice(GROUPS),
            "org": rng.choice(ORGS),
            "org2": rng.choice(ORGS),
            "venue": rng.choice(VENUES),
            "weekday": rng.choice(WEEKDAYS),
            "part": rng.choice(PARTS_OF_DAY),
            "days": rng.randint(3, 60),
            "money": f"{rng.randint(40, 2400) * 1000:,}",
            "verb": rng.choice(VERBS),
        }
        slots["Org"] = slots["org"][0].upper() + slots["org"][1:]
        slots["group_cap"] = slots["group"][0].upper() + slots["group"][1:]
        slots["quote"] = rng.choice(QUOTES).format(issue=issue)
        slots["A"] = rng.choice(a_person.first_forms)
        slots["B"] = rng.choice(b_person.first_forms)
        slots["a"] = a_person.surname
        slots["b"] = b_person.surname

        headline = rng.choice(HEADLINES[kind]).format(**slots)
        headline = headline[0].upper() + headline[1:]
        dek = rng.choice(DEKS).format(**slots)

        lead = rng.choice(LEADS[kind])
        paragraphs = [lead.format(**slots)]
        # Later paragraphs may name a candidate only by surname; the first uses full names.
        if "{A}" not in lead:
            paragraphs[0] += f" The leading candidates are {slots['A']} and {slots['B']}."
        elif "{B}" not in lead:
            paragraphs[0] += f" {slots['B']} is also in the race."
        if release is not None:
            paragraphs.append(self._figures(release, slots))
        for extra in people[2:]:
            paragraphs.append(self._also_running(extra, slots))
        for term in terms:
            phrase = rng.choice(_TERM_PHRASES[term])
            paragraphs.insert(
                rng.randint(1, len(paragraphs)),
                rng.choice(TERM_PARAGRAPHS).format(term_phrase=phrase, **slots),
            )

        middles = COUNT_MIDDLE + MIDDLE if kind in ("results", "analysis") else list(MIDDLE)
        rng.shuffle(middles)
        words = sum(p.count(" ") + 1 for p in paragraphs)
        while words < target_words:
            slots["weekday"] = rng.choice(WEEKDAYS)
            slots["a"] = rng.choice(a_person.later_forms)
            slots["b"] = rng.choice(b_person.later_forms)
            slots["group"] = rng.choice(GROUPS)
            slots["issue2"] = rng.choice(ISSUES)[0]
            slots["quote"] = rng.choice(QUOTES).format(issue=rng.choice(ISSUES)[0])
            if not middles:
                middles = list(MIDDLE)
                rng.shuffle(middles)
            paragraph = middles.pop().format(**slots)
            paragraphs.append(paragraph)
            words += paragraph.count(" ") + 1
        paragraphs.append(rng.choice(CLOSERS).format(**slots))

        tags = {STORY_TAGS[kind], issue_tag, election["place"], election["office_tag"]}
        tags.update(_TERM_TAGS[t] for t in terms)
        return headline, dek, "\n\n".join(paragraphs), sorted(tags)

    def _figures(self, release, slots):
        rng = self.rng
        figures = release["figures"]
        local = release["local_time"]
        when = f"{local:%A} at {local.strftime('%I:%M %p').lstrip('0').lower()}"
        (lead, lead_votes), (second, second_votes) = figures[0], figures[1]
        text = (
            f"As of the count released {when}, {lead.surname} had {lead_votes:,} votes to "
            f"{second.surname}'s {second_votes:,}."
        )
        if len(figures) > 2 and rng.random() < 0.5:
            third, third_votes = figures[2]
            text += f" {third.name} was third with {third_votes:,}."
        counted = release["ballots_counted"]
        remaining = release["ballots_remaining"]
        if counted and rng.random() < 0.7:
            text += f" Officials had counted {counted:,} ballots"
            if remaining:
                text += f" and estimated that about {remaining:,} were left to count."
            else:
                text += "."
        margin = lead_votes - second_votes
        if margin > 0:
            text += f" The gap between the two stood at {margin:,} votes."
        return text

    def _also_running(self, person, slots):
        return self.rng.choice(
            [
                f"{person.first_forms[0]} is also on the ballot and has focused on "
                f"{slots['issue2']}.",
                f"Also running is {person.first_forms[-1]}, who has campaigned mostly in "
                f"{slots['place']}'s older neighborhoods. {person.surname} has said little "
                f"about {slots['issue']}.",
                f"{person.first_forms[0]}, another candidate, called for a debate on "
                f"{slots['issue']} and criticized both front-runners.",
            ]
        )


def paragraphs_html(body):
    """The body as escaped paragraphs: what a story shows before the linker has run."""
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
