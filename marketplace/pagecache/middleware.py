"""Serve whole pages from the cache to visitors who carry nothing of their own.

A visitor with a session (signed in, or anything kept for them), a basket or a pending message is
always served by the view. Everyone else sees the same page for the same address and language, so
it is stored once per content version (`versions`) and served without touching the database; the
two things on it that are each visitor's own are put in on every serve: the CSRF token of the
forms (the language switcher, add to basket, booking) and the nonce of the page's one inline script.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from . import versions

CSRF_MARK = b"\x00csrf-token\x00"  # no form field or rich text keeps a NUL: it cannot be typed in
NONCE_MARK = b"\x00csp-nonce\x00"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
MAX_QUERY_STRING = 256
NOT_KEPT_HEADERS = {"set-cookie", "content-length", "vary"}


def _personal_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, settings.OSCAR_BASKET_COOKIE_OPEN, CookieStorage.cookie_name)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and self._storable(request, response):
            cache.set(key, self._frozen(request, response), settings.MARKETPLACE_PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable(request):
            return None
        key = self._key(request)
        stored = cache.get(key)
        if stored is None:
            if request.method == "GET":
                request._page_cache_key = key
            return None
        return self._thawed(request, stored)

    def _cacheable(self, request) -> bool:
        match = request.resolver_match
        return (
            settings.MARKETPLACE_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and match is not None
            and match.view_name in settings.MARKETPLACE_PAGE_CACHE_VIEWS
            and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
            and "HTTP_AUTHORIZATION" not in request.META
            and not any(name in request.COOKIES for name in _personal_cookies())
        )

    def _key(self, request) -> str:
        # The day is in the key: what is on sale, and which dates can be booked, follow the calendar.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return f"pagecache:page:{versions.current()}:{timezone.localdate()}:{language}:{digest}"

    def _storable(self, request, response) -> bool:
        cache_control = response.get("Cache-Control", "")
        messages = getattr(request, "_messages", None)
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and not response.cookies
            and not (session is not None and session.modified)
            and not (messages is not None and messages.added_new)
            and not request.user.is_authenticated
        )

    def _frozen(self, request, response) -> dict:
        content = CSRF_FIELD.sub(rb"\1" + CSRF_MARK + rb"\2", response.content)
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str):
            content = content.replace(nonce.encode(), NONCE_MARK)
        headers = {name: value for name, value in response.items() if name.lower() not in NOT_KEPT_HEADERS}
        return {"content": content, "headers": headers}

    def _thawed(self, request, stored) -> HttpResponse:
        content = stored["content"]
        if CSRF_MARK in content:
            content = content.replace(CSRF_MARK, get_token(request).encode())
        if NONCE_MARK in content:
            content = content.replace(NONCE_MARK, str(request.csp_nonce).encode())
        response = HttpResponse(content, headers=stored["headers"])
        response["X-Page-Cache"] = "hit"
        return response
