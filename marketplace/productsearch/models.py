"""The database backend's index: one row per sellable product, with its text folded for search."""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Replace
from django.utils.translation import gettext_lazy as _


class ProductDocumentQuerySet(models.QuerySet):
    def as_of(self, day: datetime.date):
        """Documents with their stars and proofs of origin as they stand on `day`: `stars_now` is
        None once the recognition has lapsed, `certified_now` drops a lapsed VietGAP certificate."""
        return self.annotate(
            stars_now=Case(
                When(stars_until__gt=day, then=F("stars")),
                default=Value(None),
                output_field=models.PositiveSmallIntegerField(),
            ),
            certified_now=Case(
                When(vietgap_until__lte=day, then=Replace(F("certified"), Value(" vietgap "), Value(" "))),
                default=F("certified"),
                output_field=models.CharField(),
            ),
        )


class ProductDocument(models.Model):
    """What search needs of a sellable product, denormalised so a query touches one table.

    Text is folded (no diacritics, đ → d, lower case) by marketplace.text.fold, in Python, the same
    way for every backend and for the shopper's query.
    """

    product = models.OneToOneField(
        "catalogue.Product",
        verbose_name=_("Product"),
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    title = models.CharField(_("Title"), max_length=255)
    title_folded = models.CharField(max_length=255)
    categories_folded = models.TextField(blank=True)
    # " 0001 00010002 ": the product's categories and their ancestors (treebeard paths), for browsing.
    category_paths = models.TextField(blank=True)
    producer_folded = models.CharField(max_length=255, blank=True)
    shop_folded = models.CharField(max_length=255, blank=True)
    description_folded = models.TextField(blank=True)
    # Everything a shopper may type, folded, for the SQLite backend's word matching.
    all_folded = models.TextField(blank=True)
    ocop_group = models.CharField(max_length=20, blank=True, db_index=True)
    stars = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    # The recognition's and the VietGAP certificate's last day + 1: a search reads them against
    # today, so what lapsed at midnight stops counting with no write (ProductDocumentQuerySet).
    stars_until = models.DateField(null=True, blank=True)
    vietgap_until = models.DateField(null=True, blank=True)
    shop = models.ForeignKey("vendors.Seller", on_delete=models.CASCADE, related_name="+")
    ward_code = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    price = models.BigIntegerField(db_index=True)
    in_stock = models.BooleanField(default=True, db_index=True)
    certifications = models.JSONField(default=list, blank=True)
    # " vietgap growing_area ": the same list as words, for filtering and counting on every database.
    certified = models.CharField(max_length=100, blank=True, default="")
    date_created = models.DateTimeField(db_index=True)
    # PostgreSQL only (null elsewhere): weighted tsvector of the folded text.
    search_vector = SearchVectorField(null=True)

    objects = ProductDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Product search document")
        verbose_name_plural = _("Product search documents")
        # The GIN indexes (tsvector, trigram) exist on PostgreSQL only: see migration 0002.
        indexes = [
            # Browsing's order (most stars, newest): a page of it is read off the index.
            models.Index(fields=["-stars", "-date_created", "id"], name="productdoc_browse_order"),
        ]

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """A folded word of the catalogue's names, categories and producers: the vocabulary a slip is
    corrected against (on PostgreSQL, with a trigram index) before searching."""

    word = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("Search word")
        verbose_name_plural = _("Search words")

    def __str__(self):
        return self.word
