"""Stories, experiences, events and news: what shoppers see, what sellers may touch, and what
search engines read."""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.images.forms import get_image_form
from wagtail.images.models import Image
from wagtail.models import Workflow

from marketplace.cms.blocks import TEXT_FEATURES, video_embed_url
from marketplace.cms.models import (
    EventIndexPage,
    EventPage,
    EventShop,
    ExperienceDate,
    FeaturedProduct,
    FeaturedStory,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StoryPage,
    StoryProduct,
)
from marketplace.cms.stories import corner_for
from tests.factories import (
    PASSWORD,
    StaffFactory,
    a_picture,
    experience_page,
    open_shop,
    product_for_sale,
    seller_shop,
    story_page,
)
from tests.pages import text
from tests.shopping import checkout_data
from vendors import selectors
from vendors.provenance import gs1

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()
QUOTE = "Quả cam ngon là quả được hái đúng độ chín, không vội một ngày."


@pytest.fixture
def story() -> StoryPage:
    """A published story of an orange grower's shop, with a picture, a quote and its oranges to buy."""
    shop = seller_shop(shop_name="HTX Cam Vân Đồn")
    oranges = product_for_sale(shop, title="Cam đường canh Vân Đồn hộp 2 kg", price=320_000, stock=30)
    oranges.upc = gs1.with_check_digit("893999100001")
    oranges.save()
    return story_page(
        shop,
        title="Mùa cam Vân Đồn",
        slug="mua-cam-van-don",
        products=[oranges],
        quote=QUOTE,
        intro="Cam Vân Đồn chín vào cuối năm; lễ hội cam là dịp nhà vườn mở cửa đón khách.",
        search_description="Cam Vân Đồn chín vào cuối năm; lễ hội cam là dịp nhà vườn mở cửa đón khách.",
        hero_image=a_picture("Mùa cam Vân Đồn", (230, 140, 20)),
    )


# --- What shoppers see ------------------------------------------------------------------------


def test_a_story_tells_its_shop_and_its_buy_block_shows_live_price_and_stock(client, story):
    page = story
    product = page.products[0]
    record = product.stockrecords.get()
    html = client.get(page.url).content.decode()
    assert page.title in html and page.shop.shop_name in html
    assert QUOTE in html  # the quote block
    price = f"{int(record.price):,}".replace(",", ".") + "\xa0₫"
    buy = re.search(r'(?s)<aside class="card card-body mb-3 story-buy".*?</aside>', html).group(0)
    assert price in buy and "Thêm vào giỏ hàng" in buy
    StockRecord.objects.filter(pk=record.pk).update(price=777_000, num_in_stock=0, num_allocated=0)
    buy = re.search(
        r'(?s)<aside class="card card-body mb-3 story-buy".*?</aside>', client.get(page.url).content.decode()
    ).group(0)
    assert "777.000\xa0₫" in buy and "Hết hàng" in buy and "Thêm vào giỏ hàng" not in buy


def test_a_story_whose_goods_are_withdrawn_still_reads_but_offers_them_for_sale_nowhere(client, story):
    product = story.products[0]
    grid = r'(?s)id="story-products".*?</section>'
    html = client.get(story.url).content.decode()
    assert product.get_absolute_url() in re.search(grid, html).group(0)
    Product.objects.filter(pk=product.pk).update(is_public=False)
    html = client.get(story.url).content.decode()
    assert QUOTE in html  # the story itself stays up
    buy = re.search(r'(?s)<aside class="card card-body mb-3 story-buy".*?</aside>', html).group(0)
    assert "Sản phẩm này hiện không được bán." in buy and "Thêm vào giỏ hàng" not in buy
    assert 'id="story-products"' not in html and product.get_absolute_url() not in html


def test_a_story_not_saved_yet_previews_its_goods(rf, story):
    """What the editor's preview renders: links and buy blocks held in memory, not in the database."""
    product = story.products[0]
    draft = StoryPage(
        title="Bản nháp",
        slug="ban-nhap",
        intro="Chưa lưu.",
        body=[("buy", {"product": product, "note": ""})],
        product_links=[StoryProduct(product=product)],
    )
    context = draft.get_context(rf.get("/"))
    assert context["story_products"] == [product] and product.pk in context["buyable"]


def test_story_addresses_route_to_live_pages_only(client, story):
    assert client.get(story.url).status_code == 200
    assert client.get(story.url.rstrip("/") + "-nope/").status_code == 404
    assert client.get(story.url + "more/").status_code == 404
    corner = story.get_parent()
    assert client.get(corner.url).status_code == 302  # a shop's corner sends to its shop page
    story_page(story.shop, title="Bản nháp", slug="ban-nhap", live=False)
    assert client.get(corner.url + "ban-nhap/").status_code == 404


