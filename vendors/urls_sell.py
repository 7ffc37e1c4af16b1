"""`/sell/`: the application to become a seller."""

from django.urls import path

from . import views

app_name = "sell"
urlpatterns = [
    path("", views.ApplyView.as_view(), name="apply"),
    path("wards/", views.ward_options, name="wards"),
]
