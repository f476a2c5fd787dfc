"""Security headers that Django 5.2's SecurityMiddleware does not set.

Django's ``SecurityMiddleware`` keeps doing HSTS, ``nosniff``, the referrer
policy and the Cross-Origin-Opener-Policy (see ``conf/settings.py``). This
middleware adds a strict Content-Security-Policy and a Permissions-Policy, and
sets the Cross-Origin-Opener-Policy too when nothing else did.

A response that already carries one of these headers keeps it, so a view (or a
later app such as a CMS admin) can send its own, looser policy for its own pages.
The policy itself can be replaced with the ``WERKPUNT_CONTENT_SECURITY_POLICY``
setting (a dict of directive to list of sources).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

#: No inline script or style, nothing from another host, no framing, forms post to us only.
DEFAULT_CONTENT_SECURITY_POLICY: Mapping[str, Sequence[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
}

#: Powerful browser features the site never uses.
DEFAULT_PERMISSIONS_POLICY: Mapping[str, Sequence[str]] = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}


def build_csp(policy: Mapping[str, Sequence[str]]) -> str:
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


def build_permissions_policy(policy: Mapping[str, Sequence[str]]) -> str:
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy, Permissions-Policy and Cross-Origin-Opener-Policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        csp = getattr(settings, "WERKPUNT_CONTENT_SECURITY_POLICY", DEFAULT_CONTENT_SECURITY_POLICY)
        self.headers = {
            "Content-Security-Policy": build_csp(csp),
            "Permissions-Policy": build_permissions_policy(DEFAULT_PERMISSIONS_POLICY),
            "Cross-Origin-Opener-Policy": "same-origin",
        }

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response
