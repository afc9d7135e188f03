import functools
import ipaddress

from django.conf import settings


def client_ip(request):
    """The address a login attempt came from, for the lockout.

    X-Forwarded-For is believed only when the request comes from a proxy the
    operator names in TRUSTED_PROXIES: gunicorn may be reachable directly, and
    a client could then claim a new address with every guess. Each trusted
    proxy appends the address it saw, so reading from the right, the first
    address that is not one of our proxies is the client; anything further left
    was written by the client and cannot be trusted.
    """
    client = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(_address(client)):
        return client
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed(forwarded):
        address = _address(entry.strip())
        if address is None:
            # Not written by a proxy we know: the last hop we could vouch for stands.
            break
        client = str(address)
        if not _is_trusted(address):
            break
    return client


def _address(text):
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d.
    return getattr(address, "ipv4_mapped", None) or address


def _is_trusted(address):
    return address is not None and any(
        address in network for network in _networks(tuple(settings.TRUSTED_PROXIES))
    )


@functools.cache
def _networks(entries):
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]
