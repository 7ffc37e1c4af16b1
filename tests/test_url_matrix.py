"""Every address the site answers × every role, built from the URL conf, each filled with another
person's objects: a shopper, another shop's seller and a visitor never get a page showing what is
not theirs (a hidden product, another shop's order, its customer, its bank account), and no
address answers 500 to anyone — staff included, for objects that do not exist.

The method of the independent scan (5,443 requests) kept as the project's own regression suite; a
new URL joins it without anyone remembering to add it. CI runs it on PostgreSQL.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from oscar.core.loading import get_model

from tests.factories import StaffFactory, UserFactory, product_for_sale, seller_shop
from tests.oscar_orders import place_oscar_order

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
MISSING = 987_654  # an id no object has

# Addresses that act rather than show (sign out, switch language) or stream without end.
SKIPPED_NAMES = {"logout", "set_language", "wagtailadmin_logout", "viettelpay-sandbox-api"}
SKIPPED_PREFIXES = ("static/", "media/", "__debug__/")


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
NAMED_GROUP = re.compile(r"\(\?P<(\w+)>[^()]*(?:\([^()]*\)[^()]*)*\)")


def _fill(route: str, values: dict) -> str | None:
    """A concrete path for a route or regex, each parameter taken from `values` by its name."""

    def converter(match):
        kind, name = match.group(1) or "str", match.group(2)
        value = values.get(name, values["int"] if kind == "int" else "x")
        return str(value)

    path = CONVERTER.sub(converter, route)
    path = NAMED_GROUP.sub(lambda m: str(values.get(m.group(1), values["int"])), path)
    path = path.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
    path = re.sub(r"\((/\[\\w-\]\+)\)\*", "", path)  # an optional repeated group: none
    path = re.sub(r"\(png\|svg\)|\(\\d\+\)", lambda m: "svg" if "png" in m.group(0) else "1", path)
    path = path.replace("(.*)", "x")
    if any(mark in path for mark in "()[]*+?\\|{}"):
        return None
    return "/" + path


@pytest.fixture
def world():
    """Shop A with a hidden product, a customer's order and a bank account; shop B; a shopper of
    B's; staff. The markers are what no one but A (and staff) may read."""
    a, b = seller_shop(), seller_shop()
    a.bank_code, a.bank_account_number, a.bank_account_holder = "VCB", "0071009876543", "HTX A"
    a.save()
    public_a = product_for_sale(a, title="Chả mực Hạ Long A")
    hidden = product_for_sale(a, title="Sản phẩm chưa công khai XYZQ")
    hidden.is_public = False
    hidden.save()
    product_for_sale(b, title="Trà hoa vàng B")
    customer_a = UserFactory(email="khach.rieng.cua.a@example.vn")
    order_a = place_oscar_order(
        number="AONLY77", shopper=customer_a, lines=[(public_a, 1)], ward_name="Phường Hạ Long"
    )
    users = {"shopper": UserFactory(), "seller_b": b.owner, "staff": StaffFactory()}
    markers = [hidden.title, order_a.number, customer_a.email, a.bank_account_number]
    values = {
        "int": hidden.pk,
        "pk": hidden.pk,
        "product_pk": hidden.pk,
        "parent_pk": hidden.pk,
        "partner_pk": a.partner.pk,
        "user_pk": a.owner.pk,
        "line_id": order_a.lines.first().pk,
        "number": order_a.number,
        "order_number": order_a.number,
        "slug": a.slug,
        "product_slug": hidden.slug,
        "category_slug": "x",
        "product_class_slug": "hang-hoa",
        "gateway": "viettelpay",
        "gtin": "08930000000012",
        "lot": "L1",
        "fmt": "svg",
        "key": "x",
        "hash": "x",
        "document_pk": a.pk,
        "restriction_id": MISSING,
    }
    users["seller_a"] = a.owner
    return {"users": users, "markers": markers, "values": values, "seller_a": a}


def _addresses(values):
    seen = set()
    for route, pattern in _patterns(get_resolver().url_patterns):
        if pattern.name in SKIPPED_NAMES or route.startswith(SKIPPED_PREFIXES):
            continue
        for candidate in (values, {**values, "int": MISSING, "pk": MISSING, "product_pk": MISSING}):
            path = _fill(route, candidate)
            if path is None or path in seen:
                continue
            try:
                resolve(path)
            except Resolver404:
                continue
            seen.add(path)
            yield path


def _client(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    if user is not None:
        client.force_login(user)
    return client


def _walk(client, addresses, markers, *, skip_admin: bool):
    """Each address once: the 500s, and the addresses whose 200 page shows a marker."""
    errors, shown = [], []
    for path in addresses:
        if skip_admin and path.startswith("/django-admin/") and "totp" not in path:
            continue  # every one redirects a non-staff visitor to the sign-in page
        try:
            response = client.get(path)
        except Exception as error:  # a 500 raised through the test client
            errors.append(f"{path}: {type(error).__name__}: {error}")
            continue
        if response.status_code >= 500:
            errors.append(f"{path}: {response.status_code}")
        elif response.status_code == 200 and not response.streaming:
            html = response.content.decode(errors="replace")
            shown += [f"{path}: {marker}" for marker in markers if marker in html]
    return errors, shown


@pytest.mark.parametrize("role", ["anonymous", "shopper", "seller_b", "staff"])
def test_no_role_reads_what_is_not_theirs_and_nothing_answers_500(world, role):
    user = None if role == "anonymous" else world["users"][role]
    client = _client(user)
    addresses = list(_addresses(world["values"]))
    assert len(addresses) > 300  # the URL conf was walked, not a handful of pages
    errors, shown = _walk(client, addresses, world["markers"], skip_admin=role != "staff")
    assert not errors, "\n".join(errors)
    if role == "staff":
        assert shown  # staff read every shop's orders: the markers are on real pages
    else:
        assert client.get("/django-admin/").status_code == 302
        assert not shown, "\n".join(shown)


def test_the_owner_reads_their_own_hidden_product_order_and_customer(world):
    # The same walk as shop A's seller finds the markers on A's own pages: what the other roles
    # do not see is there to be seen, so the test above could fail.
    addresses = [path for path in _addresses(world["values"]) if path.startswith("/dashboard/")]
    errors, shown = _walk(_client(world["users"]["seller_a"]), addresses, world["markers"], skip_admin=True)
    assert not errors, "\n".join(errors)
    found = {line.rsplit(": ", 1)[1] for line in shown}
    assert {"Sản phẩm chưa công khai XYZQ", "AONLY77", "khach.rieng.cua.a@example.vn"} <= found
