"""What the dashboard's pages are and the objects they show, for the sweeps that read every page.

`build_floor()` builds a shop with orders in several states and one of everything else a dashboard
page lists; `dashboard_routes()` walks the URL map, so a page added later is swept too (or the sweep
says it does not know how to open it). The Vietnamese sweep (tests/vendors) reads the pages through
Django's client; the phone sweep (tests/e2e) opens them in Chromium on a served copy.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.cms.models import StoryPage
from marketplace.cms.stories import corner_for
from marketplace.purchases import fulfilment
from tests.factories import PASSWORD, StaffFactory, batch_of, product_for_sale, seller_shop
from tests.shopping import add, checkout_data, option
from vendors.models import ProductImport, Seller
from vendors.provenance.models import RegisteredCode

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
Voucher = get_model("voucher", "Voucher")
VoucherSet = get_model("voucher", "VoucherSet")
Range = get_model("offer", "Range")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ProductReview = get_model("reviews", "ProductReview")
WeightBased = get_model("shipping", "WeightBased")
WeightBand = get_model("shipping", "WeightBand")
ProductAlert = get_model("customer", "ProductAlert")
CommunicationEventType = get_model("communication", "CommunicationEventType")
Option = get_model("catalogue", "Option")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
Category = get_model("catalogue", "Category")
ProductClass = get_model("catalogue", "ProductClass")

# Addresses of the dashboard that are not pages a person reads: downloads, data for the pages'
# scripts, and actions that only take a POST (their messages are read on the page they return to).
NOT_PAGES = {
    "dashboard:figures-export": "a download (the province's figures as XLSX/CSV/PDF)",
    "dashboard:shop-figures-export": "a download (the shop's figures as CSV/XLSX)",
    "dashboard:shop-statement-csv": "a download",
    "dashboard:shop-import-template": "a download",
    "dashboard:voucher-set-download": "a download",
    "dashboard:seller-document": "a download (the applicant's document)",
    "dashboard:shop-import-progress": "JSON for the import page's progress bar",
    "dashboard:catalogue-product-lookup": "JSON for the product pickers",
    "dashboard:login": "redirects to the site's sign-in page",
    "dashboard:logout": "signs out",
}
# Actions that take only a POST: what they say is read on the page they return to.
POST_ONLY = {
    "dashboard:order-fulfil",
    "dashboard:order-line-refund",
    "dashboard:partner-user-unlink",
    "dashboard:payments-event-reviewed",
    "dashboard:payments-inquire",
    "dashboard:payments-statement",
    "dashboard:payments-transfer-paid",
    "dashboard:range-reorder",
    "dashboard:registry-recognition-revoke",
    "dashboard:seller-bulk-approve",
    "dashboard:seller-decide",
    "dashboard:user-password-reset",
    "dashboard:shop-codes",
    "dashboard:shop-stock-update",
}
# The shop's own pages: staff have no shop (404); a seller has only these (and is refused the rest).
SHOP_PAGES = {
    "dashboard:shop-batch",
    "dashboard:shop-batches",
    "dashboard:shop-import",
    "dashboard:shop-import-detail",
    "dashboard:shop-profile",
    "dashboard:shop-statement",
    "dashboard:shop-stock",
    "dashboard:shop-stories",
}
SELLER_PAGES = SHOP_PAGES | {
    "dashboard:index",
    "dashboard:catalogue-product-list",
    "dashboard:catalogue-product",
    "dashboard:catalogue-product-create",
    "dashboard:catalogue-product-delete",
    "dashboard:catalogue-product-bulk-action",
    "dashboard:order-list",
    "dashboard:order-detail",
    "dashboard:order-detail-note",
    "dashboard:order-line-detail",
    "dashboard:order-shipping-address",
}


def _routes(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(
                pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, pattern


def dashboard_routes():
    """{url name: the kwargs it needs}, for every address under /dashboard/."""
    found = {}
    for name, pattern in _routes(get_resolver().url_patterns):
        if name.startswith("dashboard:"):
            kwargs = set(pattern.pattern.regex.groupindex)
            found[name] = found.get(name, kwargs) if kwargs else set()  # "…/new/…" and "…/<pk>/…"
    return found


def _buy(shop, product, email):
    shopper = Client()
    add(shopper, product, 2)
    shopper.post(reverse("checkout:index"), checkout_data({shop: option(shop, "flat")}, email=email))
    return Order.objects.filter(lines__product=product).latest("pk")


def build_floor():
    """A shop with orders in several states and everything else a dashboard page can list."""
    owner = get_user_model().objects.create_user("htx.sweep@example.vn", "htx.sweep@example.vn", PASSWORD)
    shop = seller_shop(owner=owner)
    product = product_for_sale(shop, title="Chả mực giã tay Hạ Long", price=385_000, stock=40)
    low = product_for_sale(shop, title="Trà hoa vàng Ba Chẽ", price=650_000, stock=2)
    batch = batch_of(product)
    orders = [_buy(shop, product, f"khach{n}@example.vn") for n in range(3)] + [
        _buy(shop, low, "khach9@example.vn")
    ]
    for order, steps in ((orders[1], ["confirm"]), (orders[2], ["confirm", "pack"])):
        for step in steps:
            fulfilment.order_step(order=order, step=step, by=owner)
    fulfilment.order_step(order=orders[3], step="confirm", by=owner)
    fulfilment.order_step(order=orders[3], step="pack", by=owner)
    fulfilment.order_step(
        order=orders[3], step="ship", by=owner, carrier="Viettel Post", tracking_number="VTP1"
    )
    note = OrderNote.objects.create(order=orders[0], user=owner, message="Gọi trước khi giao")
    job = ProductImport.objects.create(seller=shop, original_name="san-pham.xlsx", created_by=owner)

    staff = StaffFactory(email="canbo.sweep@example.vn", username="canbo.sweep@example.vn")
    rng = Range.objects.create(name="Đặc sản Tết", includes_all_products=True)
    benefit = Benefit.objects.create(range=rng, type=Benefit.PERCENTAGE, value=10)
    condition = Condition.objects.create(range=rng, type=Condition.COUNT, value=2)
    offer = ConditionalOffer.objects.create(name="Giảm 10% đặc sản Tết", benefit=benefit, condition=condition)
    voucher_set = VoucherSet.objects.create(
        name="Hội chợ OCOP",
        count=1,
        code_length=8,
        start_datetime=timezone.now(),
        end_datetime=timezone.now() + datetime.timedelta(days=30),
    )
    voucher = Voucher.objects.create(
        name="Chào bạn mới",
        code="CHAOBAN",
        start_datetime=timezone.now(),
        end_datetime=timezone.now() + datetime.timedelta(days=30),
    )
    voucher.offers.add(offer)
    Voucher.objects.create(
        name="Hội chợ OCOP - 1",
        code="HOICHO01",
        voucher_set=voucher_set,
        start_datetime=voucher_set.start_datetime,
        end_datetime=voucher_set.end_datetime,
    ).offers.add(offer)
    review = ProductReview.objects.create(
        product=product,
        title="Ngon",
        body="Chả dai, thơm",
        score=5,
        name="Lan",
        email="lan@example.vn",
        status=ProductReview.FOR_MODERATION,
    )
    method = WeightBased.objects.create(name="Giao theo cân nặng", default_weight=1)
    band = WeightBand.objects.create(method=method, upper_limit=5, charge=30_000)
    flatpage = FlatPage.objects.create(url="/gioi-thieu/", title="Giới thiệu", content="Sàn OCOP")
    flatpage.sites.add(Site.objects.get_current())
    alert = ProductAlert.objects.create(product=low, email="cho@example.vn")
    event_type = CommunicationEventType.objects.create(code="ORDER_PLACED", name="Đặt hàng")
    return {
        "seller": shop,
        "staff": staff,
        "kwargs": {
            "dashboard:catalogue-attribute-option-group-delete": {"pk": _attribute_group().pk},
            "dashboard:catalogue-attribute-option-group-update": {"pk": _attribute_group().pk},
            "dashboard:catalogue-category-create-child": {"parent": Category.objects.first().pk},
            "dashboard:catalogue-category-delete": {"pk": Category.objects.first().pk},
            "dashboard:catalogue-category-detail-list": {"pk": Category.objects.first().pk},
            "dashboard:catalogue-category-update": {"pk": Category.objects.first().pk},
            "dashboard:catalogue-class-delete": {"pk": product.product_class.pk},
            "dashboard:catalogue-class-update": {"pk": product.product_class.pk},
            "dashboard:catalogue-option-delete": {"pk": _option().pk},
            "dashboard:catalogue-option-update": {"pk": _option().pk},
            "dashboard:catalogue-product": {"pk": product.pk},
            "dashboard:catalogue-product-create": {"product_class_slug": product.product_class.slug},
            "dashboard:catalogue-product-create-child": {"parent_pk": product.pk},
            "dashboard:catalogue-product-delete": {"pk": product.pk},
            "dashboard:comms-update": {"slug": event_type.code},
            "dashboard:offer-benefit": {"pk": offer.pk},
            "dashboard:offer-condition": {"pk": offer.pk},
            "dashboard:offer-delete": {"pk": offer.pk},
            "dashboard:offer-detail": {"pk": offer.pk},
            "dashboard:offer-metadata": {"pk": offer.pk},
            "dashboard:offer-restrictions": {"pk": offer.pk},
            "dashboard:order-detail": {"number": orders[0].number},
            "dashboard:order-detail-note": {"number": orders[0].number, "note_id": note.pk},
            "dashboard:order-fulfil": {"number": orders[0].number},
            "dashboard:order-line-detail": {"number": orders[0].number, "line_id": orders[0].lines.get().pk},
            "dashboard:order-line-refund": {"number": orders[0].number, "line_id": orders[0].lines.get().pk},
            "dashboard:order-shipping-address": {"number": orders[0].number},
            "dashboard:page-delete": {"pk": flatpage.pk},
            "dashboard:page-update": {"pk": flatpage.pk},
            "dashboard:partner-delete": {"pk": shop.partner.pk},
            "dashboard:partner-manage": {"pk": shop.partner.pk},
            "dashboard:partner-user-create": {"partner_pk": shop.partner.pk},
            "dashboard:partner-user-link": {"partner_pk": shop.partner.pk, "user_pk": staff.pk},
            "dashboard:partner-user-select": {"partner_pk": shop.partner.pk},
            "dashboard:partner-user-unlink": {"partner_pk": shop.partner.pk, "user_pk": owner.pk},
            "dashboard:partner-user-update": {"partner_pk": shop.partner.pk, "user_pk": owner.pk},
            "dashboard:payments-event-reviewed": {"pk": 1},
            "dashboard:payments-inquire": {"pk": 1},
            "dashboard:payments-purchase": {"number": orders[0].purchase_part.purchase.number},
            "dashboard:payments-transfer-paid": {"number": orders[0].purchase_part.purchase.number},
            "dashboard:range-delete": {"pk": rng.pk},
            "dashboard:range-products": {"pk": rng.pk},
            "dashboard:range-reorder": {"pk": rng.pk},
            "dashboard:range-update": {"pk": rng.pk},
            "dashboard:registry-code": {"pk": RegisteredCode.objects.first().pk},
            "dashboard:registry-recognition-revoke": {"pk": product.ocop_recognitions.get().pk},
            "dashboard:reviews-delete": {"pk": review.pk},
            "dashboard:reviews-update": {"pk": review.pk},
            "dashboard:seller-decide": {"pk": Seller.objects.filter(status=Seller.Status.APPLIED).first().pk},
            "dashboard:seller-detail": {"pk": shop.pk},
            "dashboard:seller-ledger": {"pk": shop.pk},
            "dashboard:shipping-method-band-delete": {"method_pk": method.pk, "pk": band.pk},
            "dashboard:shipping-method-band-edit": {"method_pk": method.pk, "pk": band.pk},
            "dashboard:shipping-method-delete": {"pk": method.pk},
            "dashboard:shipping-method-detail": {"pk": method.pk},
            "dashboard:shipping-method-edit": {"pk": method.pk},
            "dashboard:shop-batch": {"pk": batch.pk},
            "dashboard:shop-import-detail": {"pk": job.pk},
            "dashboard:shop-stock-update": {"pk": low.stockrecords.get().pk},
            "dashboard:user-alert-delete": {"pk": alert.pk},
            "dashboard:user-alert-update": {"pk": alert.pk},
            "dashboard:user-detail": {"pk": owner.pk},
            "dashboard:user-password-reset": {"pk": owner.pk},
            "dashboard:voucher-delete": {"pk": voucher.pk},
            "dashboard:voucher-set-delete": {"pk": voucher_set.pk},
            "dashboard:voucher-set-detail": {"pk": voucher_set.pk},
            "dashboard:voucher-set-update": {"pk": voucher_set.pk},
            "dashboard:voucher-stats": {"pk": voucher.pk},
            "dashboard:voucher-update": {"pk": voucher.pk},
        },
    }


def _attribute_group():
    return AttributeOptionGroup.objects.get_or_create(name="Cỡ hộp")[0]


def _option():
    return Option.objects.get_or_create(name="Lời chúc trên thiệp", code="loi-chuc")[0]


def cms_pages(seller) -> dict:
    """{name: path} of the CMS pages a seller opens to write a story: their corner and one draft."""
    corner = corner_for(seller)
    story = corner.add_child(
        instance=StoryPage(title="Chuyện của tôi", slug="chuyen-cua-toi", intro="x", live=False)
    )
    return {
        "stories": reverse("dashboard:shop-stories"),
        "cms home": reverse("wagtailadmin_home"),
        "corner": reverse("wagtailadmin_explore", args=[corner.pk]),
        "new story": reverse("wagtailadmin_pages:add", args=["cms", "storypage", corner.pk]),
        "edit story": reverse("wagtailadmin_pages:edit", args=[story.pk]),
    }


def page_paths(kwargs) -> tuple[dict, list]:
    """({url name: path} of every dashboard page a person reads, [names it cannot open])."""
    paths, unknown = {}, []
    for name, needs in sorted(dashboard_routes().items()):
        if name in NOT_PAGES or name in POST_ONLY:
            continue
        if needs and name not in kwargs:
            unknown.append(name)
            continue
        paths[name] = reverse(name, kwargs=kwargs.get(name) if needs else None)
    return paths, unknown


def main():
    """Builds the floor in the database of DATABASE_URL and prints who signs in where, as JSON.

    The phone sweep runs it against the served copy: the server reads what was built.
    """
    import json

    built = build_floor()
    print(
        json.dumps(
            {
                "password": PASSWORD,
                "seller": built["seller"].owner.email,
                "staff": built["staff"].email,
                "dashboard": page_paths(built["kwargs"])[0],
                "cms": cms_pages(built["seller"]),
            }
        )
    )
