"""Security headers that Django 5.2's SecurityMiddleware does not set.

Django's ``SecurityMiddleware`` keeps doing HSTS, ``nosniff``, the referrer
policy and the Cross-Origin-Opener-Policy (see ``conf/settings.py``). This
middleware adds a strict Content-Security-Policy and a Permissions-Policy, and
sets the Cross-Origin-Opener-Policy too when nothing else did.

A response that already carries one of these headers keeps it, so a view (or a
later app such as a CMS admin) can send its own, looser policy for its own pages.
The policy itself can be replaced with the ``WERKPUNT_CONTENT_SECURITY_POLICY``
setting (a dict of directive to list of sources). The CMS admin under ``/cms/``
gets a looser policy of its own (``ADMIN_CONTENT_SECURITY_POLICY``): Wagtail's
admin needs inline scripts and styles and frames its own page preview. A preview
(Wagtail's dummy request, ``request.is_dummy``) keeps the public policy but may be
framed by the admin.
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

#: The Wagtail admin (``/cms/``) uses inline scripts and styles, loads images as
#: ``blob:`` while uploading, and shows its page preview in a frame of its own.
#: It still loads nothing from another host. Only paths under
#: ``WERKPUNT_ADMIN_PATH_PREFIXES`` get this policy.
ADMIN_CONTENT_SECURITY_POLICY: Mapping[str, Sequence[str]] = {
    **DEFAULT_CONTENT_SECURITY_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
ADMIN_PATH_PREFIXES = ("/cms/",)

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
        admin_csp = getattr(
            settings, "WERKPUNT_ADMIN_CONTENT_SECURITY_POLICY", ADMIN_CONTENT_SECURITY_POLICY
        )
        self.admin_prefixes = tuple(
            getattr(settings, "WERKPUNT_ADMIN_PATH_PREFIXES", ADMIN_PATH_PREFIXES)
        )
        common = {
            "Permissions-Policy": build_permissions_policy(DEFAULT_PERMISSIONS_POLICY),
            "Cross-Origin-Opener-Policy": "same-origin",
        }
        self.headers = {"Content-Security-Policy": build_csp(csp), **common}
        self.admin_headers = {"Content-Security-Policy": build_csp(admin_csp), **common}
        # A page previewed in the CMS: the public policy, but the admin may frame it.
        self.preview_headers = {
            "Content-Security-Policy": build_csp({**csp, "frame-ancestors": ["'self'"]}),
            **common,
        }

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if getattr(request, "is_dummy", False):  # Wagtail's preview request
            headers = self.preview_headers
        elif request.path.startswith(self.admin_prefixes):
            headers = self.admin_headers
        else:
            headers = self.headers
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
