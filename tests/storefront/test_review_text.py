"""A shopper's review is text: markup typed into its title or body reaches no page alive."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from vendors import selectors

pytestmark = pytest.mark.django_db
ProductReview = get_model("reviews", "ProductReview")
PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(1)>'


def test_review_title_and_body_render_escaped(client):
    product = selectors.sellable_products().order_by("pk").first()
    ProductReview.objects.create(
        product=product,
        user=get_user_model().objects.get(email="shopper@ocop.local"),
        score=5,
        title=PAYLOAD[:40],
        body=PAYLOAD,
        status=ProductReview.APPROVED,
    )
    pages = [
        product.get_absolute_url(),
        reverse("catalogue:reviews-list", kwargs={"product_slug": product.slug, "product_pk": product.pk}),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url  # shown, as text
        assert "<script>alert(1)</script>" not in html and "<img src=x onerror" not in html, url
