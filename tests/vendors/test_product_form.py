"""The seller centre's product form: in the order a seller fills it in, with its own words, a
picture button that is a real button, and the parcel one unit makes for delivery."""

import pytest
from bs4 import BeautifulSoup
from oscar.core.loading import get_model

from tests.factories import product_for_sale, seller_shop
from tests.forms import CREATE_URL, product_form
from tests.pages import text

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
TITLE = "Chả mực giã tay Hạ Long hộp 500 g"


@pytest.fixture
def seller(client):
    seller = seller_shop()
    client.force_login(seller.owner)
    return seller


def _label(soup, name):
    field = soup.find(attrs={"name": name})
    return " ".join(soup.find("label", attrs={"for": field["id"]}).get_text().split())


def test_the_form_reads_in_the_order_a_seller_fills_it_in(client, seller):
    product = product_for_sale(seller, title="Trà hoa vàng Ba Chẽ hộp 100 g", stars=4)
    html = client.get(f"/dashboard/catalogue/products/{product.pk}/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    order = [
        "id_title",
        "product_images",
        "product_stock",
        "product_category",
        "product_ocop",
        "id_upc",
        "product_parcel",
        "id_description",
        "seo",
    ]
    positions = [html.index(f'id="{name}"') for name in order]
    assert positions == sorted(positions)
    assert _label(soup, "title") == "Tên sản phẩm"
    assert _label(soup, "slug") == "Đường dẫn (slug)"  # Oscar labelled it like the title
    assert _label(soup, "upc") == "Mã vạch (GTIN)"
    assert _label(soup, "weight_grams") == "Khối lượng khi đóng gói (g)"
    assert "4 sao" in text(client.get(f"/dashboard/catalogue/products/{product.pk}/"))


def test_the_picture_button_is_the_file_inputs_label_and_never_submits(client, seller):
    soup = BeautifulSoup(client.get(CREATE_URL).content.decode(), "html.parser")
    picture = soup.select_one(".picture-input")
    file_input = picture.find("input", attrs={"type": "file"})
    button = picture.find("label", attrs={"for": file_input["id"]})
    assert button.get_text(strip=True) == "Chọn ảnh"
    assert picture.find("button") is None  # a <button> in the form would submit it


def test_weight_and_size_are_saved_with_the_product(client, seller):
    data = product_form(seller.partner, weight_grams="550", length_cm="20", width_cm="12", height_cm="8")
    response = client.post(CREATE_URL, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    product = Product.objects.get(title=TITLE)
    assert (product.weight_grams, product.length_cm, product.width_cm, product.height_cm) == (550, 20, 12, 8)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weight_grams", "0", "Hãy nhập khối lượng bằng gam, số nguyên từ 1 đến 50.000."),
        ("weight_grams", "60000", "Hãy nhập khối lượng bằng gam, số nguyên từ 1 đến 50.000."),
        ("weight_grams", "0,5 kg", "Hãy nhập khối lượng bằng gam, số nguyên từ 1 đến 50.000."),
        ("weight_grams", "1.5", "Hãy nhập khối lượng bằng gam, số nguyên từ 1 đến 50.000."),
        ("height_cm", "250", "Hãy nhập mỗi cạnh bằng xentimét, số nguyên từ 1 đến 200."),
    ],
)
def test_a_parcel_out_of_bounds_is_refused_in_vietnamese_and_nothing_saved(
    client, seller, field, value, message
):
    response = client.post(CREATE_URL, product_form(seller.partner, **{field: value}))
    assert response.status_code == 200
    assert message in text(response)
    assert not Product.objects.filter(title=TITLE).exists()
    assert 'value="Chả mực giã tay Hạ Long hộp 500 g"' in response.content.decode()  # what was typed stays


def test_a_weight_written_with_a_thousands_dot_is_a_thousand_grams_not_one(client, seller):
    response = client.post(CREATE_URL, product_form(seller.partner, weight_grams="1.000"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Product.objects.get(title=TITLE).weight_grams == 1000


@pytest.mark.parametrize(
    ("typed", "price"), [("125.000", 125_000), ("125000", 125_000), ("125.000 ₫", 125_000)]
)
def test_a_price_is_read_as_vietnamese_writes_it(client, seller, typed, price):
    response = client.post(CREATE_URL, product_form(seller.partner, **{"stockrecords-0-price": typed}))
    assert response.status_code == 302, response.context and response.context["stockrecord_formset"].errors
    assert Product.objects.get(title=TITLE).stockrecords.get().price == price


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("stockrecords-0-price", "1.5", "“1.5” không phải số đồng chẵn"),
        ("stockrecords-0-price", "2.50", "“2.50” không phải số đồng chẵn"),
        ("stockrecords-0-price", "0.5", "“0.5” không phải số đồng chẵn"),
        ("stockrecords-0-num_in_stock", "1.5", "“1.5” không phải số nguyên"),
    ],
)
def test_a_decimal_price_or_stock_is_refused_and_nothing_saved(client, seller, field, typed, message):
    response = client.post(CREATE_URL, product_form(seller.partner, **{field: typed}))
    assert response.status_code == 200
    assert message in text(response)
    assert not Product.objects.filter(title=TITLE).exists()


