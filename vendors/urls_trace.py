"""GS1 Digital Link paths at the site's root: `/01/<gtin>/10/<lot>`, and the batch's QR codes."""

from django.urls import re_path

from . import trace

app_name = "provenance"
urlpatterns = [
    re_path(r"^01/(?P<gtin>[^/]{1,20})/10/(?P<lot>[^/]{1,40})/?$", trace.trace, name="trace"),
    re_path(r"^trace/qr/(?P<gtin>[^/]{1,20})/(?P<lot>[^/]{1,40})\.(?P<fmt>png|svg)$", trace.qr, name="qr"),
]
