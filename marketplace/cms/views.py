"""Views of the CMS app that are not pages: booking an experience's date, and the sitemap."""

from django.contrib import messages
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .experiences import visit_date_option
from .forms import BookingForm
from .models import ExperiencePage
from .sitemaps import sitemaps


@require_POST
def book_experience(request, pk: int):
    """Visitors on a date go into the basket, paid at checkout; a refused form shows on the page."""
    experience = get_object_or_404(ExperiencePage.objects.live().public().exclude(product=None), pk=pk)
    form = BookingForm(request.POST, experience=experience)
    if not form.is_valid():
        context = experience.get_context(request, booking_form=form)
        return TemplateResponse(request, experience.get_template(request), context, status=400)
    day, visitors = form.cleaned_data["date"], form.cleaned_data["visitors"]
    request.basket.add_product(
        experience.product, visitors, options=[{"option": visit_date_option(), "value": day.isoformat()}]
    )
    messages.success(
        request,
        _("%(visitors)s visitors on %(date)s for “%(title)s” are in your basket.")
        % {"visitors": visitors, "date": day.strftime("%d-%m-%Y"), "title": experience.title},
    )
    return redirect("basket:summary")


def sitemap(request):
    return django_sitemap(request, sitemaps=sitemaps(request))
