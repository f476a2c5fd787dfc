"""A whole-page cache for anonymous visitors of the public pages.

Most visitors of the public site are anonymous and read the same pages; rendering an
instrument page costs tens of milliseconds and a dozen queries, serving it from the
cache a fraction of a millisecond. :class:`PublicPageCacheMiddleware` sits first in
``MIDDLEWARE`` so a stored response already carries every header the other middleware
added (CSP, security headers, language). Only responses a view marked with
:func:`mark_public` are stored, and only when:

- the request is a GET or HEAD without a query string, outside ``STATIC_URL``,
- the visitor sends no session or CSRF cookie and no ``Authorization`` header (so nothing
  personal can be on the page:
  someone logged in or in the middle of the wizard always gets a fresh page),
- the response is a 200 that sets no cookie and is not ``private`` or ``no-store``.

The key is the scheme, host and path, the day (amounts depend on it), the accepted encoding (gzip or
not) and a *generation*
number; publishing, unpublishing, moving or deleting a page bumps the generation
(``content.signals``), so editors see their change at once. Entries live
``WERKPUNT_PAGE_CACHE_SECONDS`` (default 300; 0 turns the cache off). With Redis
configured as the cache all app servers share it; with the embedded default each
process has its own. See docs/frontend.md ("Speed").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase

_GENERATION_KEY = "werkpunt:page-cache:generation"
_MARK = "_werkpunt_public"


ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def mark_public(response: ResponseT) -> ResponseT:
    """Say that ``response`` is the same for every anonymous visitor and may be cached."""
    setattr(response, _MARK, True)
    return response


def bump_generation() -> None:
    """Forget every cached page (after an editor changed content)."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 1, timeout=None)


def content_generation() -> int:
    """A number that changes whenever an editor changes content (for other caches too)."""
    return _generation()


def _generation() -> int:
    value = cache.get(_GENERATION_KEY)
    if value is None:
        cache.add(_GENERATION_KEY, 1, timeout=None)
        return 1
    return int(value)


def _cache_seconds() -> int:
    return int(getattr(settings, "WERKPUNT_PAGE_CACHE_SECONDS", 0))


def _lookup_allowed(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and not request.META.get("QUERY_STRING")
        and not request.path.startswith(settings.STATIC_URL)
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.CSRF_COOKIE_NAME not in request.COOKIES
    )


def _storable(response: HttpResponseBase) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(response, _MARK, False)
        and isinstance(response, HttpResponse)
        and response.status_code == 200
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _key(request: HttpRequest, generation: int) -> str:
    from werkpunt.core import views

    # Amounts and "voorlopig" marks depend on the day, so a page is kept per day.
    day = views.today().isoformat()
    gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    # Scheme and host too: HSTS and absolute links (canonical, Open Graph) differ by them.
    origin = f"{request.scheme}://{request.get_host()}"
    return f"werkpunt:page:{generation}:{day}:{int(gzip)}:{origin}{request.path}"


class PublicPageCacheMiddleware:
    """Serve marked public pages to anonymous visitors from the cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        seconds = _cache_seconds()
        if seconds <= 0 or not _lookup_allowed(request):
            return self.get_response(request)
        key = _key(request, _generation())
        cached = cache.get(key)
        if cached is not None:
            hit = HttpResponse(cached["content"], status=200)
            for header, value in cached["headers"]:
                hit[header] = value
            hit["X-Werkpunt-Cache"] = "hit"
            if request.method == "HEAD":
                hit.content = b""
            return hit
        response = self.get_response(request)
        if request.method == "GET" and isinstance(response, HttpResponse) and _storable(response):
            headers = list(response.items())
            cache.set(key, {"content": response.content, "headers": headers}, timeout=seconds)
        return response
