"""Short texts for bench.link_truth, written for the project, each with what it must link.

Every figure comes from the Los Angeles County registrar's feed of the 2022 general (the
releases named here by their time on the registrar's clock) or from the demo's primary of
June 2022; the sentences are ours. A text gives:

- candidates: the slugs of everyone it names and must link (and so no one else);
- figures: each figure as written in the body (once there), with the release it must link
  to, as (contest, release time), or None where it must link nowhere: rounded ("about
  900,000"), misprinted, credited to the wrong person, or not yet published when the story
  was.

Contests are named by the short keys of CONTESTS, which bench.link_truth turns into slugs.
"""

from dataclasses import dataclass, field

CONTESTS = {
    "mayor": "los-angeles-mayor-2022-11-08",
    "mayor primary": "los-angeles-mayor-2022-06-07",
    "controller": "los-angeles-city-general-municipal-election-controller-2022-11-08",
    "city attorney": "los-angeles-city-general-municipal-election-city-attorney-2022-11-08",
    "cd5": "los-angeles-city-general-municipal-election-member-of-the-city-council-"
    "5th-district-2022-11-08",
    "cd11": "los-angeles-city-general-municipal-election-member-of-the-city-council-"
    "11th-district-2022-11-08",
    "cd13": "los-angeles-city-general-municipal-election-member-of-the-city-council-"
    "13th-district-2022-11-08",
    "sheriff": "sheriff-2022-11-08",
    "supervisor 3": "supervisor-3rd-district-2022-11-08",
    "house 27": "united-states-representative-27th-district-2022-11-08",
    "house 34": "united-states-representative-34th-district-2022-11-08",
    "senate": "united-states-senator-full-term-2022-11-08",
    "inglewood 2": "inglewood-city-general-municipal-election-member-of-the-city-council-"
    "2nd-district-2022-11-08",
}

# Releases by the time the registrar stamped on them.
ELECTION_NIGHT_LAST = "2022-11-09T03:35:19"
THURSDAY = "2022-11-10T16:23:14"
DEC_2 = "2022-12-02T15:04:18"
CERTIFIED = "2022-12-05T12:15:21"
PRIMARY_NIGHT = "2022-06-07T23:30:00"


@dataclass
class Text:
    name: str
    published: str  # on the newsroom's clock in Los Angeles
    body: str
    candidates: set = field(default_factory=set)
    figures: dict = field(default_factory=dict)  # figure as written -> (contest, time) or None
    case: str = ""  # the point of issue 13 it tries


def at(contest, time):
    return (contest, time)


