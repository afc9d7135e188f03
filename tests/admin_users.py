"""Staff users in the newsroom's roles, for tests that go through the admin."""

from django.contrib.auth.models import Group, User

from desk.roles import EDITORS, RESULTS_DESK

PASSWORD = "pw-for-tests-only-9431"


def staff(username, role=None):
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD, is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def editor(username="eddie"):
    return staff(username, EDITORS)


def results_desk(username="rita"):
    return staff(username, RESULTS_DESK)


def chief(username="chief"):
    return User.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
