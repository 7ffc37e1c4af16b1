"""Settings for the test suite: fast hashing, in-memory e-mail, media under var/test-media."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SERVE_MEDIA = True
MARKETPLACE_DEMO_ACCOUNTS = True
# Tests read templates and static files in place: no collectstatic needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# The browser tests run the app under gunicorn without collectstatic: serve from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Keep the test database (and the media its rows point at) between runs: `--reuse-db`. On a fresh
# clone var/ does not exist yet, and SQLite cannot create a file in a missing folder.
VAR_DIR.mkdir(exist_ok=True)  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
    # Each test runs in a transaction; an IMMEDIATE one would lock out the browser tests' server.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "DEFERRED"  # noqa: F405
# Throttle counters in this process's memory, whatever REDIS_URL says: each test starts from
# zero (tests/conftest.py empties it), and emptying it never flushes a shared Redis database.
# The default cache in memory too when there is no Redis: each test's cache is emptied before it
# (tests/conftest.py), and the files the embedded default shares between processes are left to the
# site (tests/storefront/test_page_cache_workers.py serves the embedded default itself).
CACHES = {
    **CACHES,  # noqa: F405
    **({} if REDIS_URL else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}),  # noqa: F405
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"},
    "visits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "visits"},
}
# The tests roll the visit counters up themselves (tests/marketplace/test_visits.py).
MARKETPLACE_VISITS_ROLLUP_IN_PROCESS_SECONDS = 0
# Each test writes inside a transaction that never commits, so nothing would renew the cached
# pages: the suite renders every page, and tests/storefront/test_page_cache.py turns the cache on.
MARKETPLACE_PAGE_CACHE_SECONDS = 0
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "test-media"))  # noqa: F405
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "test-private"))  # noqa: F405
# A made-up receiving account so the demo can show VietQR codes (not a real account).
MARKETPLACE_VIETQR_BANK_BIN = env("MARKETPLACE_VIETQR_BANK_BIN", default="970436")
MARKETPLACE_VIETQR_ACCOUNT = env("MARKETPLACE_VIETQR_ACCOUNT", default="0011000999888")
MARKETPLACE_VIETQR_ACCOUNT_NAME = env("MARKETPLACE_VIETQR_ACCOUNT_NAME", default="SAN OCOP QUANG NINH")
# The Viettel Pay sandbox wallet plays the gateway, with made-up merchant credentials.
MARKETPLACE_VIETTELPAY_SANDBOX = env.bool("MARKETPLACE_VIETTELPAY_SANDBOX", default=True)
MARKETPLACE_VIETTELPAY_MERCHANT_CODE = env("MARKETPLACE_VIETTELPAY_MERCHANT_CODE", default="OCOPQN")
MARKETPLACE_VIETTELPAY_ACCESS_CODE = env("MARKETPLACE_VIETTELPAY_ACCESS_CODE", default="sandbox-access")
MARKETPLACE_VIETTELPAY_HASH_KEY = env("MARKETPLACE_VIETTELPAY_HASH_KEY", default="sandbox-hash-key")
