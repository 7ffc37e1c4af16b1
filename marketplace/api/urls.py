"""/api/v1/: the endpoints, the OpenAPI schema and its browsable docs (served from installed static
files: the page's script is a file of its own, which the Content-Security-Policy allows)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"
urlpatterns = [
    path("products/", views.ProductList.as_view(), name="products"),
    path("products/<int:pk>/", views.ProductDetail.as_view(), name="product"),
    path("shops/", views.ShopList.as_view(), name="shops"),
    path("shops/<slug:slug>/", views.ShopDetail.as_view(), name="shop"),
    path("categories/", views.CategoryList.as_view(), name="categories"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
