"""Security headers sent with every response.

`ContentSecurityPolicyMiddleware` is django-csp's middleware with one change:
pages under the admin get the looser policy the Django admin and the rich
text editor need, while the public pages keep the strict one from settings.
`PermissionsPolicyMiddleware` switches off the browser features listed in
`settings.PERMISSIONS_POLICY`.
"""

from __future__ import annotations

from collections.abc import Callable

from csp.constants import NONCE, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# The admin is mounted here in newsroom/urls.py.
ADMIN_PREFIX = "/admin/"

# Added to the site's policy under ADMIN_PREFIX only. The rich text editor's
# import map is an inline script, allowed by this request's nonce (see
# ArticleAdmin.render_change_form; public pages never read the nonce), and
# the editor injects its own <style> element, which takes 'unsafe-inline'.
ADMIN_POLICY_UPDATE = {"script-src": [NONCE], "style-src": [UNSAFE_INLINE]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Send the site's Content-Security-Policy, loosened for the admin."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = ADMIN_POLICY_UPDATE
        return parts


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header built from settings.PERMISSIONS_POLICY."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
