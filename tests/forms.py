"""What people type into the marketplace's forms, as the POST data the test client sends."""

from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.apps.catalogue.categories import create_from_breadcrumbs

from marketplace import wards
from tests.factories import goods_class

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The seller centre's form for a new product of the goods class (product_for_sale's class).
CREATE_URL = "/dashboard/catalogue/products/create/hang-hoa/"


def a_ward():
    return int(wards.wards(22)[5].code)


def application(**overrides):
    """A cooperative's application at /sell/, complete; an override of None leaves a field out."""
    data = {
        "kind": "cooperative",
        "legal_name": "Hợp tác xã Chè Hoa Vàng Ba Chẽ Xanh",
        "tax_code": "5701234566",
        "representative": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "email": "htx.chehoavang@example.vn",
        "province_code": 22,
        "ward_code": a_ward(),
        "street": "Thôn Làng Mới",
        "shop_name": "HTX Chè Hoa Vàng Xanh",
        "slug": "",
        "bank_code": "VCB",
        "bank_account_number": "0011 0045 67890",
        "bank_account_holder": "HTX CHE HOA VANG XANH",
        "document": SimpleUploadedFile("dang-ky.pdf", PDF, "application/pdf"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def product_form(partner, **overrides):
    """A new product in the seller centre, of the goods class, listed in a food category."""
    goods_class()
    category = create_from_breadcrumbs("Thực phẩm > Đặc sản chế biến")
    data = {
        "title": "Chả mực giã tay Hạ Long hộp 500 g",
        "upc": "",
        "description": "Mực tươi giã tay, không phụ gia.",
        "is_public": "on",
        "is_discountable": "on",
        "structure": "standalone",
        "slug": "",
        "meta_title": "",
        "meta_description": "",
        "stockrecords-TOTAL_FORMS": "1",
        "stockrecords-INITIAL_FORMS": "0",
        "stockrecords-MIN_NUM_FORMS": "0",
        "stockrecords-MAX_NUM_FORMS": "1000",
        "stockrecords-0-partner": str(partner.pk),
        "stockrecords-0-partner_sku": "CM-500",
        "stockrecords-0-price_currency": "VND",
        "stockrecords-0-price": "385000",
        "stockrecords-0-num_in_stock": "40",
        "stockrecords-0-low_stock_threshold": "5",
        "productcategory_set-TOTAL_FORMS": "1",
        "productcategory_set-INITIAL_FORMS": "0",
        "productcategory_set-MIN_NUM_FORMS": "0",
        "productcategory_set-MAX_NUM_FORMS": "1000",
        "productcategory_set-0-category": str(category.pk),
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "primary_recommendations-TOTAL_FORMS": "0",
        "primary_recommendations-INITIAL_FORMS": "0",
        "primary_recommendations-MIN_NUM_FORMS": "0",
        "primary_recommendations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data
