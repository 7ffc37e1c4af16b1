"""What editors do to an experience page — delete it, copy it, publish an old revision, preview a
new one — keeps what is on sale true: one product per experience, hidden when the page is gone."""

import pytest
from oscar.core.loading import get_model

from marketplace.cms.models import ExperienceIndexPage, ExperiencePage
from tests.factories import experience_page, open_shop

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")


def test_a_deleted_experience_is_no_longer_on_sale(client):
    experience = experience_page(open_shop(), title="Tour đồi chè", slug="tour-doi-che")
    product = experience.product
    assert client.get(product.get_absolute_url()).status_code == 200

    experience.delete()

    assert client.get(product.get_absolute_url()).status_code == 404
    assert "Tour đồi chè" not in client.get("/catalogue/").content.decode()
    assert Product.objects.filter(pk=product.pk).exists()  # kept for the orders that name it


def test_a_copied_experience_is_another_experience_with_its_own_product(client):
    original = experience_page(open_shop(), title="Tour vườn quế", slug="tour-vuon-que")

    copy = original.copy(update_attrs={"title": "Tour vườn quế mùa hè", "slug": "tour-vuon-que-he"})

    copy = ExperiencePage.objects.get(pk=copy.pk)
    original.refresh_from_db()
    assert copy.live and copy.product is not None and copy.product != original.product
    assert copy.product.title == "Tour vườn quế mùa hè"
    assert client.get(copy.product.get_absolute_url()).status_code == 200
    assert client.get(original.product.get_absolute_url()).status_code == 200
    assert original.product.title == "Tour vườn quế"


def test_publishing_an_old_revision_sells_through_the_same_product(client):
    experience = experience_page(open_shop(), title="Tour làng chài", slug="tour-lang-chai")
    product = experience.product
    first = experience.revisions.order_by("pk").first()
    experience.title = "Tour làng chài Cô Tô"
    experience.save_revision().publish()

    ExperiencePage.objects.get(pk=experience.pk).revisions.get(pk=first.pk).publish()

    experience.refresh_from_db()
    product.refresh_from_db()
    assert experience.product == product and product.title == "Tour làng chài"
    assert Product.objects.filter(title__startswith="Tour làng chài").count() == 1


def test_an_editor_previews_an_experience_not_saved_yet(client):
    unsaved = ExperiencePage(
        title="Tour chưa lưu",
        slug="tour-chua-luu",
        shop=open_shop(),
        intro="Bản nháp của người biên tập.",
        ward_code=7030,
        season="Quanh năm",
        price=150_000,
        capacity_per_date=10,
    )
    parent = ExperienceIndexPage.objects.get()
    unsaved.path, unsaved.depth = parent.path + "0001", parent.depth + 1  # as Wagtail's preview sets them
    request = client.get("/").wsgi_request  # a request the site's middleware has been through

    response = unsaved.serve_preview(request, unsaved.default_preview_mode)
    response.render()

    html = response.content.decode()
    assert response.status_code == 200 and "Tour chưa lưu" in html
    assert html.count(": 10</li>") == 14  # each coming date shown has all its places
