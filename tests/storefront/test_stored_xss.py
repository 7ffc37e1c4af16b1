"""Stored script: what a seller types anywhere (products, shop, batches, imports, stories) reaches the
public pages as text, never as live markup."""

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from wagtail.admin.rich_text import DraftailRichTextArea

from marketplace.cms.blocks import TEXT_FEATURES
from marketplace.cms.models import StoryPage, StoryProduct
from marketplace.cms.stories import corner_for
from marketplace.productsearch.tasks import reindex_products
from marketplace.richtext import sanitize_rich_text
from tests.factories import SellerFactory, goods_class
from tests.forms import CREATE_URL, product_form
from vendors import lifecycle
from vendors.provenance import gs1
from vendors.provenance import services as provenance

pytestmark = pytest.mark.django_db
User = get_user_model()
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
LINK = '<a href="javascript:alert(1)">xem</a>'
TEMPLATE = "{{7*7}}"
PAYLOAD = " ".join([SCRIPT, IMG, SVG, LINK, TEMPLATE])
SHORT = f"{IMG}{SVG}"  # for fields of 120-128 characters


class _LiveMarkup(HTMLParser):
    """Collects what a browser would run: script elements, event handlers, javascript: links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        # JSON-LD is data, not run (its "<" are escaped so nothing can close the element).
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and "alert" in value:
                self.found.append(f"<{tag} {name}={value}>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value.startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "svg":
            self.found.append("<svg>")  # the marketplace draws no inline SVG on these pages

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(1)" in data:
            self.found.append(f"<script>{data}</script>")


def live_markup(html: str) -> list[str]:
    parser = _LiveMarkup()
    parser.feed(html)
    return parser.found


def read(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_detector_sees_each_payload_when_it_is_live():
    # The check below is only worth something if it would see the payloads unescaped.
    for payload in (SCRIPT, IMG, SVG, LINK):
        assert live_markup(f"<p>{payload}</p>"), payload
    assert not live_markup(f"<p>{sanitize_rich_text(PAYLOAD)}</p>")


def test_the_sanitizer_keeps_allowed_markup_and_drops_the_rest():
    clean = sanitize_rich_text(f'<p>Chè <strong>ngon</strong></p><a href="https://ocop.vn/">x</a>{PAYLOAD}')
    assert "<p>Chè <strong>ngon</strong></p>" in clean and 'href="https://ocop.vn/"' in clean
    assert "<script" not in clean and "onerror" not in clean and "javascript:" not in clean
    assert "<svg" not in clean and TEMPLATE in clean
    assert sanitize_rich_text(clean) == clean


# --- The hostile seller ----------------------------------------------------------------------


def _rich_text(text: str) -> str:
    """What the CMS editor stores for a paragraph typed as `text`, with a javascript: link on it."""
    contentstate = {
        "blocks": [
            {
                "key": "a",
                "text": text,
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 5, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}},
    }
    return DraftailRichTextArea(features=TEXT_FEATURES).value_from_datadict(
        {"f": json.dumps(contentstate)}, {}, "f"
    )


@pytest.fixture
def hostile(client, django_capture_on_commit_callbacks):
    """A seller who typed the usual payloads into every field they control."""
    owner = User.objects.create_user("xss@example.vn", "xss@example.vn", "pw-123456")
    seller = SellerFactory(owner=owner, shop_name="Xssshop", slug="xssshop")
    lifecycle.seller_centre_access_set(seller, allowed=True)
    product_class = goods_class()
    create_from_breadcrumbs("Đồ uống > Trà")  # the imported row's category
    ProductAttribute.objects.create(
        product_class=product_class, name="Ghi chú", code="xss_note", type="richtext"
    )
    ProductAttribute.objects.create(product_class=product_class, name="Vùng", code="xss_origin", type="text")
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        # The shop page, in the seller centre.
        profile = client.post(
            reverse("dashboard:shop-profile"),
            {"shop_name": f"Xssshop {SHORT}", "story": f"Xssstory {PAYLOAD}"},
        )
        assert profile.status_code == 302
        # A product, in the seller centre: title, description and attributes.
        data = product_form(
            seller.partner,
            title=f"Xsstitle {PAYLOAD}",
            description=f"<p>Xssdesc</p>{PAYLOAD}",
            upc=gs1.with_check_digit("893777000001"),
            attr_xss_note=f"Xssnote {PAYLOAD}",
            attr_xss_origin=f"Xssorigin {PAYLOAD}",
        )
        data["stockrecords-0-partner_sku"] = "XSS-1"
        created = client.post(CREATE_URL, data)
        assert created.status_code == 302, created.context and created.context["form"].errors
        # A product by bulk import.
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["title", "sku", "price", "stock", "category", "description", "is_public"])
        writer.writerow(
            [f"Xssimport {PAYLOAD}", "XSS-2", "120000", "5", "Trà", f"Xssimportdesc {PAYLOAD}", "yes"]
        )
        upload = SimpleUploadedFile("xss.csv", buffer.getvalue().encode(), "text/csv")
        assert client.post(reverse("dashboard:shop-import"), {"file": upload}).status_code == 302
    client.logout()
    product = Product.objects.get(stockrecords__partner_sku="XSS-1")
    imported = Product.objects.get(stockrecords__partner_sku="XSS-2")
    # A batch with its steps.
    batch = provenance.batch_record(
        product=product, lot_code="XSS1", harvested_on="2026-01-02", packed_on="2026-01-03", quantity=10
    )
    provenance.batch_event_add(
        batch=batch,
        kind="harvest",
        happened_on="2026-01-02",
        place=f"Xssplace {SHORT}",
        note=f"Xssstep {PAYLOAD}",
    )
    # A story, as the CMS stores what the seller typed.
    story = corner_for(seller).add_child(
        instance=StoryPage(
            title=f"Xsstory {SHORT}",
            slug="xss-story",
            intro=f"Xssintro {SHORT}",
            body=[
                ("paragraph", _rich_text(f"Xssparagraph {PAYLOAD}")),
                ("quote", {"text": f"Xssquote {PAYLOAD}", "who": f"Xsswho {SHORT}"}),
                ("buy", {"product": product, "note": f"Xssbuy {SHORT}"}),
            ],
        )
    )
    StoryProduct.objects.create(page=story, product=product, sort_order=0)
    # The catalogue and search read the index, which follows these changes after each commit.
    reindex_products([product.pk, imported.pk])
    seller.refresh_from_db()
    return {"seller": seller, "product": product, "imported": imported, "batch": batch, "story": story}


def test_what_the_seller_saved_keeps_no_script(hostile):
    product, imported, seller = hostile["product"], hostile["imported"], hostile["seller"]
    for stored in (product.description, imported.description, seller.story, product.attr.xss_note):
        assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
    assert "<p>Xssdesc</p>" in product.description


def test_every_public_page_shows_the_sellers_payloads_as_text(client, hostile):
    product, imported, seller = hostile["product"], hostile["imported"], hostile["seller"]
    pages = {
        "product page": read(client, product.get_absolute_url()),
        "imported product page": read(client, imported.get_absolute_url()),
        "catalogue": read(client, reverse("catalogue:index"), shop=seller.pk),
        "search": read(client, reverse("search:search"), q="xsstitle"),
        "shop page": read(client, seller.get_absolute_url()),
        "shop list": read(client, reverse("sellers:shop-list")),
        "trace page": read(client, hostile["batch"].digital_link_path()),
        "story page": read(client, hostile["story"].url),
    }
    for name, html in pages.items():
        assert live_markup(html) == [], name
    # The payloads did reach the pages, escaped: otherwise this test would prove nothing.
    assert "Xsstitle &lt;script&gt;alert(1)&lt;/script&gt;" in pages["product page"]
    assert "Xssdesc" in pages["product page"] and "Xssnote" in pages["product page"]
    assert "Xssorigin &lt;script&gt;" in pages["product page"] and TEMPLATE in pages["product page"]
    assert "Xssimportdesc" in pages["imported product page"]
    assert "Xsstitle" in pages["catalogue"] and "Xsstitle" in pages["search"]
    assert "Xssshop &lt;img" in pages["shop page"] and "Xssstory" in pages["shop page"]
    assert "Xssplace &lt;img" in pages["trace page"] and "Xssstep &lt;script&gt;" in pages["trace page"]
    story = pages["story page"]
    assert "ragraph &lt;script&gt;" in story and "Xssquote &lt;script&gt;" in story
    assert "Xssbuy &lt;img" in story and "Xsstory &lt;img" in story
