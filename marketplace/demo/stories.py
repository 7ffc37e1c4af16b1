"""Demo CMS content from the article: garden tours in Phường Hoành Bồ, the Yên Đức village
experience in Phường Hoàng Quế, the orange festival in Đặc khu Vân Đồn, an OCOP fair, and the news
itself. Pictures are drawn; stories are tied to real demo shops and their products. Re-runnable."""

import datetime
import io

from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from marketplace.cms.models import (
    EventIndexPage,
    EventPage,
    EventShop,
    ExperienceIndexPage,
    ExperiencePage,
    FeaturedStory,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StoryPage,
    StoryProduct,
)
from marketplace.cms.stories import corner_for, story_index
from vendors import selectors
from vendors.models import Seller

from .images import shop_banner

HOANH_BO, HOANG_QUE, VAN_DON, HA_LONG = 7030, 7114, 6994, 6688


def _picture(title: str, place: str, seed: int) -> Image:
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    data = shop_banner(title, place, seed)
    return Image.objects.create(title=title, file=ImageFile(io.BytesIO(data), name=f"demo-story-{seed}.jpg"))


def _shop_near(ward_code: int, skip=()) -> Seller:
    shops = selectors.open_sellers().exclude(pk__in=[s.pk for s in skip]).order_by("pk")
    return shops.filter(ward_code=ward_code).first() or shops.first()


def _index(home, model, title, slug, intro=""):
    page = model.objects.first()
    if page is None:
        fields = {"title": title, "slug": slug}
        if intro:
            fields["intro"] = intro
        page = home.add_child(instance=model(**fields))
    return page


def _publish(page):
    page.save_revision().publish()
    return page


