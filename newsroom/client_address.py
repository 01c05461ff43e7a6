"""The address of the client a request came from, read as the deployment says.

Behind a reverse proxy every request's `REMOTE_ADDR` is the proxy's: the
admin lockout (django-axes) would lock a username for everyone, and the
sign-up limits would count every reader as one. `CLIENT_IP_HEADER` names
the `request.META` key that holds the client's address instead.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """Return the address of the client that sent `request`, or "" when unknown.

    From `settings.CLIENT_IP_HEADER`; with a list (X-Forwarded-For), its
    last address. A missing or malformed value falls back to `REMOTE_ADDR`,
    so a misconfigured proxy never turns into an error or a forged address.
    """
    # Each proxy appends the address it was sent the request from, so only
    # the last entry of a list was written by the site's own proxy: the
    # ones before it are whatever the client chose to claim.
    claimed = request.META.get(settings.CLIENT_IP_HEADER, "").rsplit(",", 1)[-1].strip()
    for address in (claimed, request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:
            continue
    return ""