def test_shop_and_product_pages_show_their_stories(client, story):
    page = story
    assert page.title in text(client.get(page.shop.get_absolute_url()))
    assert page.title in text(client.get(page.products[0].get_absolute_url()))
    other_shop = open_shop()
    product_for_sale(other_shop, title="Miến dong Bình Liêu")
    assert page.title not in text(client.get(other_shop.get_absolute_url()))


def test_the_indexes_list_stories_experiences_events_and_news(client, story):
    FeaturedStory.objects.create(page=HomePage.objects.get(), story=story, sort_order=0)
    home = client.get("/")
    assert "Câu chuyện từ người làm ra" in text(home) and story.title in text(home)
    index = story.get_parent().get_parent()
    assert all(s.title in text(client.get(index.url)) for s in StoryPage.objects.live())
    today = timezone.localdate()
    fair = EventIndexPage.objects.get().add_child(
        instance=EventPage(
            title="Hội chợ OCOP mùa thu",
            slug="hoi-cho-ocop-mua-thu",
            start_date=today + datetime.timedelta(days=40),
            end_date=today + datetime.timedelta(days=44),
            venue="Cung Quy hoạch, Hội chợ và Triển lãm tỉnh",
            ward_code=6688,
            intro="Sản phẩm OCOP của các hợp tác xã toàn tỉnh.",
        )
    )
    for order, shop in enumerate([story.shop, open_shop(shop_name="Gốm Đông Triều Thử")]):
        EventShop.objects.create(page=fair, shop=shop, sort_order=order)
    fair.save_revision().publish()
    assert "Hội chợ OCOP mùa thu" in text(client.get(fair.get_parent().url))
    assert all(shop.shop_name in text(client.get(fair.url)) for shop in fair.shops)
    news = NewsIndexPage.objects.get().add_child(
        instance=NewsPage(
            title="Sàn OCOP có thêm gian hàng",
            slug="san-ocop-them-gian-hang",
            date=today,
            intro="Thêm hợp tác xã mở gian hàng trên sàn.",
        )
    )
    news.save_revision().publish()
    assert news.title in text(client.get(news.get_parent().url))
    visit = experience_page(story.shop, title="Tour vườn cam Vân Đồn", slug="tour-vuon-cam")
    assert "Tour vườn cam Vân Đồn" in text(client.get(visit.get_parent().url))


def test_videos_play_only_from_youtube_or_vimeo_through_a_player_built_from_the_link():
    assert (
        video_embed_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert (
        video_embed_url("https://youtu.be/dQw4w9WgXcQ?t=3")
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert video_embed_url("https://vimeo.com/76979871") == "https://player.vimeo.com/video/76979871"
    assert video_embed_url("https://evil.example/watch?v=abc") == ""
    assert video_embed_url("https://www.youtube.com/watch?v=<script>") == ""
    assert video_embed_url("javascript:alert(1)") == ""


def test_rich_text_keeps_no_markup_or_script_links_from_what_was_typed():
    contentstate = {
        "blocks": [
            {
                "key": "a",
                "text": "<script>alert(1)</script> xem thêm",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 31, "length": 8, "key": 0}],
                "data": {},
            },
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}},
    }
    html = DraftailRichTextArea(features=TEXT_FEATURES).value_from_datadict(
        {"f": json.dumps(contentstate)}, {}, "f"
    )
    assert "<script>" not in html and "&lt;script&gt;" in html and "javascript:" not in html


def test_uploaded_pictures_must_be_real_images_of_allowed_kinds():
    form_class = get_image_form(Image)
    fake = form_class(
        data={"title": "x"}, files={"file": SimpleUploadedFile("x.jpg", b"not a picture", "image/jpeg")}
    )
    assert not fake.is_valid() and "hình ảnh hợp lệ" in str(fake.errors)
    svg = form_class(
        data={"title": "x"}, files={"file": SimpleUploadedFile("x.svg", b"<svg/>", "image/svg+xml")}
    )
    assert not svg.is_valid()


# --- What search engines read -----------------------------------------------------------------


