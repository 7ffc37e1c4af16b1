"""An experience sold on the floor shows its own picture on the home page, not "Image Not Available"."""

import io
import re

import pytest
from PIL import Image as Picture

from marketplace.cms.models import FeaturedProduct, HomePage
from tests.factories import a_picture, experience_page, open_shop

pytestmark = pytest.mark.django_db
GREEN = (20, 140, 60)


def card_picture(client, html: str, product) -> tuple[int, int, int]:
    """The colour in the middle of the picture the product's card shows."""
    card = re.search(
        rf'(?s)<article class="product_pod">(?:(?!</article>).)*?{product.get_absolute_url()}.*?</article>',
        html,
    )
    src = re.search(r'<img src="([^"]+)"', card.group(0)).group(1)
    response = client.get(src)
    assert response.status_code == 200
    picture = Picture.open(io.BytesIO(b"".join(response.streaming_content))).convert("RGB")
    return picture.getpixel((picture.width // 2, picture.height // 2))


def test_an_experience_on_the_home_page_shows_its_picture(client):
    experience = experience_page(open_shop(), title="Tour vườn cam Hoành Bồ", slug="tour-vuon-cam-thu")
    experience.hero_image = a_picture("Vườn cam Hoành Bồ", GREEN)
    experience.save_revision().publish()
    experience.refresh_from_db()
    FeaturedProduct.objects.create(page=HomePage.objects.get(), product=experience.product, sort_order=0)

    html = client.get("/").content.decode()
    red, green, blue = card_picture(client, html, experience.product)
    assert green > 100 and red < 60 and blue < 100  # the garden's picture, not Oscar's grey placeholder
    assert 'alt="Vườn cam Hoành Bồ"' in html

    # A new picture replaces the old one; the product never shows both.
    experience.hero_image = a_picture("Vườn cam Hoành Bồ", (200, 30, 30))
    experience.save_revision().publish()
    assert experience.product.images.count() == 1
    red, green, _blue = card_picture(client, client.get("/").content.decode(), experience.product)
    assert red > 150 and green < 80
