"""`/accounts/purchases/`: a signed-in shopper's purchases."""

from django.urls import path

from . import views

app_name = "purchases"
urlpatterns = [
    path("", views.PurchaseListView.as_view(), name="list"),
    path("<str:number>/", views.PurchaseDetailView.as_view(), name="detail"),
]