def test_the_sitemap_covers_pages_products_and_shops(client, story):
    xml = client.get("/sitemap.xml").content.decode()
    page, product = story, story.products[0]
    assert f"http://testserver{page.url}" in xml
    assert f"http://testserver{product.get_absolute_url()}" in xml
    assert f"http://testserver{page.shop.get_absolute_url()}" in xml
    # Every product on sale and every open shop, not only the story's.
    assert all(f"http://testserver{p.get_absolute_url()}" in xml for p in selectors.sellable_products())
    assert all(f"http://testserver{v.get_absolute_url()}" in xml for v in selectors.open_sellers())


def test_product_pages_carry_schema_org_product_data_and_link_previews(client, story):
    product = story.products[0]
    html = client.get(product.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    record = product.stockrecords.get()
    assert data["@type"] == "Product" and data["name"] == product.title and data["gtin13"] == product.upc
    assert data["offers"]["price"] == str(int(record.price)) and data["offers"]["priceCurrency"] == "VND"
    assert data["brand"]["name"] == product.producer.name
    assert '<meta property="og:type" content="product">' in html
    story_html = client.get(story.url).content.decode()
    assert f'<meta property="og:title" content="{story.title}">' in story_html
    assert f'<meta name="description" content="{story.intro}' in story_html
    assert 'property="og:image" content="http://testserver/media/' in story_html


# --- Experiences: booked by date, never beyond capacity ---------------------------------------


def book(client, experience, day, visitors):
    return client.post(
        reverse("experience-book", kwargs={"pk": experience.pk}),
        {"date": day.isoformat(), "visitors": visitors},
    )


def place(client, email):
    return client.post(reverse("checkout:index"), checkout_data(email=email), follow=True)


def test_an_experience_is_booked_by_date_and_no_date_takes_more_than_its_capacity(
    client, django_capture_on_commit_callbacks
):
    from django.test import Client

    experience = experience_page(open_shop(), capacity_per_date=3)
    day = timezone.localdate() + datetime.timedelta(days=10)
    assert book(client, experience, day, 2).status_code == 302
    placed = place(client, "a@example.vn")
    assert "Đã đặt lượt mua" in text(placed)
    assert ExperienceDate.objects.get(experience=experience, date=day).booked == 2

    late = Client()
    refused = book(late, experience, day, 2)
    assert refused.status_code == 400 and f"Chỉ còn 1 chỗ vào ngày {day:%d-%m-%Y}." in text(refused)
    # Two shoppers hold the last place in their baskets; the first to check out gets it.
    first, second = Client(), Client()
    assert book(first, experience, day, 1).status_code == 302
    assert book(second, experience, day, 1).status_code == 302
    assert "Đã đặt lượt mua" in text(place(first, "b@example.vn"))
    lost = text(place(second, "c@example.vn"))
    assert "còn 0 chỗ" in lost and ExperienceDate.objects.get(experience=experience, date=day).booked == 3
    # The visit needs no delivery, and its date is on the shop's order line.
    order = get_model("order", "Order").objects.get(lines__product=experience.product, lines__quantity=2)
    assert order.lines.get().attributes.get().value == day.isoformat()
    assert order.shipping_incl_tax == 0 and order.purchase_part.shipping_option is None
    # Cancelling an order gives its places back.
    from marketplace.purchases.fulfilment import order_cancel

    order_cancel(order=order, by=None, reason="Khách đổi lịch")
    assert ExperienceDate.objects.get(experience=experience, date=day).booked == 1


def test_past_or_far_dates_cannot_be_booked(client):
    experience = experience_page(open_shop())
    today = timezone.localdate()
    for day in (today, today + datetime.timedelta(days=365)):
        response = book(client, experience, day, 1)
        assert response.status_code == 400 and "Hãy đặt một ngày từ ngày mai" in text(response)


def test_an_experience_is_sold_as_published_and_a_draft_changes_nothing_on_sale(client):
    experience = experience_page(open_shop(), title="Tour vườn cam", slug="tour-vuon-cam")
    title, price = experience.title, experience.price
    on_sale = experience.product
    experience.title, experience.price = "Tour vườn mùa mới", price + 50_000
    experience.save_revision()  # a draft: the shop's editor has not published it yet
    on_sale.refresh_from_db()
    assert (on_sale.title, on_sale.stockrecords.get().price) == (title, price)
    experience.get_latest_revision().publish()
    on_sale.refresh_from_db()
    assert (on_sale.title, on_sale.stockrecords.get().price) == ("Tour vườn mùa mới", price + 50_000)
    # Unpublished, the experience is off sale and cannot be booked; booking never answers a GET.
    experience.unpublish()
    on_sale.refresh_from_db()
    assert on_sale.is_public is False
    day = timezone.localdate() + datetime.timedelta(days=5)
    assert book(client, experience, day, 1).status_code == 404
    assert client.get(reverse("experience-book", kwargs={"pk": experience.pk})).status_code == 405


# --- Who edits --------------------------------------------------------------------------------


@pytest.fixture
def sellers():
    """Two sellers, each with a product on sale and their corner of the CMS."""
    one, two = seller_shop(shop_name="Gian Một"), seller_shop(shop_name="Gian Hai")
    product_for_sale(one, title="Chè hoa vàng của Gian Một")
    product_for_sale(two, title="Miến dong của Gian Hai")
    return one, two


def test_a_seller_drafts_only_in_their_own_corner_and_cannot_publish(client, sellers):
    one, two = sellers
    mine, theirs = corner_for(one), corner_for(two)
    their_story = theirs.add_child(
        instance=StoryPage(title="Chuyện của gian khác", slug="chuyen-khac", intro="x", live=False)
    )
    assert client.login(username=one.owner.email, password=PASSWORD)
    assert client.get(reverse("dashboard:shop-stories")).status_code == 200
    assert (
        client.get(reverse("wagtailadmin_pages:add", args=["cms", "storypage", mine.pk])).status_code == 200
    )
    assert (
        client.get(reverse("wagtailadmin_pages:add", args=["cms", "storypage", theirs.pk])).status_code != 200
    )
    assert client.get(reverse("wagtailadmin_pages:edit", args=[their_story.pk])).status_code != 200
    edit = client.post(
        reverse("wagtailadmin_pages:edit", args=[their_story.pk]), {"title": "Đã sửa", "slug": "x"}
    )
    assert edit.status_code != 200
    their_story.refresh_from_db()
    assert their_story.title == "Chuyện của gian khác"
    own_story = mine.add_child(
        instance=StoryPage(title="Chuyện của tôi", slug="chuyen-cua-toi", intro="x", live=False)
    )
    seller = one.owner
    permissions = own_story.permissions_for_user(seller)
    assert permissions.can_edit() and not permissions.can_publish()
    live_story = story_page(two, title="Chuyện đã đăng", slug="chuyen-da-dang")
    assert not live_story.permissions_for_user(seller).can_edit()


def test_staff_approve_a_submitted_story_and_it_shows_on_the_shop_page(client, sellers):
    one, _two = sellers
    seller = one.owner
    corner = corner_for(one)
    draft = corner.add_child(
        instance=StoryPage(title="Mùa chè mới", slug="mua-che-moi", intro="Chè xuân.", live=False)
    )
    revision = draft.save_revision(user=seller)
    workflow = draft.get_workflow()
    assert workflow == Workflow.objects.get(name="Moderators approval")
    state = workflow.start(draft, seller)
    assert "Mùa chè mới" not in text(client.get(one.get_absolute_url()))
    staff = StaffFactory()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, staff, "approve")
    draft.refresh_from_db()
    assert draft.live and draft.live_revision_id == revision.pk
    assert "Mùa chè mới" in text(client.get(one.get_absolute_url()))