TEXTS = [
    # 1. A share printed beside a vote count.
    Text(
        "share beside votes",
        "2022-11-10T18:00",
        "Rick Caruso led Karen Bass on Thursday, 273,941 (50.25%) to 271,246 (49.75%).",
        {"rick-caruso", "karen-bass"},
        {
            "273,941": at("mayor", THURSDAY),
            "50.25%": at("mayor", THURSDAY),
            "271,246": at("mayor", THURSDAY),
            "49.75%": at("mayor", THURSDAY),
        },
        "1",
    ),
    Text(
        "shares at one decimal",
        "2022-12-06T09:00",
        "Karen Bass won with 54.8 percent of the vote to 45.2 percent for Rick Caruso.",
        {"karen-bass", "rick-caruso"},
        {"54.8 percent": at("mayor", CERTIFIED), "45.2 percent": at("mayor", CERTIFIED)},
        "1",
    ),
    Text(
        "sheriff, votes and shares",
        "2022-11-10T18:30",
        "Robert Luna led Sheriff Alex Villanueva 770,084 votes to 563,482, or 57.75% to "
        "42.25%, in Thursday's count.",
        {"robert-luna", "alex-villanueva"},
        {
            "770,084": at("sheriff", THURSDAY),
            "563,482": at("sheriff", THURSDAY),
            "57.75%": at("sheriff", THURSDAY),
            "42.25%": at("sheriff", THURSDAY),
        },
        "1",
    ),
    Text(
        "controller, whole shares",
        "2022-11-10T19:00",
        "Kenneth Mejia, with 290,736 votes, kept a lead of about 61% over Paul Koretz, who had "
        "186,483.",
        {"kenneth-mejia", "paul-koretz"},
        {"290,736": at("controller", THURSDAY), "61%": None, "186,483": at("controller", THURSDAY)},
        "1, 3",
    ),
    # 2. Whose figure it is.
    Text(
        "swapped shares",
        "2022-11-10T18:00",
        "Karen Bass had 50.25% and Rick Caruso 49.75% after Thursday's release.",
        {"karen-bass", "rick-caruso"},
        {"50.25%": None, "49.75%": None},
        "2",
    ),
    Text(
        "swapped votes",
        "2022-11-10T18:00",
        "Thursday's count gave Karen Bass 273,941 votes and Rick Caruso 271,246.",
        {"karen-bass", "rick-caruso"},
        {"273,941": None, "271,246": None},
        "2",
    ),
    Text(
        "swapped in another race",
        "2022-11-10T20:00",
        "In the 11th District, Erin Darling had 31,756 votes to Traci Park's 26,029.",
        {"erin-darling", "traci-park"},
        {"31,756": None, "26,029": None},
        "2",
    ),
    Text(
        "votes given plainly",
        "2022-11-10T20:00",
        "In the 11th District, Traci Park had 31,756 votes to Erin Darling's 26,029.",
        {"traci-park", "erin-darling"},
        {"31,756": at("cd11", THURSDAY), "26,029": at("cd11", THURSDAY)},
        "2",
    ),
    # 3. Ballots counted, margins, totals; rounded figures never.
    Text(
        "ballots counted and the margin",
        "2022-11-10T18:00",
        "The registrar has now counted 1,452,192 ballots across the county.\n\n"
        "Rick Caruso is ahead of Karen Bass by 2,695 votes.",
        {"rick-caruso", "karen-bass"},
        {"1,452,192": at("mayor", THURSDAY), "2,695": at("mayor", THURSDAY)},
        "3",
    ),
    Text(
        "rounded figures",
        "2022-11-10T18:00",
        "Rick Caruso leads Karen Bass by just under 2,700 votes, with about 900,000 ballots "
        "still to be counted, or roughly 883,000 by another estimate.",
        {"rick-caruso", "karen-bass"},
        {"2,700": None, "900,000": None, "883,000": None},
        "3",
    ),
    Text(
        "the contest's totals",
        "2022-11-10T21:00",
        "Of 557,871 ballots cast in the mayor's race, 545,187 carried a vote for Karen Bass or "
        "Rick Caruso.",
        {"karen-bass", "rick-caruso"},
        {"557,871": at("mayor", THURSDAY), "545,187": at("mayor", THURSDAY)},
        "3",
    ),
    Text(
        "margin in a council race",
        "2022-12-06T10:00",
        "Hugo Soto-Martinez unseated Mitch O'Farrell by 10,272 votes, 38,069 to 27,797.",
        {"hugo-soto-martinez", "mitch-ofarrell"},
        {
            "10,272": at("cd13", CERTIFIED),
            "38,069": at("cd13", CERTIFIED),
            "27,797": at("cd13", CERTIFIED),
        },
        "3",
    ),
    Text(
        "misprinted and not yet published",
        "2022-11-10T12:00",
        "Rick Caruso's lead over Karen Bass stood at 252,476 to 240,194 in the last count of "
        "election night; a later count gave him 273,914, and another 273,941.",
        {"rick-caruso", "karen-bass"},
        {
            "252,476": at("mayor", ELECTION_NIGHT_LAST),
            "240,194": at("mayor", ELECTION_NIGHT_LAST),
            "273,914": None,
            "273,941": None,
        },
        "3",
    ),
    Text(
        "figures of the whole county in a council story",
        "2022-12-06T11:00",
        "Katy Young Yaroslavsky beat Sam Yebri, 50,740 to 34,248, as the county finished "
        "counting 2,456,701 ballots.",
        {"katy-young-yaroslavsky", "sam-yebri"},
        {
            "50,740": at("cd5", CERTIFIED),
            "34,248": at("cd5", CERTIFIED),
            "2,456,701": at("cd5", CERTIFIED),
        },
        "3",
    ),
    # 4. Another election's figures.
    Text(
        "the primary recalled",
        "2022-11-10T19:00",
        "Karen Bass cut into Rick Caruso's lead on Thursday.\n\n"
        "In June's primary, Rick Caruso took 41% and Karen Bass 37%.",
        {"karen-bass", "rick-caruso"},
        {"41%": at("mayor primary", PRIMARY_NIGHT), "37%": at("mayor primary", PRIMARY_NIGHT)},
        "4",
    ),
    Text(
        "the primary recalled, swapped",
        "2022-11-10T19:00",
        "In June's primary, Karen Bass took 41% and Rick Caruso 37%.",
        {"karen-bass", "rick-caruso"},
        {"41%": None, "37%": None},
        "4",
    ),
    # 5. Namesakes and common surnames.
    Text(
        "a dentist called Caruso",
        "2022-11-09T12:00",
        "Dr. Maria Caruso, a dentist in Encino, said she voted early. Caruso said the line at "
        "her polling place was short.",
        set(),
        {},
        "5",
    ),
    Text(
        "a voter called Bass",
        "2022-11-09T12:00",
        "Mr. Bass, a retired teacher in Leimert Park, said he had not yet decided.",
        set(),
        {},
        "5",
    ),
    Text(
        "a park and a bass",
        "2022-11-09T12:00",
        "Voters queued at the park in Westchester and outside Griffith Park; a bass player from "
        "Bassett played for them.",
        set(),
        {},
        "5",
    ),
    Text(
        "Gomez named in full",
        "2022-11-10T20:00",
        "Jimmy Gomez led David Kim 36,352 to 32,215 in the 34th District.\n\n"
        "Gomez thanked volunteers; Kim said it was early.",
        {"jimmy-gomez", "david-kim"},
        {"36,352": at("house 34", THURSDAY), "32,215": at("house 34", THURSDAY)},
        "5",
    ),
    Text(
        "Gomez alone",
        "2022-11-09T15:00",
        "Gomez said the count in his district was slow, and Kim agreed.",
        set(),
        {},
        "5",
    ),
    Text(
        "Garcia and Smith",
        "2022-12-06T12:00",
        "Mike Garcia held the 27th District against Christy Smith, 104,624 to 91,892.\n\n"
        "Smith conceded on Tuesday. Garcia thanked his supporters.",
        {"mike-garcia", "christy-smith"},
        {"104,624": at("house 27", CERTIFIED), "91,892": at("house 27", CERTIFIED)},
        "5",
    ),
    Text(
        "the senator and his opponent",
        "2022-11-10T20:00",
        "Alex Padilla beat Mark P. Meuser for a full term in the Senate, 934,151 votes to "
        "478,410 in Los Angeles County.",
        {"alex-padilla", "mark-p-meuser"},
        {"934,151": at("senate", THURSDAY), "478,410": at("senate", THURSDAY)},
        "5",
    ),
    Text(
        "the council candidate of the same name",
        "2022-12-06T13:00",
        "In Inglewood's 2nd District, Alex Padilla beat Bobby Brown 3,823 to 1,924.",
        {"alex-padilla-2", "bobby-brown"},
        {"3,823": at("inglewood 2", DEC_2), "1,924": at("inglewood 2", DEC_2)},
        "5",
    ),
    Text(
        "a surname settled by the contest",
        "2022-11-10T21:00",
        "Hydee Feldstein Soto led the race for city attorney with 271,739 votes. Gill, her "
        "opponent, had 198,766.",
        {"hydee-feldstein-soto", "faisal-m-gill"},
        {"271,739": at("city attorney", THURSDAY), "198,766": at("city attorney", THURSDAY)},
        "5",
    ),
    Text(
        "a name inside a longer one",
        "2022-11-09T10:00",
        "Hugo Soto-Martinez, a union organiser, led Mitch O'Farrell in early returns.",
        {"hugo-soto-martinez", "mitch-ofarrell"},
        {},
        "5",
    ),
    Text(
        "press names",
        "2022-11-09T10:00",
        "Rep. Karen Bass told supporters to be patient.",
        {"karen-bass"},
        {},
        "5",
    ),
    Text(
        "de León in the primary",
        "2022-06-08T09:00",
        "Kevin de León finished third in the primary; de León said he would not endorse.",
        {"kevin-de-leon"},
        {},
        "5",
    ),
    Text(
        "a supervisor's race, certified",
        "2022-12-06T14:00",
        "Lindsey Horvath overtook Bob Hertzberg in the late count and won, 258,315 to "
        "229,358. Hertzberg conceded.",
        {"lindsey-horvath", "bob-hertzberg"},
        {"258,315": at("supervisor 3", CERTIFIED), "229,358": at("supervisor 3", CERTIFIED)},
        "5",
    ),
    Text(
        "press forms without the middle name",
        "2022-11-10T21:00",
        "Katy Yaroslavsky led Sam Yebri, and Faisal Gill trailed Hydee Feldstein Soto; Isaac "
        "Bryan held his Assembly seat.",
        {
            "katy-young-yaroslavsky",
            "sam-yebri",
            "faisal-m-gill",
            "hydee-feldstein-soto",
            "isaac-g-bryan",
        },
        {},
        "5",
    ),
    Text(
        "a bare surname settled by the contest",
        "2022-11-10T21:00",
        "Christy Smith trailed in the 27th District on Thursday, and Garcia's lead grew.",
        {"christy-smith", "mike-garcia"},
        {},
        "5",
    ),
    Text(
        "the pair reversed",
        "2022-11-10T18:00",
        "Rick Caruso trailed Karen Bass on Thursday, 271,246 to 273,941.",
        {"rick-caruso", "karen-bass"},
        {"271,246": None, "273,941": None},
        "2",
    ),
    Text(
        "a lead that grew",
        "2022-11-10T18:00",
        "Rick Caruso's lead over Karen Bass fell from 12,282 to 2,695 votes.",
        {"rick-caruso", "karen-bass"},
        {"12,282": at("mayor", ELECTION_NIGHT_LAST), "2,695": at("mayor", THURSDAY)},
        "3",
    ),
    Text(
        "ballots counted with no race named",
        "2022-11-10T18:00",
        "The county had counted 1,452,192 ballots by Thursday afternoon.",
        set(),
        {"1,452,192": None},
        "3",
    ),
    Text(
        "the loser of 2022 in 2026",
        "2026-03-01T10:00",
        "Karen Bass faces Austin Beutner in June. Rick Caruso, who lost to Bass in 2022, said "
        "he would stay out of the race.",
        {"karen-bass", "austin-beutner", "rick-caruso"},
        {},
        "5",
    ),
    Text(
        "the candidate's own words",
        "2022-11-09T11:00",
        '"We are going to win," Karen Bass told supporters. Mr. Caruso, her opponent, said '
        "he was confident.",
        {"karen-bass", "rick-caruso"},
        {},
        "5",
    ),
    # 6. Many mentions, one link each.
    Text(
        "the runoff, mentioned often",
        "2022-11-11T09:00",
        "Karen Bass and Rick Caruso spent Thursday apart.\n\n"
        "Bass met volunteers in Baldwin Hills. Caruso toured a ballot centre.\n\n"
        "Bass said every vote would be counted. Caruso said the same.\n\n"
        "By evening Caruso's lead had shrunk, and Bass was confident.\n\n"
        "Caruso and Bass will hear the next count on Friday.",
        {"karen-bass", "rick-caruso"},
        {},
        "6",
    ),
]
