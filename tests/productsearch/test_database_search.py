"""Search as a shopper types it: with or without diacritics, partly, with facets and sorting."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils.module_loading import import_string
from oscar.core.loading import get_model

from marketplace.productsearch.backends import database_backend_path
from marketplace.productsearch.models import ProductDocument
from marketplace.productsearch.query import SearchQuery, index_version
from tests.factories import SellerFactory, product_for_sale
from vendors import selectors
from vendors.models import Seller

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
backend = import_string(database_backend_path())()  # the database's own: PostgreSQL's on PostgreSQL
TEA = "Đồ uống > Trà"


def titles(result):
    by_id = dict(Product.objects.filter(pk__in=result.product_ids).values_list("pk", "title"))
    return [by_id[pk] for pk in result.product_ids]


@pytest.fixture
def shop(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seller = SellerFactory(shop_name="HTX Thủy sản Cái Rồng")
        items = {
            "ca_phe": product_for_sale(seller, title="Cà phê rang xay Đông Triều", price=180_000, stars=3),
            "nuoc_mam": product_for_sale(
                seller, title="Nước mắm cá cơm Cái Rồng", price=95_000, stars=4, stock=0
            ),
            "sa_sung": product_for_sale(seller, title="Sá sùng khô thượng hạng", price=3_900_000, stars=5),
        }
    return seller, items


@pytest.mark.parametrize(
    "typed", ["ca phe", "Cà phê", "CA PHÊ", "cà phe", "ca phê dong trieu", "Đông Triều cà"]
)
def test_diacritics_do_not_matter_either_way(shop, typed):
    seller, _items = shop
    found = titles(backend.search(SearchQuery(q=typed, filters={"shop": [str(seller.pk)]})))
    assert found == ["Cà phê rang xay Đông Triều"]


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("sa su", "Sá sùng khô thượng hạng"),
        ("sá sùn", "Sá sùng khô thượng hạng"),
        ("nuoc ma", "Nước mắm cá cơm Cái Rồng"),
    ],
)
def test_prefixes_match_as_you_type(shop, typed, title):
    seller, _items = shop
    assert titles(backend.search(SearchQuery(q=typed, filters={"shop": [str(seller.pk)]})))[0] == title


def test_the_name_outranks_category_producer_and_description(shop):
    # "Cái Rồng" is in the nước mắm's name and in the shop's name of all three products.
    seller, _items = shop
    found = titles(backend.search(SearchQuery(q="cai rong", filters={"shop": [str(seller.pk)]})))
    assert found[0] == "Nước mắm cá cơm Cái Rồng"
    assert set(found) >= {"Cà phê rang xay Đông Triều", "Sá sùng khô thượng hạng"}


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("sa sung kho thuong hnag", "Sá sùng khô thượng hạng"),
        ("nuoc mam ca com cai rongg", "Nước mắm cá cơm Cái Rồng"),
        ("ca phe rang xya", "Cà phê rang xay Đông Triều"),
        ("caf phe", "Cà phê rang xay Đông Triều"),
    ],
)
def test_small_typos_still_find(shop, typed, title):
    seller, _items = shop
    assert titles(backend.search(SearchQuery(q=typed, filters={"shop": [str(seller.pk)]})))[0] == title


@pytest.mark.parametrize(
    ("a", "b", "distance"), [("vnag", "vang", 1), ("rongg", "rong", 1), ("xya", "xay", 1), ("tra", "tra", 0)]
)
def test_edit_distance_counts_a_swap_as_one_slip(a, b, distance):
    from marketplace.productsearch.backends import edit_distance

    assert edit_distance(a, b) == distance


def test_facets_count_each_value_over_the_other_filters(shop):
    seller, _items = shop
    query = SearchQuery(q="", filters={"shop": [str(seller.pk)]})
    result = backend.search(query)
    assert result.total == 3
    facets = dict(result.facets["stars"])
    assert facets == {"3": 1, "4": 1, "5": 1}
    narrowed = backend.search(SearchQuery(filters={"shop": [str(seller.pk)], "stars": ["5"]}))
    assert narrowed.total == 1
    # The stars facet still offers 3 and 4 stars: counted without its own filter.
    assert dict(narrowed.facets["stars"]) == {"3": 1, "4": 1, "5": 1}
    assert dict(narrowed.facets["price"]) == {"1000000-": 1}
    in_stock = backend.search(SearchQuery(filters={"shop": [str(seller.pk)], "in_stock": ["1"]}))
    assert in_stock.total == 2


def test_sorting_by_price_and_stars(shop):
    seller, _items = shop
    only = {"shop": [str(seller.pk)]}
    assert titles(backend.search(SearchQuery(filters=only, sort="price")))[0] == "Nước mắm cá cơm Cái Rồng"
    assert titles(backend.search(SearchQuery(filters=only, sort="-price")))[0] == "Sá sùng khô thượng hạng"
    assert titles(backend.search(SearchQuery(filters=only, sort="stars")))[0] == "Sá sùng khô thượng hạng"


def test_only_sellable_goods_are_found_and_suspension_acts_at_once(shop, django_capture_on_commit_callbacks):
    seller, items = shop
    product = items["sa_sung"].pk
    assert product in backend.search(SearchQuery(q="sa sung kho thuong hang")).product_ids
    with django_capture_on_commit_callbacks(execute=True):
        seller.status = Seller.Status.SUSPENDED
        seller.save()
    assert product not in backend.search(SearchQuery(q="sa sung kho thuong hang")).product_ids
    assert not backend.search(SearchQuery(filters={"shop": [str(seller.pk)]})).total
    with django_capture_on_commit_callbacks(execute=True):
        seller.status = Seller.Status.ACTIVE
        seller.save()
    assert product in backend.search(SearchQuery(q="sa sung kho thuong hang")).product_ids


def test_the_index_follows_product_and_stock_changes(shop, django_capture_on_commit_callbacks):
    _seller, items = shop
    product = items["sa_sung"]
    with django_capture_on_commit_callbacks(execute=True):
        product.title = "Sá sùng Quan Lạn loại một"
        product.save()
    assert titles(backend.search(SearchQuery(q="quan lan")))[0] == "Sá sùng Quan Lạn loại một"
    with django_capture_on_commit_callbacks(execute=True):
        record = product.stockrecords.get()
        record.num_in_stock = 0
        record.save()
    assert ProductDocument.objects.get(product=product).in_stock is False
    with django_capture_on_commit_callbacks(execute=True):
        product.is_public = False
        product.save()
    assert not ProductDocument.objects.filter(product=product).exists()


def test_an_expired_recognition_leaves_the_star_facet(shop, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    _seller, items = shop
    with django_capture_on_commit_callbacks(execute=True):
        recognition = items["sa_sung"].ocop_recognitions.get()
        recognition.revoked_at = timezone.localdate() - datetime.timedelta(days=1)
        recognition.save()
    assert ProductDocument.objects.get(product=items["sa_sung"]).stars is None


def test_rebuilding_shows_progress_and_can_run_again(shop):
    _seller, items = shop
    Product.objects.filter(pk=items["ca_phe"].pk).update(is_public=False)  # no save: the index lags
    out = io.StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    call_command("search_index", "--rebuild", stdout=out)
    indexed = ProductDocument.objects.count()
    assert out.getvalue().count(f"{indexed} products indexed (database).") == 2
    assert "Indexing" in out.getvalue()
    documents = ProductDocument.objects.filter(product__in=items.values())
    assert set(documents.values_list("product", flat=True)) == {items["nuoc_mam"].pk, items["sa_sung"].pk}


@pytest.fixture
def teas(django_capture_on_commit_callbacks):
    """Teas of four and five stars in the category "Trà", and a noodle, in the index."""
    with django_capture_on_commit_callbacks(execute=True):
        seller = SellerFactory(shop_name="HTX Trà Cao Ba Lanh")
        found = {
            "ba_lanh": product_for_sale(
                seller, title="Trà Cao Ba Lanh hộp 200 g", price=240_000, stars=4, category=TEA
            ),
            "ba_lanh_nho": product_for_sale(
                seller, title="Trà Cao Ba Lanh gói 100 g", price=130_000, stars=4, category=TEA
            ),
            "ba_lanh_dac_biet": product_for_sale(
                seller, title="Trà Cao Ba Lanh đặc biệt", price=90_000, stars=5, category=TEA
            ),
            "mien": product_for_sale(seller, title="Miến dong Bình Liêu gói 500 g", price=85_000, stars=3),
        }
    return found


def test_the_search_page_filters_and_keeps_choices_across_pages(client, teas):
    response = client.get(reverse("search:search"), {"q": "cao ba lanh", "stars": "4", "sort_by": "price"})
    assert response.status_code == 200
    products = list(response.context["products"])
    assert products == [teas["ba_lanh_nho"], teas["ba_lanh"]]  # four stars only, cheapest first
    assert all(p.ocop_recognitions.active().get().stars == 4 for p in products)
    html = response.content.decode()
    assert 'name="stars" value="4"' in html and "checked" in html


def test_autocomplete_suggests_titles_for_a_prefix(client, teas):
    data = client.get(reverse("search:suggest"), {"q": "mien do"}).json()
    assert data["suggestions"] and all(s["title"].startswith("Miến dong") for s in data["suggestions"])
    assert all(s["url"].startswith("/catalogue/") for s in data["suggestions"])
    assert client.get(reverse("search:suggest"), {"q": "m"}).json() == {"suggestions": []}


def test_a_category_page_lists_its_products_through_the_index(client, teas):
    tea = teas["ba_lanh"].categories.get()
    response = client.get(tea.get_absolute_url())
    assert response.context["paginator"].count == selectors.sellable_products().filter(categories=tea).count()
    newest = set(response.context["products"])  # the first page, newest first
    assert {teas["ba_lanh"], teas["ba_lanh_nho"], teas["ba_lanh_dac_biet"]} <= newest


def test_a_product_of_another_shop_kind_appears_with_its_shop_facet(shop):
    seller, _items = shop
    other = SellerFactory(shop_name="Gian khác")
    assert other  # a shop without products has no facet value
    values = dict(backend.search(SearchQuery(q="cai rong")).facets["shop"])
    assert values.get(str(seller.pk)) == 3 and str(other.pk) not in values


def test_a_description_is_searched_by_its_words_not_its_markup(shop, django_capture_on_commit_callbacks):
    seller, items = shop
    with django_capture_on_commit_callbacks(execute=True):
        product = items["ca_phe"]
        product.description = "<p><strong>Rang</strong> mộc &amp; xay mịn</p>"
        product.save()
    only = {"shop": [str(seller.pk)]}
    assert titles(backend.search(SearchQuery(q="rang moc xay", filters=only))) == [product.title]
    assert titles(backend.search(SearchQuery(q="amp", filters=only))) == []
    assert titles(backend.search(SearchQuery(q="strong", filters=only))) == []


def test_browsing_with_filters_counts_afresh_once_the_index_changes(shop, django_capture_on_commit_callbacks):
    seller, items = shop
    only = SearchQuery(filters={"shop": [str(seller.pk)]})
    assert dict(backend.search(only).facets["price"]) == {"0-100000": 1, "100000-300000": 1, "1000000-": 1}
    with django_capture_on_commit_callbacks(execute=True):
        record = items["sa_sung"].stockrecords.get()
        record.price = 60_000
        record.save()
    result = backend.search(only)
    assert dict(result.facets["price"]) == {"0-100000": 2, "100000-300000": 1}
    assert titles(backend.search(SearchQuery(filters={"shop": [str(seller.pk)]}, sort="price")))[0] == (
        "Sá sùng khô thượng hạng"
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row versions; CI runs it there")
def test_a_rebuild_rewrites_only_the_documents_that_changed(shop):
    _seller, items = shop

    def versions():
        with connection.cursor() as cursor:
            cursor.execute("SELECT product_id, xmin::text FROM productsearch_productdocument")
            return dict(cursor.fetchall())

    call_command("search_index", "--rebuild", stdout=io.StringIO())
    before, counted = versions(), index_version()
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    assert versions() == before and index_version() == counted  # cached counts still hold
    Product.objects.filter(pk=items["ca_phe"].pk).update(title="Cà phê chồn Đông Triều")  # the index lags
    call_command("search_index", "--rebuild", stdout=io.StringIO())
    after = versions()
    changed = {pk for pk in before if before[pk] != after.get(pk)}
    assert changed == {items["ca_phe"].pk}
    assert titles(backend.search(SearchQuery(q="ca phe chon")))[0] == "Cà phê chồn Đông Triều"


def test_a_slip_beside_a_number_is_corrected_and_the_number_kept(shop, django_capture_on_commit_callbacks):
    seller, _items = shop
    with django_capture_on_commit_callbacks(execute=True):
        product_for_sale(seller, title="Mật ong rừng Ba Chẽ 500 g", price=250_000)
        product_for_sale(seller, title="Mật ong rừng Ba Chẽ 250 g", price=140_000)
    found = titles(backend.search(SearchQuery(q="mat ogn rung 500")))
    assert "Mật ong rừng Ba Chẽ 500 g" in found and "Mật ong rừng Ba Chẽ 250 g" not in found
