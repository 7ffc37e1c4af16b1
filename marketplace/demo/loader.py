"""Loads the demo marketplace at the article's figures; safe to run again (nothing duplicates).

The article counts 332 seller accounts, 169 of them activated and 129 shops open, selling 432
OCOP products of 235 producers, rated 5 five-star, 107 four-star and 320 three-star. Every record
is derived from a fixed random seed and found again by a natural key (e-mail, slug, UPC, decision
number), so a second run finds what the first made and adds nothing.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_class, get_model

from marketplace import wards
from marketplace.progress import bar
from marketplace.purchases.shipping import shipping_defaults_create
from marketplace.text import slugify_vi
from marketplace.visits.models import DailyCount
from vendors import lifecycle, recognitions
from vendors.models import (
    RECOGNITION_VALIDITY,
    BusinessKind,
    OcopGroup,
    Producer,
    Seller,
    SellerTransition,
)
from vendors.provenance.gs1 import with_check_digit
from vendors.validators import tax_code_check_digit

from . import catalogue as goods
from .history import ARTICLE_START, FIRST_APPLICATION, History
from .images import product_picture, shop_banner, shop_logo
from .provenance import GROWN, ProvenanceLoader
from .stories import load_stories

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")
User = get_user_model()

SEED = 2025
SELLER_ACCOUNTS = 332
ACTIVATED = 169
OPEN_SHOPS = 129
REJECTED = 13
PRODUCTS = 432
PRODUCERS = 235
STARS = {5: 5, 4: 107, 3: 320}
# The article's visits, spread over the year before the demo is loaded, with about one visitor a
# day for every three pages.
VISITS = 96_000
DEMO_PASSWORD_ACCOUNTS = [
    "admin@ocop.local",
    "seller1@ocop.local",
    "seller2@ocop.local",
    "shopper@ocop.local",
]

KIND_PREFIX = {
    BusinessKind.COOPERATIVE: "HTX",
    BusinessKind.ENTERPRISE: "Công ty TNHH",
    BusinessKind.HOUSEHOLD: "Hộ kinh doanh",
}


@dataclass
class ProducerPlan:
    name: str
    kind: str
    ward_code: int
    shop: "SellerPlan"


@dataclass
class SellerPlan:
    index: int
    kind: str
    ward_code: int
    status: str
    email: str
    person: str
    brand: str = ""
    specialty: str = ""
    products: list = field(default_factory=list)

    @property
    def place(self) -> str:
        name = wards.ward_name(self.ward_code)
        for prefix in ("Phường ", "Xã ", "Đặc khu "):
            name = name.removeprefix(prefix)
        return name

    @property
    def legal_name(self) -> str:
        if self.kind == BusinessKind.HOUSEHOLD:
            return f"{KIND_PREFIX[self.kind]} {self.person}"
        return f"{KIND_PREFIX[self.kind]} {self.specialty} {self.brand} {self.place}"

    @property
    def shop_name(self) -> str:
        if self.kind == BusinessKind.HOUSEHOLD:
            return f"{self.specialty} {self.person.split()[-1]} – {self.place}"
        return self.legal_name

    @property
    def slug(self) -> str:
        return f"{slugify_vi(self.shop_name)}-{self.index + 1}"


@dataclass
class ProductPlan:
    index: int
    group: str
    base: str
    category: str
    pack: str
    grade: str
    price: int
    stock: int
    stars: int
    producer: ProducerPlan

    @property
    def title(self) -> str:
        return " ".join(part for part in (self.base, self.grade, self.pack) if part)

    @property
    def upc(self) -> str:
        body = f"893{8000000 + self.index:07d}{self.producer.shop.index % 100:02d}"
        return with_check_digit(body)


def _person(rng: random.Random) -> str:
    return (
        f"{rng.choice(goods.FAMILY_NAMES)} {rng.choice(goods.MIDDLE_NAMES)} {rng.choice(goods.GIVEN_NAMES)}"
    )


def plan(seed: int = SEED) -> tuple[list[SellerPlan], list[ProducerPlan], list[ProductPlan]]:
    """Decide every seller, producer and product, the same way on every run."""
    rng = random.Random(seed)
    ward_codes = [int(w.code) for w in wards.wards()]

    sellers = []
    for i in range(SELLER_ACCOUNTS):
        if i < ACTIVATED:
            status = Seller.Status.ACTIVE
        elif i >= SELLER_ACCOUNTS - REJECTED:
            status = Seller.Status.REJECTED
        else:
            status = Seller.Status.APPLIED
        kind = rng.choices(list(BusinessKind), weights=[4, 3, 3])[0]
        if i < 40 and i < OPEN_SHOPS:
            kind = BusinessKind.COOPERATIVE  # the cooperatives that also sell their members' goods
        email = f"seller{i + 1}@ocop.local" if i < 2 else f"shop{i + 1:03d}@ocop.local"
        sellers.append(SellerPlan(i, kind, rng.choice(ward_codes), status, email, _person(rng)))

    open_shops = sellers[:OPEN_SHOPS]
    producers = [ProducerPlan("", shop.kind, shop.ward_code, shop) for shop in open_shops]
    cooperatives = [shop for shop in open_shops if shop.kind == BusinessKind.COOPERATIVE]
    while len(producers) < PRODUCERS:
        coop = rng.choice(cooperatives)
        producers.append(ProducerPlan(f"Hộ {_person(rng)}", BusinessKind.HOUSEHOLD, coop.ward_code, coop))

    slots = [group for group, count in goods.GROUP_SHARES.items() for _ in range(count)]
    rng.shuffle(slots)
    stars = [s for s, count in STARS.items() for _ in range(count)]
    rng.shuffle(stars)
    owners = producers + [rng.choice(producers) for _ in range(PRODUCTS - len(producers))]
    rng.shuffle(owners)

    products = []
    for i, (group, star, producer) in enumerate(zip(slots, stars, owners, strict=True)):
        shop = producer.shop
        # A shop keeps to its specialty's group where it can, as real shops do.
        base, category, (low, high), packs = rng.choice(goods.GOODS[group])
        price = rng.randrange(low, high + 1, 1000) // 1000 * 1000
        stock = 0 if rng.random() < 0.04 else rng.randint(5, 200)
        grade = rng.choice(goods.GRADES)
        products.append(
            ProductPlan(i, group, base, category, rng.choice(packs), grade, price, stock, star, producer)
        )
        shop.products.append(products[-1])
        if not shop.specialty:
            shop.specialty = category

    for shop in sellers:
        if not shop.specialty:
            group = rng.choice(list(goods.GOODS))
            shop.specialty = rng.choice(goods.GOODS[group])[1]
    taken = set()
    for shop in sellers:
        shop.brand = rng.choice(goods.BRANDS)
        while shop.legal_name in taken or shop.shop_name in taken:
            shop.brand, shop.person = rng.choice(goods.BRANDS), _person(rng)
        taken.update({shop.legal_name, shop.shop_name})
    for producer in producers:
        if not producer.name:
            producer.name = producer.shop.legal_name
    return sellers, producers, products


def vietnam_present() -> None:
    """The one country addresses are in, as Oscar's address models need it."""
    Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hòa Xã hội Chủ nghĩa Việt Nam",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )


