"""Product pictures: their smaller copies are made once, when the picture is saved, and pages show
them (WebP with JPEG beside it, 1× and 2×, lazily) with no lookup while the shopper waits."""

import io
import re

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model
from PIL import Image

from tests.factories import SellerFactory, product_for_sale

pytestmark = pytest.mark.django_db
ProductImage = get_model("catalogue", "ProductImage")


def jpeg(width=1200, height=900, colour=(200, 120, 30)) -> ContentFile:
    data = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(data, "JPEG")
    return ContentFile(data.getvalue(), name="cha-muc.jpg")


@pytest.fixture
def pictured(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = product_for_sale(SellerFactory(), title="Chả mực Hạ Long hộp 500 g")
        image = ProductImage.objects.create(product=product, original=jpeg(), caption="Chả mực giã tay")
    image.refresh_from_db()
    return product, image


def opened(path):
    with default_storage.open(path) as file, Image.open(file) as picture:
        return picture.format, picture.size


def test_a_saved_picture_gets_its_copies_in_every_size_and_format(pictured):
    _product, image = pictured
    card, gallery, basket = image.sizes["card"], image.sizes["gallery"], image.sizes["basket"]
    assert [opened(p) for p in card["webp"]] == [("WEBP", (300, 300)), ("WEBP", (600, 600))]
    assert [opened(p) for p in card["jpeg"]] == [("JPEG", (300, 300)), ("JPEG", (600, 600))]
    # Fitted inside the box, the shape kept (1200 × 900 → 440 × 330, and 880 × 660 at 2×).
    assert [opened(p)[1] for p in gallery["jpeg"]] == [(440, 330), (880, 660)]
    assert (gallery["width"], gallery["height"]) == (440, 330)
    assert opened(basket["webp"][0]) == ("WEBP", (100, 75))


def test_the_catalogue_card_shows_the_copies_lazily_with_no_thumbnail_lookup(pictured):
    product, _image = pictured
    for cache in caches.all():
        cache.clear()  # a fresh cache, as after a restart
    with CaptureQueriesContext(connection) as queries:
        html = Client().get(product.get_absolute_url()).content.decode()
        html += Client().get("/catalogue/").content.decode()
    assert not [q for q in queries.captured_queries if "thumbnail_kvstore" in q["sql"]]
    card = re.search(r'<picture><source type="image/webp" srcset="([^"]+)"><img ([^>]+)></picture>', html)
    assert card, "the page shows its pictures as <picture> with a WebP source"
    assert re.fullmatch(r"\S+\.webp 1x, \S+\.webp 2x", card.group(1))
    assert 'loading="lazy"' in html and 'alt="Chả mực giã tay"' in html
    # The product page's own picture is not lazy: it is the first thing a shopper sees.
    assert re.search(r'<img src="[^"]+-gallery-440x330\.jpeg"[^>]+loading="eager"', html)


def test_a_replaced_picture_gets_new_copies_at_new_addresses(pictured, django_capture_on_commit_callbacks):
    _product, image = pictured
    before = image.sizes["card"]["jpeg"][0]
    with django_capture_on_commit_callbacks(execute=True):
        image.original = jpeg(800, 800, colour=(10, 10, 200))
        image.save()
    image.refresh_from_db()
    assert image.sizes["card"]["jpeg"][0] != before
    assert opened(image.sizes["gallery"]["jpeg"][0])[1] == (400, 400)


def test_a_file_that_is_no_picture_leaves_the_page_showing_the_original(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = product_for_sale(SellerFactory(), title="Nước mắm Cái Rồng")
        image = ProductImage.objects.create(
            product=product, original=ContentFile(b"not a picture", name="x.jpg")
        )
    image.refresh_from_db()
    assert image.sizes == {}
    response = Client().get(product.get_absolute_url())
    assert response.status_code == 200
    assert image.original.url in response.content.decode()


def test_the_command_fills_in_pictures_without_copies_and_can_run_again(pictured):
    _product, image = pictured
    ProductImage.objects.filter(pk=image.pk).update(sizes={})
    out = io.StringIO()
    call_command("picture_sizes", stdout=out)
    assert "Pictures given their sizes: 1;" in out.getvalue()
    image.refresh_from_db()
    assert opened(image.sizes["card"]["jpeg"][0])[1] == (300, 300)
    again = io.StringIO()
    call_command("picture_sizes", stdout=again)
    assert "Pictures given their sizes: 0; left as they were: 0." in again.getvalue()
