from axes.backends import AxesStandaloneBackend


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come through a request.

    A sign-in without a request (a management command, a test client's login())
    has no address to lock out, so it goes on to the model backend unchecked
    instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
