from django.conf import settings


def client_ip(request):
    """The address a login attempt came from, for the lockout.

    Behind our proxy every request arrives from the proxy, so the address that
    counts is the one the proxy appended last to X-Forwarded-For; anything
    before it was written by the client and cannot be trusted.
    """
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
