"""Demo content: the Los Angeles mayoral races of 2022 and 2026.

Facts and figures come from the seed stories in ../shared/seeds (see its
README); every sentence here is ours. Where a source gave a time only as
"election night", the time below is a reasonable reading and the release's
notes say so. The 2022 general's counts are not here: they come from the
registrar's own feed, shipped as FEED beside this module (demo.py).
"""

# The Los Angeles County Registrar's results feed for the general election of
# 2022-11-08, as published: election_data.json and its 28 releases.
FEED = "demo_feed/lavote-2022-general.tar.xz"
FEED_FOLDER = "lavote-2022-general"
# The feed's contest that is the demo's 2022 general, for the quick demo the tests load.
MAYOR_CONTEST = "LOS ANGELES CITY GENERAL MUNICIPAL ELECTION Mayor"

CANDIDATES = [
    {
        "slug": "karen-bass",
        "name": "Karen Bass",
        "press_names": [
            "Rep. Karen Bass",
            "Congresswoman Karen Bass",
            "Mayor Karen Bass",
            "Bass",
        ],
        "bio": "Congresswoman for Los Angeles who ran for mayor in 2022 and won; sought a "
        "second term in 2026.",
        "occupation": "Congresswoman (2022); Mayor of Los Angeles (2026)",
    },
    {
        "slug": "rick-caruso",
        "name": "Rick Caruso",
        "press_names": ["Caruso"],
        "bio": "Real estate developer who led the 2022 primary on election night and lost the "
        "November runoff; did not run for mayor in 2026.",
        "occupation": "Businessman",
    },
    {
        "slug": "kevin-de-leon",
        "name": "Kevin de León",
        "press_names": ["Kevin de Leon", "de León", "De León"],
        "bio": "City Council member who ran in the 2022 mayoral primary.",
        "occupation": "City Council member",
    },
    {
        "slug": "austin-beutner",
        "name": "Austin Beutner",
        "press_names": ["Beutner"],
        "bio": "Challenger to Karen Bass in the 2026 mayoral race.",
        "occupation": "",
    },
    {
        "slug": "asaad-alnajjar",
        "name": "Asaad Alnajjar",
        "press_names": ["Alnajjar"],
        "bio": "Candidate in the 2026 mayoral race.",
        "occupation": "",
    },
    {
        "slug": "rae-huang",
        "name": "Rae Huang",
        "press_names": ["Huang"],
        "bio": "Candidate in the 2026 mayoral race.",
        "occupation": "",
    },
]

ELECTIONS = [
    {
        "slug": "los-angeles-mayor-2022-06-07",
        "date": "2022-06-07",
        "stage": "primary",
        "status": "certified",
        "follows": None,
        "ballot_size": 12,  # the seeds: "12 candidates" on the primary ballot
        "candidacies": {
            "karen-bass": "advanced",
            "rick-caruso": "advanced",
            "kevin-de-leon": "defeated",
        },
    },
    {
        "slug": "los-angeles-mayor-2022-11-08",
        "date": "2022-11-08",
        "stage": "general",
        "status": "certified",
        "follows": "los-angeles-mayor-2022-06-07",
        "candidacies": {"karen-bass": "elected", "rick-caruso": "defeated"},
    },
    {
        # A runoff follows on 2026-11-03 if nobody passes 50%; the seeds hold
        # no result of the primary, so outcomes stay pending.
        "slug": "los-angeles-mayor-2026-06-02",
        "date": "2026-06-02",
        "stage": "primary",
        "status": "scheduled",
        "follows": None,
        "incumbent": "karen-bass",
        "candidacies": {
            "karen-bass": "pending",
            "austin-beutner": "pending",
            "asaad-alnajjar": "pending",
            "rae-huang": "pending",
        },
    },
]

RELEASES = [
    {
        "election": "los-angeles-mayor-2022-06-07",
        "released_at": "2022-06-07T23:30:00-07:00",
        "source": "Associated Press, as reported on election night",
        "notes": "Shares only, as reported when the AP said the race would go to a runoff. "
        "Time approximate: late on election night.",
        "vote_counts": {"rick-caruso": {"share": "41"}, "karen-bass": {"share": "37"}},
    },
]

PUBLICATION = {"slug": "tally-demo-desk", "name": "Tally demo desk"}

