"""Content-Security-Policy: django-csp's middleware, with the looser policy Wagtail's admin needs."""

import base64
import hashlib
import re

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

# The inline event handlers Oscar's own templates carry (the mini basket's button, the forms'
# "cancel" links, the thank-you page's print button). Allowed by their exact text ('unsafe-hashes'):
# a handler anyone else writes into a page has another hash and does not run.
OSCAR_INLINE_HANDLERS = [
    "window.location.href='/basket/';",
    "window.history.go(-1);return false",
    "history.go(-1);return false",
    "javascript:history.go(-1);",
    "window.print()",
    "window.close();return false;",
]


def source_hashes(snippets: list[str]) -> list[str]:
    """CSP source expressions ('sha256-…') that allow exactly these inline scripts or handlers."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in snippets]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The storefront's and seller centre's policy everywhere, except under the prefixes in
    MARKETPLACE_CSP_ADMIN_PREFIXES (Wagtail's admin), which get MARKETPLACE_CSP_ADMIN_POLICY."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        path = request.path_info
        # A page's preview or draft shows what its author (a seller, say) wrote: it keeps the
        # storefront's policy even under the admin's prefix.
        preview = any(re.match(pattern, path) for pattern in settings.MARKETPLACE_CSP_PAGE_PREVIEWS)
        admin = path.startswith(tuple(settings.MARKETPLACE_CSP_ADMIN_PREFIXES)) and not preview
        if admin and not report_only and parts.config is None:
            parts.config = default_config(settings.MARKETPLACE_CSP_ADMIN_POLICY["DIRECTIVES"])
        return parts
