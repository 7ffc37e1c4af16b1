"""Numbers in public query strings are parsed, bounded and never trusted: bad ones are ignored."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from shop.search.forms import SearchParametersForm
from tests.factories import StaffFactory, open_shop, product_for_sale

pytestmark = pytest.mark.django_db

HOSTILE = [
    "9" * 25,  # overflows a 64-bit integer (SQLite, PostgreSQL bigint)
    "2147483648",  # one past a 32-bit id
    "-1",
    "-99999999999999999999",
    "0",
    "abc",
    "1e9",
    " 3",
    "²",  # str.isdigit() says yes, int() says no
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "3\x00",
    "",
]
NUMBERS = ["shop", "ward", "stars", "page"]
SEARCH_PARAMETERS = ["shop", "ward", "stars", "page", "group", "price", "cert", "in_stock", "sort_by"]


@pytest.fixture
def floor(django_capture_on_commit_callbacks):
    """A shop with teas of five and four stars in a category, in the search index."""
    with django_capture_on_commit_callbacks(execute=True):  # the index follows, as after a commit
        shop = open_shop()
        for title, stars in [("Trà hoa vàng Ba Chẽ", 5), ("Trà xanh Đường Hoa", 4), ("Trà shan tuyết", 3)]:
            product_for_sale(shop, title=title, stars=stars, category="Đồ uống > Trà")
    return shop


def public_lists(shop):
    category = shop.partner.stockrecords.first().product.categories.get()
    return {
        "search": ("/search/?q=tra", SEARCH_PARAMETERS),
        "catalogue": ("/catalogue/?", SEARCH_PARAMETERS),
        "category": (category.get_absolute_url() + "?", SEARCH_PARAMETERS),
        "shops": ("/shops/?", ["ward", "page", "kind"]),
        "shop": (reverse("sellers:shop", args=[shop.slug]) + "?", ["page"]),
        "wards": (reverse("sell:wards") + "?", ["province"]),
    }


def test_no_hostile_number_in_a_public_query_string_gives_a_server_error(client, floor):
    client.raise_request_exception = False  # count every 500, not only the first
    failures = []
    for name, (base, parameters) in public_lists(floor).items():
        for value in HOSTILE:
            # Every parameter at once; on the search page also each number alone.
            each = [parameters, *([p] for p in NUMBERS if name == "search")]
            for chosen in each:
                url = base + "".join(f"&{parameter}={value}" for parameter in chosen)
                status = client.get(url).status_code
                if status >= 500 or status == 404:
                    failures.append((name, chosen, repr(value), status))
    assert failures == []


@pytest.mark.parametrize("value", ["9" * 25, "-1", "0", "abc", "²", "2147483648"])
def test_a_bad_page_number_shows_the_first_page_of_search_results(client, floor, value):
    first = client.get("/search/?q=tra")
    response = client.get(f"/search/?q=tra&page={value}", follow=True)
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert [p.pk for p in response.context["products"]] == [p.pk for p in first.context["products"]]


@pytest.mark.parametrize("parameter", ["shop", "ward", "stars"])
def test_a_bad_facet_value_is_ignored_and_good_ones_still_filter(client, floor, parameter):
    everything = client.get("/search/?q=tra").context["paginator"].count
    ignored = client.get(f"/search/?q=tra&{parameter}=abc&{parameter}=²").context["paginator"].count
    assert ignored == everything
    # A five-star filter, hostile neighbours and all, still filters.
    if parameter == "stars":
        five = client.get("/search/?stars=5").context["paginator"].count
        assert client.get(f"/search/?stars=5&stars={'9' * 25}&stars=-1").context["paginator"].count == five
        assert 0 < five < client.get("/search/").context["paginator"].count


def test_a_thousand_repeated_filters_are_cut_to_a_few(client):
    shops = "&".join(f"shop={n}" for n in range(1, 1001))
    response = client.get(f"/search/?q=tra&{shops}")
    assert response.status_code == 200
    selected = response.context["selected_filters"]["shop"]
    assert 0 < len(selected) <= 20


def test_a_search_with_a_nul_byte_or_a_huge_query_answers_normally(client):
    assert client.get("/search/?q=tra%00").status_code == 200
    assert client.get("/search/suggest/?q=tr%00a").status_code in (200, 404)
    assert client.get("/search/?q=" + "tra " * 5000).status_code == 200


@pytest.mark.parametrize("parameter", SEARCH_PARAMETERS)
def test_the_search_form_drops_every_hostile_value(parameter):
    for value in HOSTILE:
        form = SearchParametersForm(QueryDict(f"{parameter}={value}"), per_page=24)
        assert form.is_valid()
        assert form.filters() == {}
        assert form.cleaned_data["page"] == 1
        assert form.cleaned_data["sort_by"] == "newest"


def test_staff_lists_ignore_hostile_filters(client):
    client.force_login(StaffFactory())
    client.raise_request_exception = False
    urls = [
        reverse("dashboard:seller-list") + "?ward=²&page=" + "9" * 25,
        reverse("dashboard:seller-list") + "?ward=" + "9" * 25,
        reverse("dashboard:registry-codes") + "?q=VN%00",
        reverse("dashboard:registry-recognitions") + "?q=%00",
        reverse("dashboard:payments-desk") + "?q=%00",
    ]
    assert [(url, client.get(url).status_code) for url in urls] == [(url, 200) for url in urls]
