"""Root URLs: Oscar and Wagtail side by side, each under its own prefixes (see DESIGN.md)."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve as serve_media
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.urls import reports as wagtailadmin_reports_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from marketplace.accounts import views as account_views
from marketplace.cms import views
from marketplace.cms.wagtail_hooks import reports_for_publishers

# Wagtail's reports list every shop's pages: only those who publish may open them.
decorate_urlpatterns(wagtailadmin_reports_urls.urlpatterns, reports_for_publishers)
# Wagtail's own test pages answer 500 (failwhale) or a bare 404 on purpose: not routed here.
WAGTAIL_TEST_PAGES = ("failwhale/", "test404/")
wagtailadmin_urls.urlpatterns[:] = [
    pattern for pattern in wagtailadmin_urls.urlpatterns if str(pattern.pattern) not in WAGTAIL_TEST_PAGES
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The home page is a Wagtail page; it takes Oscar's "home" name so Oscar's links reach it.
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    path("shops/", include("vendors.urls")),
    path("experiences/<int:pk>/book/", views.book_experience, name="experience-book"),
    path("sell/", include("vendors.urls_sell")),
    path("accounts/purchases/", include("marketplace.purchases.urls")),
    path("accounts/after-sign-in/", account_views.after_sign_in, name="after-sign-in"),
    # Oscar's wish-list views that name a product, taking only products on sale.
    path("accounts/", include("shop.wishlists.urls")),
    path("accounts/two-factor/", include("marketplace.accounts.urls")),
    path("payments/", include("marketplace.payments.urls")),
    path("so-lieu/", include("marketplace.figures.urls")),
    path("api/v1/", include("marketplace.api.urls")),
    path("", include("vendors.urls_trace")),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}))

# Wagtail serves every other path (stories, experiences, events …) last.
urlpatterns.append(path("", include(wagtail_urls)))