def test_the_cms_product_chooser_offers_a_seller_only_their_own_goods(client, sellers):
    one, two = sellers
    corner_for(one)  # a seller reaches the CMS once their corner exists
    assert client.login(username=one.owner.email, password=PASSWORD)
    html = client.get(reverse("product_chooser:choose_results")).content.decode()
    own = Product.objects.filter(stockrecords__partner=one.partner, is_public=True)
    assert own.exists() and all(p.title in html for p in own)
    other = Product.objects.get(stockrecords__partner=two.partner)
    assert other.title not in html
    client.logout()
    client.force_login(StaffFactory())
    found = client.get(reverse("product_chooser:choose_results"), {"q": other.title.split()[0]})
    assert found.status_code == 200


def test_the_home_page_shows_what_editors_chose(client):
    home = HomePage.objects.get()
    product = product_for_sale(open_shop(), title="Gốm men lam Đông Triều")
    FeaturedProduct.objects.create(page=home, product=product, sort_order=0)
    html = client.get("/").content.decode()
    grid = re.search(r'(?s)id="featured-products".*?</ol>', html).group(0)
    assert product.title in grid and grid.count("product_pod") == 1


def test_page_addresses_are_folded_like_the_catalogues(sellers):
    one, _two = sellers
    page = corner_for(one).add_child(instance=StoryPage(title="Đồi chè", slug="đồi-chè-mùa-xuân", intro="x"))
    assert page.slug == "doi-che-mua-xuan" and page.url.endswith("/doi-che-mua-xuan/")
