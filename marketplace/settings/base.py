"""Settings shared by every way of running the marketplace, read through one environment object."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403 -- Oscar's settings defaults, overridden below

from marketplace.csp import OSCAR_INLINE_HANDLERS, source_hashes
from marketplace.purchases.status import OrderStatus
from marketplace.purchases.status import pipeline as order_status_pipeline
from shop.dashboard.sellers.nav import seller_only

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A .env file beside manage.py is read when present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications ---------------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",  # django-csp: the Content-Security-Policy header (see "Content-Security-Policy" below)
    "django.contrib.postgres",  # search lookups on PostgreSQL; inert elsewhere
    # The marketplace's own apps come before Oscar's so their templates win.
    "themes",
    "vendors.apps.SellersConfig",
    "vendors.provenance.apps.ProvenanceConfig",
    "marketplace.cms.apps.CmsConfig",
    "marketplace.purchases.apps.PurchasesConfig",
    "marketplace.productsearch.apps.ProductSearchConfig",
    "marketplace.payments.apps.PaymentsConfig",
    "marketplace.demo.apps.DemoConfig",
    "marketplace.accounts.apps.AccountsConfig",
    "marketplace.pagecache.apps.PageCacheConfig",
    "marketplace.visits.apps.VisitsConfig",
    "marketplace.figures.apps.FiguresConfig",
    "marketplace.api.apps.ApiConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Oscar, with the apps the marketplace forks (shop/…) in place of Oscar's own.
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "shop.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "shop.dashboard.sellers.apps.SellersDashboardConfig",
    "shop.dashboard.seller_centre.apps.SellerCentreDashboardConfig",
    "marketplace.payments.dashboard.apps.PaymentsDashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "shop.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    # Oscar's third-party needs. Haystack is installed only because Oscar imports it; the
    # marketplace's catalogue and search views do not use it (see shop/search).
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail, under its own prefixes (/cms/ for the admin).
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, with user forms that refuse an e-mail address already in use.
    "marketplace.accounts.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so every response (errors and redirects included) carries the policy.
    "marketplace.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "marketplace.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in: who gave a code this session (django-otp), then the staff areas' gate.
    "django_otp.middleware.OTPMiddleware",
    "marketplace.accounts.two_factor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "marketplace.accounts.throttling.ThrottleMiddleware",
    # Outside the page cache, so that pages served from it are counted too.
    "marketplace.visits.middleware.VisitCountingMiddleware",
    # Innermost but for axes: it stores what the view made, before the outer layers add their own.
    "marketplace.pagecache.middleware.AnonymousPageCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two gunicorn workers and Oscar's product-view counter write to one file: WAL lets readers
    # go on during a write, IMMEDIATE takes the write lock up front instead of failing midway
    # with "database is locked", and the timeout makes a writer wait its turn.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CACHES["throttle"] = {**CACHES["default"], "KEY_PREFIX": "throttle"}
    CACHES["visits"] = {**CACHES["default"], "KEY_PREFIX": "visits"}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # Files under var/, shared by every process of the site (each gunicorn worker, a management
    # command, a task run in process): a write renews the page cache's version, the search index's
    # version and an import's progress for all of them at once, not only for the worker that wrote.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("MARKETPLACE_CACHE_DIR", default="") or str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5_000},
        }
    }
    CACHES["throttle"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
    # Its own store, roomy: the page cache's culling never takes counts with it.
    CACHES["visits"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "visits",
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    }
    # Without a broker, tasks run in the process that queues them.
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Task modules outside the apps' tasks.py, for workers to know them.
CELERY_IMPORTS = ["marketplace.mail"]
CELERY_BEAT_SCHEDULE = {
    "expire-unpaid-payments": {"task": "marketplace.payments.tasks.expire_payments", "schedule": 5 * 60},
    "refresh-lapsed-recognitions": {
        "task": "marketplace.productsearch.tasks.refresh_lapsed_recognitions",
        "schedule": 15 * 60,
    },
    "roll-up-visits": {"task": "marketplace.visits.tasks.rollup_counts", "schedule": 5 * 60},
    # The figures read today's orders as they are: the rollup only makes the closed days quick.
    "roll-up-sales": {"task": "marketplace.figures.tasks.rollup_sales", "schedule": 60 * 60},
}

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", default="ocop-products")
# Dotted path of a search backend, to force one; empty: Elasticsearch if ELASTICSEARCH_URL, else the database.
MARKETPLACE_SEARCH_BACKEND = env("MARKETPLACE_SEARCH_BACKEND", default="")

# Haystack stays configured only because Oscar imports it; nothing reads this index.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# --- Accounts -------------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account or address before any password is checked.
    "marketplace.accounts.backends.SignInLockoutBackend",
    # Oscar's sign-in by e-mail address, refusing (not failing on) an address two accounts share.
    "marketplace.accounts.backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A seller lands in the seller centre, a shopper on the home page (marketplace.accounts.views).
LOGIN_REDIRECT_URL = "/accounts/after-sign-in/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Brute force (django-axes): after AXES_FAILURE_LIMIT failed sign-ins for one account, or from one
# address, signing in is refused for AXES_COOLOFF_MINUTES — on the storefront, /cms/ and
# /django-admin/ alike. Accounts are counted whatever form of their name is typed.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "marketplace.accounts.throttling.sign_in_account"
AXES_CLIENT_IP_CALLABLE = "marketplace.accounts.throttling.client_ip_for_axes"
AXES_LOCKOUT_CALLABLE = "marketplace.accounts.throttling.locked_out"
# Behind a proxy, REMOTE_ADDR is the proxy's: say how many proxies of ours add X-Forwarded-For.
MARKETPLACE_TRUSTED_PROXY_COUNT = env.int("MARKETPLACE_TRUSTED_PROXY_COUNT", default=0)
# Throttled POSTs (django-ratelimit, counted in the "throttle" cache): "N/s|m|h|d" per period.
RATELIMIT_USE_CACHE = "throttle"
RATELIMIT_IP_META_KEY = "marketplace.accounts.throttling.client_ip_for_ratelimit"
MARKETPLACE_PASSWORD_RESET_RATE_PER_ACCOUNT = env(
    "MARKETPLACE_PASSWORD_RESET_RATE_PER_ACCOUNT", default="3/h"
)
MARKETPLACE_PASSWORD_RESET_RATE_PER_IP = env("MARKETPLACE_PASSWORD_RESET_RATE_PER_IP", default="20/h")
MARKETPLACE_SELL_RATE_PER_USER = env("MARKETPLACE_SELL_RATE_PER_USER", default="10/h")
MARKETPLACE_SELL_RATE_PER_IP = env("MARKETPLACE_SELL_RATE_PER_IP", default="30/h")
# django-ratelimit vouches only for memcached and django-redis; Django's own Redis cache increments
# atomically as well, and the embedded default's local memory counts per process, on one machine.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Staff two-factor sign-in (django-otp, TOTP): the name authenticator apps show for the account.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="OCOP Quảng Ninh")
# The Django admin never shows a device's key or QR code: each staff member sees their own once,
# when enrolling, and no one else's (marketplace/accounts/admin.py).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OCOP Quảng Ninh <no-reply@ocop.local>")
# A mail server that does not answer fails the attempt (it is retried, see marketplace/mail.py)
# instead of holding a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Language, time and money ---------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Counts grouped the Vietnamese way where a template asks (intcomma): 96.000.
FORMAT_MODULE_PATH = ["marketplace.formats"]

OSCAR_DEFAULT_CURRENCY = "VND"
# Whole đồng in the Vietnamese way in every interface language: 1.250.000 ₫.
OSCAR_CURRENCY_FORMAT = {"VND": {"locale": "vi_VN"}}

# --- Static and media -----------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Files only staff may open (sellers' documents); never under MEDIA_ROOT, never served directly.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
# The embedded default serves uploaded media itself; production leaves that to the proxy.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# What one upload may ask of the server. Pictures are refused above this many pixels from their
# header, before anything decodes them (a 48 KB PNG may declare 20000×20000 px: 1.6 GB decoded).
MARKETPLACE_MAX_IMAGE_PIXELS = env.int("MARKETPLACE_MAX_IMAGE_PIXELS", default=40_000_000)
# Sellers' bulk import (vendors/product_import.py): file size, rows, characters in one cell, and
# seconds a run may take before it stops and reports "failed" (a Celery soft time limit).
MARKETPLACE_IMPORT_MAX_BYTES = 20 * 1024 * 1024
MARKETPLACE_IMPORT_MAX_ROWS = 10_000
MARKETPLACE_IMPORT_MAX_CELL_CHARS = 10_000
MARKETPLACE_IMPORT_TIME_LIMIT = env.int("MARKETPLACE_IMPORT_TIME_LIMIT", default=600)

# --- Oscar ----------------------------------------------------------------------------------

OSCAR_SHOP_NAME = _("OCOP Quảng Ninh")
OSCAR_SHOP_TAGLINE = _("Local products of Quảng Ninh")
OSCAR_HOMEPAGE = "/"
# Discounts in whole đồng, rounded down (see marketplace/money.py).
OSCAR_OFFER_ROUNDING_FUNCTION = "marketplace.money.round_discount"
# Product and category slugs the Vietnamese way: "Trà hoa vàng Đồng Sơn" → tra-hoa-vang-dong-son.
OSCAR_SLUG_FUNCTION = "marketplace.text.slugify_vi"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
THUMBNAIL_PRESERVE_FORMAT = True
# Each shop's order moves pending → confirmed → packed → shipped → delivered; it may be cancelled
# before it ships. Lines follow the same steps (marketplace/purchases/status.py names them).
OSCAR_INITIAL_ORDER_STATUS = OSCAR_INITIAL_LINE_STATUS = OrderStatus.PENDING.value
OSCAR_ORDER_STATUS_PIPELINE = OSCAR_LINE_STATUS_PIPELINE = order_status_pipeline()
# Oscar's dashboard menu, with the seller's own shop pages and the staff's activation queue.
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION[:2],  # noqa: F405
    {
        "label": _("Your shop"),
        "icon": "fas fa-store",
        "access_fn": seller_only,
        "children": [
            {"label": _("Shop page"), "url_name": "dashboard:shop-profile", "access_fn": seller_only},
            {"label": _("Prices and stock"), "url_name": "dashboard:shop-stock", "access_fn": seller_only},
            {"label": _("Import products"), "url_name": "dashboard:shop-import", "access_fn": seller_only},
            {"label": _("Statement"), "url_name": "dashboard:shop-statement", "access_fn": seller_only},
            {"label": _("Batches and codes"), "url_name": "dashboard:shop-batches", "access_fn": seller_only},
            {"label": _("Stories"), "url_name": "dashboard:shop-stories", "access_fn": seller_only},
        ],
    },
    {
        "label": _("Sellers"),
        "icon": "fas fa-store",
        "children": [
            {"label": _("Activation queue"), "url_name": "dashboard:seller-list"},
            {"label": _("Codes registry"), "url_name": "dashboard:registry-codes"},
            {"label": _("OCOP recognitions"), "url_name": "dashboard:registry-recognitions"},
        ],
    },
    {
        "label": _("Payments"),
        "icon": "fas fa-money-bill",
        "children": [{"label": _("Payments desk"), "url_name": "dashboard:payments-desk"}],
    },
    *OSCAR_DASHBOARD_NAVIGATION[2:],  # noqa: F405
]

# --- Wagtail --------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "OCOP Quảng Ninh"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's "what's new" banner and its links to wagtail.org: English pages on another site.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars fetched from gravatar.com: the marketplace calls no outside service at run time.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The account page's e-mail address is changed in the marketplace's own panel, which refuses an
# address another account uses (marketplace/accounts/wagtail_hooks.py); Wagtail's does not check.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# The CMS form may propose "mùa-chè-xuân" as a slug; pages store it folded like the catalogue's
# ("mua-che-xuan": marketplace.cms.models.FoldedSlugMixin), so đ becomes d rather than "dj".
# Pictures editors and sellers upload: real images of these kinds, 10 MB at most.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MARKETPLACE_MAX_IMAGE_PIXELS

# --- Content-Security-Policy ----------------------------------------------------------------

# Scripts run only from this site's static files or with the page's nonce (django-csp's
# request.csp_nonce), never because someone's text slipped markup into a page. Styles may be
# inline (Oscar's and Bootstrap's style attributes); images and fonts also from data: URIs
# (Bootstrap's icons); story videos play from YouTube's and Vimeo's players only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, UNSAFE_HASHES, *source_hashes(OSCAR_INLINE_HANDLERS)],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *env.list("MARKETPLACE_CSP_MEDIA_HOSTS", default=[])],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's admin writes inline scripts of its own (its page listings and editor, as tried in
# Chromium): under its prefix the policy allows inline scripts, and still nothing from another
# site. Django's admin works under the storefront's policy.
MARKETPLACE_CSP_ADMIN_PREFIXES = ["/cms/"]
# …except a page's preview, draft or old revision, which render what its author wrote: those keep
# the storefront's policy (regular expressions on the path).
MARKETPLACE_CSP_PAGE_PREVIEWS = [
    r"^/cms/pages/(\d+/edit|add/\w+/\w+/\d+)/preview/$",
    r"^/cms/pages/\d+/view_draft/$",
    r"^/cms/pages/\d+/revisions/\d+/view/$",
    r"^/cms/pages/\d+/workflow/preview/\d+/$",
]
MARKETPLACE_CSP_ADMIN_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        # The editor's live preview is a frame of this site's own preview address.
        "frame-src": [SELF, *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]],
        "img-src": [SELF, "data:", "blob:", *env.list("MARKETPLACE_CSP_MEDIA_HOSTS", default=[])],
    }
}

# --- Marketplace ----------------------------------------------------------------------------

# Whole pages for visitors with no session, basket or message (marketplace/pagecache), kept this
# many seconds at most (0: never cached); any commit that writes what they show renews them.
MARKETPLACE_PAGE_CACHE_SECONDS = env.int("MARKETPLACE_PAGE_CACHE_SECONDS", default=600)
# The pages cached (URL names): the home page and every CMS page, the catalogue, its categories and
# products, the shops. Searches are not: their addresses are whatever a visitor types.
MARKETPLACE_PAGE_CACHE_VIEWS = {
    "home",
    "wagtail_serve",
    "catalogue:index",
    "catalogue:category",
    "catalogue:detail",
    "sellers:shop-list",
    "sellers:shop",
    "figures:public",
}
# What those pages show: a write to these apps' tables (or "app.model") renews them on commit.
# Not followed: thumbnails' and renditions' records, written while a page renders, and everything
# per visitor (baskets, sessions, orders; their stock moves are in partner).
MARKETPLACE_PAGE_CACHE_FOLLOWS = {
    "sites",
    "flatpages",
    "vendors",
    "provenance",
    "cms",
    "catalogue",
    "partner",
    "reviews",
    "offer",
    "taggit",
    "wagtailcore",
    "wagtailimages.image",
    "wagtaildocs",
    "purchases.shippingoption",
}
# Visits, product views and searches are counted in this cache (marketplace/visits) and added to the
# daily rows by a rollup: Celery beat's with REDIS_URL, else a thread of each process every so often.
MARKETPLACE_VISITS_CACHE = "visits"
MARKETPLACE_VISITS_ROLLUP_IN_PROCESS_SECONDS = env.int(
    "MARKETPLACE_VISITS_ROLLUP_IN_PROCESS_SECONDS", default=0 if REDIS_URL else 60
)
# Pages that are not the storefront's: not counted as visits.
MARKETPLACE_VISITS_NOT_COUNTED = (
    "/dashboard/",
    "/cms/",
    "/django-admin/",
    "/documents/",
    "/static/",
    "/media/",
)

# Demo accounts exist only where this is on (dev); production never creates them.
MARKETPLACE_DEMO_ACCOUNTS = False
MARKETPLACE_DEMO_PASSWORD = "ocop-demo"
# The marketplace's commission on a shop's goods (not on shipping), unless the shop has its own rate.
MARKETPLACE_COMMISSION_RATE = Decimal(env.str("MARKETPLACE_COMMISSION_RATE", default="0.05"))
# The seller centre: an order still waiting for its shop (to confirm, pack or hand to the carrier)
# this many hours after it was placed is overdue; a product with this many or fewer units left
# (unless its stock record sets its own threshold) is low in stock.
MARKETPLACE_ORDER_OVERDUE_HOURS = env.int("MARKETPLACE_ORDER_OVERDUE_HOURS", default=48)
MARKETPLACE_LOW_STOCK_THRESHOLD = env.int("MARKETPLACE_LOW_STOCK_THRESHOLD", default=5)
# Payment gateways: a code and the class that implements it (see marketplace/payments/gateways).
MARKETPLACE_PAYMENT_GATEWAYS = {
    "cod": "marketplace.payments.providers.offline.CashOnDelivery",
    "vietqr": "marketplace.payments.providers.offline.VietQRTransfer",
    "viettelpay": "marketplace.payments.providers.viettelpay.ViettelPay",
    "stripe": "marketplace.payments.providers.stripe_checkout.StripeCheckout",
}
# Those offered at checkout, in order; each only once its own settings below are complete.
MARKETPLACE_PAYMENT_METHODS = env.list(
    "MARKETPLACE_PAYMENT_METHODS", default=["cod", "vietqr", "viettelpay", "stripe"]
)
# Viettel Pay (gateway 2.0): merchant credentials from the merchant portal. Without a payment URL
# the built-in sandbox wallet plays the gateway — only where MARKETPLACE_VIETTELPAY_SANDBOX is on.
MARKETPLACE_VIETTELPAY_MERCHANT_CODE = env("MARKETPLACE_VIETTELPAY_MERCHANT_CODE", default="")
MARKETPLACE_VIETTELPAY_ACCESS_CODE = env("MARKETPLACE_VIETTELPAY_ACCESS_CODE", default="")
MARKETPLACE_VIETTELPAY_HASH_KEY = env("MARKETPLACE_VIETTELPAY_HASH_KEY", default="")
MARKETPLACE_VIETTELPAY_PAYMENT_URL = env("MARKETPLACE_VIETTELPAY_PAYMENT_URL", default="")
MARKETPLACE_VIETTELPAY_API_URL = env("MARKETPLACE_VIETTELPAY_API_URL", default="")
MARKETPLACE_VIETTELPAY_SANDBOX = env.bool("MARKETPLACE_VIETTELPAY_SANDBOX", default=False)
# The sandbox's callback URL (what a merchant registers with the gateway); by default this site's.
MARKETPLACE_VIETTELPAY_CALLBACK_URL = env("MARKETPLACE_VIETTELPAY_CALLBACK_URL", default="")
# How long the sandbox's "late" callback waits, in seconds.
MARKETPLACE_VIETTELPAY_SANDBOX_LATE_SECONDS = env.float(
    "MARKETPLACE_VIETTELPAY_SANDBOX_LATE_SECONDS", default=6
)
# Stripe Checkout, for cards from abroad: offered only when both are set.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# The marketplace's receiving account for VietQR transfers; VietQR is offered only when set.
MARKETPLACE_VIETQR_BANK_BIN = env("MARKETPLACE_VIETQR_BANK_BIN", default="")
MARKETPLACE_VIETQR_ACCOUNT = env("MARKETPLACE_VIETQR_ACCOUNT", default="")
MARKETPLACE_VIETQR_ACCOUNT_NAME = env("MARKETPLACE_VIETQR_ACCOUNT_NAME", default="")
# Unpaid purchases are cancelled after this long, freeing their stock (`manage.py expire_payments`):
# bank transfers after hours, an abandoned gateway payment (Viettel Pay, Stripe) after minutes.
MARKETPLACE_TRANSFER_EXPIRY_HOURS = env.float("MARKETPLACE_TRANSFER_EXPIRY_HOURS", default=24)
MARKETPLACE_GATEWAY_EXPIRY_MINUTES = env.float("MARKETPLACE_GATEWAY_EXPIRY_MINUTES", default=30)
# The site's public address for the links QR codes carry (e.g. https://ocop.quangninh.gov.vn);
# empty: the address the page was asked under.
MARKETPLACE_PUBLIC_URL = env("MARKETPLACE_PUBLIC_URL", default="")
# A product relying on a revoked growing-area or packing code: "delist" takes it off the storefront,
# "flag" keeps it on sale with the revocation shown on its page. Sellers are told either way.
MARKETPLACE_REVOKED_CODE_RULE = env("MARKETPLACE_REVOKED_CODE_RULE", default="delist")
# The province whose wards addresses use (vietnam-provinces code; 22 is Quảng Ninh).
MARKETPLACE_PROVINCE_CODE = env.int("MARKETPLACE_PROVINCE_CODE", default=22)
# The office issuing the province's figures, printed at the head of their PDF: one line per "|".
MARKETPLACE_REPORT_ISSUER = env(
    "MARKETPLACE_REPORT_ISSUER", default="UBND TỈNH QUẢNG NINH|SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# --- The REST API (/api/v1/) --------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 24,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("MARKETPLACE_API_RATE_ANON", default="120/min"),
        "user": env("MARKETPLACE_API_RATE_USER", default="600/min"),
    },
    # A visitor's address as the sign-in throttles read it: X-Forwarded-For only behind the proxies
    # we run (DRF's default would take whatever the header says, so anyone could dodge the limit).
    "NUM_PROXIES": MARKETPLACE_TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OCOP Quảng Ninh API",
    "DESCRIPTION": "Products on sale, shops and categories of the OCOP marketplace (read-only, v1).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["marketplace.api.schema.only_v1"],
}
