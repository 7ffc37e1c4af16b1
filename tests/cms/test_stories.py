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
from marketplace.cms.models import EventPage, ExperienceDate, ExperiencePage, NewsPage, StoryPage
from marketplace.cms.stories import corner_for
from tests.pages import text
from tests.shopping import checkout_data
from vendors.models import Vendor

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()


def story(slug="mua-cam-van-don") -> StoryPage:
    return StoryPage.objects.get(slug=slug)


# --- What shoppers see ------------------------------------------------------------------------


def test_a_story_tells_its_shop_and_its_buy_block_shows_live_price_and_stock(client):
    page = story()
    product = page.products[0]
    record = product.stockrecords.get()
    html = client.get(page.url).content.decode()
    assert page.title in html and page.shop.shop_name in html
    assert "Quả cam ngon là quả được hái đúng độ chín" in html  # the quote block
    price = f"{int(record.price):,}".replace(",", ".") + "\xa0₫"
    buy = re.search(r'(?s)<aside class="card card-body mb-3 story-buy".*?</aside>', html).group(0)
    assert price in buy and "Thêm vào giỏ hàng" in buy
    StockRecord.objects.filter(pk=record.pk).update(price=777_000, num_in_stock=0, num_allocated=0)
    buy = re.search(
        r'(?s)<aside class="card card-body mb-3 story-buy".*?</aside>', client.get(page.url).content.decode()
    ).group(0)
    assert "777.000\xa0₫" in buy and "Hết hàng" in buy and "Thêm vào giỏ hàng" not in buy


def test_shop_and_product_pages_show_their_stories(client):
    page = story()
    assert page.title in text(client.get(page.shop.get_absolute_url()))
    assert page.title in text(client.get(page.products[0].get_absolute_url()))
    other_shop = (
        Vendor.objects.filter(status="active").exclude(pk=page.shop_id).exclude(stories__isnull=False).first()
    )
    assert page.title not in text(client.get(other_shop.get_absolute_url()))


def test_the_indexes_list_stories_experiences_events_and_news(client):
    home = client.get("/")
    assert "Câu chuyện từ người làm ra" in text(home) and story().title in text(home)
    index = story().get_parent().get_parent()
    assert all(s.title in text(client.get(index.url)) for s in StoryPage.objects.live())
    events = text(client.get(EventPage.objects.first().get_parent().url))
    assert "Lễ hội cam Vân Đồn" in events and "Hội chợ OCOP Quảng Ninh" in events
    fair = EventPage.objects.get(slug="hoi-cho-ocop-quang-ninh")
    assert all(shop.shop_name in text(client.get(fair.url)) for shop in fair.shops)
    assert NewsPage.objects.get().title in text(client.get(NewsPage.objects.get().get_parent().url))
    visits = text(client.get(ExperiencePage.objects.first().get_parent().url))
    assert "Tour vườn Hoành Bồ" in visits and "Trải nghiệm làng Yên Đức" in visits


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


def test_the_sitemap_covers_pages_products_and_shops(client):
    xml = client.get("/sitemap.xml").content.decode()
    page, product = story(), story().products[0]
    assert f"http://testserver{page.url}" in xml
    assert f"http://testserver{product.get_absolute_url()}" in xml
    assert f"http://testserver{page.shop.get_absolute_url()}" in xml
    assert xml.count("<url>") > 432 + 100


