"""Counting the storefront's pages as they are served (from the page cache too): cache only."""

import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.urls import ResolverMatch

from marketplace.accounts.throttling import client_ip

from . import counters, schedule
from .models import DailyCount

logger = logging.getLogger(__name__)

# Crawlers and link previews are not visitors.
NOT_VISITORS = re.compile(r"bot|crawl|spider|slurp|facebookexternalhit|preview|monitor|curl|wget", re.I)
SEARCH_PAGES = ("", "1")
# Which shop a page belongs to, by the page's URL name: a function of the resolved URL giving the
# shop's id (or None). Filled by the apps that know shops (sellers' `ready`): visits knows none.
SHOP_OF: dict[str, Callable[[ResolverMatch], int | None]] = {}


class VisitCountingMiddleware:
    """Counts a page view (and a visitor, first time today) for every storefront page shown.

    Outside the page cache's middleware, so a page served whole from the cache is counted as well;
    on the product page a product view, on the first page of a search the words searched. A cache
    that cannot be reached costs a count, never the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        schedule.start_in_process()

    def __call__(self, request):
        response = self.get_response(request)
        if self._counted(request, response):
            try:
                self._count(request)
            except Exception:  # the page is served whatever happens to its count
                logger.warning("A visit could not be counted", exc_info=True)
        return response

    def _counted(self, request, response) -> bool:
        return (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and getattr(request, "resolver_match", None) is not None
            and not request.path.startswith(settings.MARKETPLACE_VISITS_NOT_COUNTED)
            and not NOT_VISITORS.search(request.META.get("HTTP_USER_AGENT", ""))
        )

    def _count(self, request) -> None:
        counters.add(DailyCount.Kind.PAGE_VIEWS)
        visitor = self._visitor(request)
        if counters.first_sighting(visitor):
            counters.add(DailyCount.Kind.VISITORS)
        match = request.resolver_match
        shop_of = SHOP_OF.get(match.view_name)
        shop = shop_of(match) if shop_of else None
        if shop is not None and counters.first_sighting(f"{visitor}:shop:{shop}"):
            counters.add(DailyCount.Kind.SHOP_VISITORS, str(shop))
        if match.view_name == "catalogue:detail":
            counters.add(DailyCount.Kind.PRODUCT_VIEWS, str(match.kwargs.get("pk", "")))
        elif match.view_name == "search:search" and request.GET.get("page", "") in SEARCH_PAGES:
            words = counters.search_words(request.GET.get("q", ""))
            if words:
                counters.add(DailyCount.Kind.SEARCHES, words)

    def _visitor(self, request) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return counters.visitor_digest("account", str(user.pk))
        return counters.visitor_digest(client_ip(request), request.META.get("HTTP_USER_AGENT", "")[:512])