def test_a_price_far_from_the_saved_one_is_changed_only_once_confirmed(client, seller):
    product = product_for_sale(seller, title=TITLE, price=150_000, stock=10)
    record = product.stockrecords.get()
    url = f"/dashboard/catalogue/products/{product.pk}/"
    data = product_form(
        seller.partner,
        **{
            "stockrecords-INITIAL_FORMS": "1",
            "stockrecords-0-id": str(record.pk),
            "stockrecords-0-product": str(product.pk),
            "stockrecords-0-partner_sku": record.partner_sku,
            "stockrecords-0-price": "14.000",
            "stockrecords-0-num_in_stock": "10",
        },
    )
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "14.000 ₫ khác xa giá cũ 150.000 ₫" in text(refused)
    assert 'type="checkbox" name="stockrecords-0-confirm_price"' in refused.content.decode()
    record.refresh_from_db()
    assert record.price == 150_000
    confirmed = client.post(url, {**data, "stockrecords-0-confirm_price": "on"})
    assert confirmed.status_code == 302
    record.refresh_from_db()
    assert record.price == 14_000


def test_new_product_opens_the_goods_form_at_once(client, seller):
    html = client.get("/dashboard/catalogue/").content.decode()
    assert 'id="new-product" href="/dashboard/catalogue/products/create/hang-hoa/"' in html
    assert 'id="create_product_with_class_form"' not in html  # no hidden product type to pick first


def test_a_product_saved_without_a_code_gets_one(client, seller):
    response = client.post(CREATE_URL, product_form(seller.partner, **{"stockrecords-0-partner_sku": ""}))
    assert response.status_code == 302, response.context and response.context["stockrecord_formset"].errors
    sku = Product.objects.get(title=TITLE).stockrecords.get().partner_sku
    assert sku.startswith("SP-") and len(sku) == 11


def test_the_saved_message_shows_a_hostile_title_as_text(client, seller):
    # The dashboard prints messages tagged "safe" unescaped (Oscar builds them from autoescaped
    # templates): a title a seller typed must still arrive as text, never as markup.
    hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    response = client.post(CREATE_URL, product_form(seller.partner, title=hostile), follow=True)
    html = response.content.decode()
    assert Product.objects.filter(title=hostile).exists()
    shown = html.split('id="messages"', 1)[1].split('role="alert"', 1)[1][:1500]  # the success message
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "<script>alert(1)</script>" not in html and "<img src=x onerror" not in html


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_a_picture_chosen_on_a_failed_save_is_kept_for_the_next_one(client, seller):
    from django.core.files.uploadedfile import SimpleUploadedFile

    picture = _png()
    images = {
        "images-TOTAL_FORMS": "1",
        "images-0-original": SimpleUploadedFile("cha-muc.png", picture, "image/png"),
        "images-0-caption": "",
        "images-0-display_order": "0",
    }
    wrong_price = {"stockrecords-0-price": "1.5"}
    failed = client.post(CREATE_URL, product_form(seller.partner, **images, **wrong_price))
    assert failed.status_code == 200
    assert "Ảnh bạn đã chọn vẫn được giữ" in text(failed)
    soup = BeautifulSoup(failed.content, "html.parser")
    note = soup.find("input", attrs={"name": "images-0-kept"})["value"]
    assert note

    # The seller corrects the price and saves without choosing the picture again.
    again = {**images, "images-0-original": "", "images-0-kept": note}
    response = client.post(CREATE_URL, product_form(seller.partner, **again))
    assert response.status_code == 302, response.context and response.context["form"].errors
    product = Product.objects.get(title=TITLE)
    assert product.images.count() == 1
    with product.images.get().original.open() as saved:
        assert saved.read() == picture


def test_a_forged_note_of_a_kept_picture_reads_no_file(client, seller):
    from django.core import signing

    forged = {"images-TOTAL_FORMS": "1", "images-0-kept": "pending-pictures/../../settings.py"}
    signed_elsewhere = signing.dumps("../secret.txt", salt="shop.dashboard.catalogue.kept-picture")
    for note in (forged["images-0-kept"], signed_elsewhere):
        response = client.post(
            CREATE_URL,
            product_form(seller.partner, **{**forged, "images-0-kept": note, "images-0-display_order": "0"}),
        )
        assert response.status_code == 302
        assert Product.objects.get(title=TITLE).images.count() == 0
        Product.objects.filter(title=TITLE).delete()


def test_the_form_shows_the_registers_codes_the_product_relies_on(client, seller):
    import datetime

    from vendors.provenance.models import RegisteredCode

    product = product_for_sale(seller, title=TITLE)
    page = text(client.get(f"/dashboard/catalogue/products/{product.pk}/"))
    assert "Sản phẩm này chưa gắn mã số nào." in page
    code = RegisteredCode.objects.create(
        code="VN-QNOR-0777",
        kind="growing_domestic",
        crop="Chè hoa vàng",
        ward_code=7030,
        issued_on=datetime.date(2025, 3, 1),
    )
    code.products.add(product)
    page = text(client.get(f"/dashboard/catalogue/products/{product.pk}/"))
    assert "VN-QNOR-0777" in page and "Gắn hoặc gỡ mã số" in page