def test_product_pages_carry_schema_org_product_data_and_link_previews(client):
    product = story().products[0]
    html = client.get(product.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    record = product.stockrecords.get()
    assert data["@type"] == "Product" and data["name"] == product.title and data["gtin13"] == product.upc
    assert data["offers"]["price"] == str(int(record.price)) and data["offers"]["priceCurrency"] == "VND"
    assert data["brand"]["name"] == product.producer.name
    assert '<meta property="og:type" content="product">' in html
    story_html = client.get(story().url).content.decode()
    assert f'<meta property="og:title" content="{story().title}">' in story_html
    assert f'<meta name="description" content="{story().intro}' in story_html
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

    experience = ExperiencePage.objects.get(slug="tour-vuon-hoanh-bo")
    ExperiencePage.objects.filter(pk=experience.pk).update(capacity_per_date=3)
    experience.refresh_from_db()
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
    experience = ExperiencePage.objects.get(slug="tour-vuon-hoanh-bo")
    today = timezone.localdate()
    for day in (today, today + datetime.timedelta(days=365)):
        response = book(client, experience, day, 1)
        assert response.status_code == 400 and "Hãy đặt một ngày từ ngày mai" in text(response)


def test_an_experience_is_sold_as_published_and_a_draft_changes_nothing_on_sale(client):
    experience = ExperiencePage.objects.get(slug="tour-vuon-hoanh-bo")
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
    one = Vendor.objects.get(owner__email="seller1@ocop.local")
    two = Vendor.objects.get(owner__email="seller2@ocop.local")
    return one, two


def test_a_seller_drafts_only_in_their_own_corner_and_cannot_publish(client, sellers):
    one, two = sellers
    mine, theirs = corner_for(one), corner_for(two)
    their_story = theirs.add_child(
        instance=StoryPage(title="Chuyện của gian khác", slug="chuyen-khac", intro="x", live=False)
    )
    client.login(username="seller1@ocop.local", password="ocop-demo")
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
    seller = User.objects.get(email="seller1@ocop.local")
    permissions = own_story.permissions_for_user(seller)
    assert permissions.can_edit() and not permissions.can_publish()
    assert story().shop != one and not story().permissions_for_user(seller).can_edit()


def test_staff_approve_a_submitted_story_and_it_shows_on_the_shop_page(client, sellers):
    one, _two = sellers
    seller = User.objects.get(email="seller1@ocop.local")
    corner = corner_for(one)
    draft = corner.add_child(
        instance=StoryPage(title="Mùa chè mới", slug="mua-che-moi", intro="Chè xuân.", live=False)
    )
    revision = draft.save_revision(user=seller)
    workflow = draft.get_workflow()
    assert workflow == Workflow.objects.get(name="Moderators approval")
    state = workflow.start(draft, seller)
    assert "Mùa chè mới" not in text(client.get(one.get_absolute_url()))
    staff = User.objects.get(email="admin@ocop.local")
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, staff, "approve")
    draft.refresh_from_db()
    assert draft.live and draft.live_revision_id == revision.pk
    assert "Mùa chè mới" in text(client.get(one.get_absolute_url()))


def test_the_cms_product_chooser_offers_a_seller_only_their_own_goods(client, sellers):
    one, _two = sellers
    corner_for(one)  # a seller reaches the CMS once their corner exists
    client.login(username="seller1@ocop.local", password="ocop-demo")
    html = client.get(reverse("product_chooser:choose_results")).content.decode()
    own = get_model("catalogue", "Product").objects.filter(stockrecords__partner=one.partner, is_public=True)
    assert own.exists() and all(p.title in html for p in own)
    other = get_model("catalogue", "Product").objects.exclude(stockrecords__partner=one.partner).first()
    assert other.title not in html
    client.logout()
    client.login(username="admin@ocop.local", password="ocop-demo")
    found = client.get(reverse("product_chooser:choose_results"), {"q": other.title.split()[0]})
    assert found.status_code == 200


def test_the_home_page_shows_what_editors_chose(client):
    from marketplace.cms.models import FeaturedProduct, HomePage

    home = HomePage.objects.get()
    product = get_model("catalogue", "Product").objects.filter(upc__startswith="893").order_by("-pk").first()
    FeaturedProduct.objects.create(page=home, product=product, sort_order=0)
    html = client.get("/").content.decode()
    grid = re.search(r'(?s)id="featured-products".*?</ol>', html).group(0)
    assert product.title in grid and grid.count("product_pod") == 1


def test_page_addresses_are_folded_like_the_catalogues(sellers):
    one, _two = sellers
    page = corner_for(one).add_child(instance=StoryPage(title="Đồi chè", slug="đồi-chè-mùa-xuân", intro="x"))
    assert page.slug == "doi-che-mua-xuan" and page.url.endswith("/doi-che-mua-xuan/")
