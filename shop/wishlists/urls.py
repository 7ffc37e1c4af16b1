"""The wish-list addresses that name a product, under /accounts/, ahead of Oscar's same patterns."""

from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

urlpatterns = [
    path("wishlists/add/<int:product_pk>/", login_required(views.WishListAddProduct.as_view())),
    path("wishlists/<str:key>/add/<int:product_pk>/", login_required(views.WishListAddProduct.as_view())),
    path(
        "wishlists/create/with-product/<int:product_pk>/",
        login_required(views.WishListCreateView.as_view()),
    ),
]
