"""A shopper's review is text: markup typed into its title or body reaches no page alive."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import UserFactory, open_shop, product_for_sale

pytestmark = pytest.mark.django_db
ProductReview = get_model("reviews", "ProductReview")
PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(1)>'


def test_review_title_and_body_render_escaped(client):
    product = product_for_sale(open_shop())
    ProductReview.objects.create(
        product=product,
        user=UserFactory(),
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
