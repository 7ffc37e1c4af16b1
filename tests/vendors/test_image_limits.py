"""Pictures are refused above the pixel limit from their header, before anything decodes them."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from oscar.core.loading import get_model
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from marketplace.images import check_image_pixels
from tests.factories import UserFactory, seller_shop
from tests.forms import CREATE_URL, application, product_form
from vendors.models import Seller

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
TOO_MANY = "triệu điểm ảnh"  # "… at most 40 million pixels are accepted."


def png_declaring(width: int, height: int) -> bytes:
    """A valid PNG header (IHDR, RGBA) declaring width × height, with a few bytes of pixel data:
    a few hundred bytes on disk, width × height × 4 bytes once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 4096))
        + chunk(b"IEND", b"")
    )


def one_bit_png(width: int, height: int) -> bytes:
    """A real picture Pillow saves: black and white, so it packs small however many pixels."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def ordinary_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "green").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def applicant(client):
    user = UserFactory(email="lan@example.vn")
    client.force_login(user)
    return user


@pytest.fixture
def seller(client):
    seller = seller_shop()
    client.force_login(seller.owner)
    return seller


def declared_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])  # IHDR's width and height


def test_the_test_pictures_are_what_they_claim():
    bomb, real = png_declaring(20000, 20000), one_bit_png(9000, 9000)
    assert len(bomb) < 1000 and declared_size(bomb) == (20000, 20000)
    assert len(real) < 48 * 1024 and declared_size(real) == (9000, 9000)
    # Past twice the limit Pillow itself refuses to open them (the marketplace sets its limit).
    for picture in (bomb, real):
        with pytest.raises(Image.DecompressionBombError):
            Image.open(io.BytesIO(picture))


@pytest.mark.parametrize("content", [png_declaring(20000, 20000), one_bit_png(9000, 9000)])
def test_a_registration_document_declaring_too_many_pixels_is_refused(client, applicant, content):
    response = client.post("/sell/", application(document=SimpleUploadedFile("giay-phep.png", content)))
    assert response.status_code == 200
    assert TOO_MANY in str(response.context["form"].errors["document"])
    assert not Seller.objects.filter(owner=applicant).exists()


def test_an_ordinary_scanned_document_is_still_accepted(client, applicant):
    client.post("/sell/", application(document=SimpleUploadedFile("giay-phep.png", ordinary_png())))
    assert Seller.objects.get(owner=applicant).documents.get().content_type == "image/png"


def with_image(partner, content: bytes, **overrides):
    return product_form(
        partner,
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-original": SimpleUploadedFile("anh.png", content, "image/png"),
            "images-0-caption": "",
            "images-0-display_order": "0",
            **overrides,
        },
    )


@pytest.mark.parametrize("content", [png_declaring(12000, 12000), png_declaring(20000, 20000)])
def test_a_product_picture_declaring_too_many_pixels_is_refused(client, seller, content):
    before = Product.objects.count()
    response = client.post(CREATE_URL, with_image(seller.partner, content))
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert Product.objects.count() == before


def test_an_ordinary_product_picture_is_still_accepted(client, seller):
    response = client.post(CREATE_URL, with_image(seller.partner, ordinary_png()))
    assert response.status_code == 302
    assert Product.objects.get(title="Chả mực giã tay Hạ Long hộp 500 g").images.count() == 1


@pytest.mark.parametrize("field", ["logo", "banner"])
def test_a_shop_logo_or_banner_declaring_too_many_pixels_is_refused(client, seller, field):
    before = getattr(seller, field).name
    response = client.post(
        "/dashboard/shop/",
        {"shop_name": seller.shop_name, field: SimpleUploadedFile("anh.png", png_declaring(12000, 12000))},
    )
    assert response.status_code == 200
    assert TOO_MANY in str(response.context["form"].errors[field])
    seller.refresh_from_db()
    assert getattr(seller, field).name == before


def test_cms_pictures_obey_the_same_limit():
    form_class = get_image_form(get_image_model())
    form = form_class(
        data={"title": "Đồi chè"},
        files={"file": SimpleUploadedFile("doi-che.png", png_declaring(12000, 12000))},
        user=UserFactory(is_superuser=True),
    )
    assert not form.is_valid()
    assert "file" in form.errors


@override_settings(MARKETPLACE_MAX_IMAGE_PIXELS=1_000_000)
def test_the_limit_is_a_setting_and_counts_width_times_height():
    check_image_pixels(io.BytesIO(png_declaring(1000, 1000)))
    with pytest.raises(Exception, match="1001 × 1000"):
        check_image_pixels(io.BytesIO(png_declaring(1001, 1000)))