class DemoLoader:
    """Writes the plan to the database, skipping what a previous run already made."""

    def __init__(self, out, *, with_accounts: bool):
        self.out = out
        self.with_accounts = with_accounts
        self.today = timezone.localdate()
        self.rng = random.Random(SEED + 1)
        # The dates of the demo's history (steps, listings, visits) from a generator of their own,
        # so the rest of the demo draws the same values as before the history was added.
        self.history_rng = random.Random(SEED + 3)
        # Dated inside the article's half-year, and in force today (history.py).
        self.history = History(self.today, self.history_rng)
        self.article_end = _evening(self.history.end)

    def run(self) -> dict[str, int]:
        sellers, producers, products = plan()
        with transaction.atomic():
            self.load_site()
            self.load_accounts()
            categories = self.load_categories()
            seller_rows = self.load_sellers(sellers)
            producer_rows = self.load_producers(producers, seller_rows)
            self.load_products(products, categories, seller_rows, producer_rows)
        crops = {p.upc: p.base for p in products if p.group in GROWN}
        ProvenanceLoader(self.out, self.today, SEED + 2, crops, self.history).run()
        with transaction.atomic():
            self.load_visits()
            self.load_home_page()
            self.load_seller_corners()
            load_stories(self.today)
        if self.with_accounts:
            with transaction.atomic():
                self.load_orders()
        return {
            "accounts": Seller.objects.count(),
            "activated": Seller.objects.filter(status=Seller.Status.ACTIVE).count(),
            "products": Product.objects.filter(experience__isnull=True).count(),
            "producers": Producer.objects.count(),
        }

    # --- steps ---------------------------------------------------------------------------

    def load_site(self):
        Site.objects.filter(pk=settings.SITE_ID).update(domain="127.0.0.1:8000", name="OCOP Quảng Ninh")
        vietnam_present()

    def load_accounts(self):
        if not self.with_accounts:
            return
        password = make_password(settings.MARKETPLACE_DEMO_PASSWORD)
        admin, _ = User.objects.get_or_create(
            email="admin@ocop.local",
            defaults={"username": "admin@ocop.local", "first_name": "Sở NN&MT", "last_name": "Quảng Ninh"},
        )
        admin.is_staff = admin.is_superuser = True
        admin.password = password
        admin.save()
        shopper, _ = User.objects.get_or_create(
            email="shopper@ocop.local",
            defaults={"username": "shopper@ocop.local", "first_name": "Lan", "last_name": "Nguyễn"},
        )
        shopper.password = password
        shopper.save()

    def load_categories(self) -> dict[tuple[str, str], object]:
        categories = {}
        for group, (top, children) in goods.GROUP_CATEGORIES.items():
            for child in children:
                categories[(group, child)] = create_from_breadcrumbs(f"{top} > {child}")
        self.goods_class, _ = ProductClass.objects.get_or_create(
            slug="hang-hoa", defaults={"name": "Hàng hóa", "requires_shipping": True, "track_stock": True}
        )
        self.visit_class, _ = ProductClass.objects.get_or_create(
            slug="trai-nghiem",
            defaults={"name": "Trải nghiệm", "requires_shipping": False, "track_stock": True},
        )
        return categories

    def load_sellers(self, plans: list[SellerPlan]) -> dict[int, Seller]:
        progress = bar("Sellers", len(plans), self.out)
        existing = {v.slug: v for v in Seller.objects.select_related("partner")}
        users = {u.email: u for u in User.objects.filter(email__endswith="@ocop.local")}
        demo_password = make_password(settings.MARKETPLACE_DEMO_PASSWORD) if self.with_accounts else None
        rows = {}
        for p in plans:
            seller = existing.get(p.slug)
            if seller is None:
                user = users.get(p.email)
                if user is None:
                    family, *rest = p.person.split(" ")
                    user = User(username=p.email, email=p.email, first_name=" ".join(rest), last_name=family)
                    users[p.email] = user
                if p.email in DEMO_PASSWORD_ACCOUNTS and demo_password:
                    user.password = demo_password
                elif not user.password:
                    user.set_unusable_password()
                user.save()
                partner, _ = Partner.objects.get_or_create(code=p.slug, defaults={"name": p.shop_name})
                self.rng.randint(30, 540)  # drawn as before: the rest of the demo stays the same
                applied_on = self.history.day(earliest=FIRST_APPLICATION, before_end=8)
                applied = _morning(applied_on, self.history_rng)
                seller = Seller.objects.create(
                    partner=partner,
                    owner=user,
                    kind=p.kind,
                    legal_name=p.legal_name,
                    tax_code=_tax_code(570000000 + p.index * 37),
                    representative=p.person,
                    phone=f"09{12000000 + p.index * 731:08d}"[:10],
                    email=p.email,
                    ward_code=p.ward_code,
                    street=f"Số {self.rng.randint(1, 250)}, tổ {self.rng.randint(1, 30)}",
                    shop_name=p.shop_name,
                    slug=p.slug,
                    status=p.status,
                    story=_story(p),
                    applied_at=applied,
                    activated_at=applied + datetime.timedelta(days=7)
                    if p.status == Seller.Status.ACTIVE
                    else None,
                    status_reason="Hồ sơ thiếu giấy đăng ký kinh doanh."
                    if p.status == Seller.Status.REJECTED
                    else "",
                )
                self.record_history(seller)
            if seller.status == Seller.Status.ACTIVE:
                lifecycle.seller_centre_access_set(seller, allowed=True)
                shipping_defaults_create(seller)
            if p.index < OPEN_SHOPS and not seller.logo:
                seller.logo.save(
                    f"demo-{seller.slug}.png", ContentFile(shop_logo(seller.shop_name, p.index)), save=False
                )
                seller.banner.save(
                    f"demo-{seller.slug}.jpg",
                    ContentFile(shop_banner(seller.shop_name, wards.ward_name(seller.ward_code), p.index)),
                    save=False,
                )
                seller.save(update_fields=["logo", "banner"])
            rows[p.index] = seller
            progress.update()
        progress.close()
        return rows

    def record_history(self, seller: Seller) -> None:
        """A new demo seller's steps, dated as they would have happened: applied, then activated
        a week later or rejected within days (what `lifecycle` records as staff decide)."""
        steps = [
            SellerTransition(
                seller=seller, from_status="", to_status=Seller.Status.APPLIED, at=seller.applied_at
            )
        ]
        if seller.status == Seller.Status.ACTIVE:
            steps.append(
                SellerTransition(
                    seller=seller,
                    from_status=Seller.Status.APPLIED,
                    to_status=seller.status,
                    at=seller.activated_at,
                )
            )
        elif seller.status != Seller.Status.APPLIED:
            at = seller.applied_at + datetime.timedelta(days=self.history_rng.randint(2, 10))
            steps.append(
                SellerTransition(
                    seller=seller,
                    from_status=Seller.Status.APPLIED,
                    to_status=seller.status,
                    at=min(at, self.article_end),
                    reason=seller.status_reason,
                )
            )
        SellerTransition.objects.bulk_create(steps)

    def load_producers(self, plans: list[ProducerPlan], sellers: dict[int, Seller]) -> list[Producer]:
        rows = []
        for p in plans:
            producer, _ = Producer.objects.get_or_create(
                name=p.name, ward_code=p.ward_code, defaults={"kind": p.kind, "street": "Thôn Đồng Tâm"}
            )
            shop = sellers[p.shop.index]
            if p.name == p.shop.legal_name and shop.producer_id != producer.pk:
                shop.producer = producer
                shop.save(update_fields=["producer"])
            rows.append(producer)
        return rows

    def load_products(self, plans, categories, sellers, producers):
        progress = bar("Products", len(plans), self.out)
        existing = set(Product.objects.filter(upc__in=[p.upc for p in plans]).values_list("upc", flat=True))
        producer_by_key = {(p.name, p.ward_code): p for p in producers}
        for p in plans:
            if p.upc in existing:
                progress.update()
                continue
            producer = producer_by_key[(p.producer.name, p.producer.ward_code)]
            shop = sellers[p.producer.shop.index]
            product = Product.objects.create(
                upc=p.upc,
                title=p.title,
                structure=Product.STANDALONE,
                product_class=self.visit_class if p.group == OcopGroup.TOURISM else self.goods_class,
                description=_description(p, shop),
                producer=producer,
                is_public=True,
            )
            # Listed some days after its shop opened (the history the province's figures read).
            listed = shop.activated_at or shop.applied_at
            listed += datetime.timedelta(
                days=self.history_rng.randint(0, 20), hours=self.history_rng.randint(0, 9)
            )
            Product.objects.filter(pk=product.pk).update(date_created=min(listed, self.article_end))
            ProductCategory.objects.create(product=product, category=categories[(p.group, p.category)])
            StockRecord.objects.create(
                product=product,
                partner=shop.partner,
                partner_sku=f"{shop.slug[:40]}-{p.index + 1}",
                price_currency="VND",
                price=Decimal(p.price),
                num_in_stock=p.stock,
            )
            recognitions.recognition_record(
                product=product,
                producer=producer,
                stars=p.stars,
                score={3: 50, 4: 70, 5: 90}[p.stars] + self.rng.randint(0, 9),
                group=p.group,
                decision_number=f"{1000 + p.index}/QĐ-{'TTg' if p.stars == 5 else 'UBND'}",
                decision_date=self._decision_day(),
            )
            ProductImage.objects.create(
                product=product,
                display_order=0,
                caption=p.title,
                original=ContentFile(
                    product_picture(f"{p.base} {p.grade}".strip(), p.pack, p.group, seed=p.index),
                    name=f"demo-{p.upc}.jpg",
                ),
            )
            progress.update()
        progress.close()

    def _decision_day(self) -> datetime.date:
        self.rng.randint(20, 900)  # drawn as before: the rest of the demo stays the same
        return self.history.lasting(RECOGNITION_VALIDITY, within_days=900)

    def load_visits(self):
        """Daily counts from the first day of 2025 to yesterday, as the rollup writes them (pages
        shown and daily visitors): the article's 96,000 visits in its half-year, then the same
        pace since. Skipped when any day before today has them."""
        earlier = DailyCount.objects.filter(day__lt=self.today, kind=DailyCount.Kind.PAGE_VIEWS, subject="")
        if earlier.exists():
            return
        start, end = ARTICLE_START, self.history.end
        half_year = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
        since = [end + datetime.timedelta(days=n) for n in range(1, (self.today - end).days)]

        def weight(n, day, span):  # growing through the period, busier at weekends
            busier = 1.4 if day.weekday() >= 5 else 1.0
            return (0.4 + n / span) * busier * self.history_rng.uniform(0.7, 1.3)

        weights = [weight(n, day, len(half_year)) for n, day in enumerate(half_year)]
        pages = [int(VISITS * w / sum(weights)) for w in weights]
        pages[-1] += VISITS - sum(pages)
        pace = VISITS / len(half_year)
        pages += [int(pace * weight(len(half_year), day, len(half_year)) / 1.4) for day in since]
        rows = []
        for day, shown in zip(half_year + since, pages, strict=True):
            rows.append(DailyCount(day=day, kind=DailyCount.Kind.PAGE_VIEWS, subject="", count=shown))
            visitors = max(1, round(shown * self.history_rng.uniform(0.28, 0.38)))
            rows.append(DailyCount(day=day, kind=DailyCount.Kind.VISITORS, subject="", count=visitors))
        DailyCount.objects.bulk_create(rows, ignore_conflicts=True)

    def load_orders(self):
        """Purchases by the demo shopper from each demo seller's shop, placed the way the checkout
        places them (one order per shop, stock allocated, ledger entries), so sellers can fulfil them."""
        from marketplace.purchases import checkout as purchases
        from marketplace.purchases.models import Purchase

        Basket = get_model("basket", "Basket")
        shopper = User.objects.get(email="shopper@ocop.local")
        for email in ["seller1@ocop.local", "seller2@ocop.local"]:
            seller = Seller.objects.get(owner__email=email)
            if Purchase.objects.filter(user=shopper, parts__seller=seller).exists():
                continue
            products = list(
                Product.objects.filter(stockrecords__partner=seller.partner, stockrecords__num_in_stock__gt=5)
                .order_by("pk")
                .distinct()[:3]
            )
            option = seller.shipping_options.order_by("display_order", "pk").first()
            for i, product in enumerate(products):
                basket = Basket.objects.create(owner=shopper)
                basket.strategy = get_class("partner.strategy", "Selector")().strategy()
                basket.add_product(product, 1 + i)
                purchases.purchase_place(
                    basket=basket,
                    user=shopper,
                    email=shopper.email,
                    address=purchases.Address(
                        "Nguyễn Lan",
                        "0912345678",
                        seller.province_code,
                        seller.ward_code,
                        "Số 12 Trần Hưng Đạo",
                    ),
                    shipping_choices={seller.pk: option.pk},
                )

    def load_seller_corners(self):
        """The demo sellers' corners of the CMS, as activation makes them now; the other demo shops
        stand for shops activated before that, which open theirs from the seller centre."""
        from marketplace.cms.stories import cms_access_grant

        if not self.with_accounts:
            return
        for seller in Seller.objects.filter(owner__email__in=["seller1@ocop.local", "seller2@ocop.local"]):
            cms_access_grant(seller)

    def load_home_page(self):
        from wagtail.models import Page
        from wagtail.models import Site as WagtailSite

        from marketplace.cms.models import HomePage

        home = HomePage.objects.first()
        if home is None:
            # Wagtail's migrations make the tree's root; a flushed database may have lost it.
            root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
            home = root.add_child(
                instance=HomePage(
                    title="OCOP Quảng Ninh",
                    slug="trang-chu",
                    hero_title="Sản phẩm OCOP Quảng Ninh, từ tận nơi làm ra",
                    hero_text=(
                        "Chả mực Hạ Long, trà hoa vàng Ba Chẽ, miến dong Bình Liêu, gốm Đông Triều… "
                        "mua trực tiếp từ hợp tác xã, doanh nghiệp và hộ sản xuất đạt chuẩn OCOP."
                    ),
                )
            )
        site = WagtailSite.objects.filter(is_default_site=True).first()
        if site is None:
            WagtailSite.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="OCOP Quảng Ninh",
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "OCOP Quảng Ninh"
            site.save()
            if old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()


def _tax_code(base: int) -> str:
    """A 10-digit Vietnamese tax code (mã số thuế) whose 10th digit is its check digit."""
    body = f"{base:09d}"[:9]
    check = tax_code_check_digit(body)
    return body + check if check is not None else _tax_code(base + 1)


def _story(p: SellerPlan) -> str:
    return (
        f"{p.legal_name} ở {wards.ward_name(p.ward_code)} làm {p.specialty.lower()} theo cách truyền thống "
        "của vùng, từ nguyên liệu địa phương, được tỉnh công nhận sản phẩm OCOP."
    )


def _description(p: ProductPlan, shop: Seller) -> str:
    return (
        f"{p.base} của {p.producer.name}, {wards.ward_name(p.producer.ward_code)}, Quảng Ninh. "
        f"Quy cách: {p.pack}. Sản phẩm đạt chuẩn OCOP {p.stars} sao, bán tại {shop.shop_name}."
    )


def _morning(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment of a working day: when an application is sent."""
    moment = datetime.datetime.combine(day, datetime.time(7 + rng.randint(0, 9), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _evening(day: datetime.date) -> datetime.datetime:
    """The last moment of a day, in the marketplace's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))
