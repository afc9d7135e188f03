"""The newsroom's roles, as Django groups that exist after every `migrate`.

Made by a post_migrate handler rather than a data migration: permissions are
created after migrations run, so a migration on a fresh database would find
none to grant. Running it again brings the groups back to this definition.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITORS = "Editors"
RESULTS_DESK = "Results desk"

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# (app label, model name) -> actions.
ROLES = {
    EDITORS: {
        ("archive", "article"): ALL,
        ("archive", "publication"): ALL,
        ("archive", "articlecandidate"): ALL,
        ("archive", "articleelection"): ALL,
        ("archive", "articlerelease"): ALL,
        # A correction told to readers stays with the story: editors may add and mend
        # one, not take it away.
        ("archive", "correction"): ("add", "change", "view"),
        ("archive", "linkquestion"): ("change", "view"),
        ("taggit", "tag"): ALL,
        ("taggit", "taggeditem"): ALL,
        ("candidates", "candidate"): VIEW,
        ("elections", "election"): VIEW,
        ("elections", "electionday"): VIEW,
        ("elections", "feedrelease"): VIEW,
        ("elections", "candidacy"): VIEW,
        ("elections", "release"): VIEW,
        ("elections", "votecount"): VIEW,
    },
    RESULTS_DESK: {
        ("elections", "release"): ALL,
        ("elections", "votecount"): ALL,
        # Calling a race and recording outcomes is the results desk's job too;
        # making or removing elections is not.
        ("elections", "election"): ("change", "view"),
        ("elections", "electionday"): ("change", "view"),
        ("elections", "feedrelease"): VIEW,
        ("elections", "candidacy"): ("change", "view"),
        ("candidates", "candidate"): VIEW,
        ("archive", "article"): VIEW,
        ("archive", "publication"): VIEW,
        ("archive", "articlecandidate"): VIEW,
        ("archive", "articleelection"): VIEW,
        ("archive", "articlerelease"): VIEW,
        ("archive", "correction"): VIEW,
        ("archive", "linkquestion"): VIEW,
        ("taggit", "tag"): VIEW,
    },
}


def permissions_for(grants):
    query = Q(pk__in=[])
    for (app_label, model), actions in grants.items():
        query |= Q(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    return Permission.objects.filter(query)


def ensure_roles(using="default", **kwargs):
    for name, grants in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions_for(grants).using(using))
