"""`/accounts/two-factor/`: staff turn on two-factor sign-in, and give their code when signing in."""

from django.urls import path

from . import views

app_name = "two-factor"
urlpatterns = [
    path("", views.TwoFactorSetupView.as_view(), name="setup"),
    path("verify/", views.TwoFactorVerifyView.as_view(), name="verify"),
]