STORIES = [
    {
        "slug": "poll-bass-leads-caruso-before-primary",
        "headline": "Poll puts Bass ahead of Caruso a week before the primary",
        "dek": "Many voters had still not picked a candidate.",
        "published_at": "2022-05-31T08:00:00-07:00",
        "tags": ["primary", "polls"],
        "body": [
            "A Los Angeles Times survey taken in late May found Rep. Karen Bass with 38% "
            "support among likely voters and Rick Caruso with 32%.",
            "Fifteen percent of those asked had not decided, leaving room for either candidate "
            "to pull ahead on June 7.",
            "Twelve candidates are on the primary ballot. If nobody wins a majority, the top "
            "two meet again in November.",
        ],
    },
    {
        "slug": "caruso-and-bass-bound-for-runoff",
        "headline": "Caruso and Bass bound for a November runoff",
        "dek": "Neither candidate came near a majority on primary night.",
        "published_at": "2022-06-08T00:30:00-07:00",
        "tags": ["primary", "runoff", "results"],
        "body": [
            "Rick Caruso led the mayoral primary late on election night with 41% of the vote, "
            "ahead of Karen Bass at 37%, when the Associated Press reported that the race "
            "would be settled in a runoff.",
            "With no candidate above 50%, Caruso and Bass advance to the general election on "
            "November 8. Kevin de León was among the candidates who trailed.",
            "Mail ballots still to be counted could move the order of the top two before "
            "the results are certified.",
        ],
    },
    {
        "slug": "caruso-holds-early-edge-over-bass",
        "headline": "Caruso holds an early edge over Bass as counting begins",
        "dek": "About four in ten votes had been tallied by Wednesday morning.",
        "published_at": "2022-11-09T08:30:00-08:00",
        "tags": ["general election", "vote count"],
        "body": [
            "Rick Caruso had 51.2% of the vote to 48.8% for Karen Bass on Wednesday morning, "
            "with 38% of votes tallied.",
            "The gap is narrow enough that the ballots still to be counted, many of them "
            "mailed late, will decide who becomes the next mayor of Los Angeles.",
        ],
        "corrections": [
            {
                "kind": "clarification",
                "published_at": "2022-12-05T10:00:00-08:00",
                "text": "The shares in this story came from the first counts after election "
                "day, not the final result. Later releases reversed the lead: Karen Bass won, "
                "and the certified count is shown with the story.",
            }
        ],
    },
    {
        "slug": "bass-narrows-gap-thursday-count",
        "headline": "Bass narrows the gap as Thursday's count adds mail ballots",
        "dek": "Fewer than 2,700 votes now separate the two candidates.",
        "published_at": "2022-11-10T18:30:00-08:00",
        "tags": ["general election", "vote count"],
        "body": [
            "The county registrar's Thursday release put Rick Caruso at 273,941 votes and "
            "Karen Bass at 271,246, a gap of 2,695.",
            "The update added 134,099 vote-by-mail ballots and brought the number of ballots "
            "counted across Los Angeles County to 1,452,192.",
            "Late on Thursday the registrar estimated that about 883,000 ballots remained "
            "county-wide, without saying how many were cast in the city.",
        ],
    },
    {
        "slug": "what-is-left-to-count-in-mayors-race",
        "headline": "What is left to count in the mayor's race",
        "dek": "Results will come twice a week until every ballot is in.",
        "published_at": "2022-11-11T10:00:00-08:00",
        "tags": ["general election", "vote count", "explainer"],
        "body": [
            "After Thursday's release the registrar planned another update on Friday, then "
            "new figures every Tuesday and Friday until the count is done.",
            "Ballots postmarked by election day can arrive until November 15, so a winner may "
            "take weeks to emerge.",
            "In the June primary Bass trailed Caruso on election night, then won by seven "
            "points once the late mail ballots were counted. Her campaign expects the same "
            "pattern now.",
        ],
    },
    {
        "slug": "bass-opens-re-election-bid",
        "headline": "Bass opens her re-election bid as challengers line up",
        "dek": "Caruso has said he will not run for mayor this time.",
        "published_at": "2025-12-15T11:00:00-08:00",
        "tags": ["2026 election", "campaign"],
        "body": [
            "Mayor Karen Bass began her campaign for a second term at a rally on December 13.",
            "Austin Beutner, Asaad Alnajjar and Rae Huang are among those running against her "
            "in the primary on June 2, 2026. Rick Caruso is not running for mayor.",
            "If no candidate wins more than half of the vote in June, the top two will meet in "
            "a runoff on November 3, 2026.",
        ],
    },
]
