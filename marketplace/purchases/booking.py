"""Booking experiences' dates with a purchase: checkout books each visit under a lock on its date's
row, so no date ever takes more visitors than the experience allows; a cancelled order gives the
places back. (The experience pages themselves, and their products, are the CMS's.)
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.cms.experiences import VISIT_DATE
from marketplace.cms.models import ExperienceDate, ExperiencePage


def line_visit_date(line) -> datetime.date | None:
    """The visit date chosen on a basket or order line, if it has one."""
    for attribute in line.attributes.all():
        if attribute.option and attribute.option.code == VISIT_DATE:
            try:
                return datetime.date.fromisoformat(str(attribute.value))
            except ValueError:
                return None
    return None


def experiences_of(lines) -> dict:
    """The experiences the lines book, by product id, in one query (none for a basket of goods)."""
    return {
        page.product_id: page
        for page in ExperiencePage.objects.filter(product_id__in={line.product_id for line in lines})
    }


def book_lines(lines) -> list[str]:
    """Book the experience lines of a basket being placed (inside its transaction), or say why not.

    Dates are locked in a fixed order (experience, date), so two checkouts queue instead of
    overbooking and cannot deadlock.
    """
    wanted: dict[tuple[int, datetime.date], int] = {}
    pages = {}
    problems = []
    experiences = experiences_of(lines)
    for line in lines:
        experience = experiences.get(line.product_id)
        if experience is None:
            continue
        day = line_visit_date(line)
        if day is None or day <= timezone.localdate():
            problems.append(_("Choose a coming date for “%(title)s”.") % {"title": experience.title})
            continue
        pages[experience.pk] = experience
        wanted[(experience.pk, day)] = wanted.get((experience.pk, day), 0) + line.quantity
    for key in sorted(wanted):
        ExperienceDate.objects.get_or_create(experience_id=key[0], date=key[1])
    for (page_pk, day), visitors in sorted(wanted.items()):
        row = ExperienceDate.objects.select_for_update().get(experience_id=page_pk, date=day)
        left = pages[page_pk].capacity_per_date - row.booked
        if visitors > left:
            problems.append(
                _("“%(title)s” has %(left)s places left on %(date)s.")
                % {"title": pages[page_pk].title, "left": max(left, 0), "date": day.strftime("%d-%m-%Y")}
            )
            continue
        ExperienceDate.objects.filter(pk=row.pk).update(booked=F("booked") + visitors)
    return problems


@transaction.atomic
def release_order(order) -> None:
    """A cancelled order gives its visitors' places back."""
    lines = list(order.lines.all())
    experiences = experiences_of(lines)
    for line in lines:
        experience = experiences.get(line.product_id)
        day = line_visit_date(line) if experience is not None else None
        if day is not None:
            ExperienceDate.objects.filter(experience=experience, date=day, booked__gte=line.quantity).update(
                booked=F("booked") - line.quantity
            )
