"""Demo CMS content from the article: garden tours in Phường Hoành Bồ, the Yên Đức village
experience in Phường Hoàng Quế, the orange festival in Đặc khu Vân Đồn, an OCOP fair, and the news
itself. The prose is data (content.toml); here it is placed under real demo shops near each ward,
with their products, and given drawn pictures. Re-runnable."""

import datetime
import io
import tomllib
from pathlib import Path

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


CONTENT = Path(__file__).with_name("content.toml")


def load_stories(today: datetime.date) -> None:
    """The CMS pages of the demo (content.toml's prose), each made once: re-runnable."""
    home = HomePage.objects.first()
    if StoryPage.objects.exists() and EventPage.objects.exists():
        return
    content = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    story_index()
    hoanh_bo = _shop_near(HOANH_BO)
    hoang_que = _shop_near(HOANG_QUE, skip=[hoanh_bo])
    van_don = _shop_near(VAN_DON, skip=[hoanh_bo, hoang_que])
    shops = {"hoanh_bo": hoanh_bo, "hoang_que": hoang_que, "van_don": van_don}
    wards_by_name = {"hoanh_bo": HOANH_BO, "hoang_que": HOANG_QUE, "van_don": VAN_DON, "ha_long": HA_LONG}
    stories = _stories(content["stories"], shops)
    _experiences(home, content["experiences"], shops, wards_by_name)
    _events(home, content["events"], shops, wards_by_name, today)
    _news(home, content["news"], today)
    if not home.featured_story_links.exists():
        for order, story in enumerate(stories):
            FeaturedStory.objects.create(page=home, story=story, sort_order=order)


def _stories(stories: list[dict], shops: dict) -> list[StoryPage]:
    """Each story in its shop's corner, with the shop's first products to buy."""
    made = []
    for seed, text in enumerate(stories):
        shop = shops[text["shop"]]
        corner = corner_for(shop)
        story = StoryPage.objects.child_of(corner).filter(slug=text["slug"]).first()
        if story is None:
            products = list(
                selectors.sellable_products().filter(stockrecords__partner=shop.partner).order_by("pk")[:2]
            )
            body = [("paragraph", RichText(f"<p>{p}</p>")) for p in text["paragraphs"]]
            body.insert(1, ("quote", {"text": text["quote"], "who": shop.shop_name}))
            if products:
                body.append(
                    ("buy", {"product": products[0], "note": "Mua ngay từ gian hàng của nhà sản xuất."})
                )
            story = corner.add_child(
                instance=StoryPage(
                    title=text["title"],
                    slug=text["slug"],
                    intro=text["intro"],
                    hero_image=_picture(text["title"], text["place"], 500 + seed),
                    body=body,
                    search_description=text["intro"],
                )
            )
            for order, product in enumerate(products):
                StoryProduct.objects.create(page=story, product=product, sort_order=order)
            _publish(story)
        made.append(story)
    return made


def _experiences(home, experiences: list[dict], shops: dict, wards_by_name: dict) -> None:
    index = _index(
        home,
        ExperienceIndexPage,
        "Trải nghiệm",
        "experiences",
        "<p>Du lịch gắn với sản phẩm bản địa: vào vườn, vào làng, cùng người làm ra sản phẩm OCOP.</p>",
    )
    for seed, text in enumerate(experiences):
        if ExperiencePage.objects.filter(slug=text["slug"]).exists():
            continue
        _publish(
            index.add_child(
                instance=ExperiencePage(
                    title=text["title"],
                    slug=text["slug"],
                    shop=shops[text["shop"]],
                    intro=text["intro"],
                    ward_code=wards_by_name[text["shop"]],
                    season=text["season"],
                    price=text["price"],
                    capacity_per_date=text["capacity"],
                    hero_image=_picture(text["title"], "Quảng Ninh", 600 + seed),
                    search_description=text["intro"],
                )
            )
        )


def _start(text: dict, today: datetime.date) -> datetime.date:
    """An event's first day: some days after today, or the next day of the year it names."""
    if "in_days" in text:
        return today + datetime.timedelta(days=text["in_days"])
    start = datetime.date(today.year, text["month"], text["day"])
    return start if start > today else start.replace(year=today.year + 1)


def _events(home, events: list[dict], shops: dict, wards_by_name: dict, today: datetime.date) -> None:
    intro = "<p>Hội chợ OCOP, lễ hội và phiên chợ nông sản.</p>"
    index = _index(home, EventIndexPage, "Sự kiện", "events", intro)
    for text in events:
        if EventPage.objects.filter(slug=text["slug"]).exists():
            continue
        start = _start(text, today)
        event = index.add_child(
            instance=EventPage(
                title=text["title"],
                slug=text["slug"],
                start_date=start,
                end_date=start + datetime.timedelta(days=text["days"] - 1),
                venue=text["venue"],
                ward_code=wards_by_name[text["ward"]],
                intro=text["intro"],
                search_description=text["intro"],
                hero_image=_picture(text["title"], text["venue"], 700 + len(text["title"])),
            )
        )
        for order, name in enumerate(text["shops"]):
            EventShop.objects.create(page=event, shop=shops[name], sort_order=order)
        _publish(event)


def _news(home, text: dict, today: datetime.date) -> None:
    index = _index(home, NewsIndexPage, "Tin tức", "news")
    if NewsPage.objects.exists():
        return
    _publish(
        index.add_child(
            instance=NewsPage(
                title=text["title"],
                slug=text["slug"],
                date=today,
                intro=text["intro"],
                body=[("paragraph", RichText(text["body"]))],
            )
        )
    )
