"""`/payments/`: each gateway's start, return and callback, and the Viettel Pay sandbox wallet."""

from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("viettelpay/sandbox/", views.SandboxWalletView.as_view(), name="viettelpay-sandbox"),
    path("viettelpay/sandbox/api/", views.sandbox_api, name="viettelpay-sandbox-api"),
    path("<slug:gateway>/start/<str:number>/", views.StartView.as_view(), name="start"),
    path("<slug:gateway>/return/", views.ReturnView.as_view(), name="return"),
    path("<slug:gateway>/callback/", views.callback, name="callback"),
]