def load_stories(today: datetime.date) -> None:
    home = HomePage.objects.first()
    if StoryPage.objects.exists() and EventPage.objects.exists():
        return
    story_index()
    experiences = _index(
        home,
        ExperienceIndexPage,
        "Trải nghiệm",
        "experiences",
        "<p>Du lịch gắn với sản phẩm bản địa: vào vườn, vào làng, cùng người làm ra sản phẩm OCOP.</p>",
    )
    events = _index(
        home, EventIndexPage, "Sự kiện", "events", "<p>Hội chợ OCOP, lễ hội và phiên chợ nông sản.</p>"
    )
    news = _index(home, NewsIndexPage, "Tin tức", "news")

    hoanh_bo = _shop_near(HOANH_BO)
    hoang_que = _shop_near(HOANG_QUE, skip=[hoanh_bo])
    van_don = _shop_near(VAN_DON, skip=[hoanh_bo, hoang_que])
    stories = []
    for seed, (shop, title, slug, place, intro, quote, paragraphs) in enumerate(
        [
            (
                hoanh_bo,
                "Một ngày trong vườn ở Hoành Bồ",
                "mot-ngay-trong-vuon-hoanh-bo",
                "Phường Hoành Bồ",
                "Khách theo chân nhà vườn hái quả, nghe chuyện trồng cây bản địa và mang về sản phẩm OCOP.",
                "Khách đến vườn, ăn quả tại gốc, rồi mua đúng thứ mình vừa thấy người ta làm ra.",
                [
                    "Phường Hoành Bồ thí điểm tour tham quan vườn: mỗi đoàn nhỏ được nhà vườn dẫn đi từ "
                    "luống cây giống đến gian sơ chế.",
                    "Sản phẩm đóng gói ngay tại vườn đều có mã lô để truy xuất.",
                ],
            ),
            (
                hoang_que,
                "Làng Yên Đức: một ngày làm nông dân",
                "lang-yen-duc-mot-ngay-lam-nong-dan",
                "Phường Hoàng Quế",
                "Cấy lúa, kéo vó, nấu cơm niêu cùng người dân làng Yên Đức, rồi ghé gian hàng OCOP của làng.",
                "Chúng tôi không bán vé xem làng, chúng tôi mời khách sống một ngày như người làng.",
                [
                    "Mô hình trải nghiệm làng quê Yên Đức gắn du lịch với nông sản địa phương.",
                    "Mỗi mùa có một việc đồng áng khác nhau để khách cùng làm.",
                ],
            ),
            (
                van_don,
                "Mùa cam Vân Đồn",
                "mua-cam-van-don",
                "Đặc khu Vân Đồn",
                "Cam Vân Đồn chín vào cuối năm; lễ hội cam là dịp nhà vườn mở cửa đón khách.",
                "Quả cam ngon là quả được hái đúng độ chín, không vội một ngày.",
                [
                    "Vùng cam được cấp mã số vùng trồng, ghi nhật ký canh tác từ lúc ra hoa.",
                    "Lễ hội cam Vân Đồn giới thiệu sản phẩm của các hộ trồng cam đạt chuẩn.",
                ],
            ),
        ]
    ):
        corner = corner_for(shop)
        story = StoryPage.objects.child_of(corner).filter(slug=slug).first()
        if story is None:
            products = list(
                selectors.sellable_products().filter(stockrecords__partner=shop.partner).order_by("pk")[:2]
            )
            body = [("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs]
            body.insert(1, ("quote", {"text": quote, "who": shop.shop_name}))
            if products:
                body.append(
                    ("buy", {"product": products[0], "note": "Mua ngay từ gian hàng của nhà sản xuất."})
                )
            story = corner.add_child(
                instance=StoryPage(
                    title=title,
                    slug=slug,
                    intro=intro,
                    hero_image=_picture(title, place, 500 + seed),
                    body=body,
                    search_description=intro,
                )
            )
            for order, product in enumerate(products):
                StoryProduct.objects.create(page=story, product=product, sort_order=order)
            _publish(story)
        stories.append(story)

    for seed, (shop, title, slug, ward, season, price, capacity, intro) in enumerate(
        [
            (
                hoanh_bo,
                "Tour vườn Hoành Bồ",
                "tour-vuon-hoanh-bo",
                HOANH_BO,
                "Quanh năm, đẹp nhất tháng 5–8",
                250_000,
                20,
                "Nửa ngày trong vườn cùng nhà vườn Hoành Bồ: hái quả, thưởng trà, mua sản phẩm tại vườn.",
            ),
            (
                hoang_que,
                "Trải nghiệm làng Yên Đức",
                "trai-nghiem-lang-yen-duc",
                HOANG_QUE,
                "Tháng 2 đến tháng 10",
                350_000,
                30,
                "Một ngày làm nông dân ở làng Yên Đức, phường Hoàng Quế: cấy lúa, kéo vó, cơm niêu.",
            ),
        ]
    ):
        if not ExperiencePage.objects.filter(slug=slug).exists():
            _publish(
                experiences.add_child(
                    instance=ExperiencePage(
                        title=title,
                        slug=slug,
                        shop=shop,
                        intro=intro,
                        ward_code=ward,
                        season=season,
                        price=price,
                        capacity_per_date=capacity,
                        hero_image=_picture(title, "Quảng Ninh", 600 + seed),
                        search_description=intro,
                    )
                )
            )

    year = today.year if today.month < 12 else today.year + 1
    for title, slug, start, days, venue, ward, intro, shops in [
        (
            "Lễ hội cam Vân Đồn",
            "le-hoi-cam-van-don",
            datetime.date(year, 12, 20),
            3,
            "Trung tâm đặc khu Vân Đồn",
            VAN_DON,
            "Nhà vườn cam Vân Đồn mở cửa đón khách, giới thiệu cam và các sản phẩm OCOP của đặc khu.",
            [van_don],
        ),
        (
            "Hội chợ OCOP Quảng Ninh",
            "hoi-cho-ocop-quang-ninh",
            today + datetime.timedelta(days=40),
            5,
            "Cung Quy hoạch, Hội chợ và Triển lãm tỉnh",
            HA_LONG,
            "Hàng trăm sản phẩm OCOP 3–5 sao của các hợp tác xã, doanh nghiệp và hộ sản xuất toàn tỉnh.",
            [hoanh_bo, hoang_que, van_don],
        ),
    ]:
        if EventPage.objects.filter(slug=slug).exists():
            continue
        event = events.add_child(
            instance=EventPage(
                title=title,
                slug=slug,
                start_date=start,
                end_date=start + datetime.timedelta(days=days - 1),
                venue=venue,
                ward_code=ward,
                intro=intro,
                search_description=intro,
                hero_image=_picture(title, venue, 700 + len(title)),
            )
        )
        for order, shop in enumerate(shops):
            EventShop.objects.create(page=event, shop=shop, sort_order=order)
        _publish(event)

    if not NewsPage.objects.exists():
        _publish(
            news.add_child(
                instance=NewsPage(
                    title="Hỗ trợ sản xuất, kết nối tiêu thụ sản phẩm",
                    slug="ho-tro-san-xuat-ket-noi-tieu-thu",
                    date=today,
                    intro="Quảng Ninh phát triển 322,35 ha VietGAP, cấp mới 54 mã số vùng trồng và "
                    "đưa 432 sản phẩm OCOP lên sàn thương mại điện tử của tỉnh.",
                    body=[
                        (
                            "paragraph",
                            RichText(
                                "<p>Toàn tỉnh đã phát triển 322,35 ha canh tác theo VietGAP; cấp mới 54 mã "
                                "số vùng trồng (34 phục vụ xuất khẩu, 20 tiêu thụ trong nước) trên 1.049,32 "
                                "ha, 7 mã số cơ sở đóng gói và thu hồi 12 mã số kém hiệu quả.</p>"
                            ),
                        )
                    ],
                )
            )
        )

    if not home.featured_story_links.exists():
        for order, story in enumerate(stories):
            FeaturedStory.objects.create(page=home, story=story, sort_order=order)
