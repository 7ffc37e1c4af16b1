"""Wagtail page types of the marketplace: the home page, producer stories, experiences, events, news.

The tree: Home → Stories (an index) → one page per shop → that shop's stories; Home → Experiences,
Events and News, each an index of its own pages. A shop's stories live under the shop's own page
so that a seller's permissions in the CMS cover that subtree and nothing else; staff approve and
publish through Wagtail's moderation workflow.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from marketplace import wards
from marketplace.text import slugify_vi
from vendors import selectors

from .blocks import TEXT_FEATURES, StoryStreamBlock
from .forms import BOOKABLE_DAYS, BookingForm

FEATURED_PRODUCTS = 8
FEATURED_SHOPS = 6
FEATURED_STORIES = 3


class FoldedSlugMixin:
    """Page addresses without diacritics, made the catalogue's way ("Đồi chè" → "doi-che")."""

    def full_clean(self, *args, **kwargs):
        self.slug = slugify_vi(self.slug) or self.slug
        super().full_clean(*args, **kwargs)


class SeoMixin:
    """What a page says to search engines and link previews (meta description, Open Graph)."""

    def og_image(self):
        return None


class SectionIndexPage(FoldedSlugMixin, Page):
    """The one page of a section under home (stories, experiences, events): an introduction."""

    intro = RichTextField(_("Introduction"), blank=True, features=TEXT_FEATURES)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class IllustratedPage(FoldedSlugMixin, SeoMixin, Page):
    """A page with a short introduction and a main picture, both shown on cards and link previews."""

    intro = models.TextField(
        _("Introduction"), max_length=400, help_text=_("Shown on cards and link previews.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Main picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.intro

    def og_image(self):
        return self.hero_image


# --- Home -------------------------------------------------------------------------------------


def in_order(objects, pks: list[int]) -> list:
    """The objects in the order editors chose them (`pks`)."""
    position = {pk: i for i, pk in enumerate(pks)}
    return sorted(objects, key=lambda obj: position[obj.pk])


class HomePage(FoldedSlugMixin, SeoMixin, Page):
    """The front page: a hero, then shops, products and stories — chosen in the CMS, or the newest."""

    hero_title = models.CharField(_("Hero title"), max_length=255, blank=True)
    hero_text = models.TextField(_("Hero text"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        MultipleChooserPanel("featured_shop_links", chooser_field_name="shop", label=_("Featured shops")),
        MultipleChooserPanel(
            "featured_product_links", chooser_field_name="product", label=_("Featured products")
        ),
        MultipleChooserPanel("featured_story_links", chooser_field_name="story", label=_("Featured stories")),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("Home page")

    def route(self, request, path_components):
        """Wagtail's routing, with every page on the way found in one query (by their stored
        `url_path`) rather than two per segment; a page type with its own `route` still gets the
        rest of the path. The page served comes with what its template shows (`serve_related`)."""
        if not path_components:
            return super().route(request, path_components)
        prefixes, prefix = [], self.url_path
        for component in path_components:
            prefix += f"{component}/"
            prefixes.append(prefix)
        pages = Page.objects.filter(path__startswith=self.path, url_path__in=prefixes)
        found = {page.url_path: page for page in pages}
        parent = self
        for depth, prefix in enumerate(prefixes, start=1):
            page = found.get(prefix)
            if page is None:
                raise Http404
            page._cached_parent_obj = parent
            model = page.specific_class
            if model is None or model.route is not Page.route:
                return page.specific.route(request, path_components[depth:])
            if depth == len(prefixes):
                specific = model._default_manager.select_related(*getattr(model, "serve_related", ()))
                specific = specific.get(pk=page.pk)
                specific._cached_parent_obj = parent
                return specific.route(request, [])
            parent = page
        raise Http404  # not reached: the loop returns on its last segment

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        products = selectors.with_card_data(selectors.sellable_products())
        chosen = [link.product_id for link in self.featured_product_links.all()]
        ctx["featured_products"] = (
            in_order(products.filter(pk__in=chosen), chosen)
            if chosen
            else products.order_by("-date_created", "pk")[:FEATURED_PRODUCTS]
        )
        shops = selectors.open_sellers()
        chosen = [link.shop_id for link in self.featured_shop_links.all()]
        ctx["featured_shops"] = (
            in_order(shops.filter(pk__in=chosen), chosen)
            if chosen
            else shops.order_by("-activated_at", "pk")[:FEATURED_SHOPS]
        )
        # Each card shows the story's picture and shop: fetched with the stories, not per card.
        stories = StoryPage.objects.live().select_related("shop", "hero_image")
        chosen = [link.story_id for link in self.featured_story_links.all()]
        ctx["featured_stories"] = (in_order(stories.filter(pk__in=chosen), chosen) if chosen else []) or list(
            stories.order_by("-first_published_at")[:FEATURED_STORIES]
        )
        ctx["funnel"] = selectors.funnel_counts()
        return ctx


class FeaturedShop(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_shop_links")
    shop = models.ForeignKey(
        "vendors.Seller", verbose_name=_("Shop"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("shop")]


class FeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_product_links")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Product"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("product")]


class FeaturedStory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_story_links")
    story = models.ForeignKey(
        "cms.StoryPage", verbose_name=_("Story"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("story")]


# --- Producer stories -------------------------------------------------------------------------


class StoryIndexPage(SectionIndexPage):
    """Every producer's stories, newest first."""

    subpage_types = ["cms.ShopStoriesPage"]

    class Meta:
        verbose_name = _("Story index")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["stories"] = (
            StoryPage.objects.live()
            .descendant_of(self)
            .select_related("shop", "hero_image")
            .order_by("-first_published_at")
        )
        return ctx


class ShopStoriesPage(Page):
    """A shop's corner of the stories: its seller writes here, and only here."""

    shop = models.OneToOneField(
        "vendors.Seller", verbose_name=_("Shop"), on_delete=models.PROTECT, related_name="stories_page"
    )
    content_panels = [*Page.content_panels, FieldPanel("shop")]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types = ["cms.StoryPage"]

    class Meta:
        verbose_name = _("A shop's stories")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        return redirect(self.shop.get_absolute_url())


class StoryPage(IllustratedPage):
    """A producer's story, told with text, pictures, quotes and videos, and goods to buy."""

    shop = models.ForeignKey(
        "vendors.Seller",
        verbose_name=_("Shop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        editable=False,
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("Story"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "product_links", chooser_field_name="product", label=_("Products in this story")
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.ShopStoriesPage"]
    subpage_types = []
    serve_related = ("shop", "hero_image")

    class Meta:
        verbose_name = _("Producer story")
        verbose_name_plural = _("Producer stories")

    def save(self, *args, **kwargs):
        # The story belongs to the shop whose corner it is written in, whoever edits it.
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None and isinstance(parent.specific, ShopStoriesPage):
            self.shop_id = parent.specific.shop_id
        super().save(*args, **kwargs)

    @property
    def products(self):
        """The products the editor linked, whether on sale or not (the page shows those on sale:
        `story_products`)."""
        return [link.product for link in self.product_links.select_related("product")]

    def get_context(self, request, *args, **kwargs):
        """The linked products and those of the buy blocks, on sale now, with their card data:
        one query and its prefetches, however many the story holds. The links are read through
        the page (a preview shows the editor's links before they are saved)."""
        ctx = super().get_context(request, *args, **kwargs)
        linked = [link.product_id for link in self.product_links.all()]
        bought = [
            block["value"].get("product")
            for block in self.body.raw_data
            if block.get("type") == "buy" and isinstance(block.get("value"), dict)
        ]
        wanted = {*linked, *(pk for pk in bought if isinstance(pk, int))}
        found = (
            selectors.with_card_data(selectors.sellable_products()).filter(pk__in=wanted) if wanted else []
        )
        ctx["buyable"] = {product.pk: product for product in found}
        ctx["story_products"] = [ctx["buyable"][pk] for pk in dict.fromkeys(linked) if pk in ctx["buyable"]]
        return ctx


class StoryProduct(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="product_links")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Product"), on_delete=models.CASCADE, related_name="story_links"
    )
    panels = [FieldPanel("product")]


# --- Experiences ------------------------------------------------------------------------------


class ExperienceIndexPage(SectionIndexPage):
    subpage_types = ["cms.ExperiencePage"]

    class Meta:
        verbose_name = _("Experience index")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["experiences"] = ExperiencePage.objects.live().child_of(self).select_related("shop", "hero_image")
        return ctx


class ExperiencePage(IllustratedPage):
    """A visit to book — a garden tour, a village experience — sold as a product without shipping.

    The shopper picks a date; no date takes more visitors than `capacity_per_date`.
    """

    shop = models.ForeignKey(
        "vendors.Seller", verbose_name=_("Shop"), on_delete=models.PROTECT, related_name="experiences"
    )
    description = StreamField(StoryStreamBlock(), verbose_name=_("Description"), blank=True)
    ward_code = models.PositiveIntegerField(_("Ward"))
    season = models.CharField(
        _("Season"), max_length=120, help_text=_("For example: from October to January.")
    )
    price = models.BigIntegerField(_("Price per visitor (₫)"))
    capacity_per_date = models.PositiveIntegerField(_("Visitors per date"))
    product = models.OneToOneField(
        "catalogue.Product",
        verbose_name=_("Product"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="experience",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("shop"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("description"),
        FieldPanel("ward_code", widget=forms.Select(choices=wards.ward_choices())),
        FieldPanel("season"),
        FieldPanel("price"),
        FieldPanel("capacity_per_date"),
    ]
    parent_page_types = ["cms.ExperienceIndexPage"]
    subpage_types = []
    # A copy is another experience: it gets its own product when it is published.
    exclude_fields_in_copy = ["product"]

    class Meta:
        verbose_name = _("Experience")
        verbose_name_plural = _("Experiences")

    def clean(self):
        super().clean()
        if self.price is not None and self.price <= 0:
            raise ValidationError({"price": _("Give the price in đồng.")})
        if self.capacity_per_date is not None and self.capacity_per_date < 1:
            raise ValidationError({"capacity_per_date": _("At least one visitor a date.")})
        if self.ward_code and not wards.ward_name(self.ward_code):
            raise ValidationError({"ward_code": _("Choose a ward of the province.")})

    @property
    def ward_name(self):
        return wards.ward_name(self.ward_code)

    def with_content_json(self, content):
        """A revision restores what the editor wrote, never the product: publishing an old revision
        keeps selling through the experience's own product, not through a second one."""
        page = super().with_content_json(content)
        page.product_id = self.product_id
        return page

    def dates_open(self, today: datetime.date | None = None) -> list[tuple[datetime.date, int]]:
        """The next bookable dates and the places left on each (all of them on a page not saved
        yet, which an editor previews)."""
        today = today or timezone.localdate()
        first = today + datetime.timedelta(days=1)
        booked = {}
        if self.pk is not None:
            booked = dict(
                self.booked_dates.filter(
                    date__gte=first, date__lt=first + datetime.timedelta(days=BOOKABLE_DAYS)
                ).values_list("date", "booked")
            )
        days = (first + datetime.timedelta(days=n) for n in range(BOOKABLE_DAYS))
        return [(day, self.capacity_per_date - booked.get(day, 0)) for day in days]

    def get_context(self, request, *args, booking_form=None, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["dates"] = self.dates_open()
        # Booking is an ordinary view (cms.views.book_experience): it shows a refused form here.
        ctx["booking_form"] = booking_form or BookingForm(experience=self)
        return ctx


class ExperienceDate(models.Model):
    """How many visitors a date of an experience already has: the row checkout locks to book."""

    experience = models.ForeignKey(ExperiencePage, on_delete=models.CASCADE, related_name="booked_dates")
    date = models.DateField(_("Date"))
    booked = models.PositiveIntegerField(_("Booked"), default=0)

    class Meta:
        verbose_name = _("Booked date")
        verbose_name_plural = _("Booked dates")
        constraints = [
            models.UniqueConstraint(fields=["experience", "date"], name="one_row_per_experience_date")
        ]

    def __str__(self):
        return f"{self.experience_id} {self.date}: {self.booked}"


# --- Events and news --------------------------------------------------------------------------


class EventIndexPage(SectionIndexPage):
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("Event index")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.live().child_of(self)
        today = timezone.localdate()
        ctx["upcoming"] = events.filter(end_date__gte=today).order_by("start_date")
        ctx["past"] = events.filter(end_date__lt=today).order_by("-start_date")[:20]
        return ctx


class EventPage(IllustratedPage):
    """An OCOP fair or a festival: dates, venue, and the shops taking part."""

    start_date = models.DateField(_("Starts"))
    end_date = models.DateField(_("Ends"))
    venue = models.CharField(_("Venue"), max_length=255)
    ward_code = models.PositiveIntegerField(_("Ward"))
    body = StreamField(StoryStreamBlock(), verbose_name=_("Programme"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("venue"),
        FieldPanel("ward_code", widget=forms.Select(choices=wards.ward_choices())),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultipleChooserPanel("shop_links", chooser_field_name="shop", label=_("Participating shops")),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Event")
        verbose_name_plural = _("Events")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("An event cannot end before it starts.")})

    @property
    def ward_name(self):
        return wards.ward_name(self.ward_code)

    @property
    def shops(self):
        return [link.shop for link in self.shop_links.select_related("shop")]


class EventShop(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="shop_links")
    shop = models.ForeignKey(
        "vendors.Seller", verbose_name=_("Shop"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("shop")]


class NewsIndexPage(FoldedSlugMixin, Page):
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("News index")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["articles"] = NewsPage.objects.live().child_of(self).order_by("-date", "-pk")
        return ctx


class NewsPage(IllustratedPage):
    date = models.DateField(_("Date"), default=datetime.date.today)
    body = StreamField(StoryStreamBlock(), verbose_name=_("Article"), blank=True)
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("News article")
        verbose_name_plural = _("News")
