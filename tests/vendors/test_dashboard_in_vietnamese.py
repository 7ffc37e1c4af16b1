"""Every page of the seller centre, read in Vietnamese by a seller: no English left.

The pages are found by walking the URL map (tests/floor.py: a page added later is swept too, or the
test says it does not know how to open it); the objects they show are built first, so that each
page shows its rows, forms and empty states as a person meets them.
"""

import pytest
from django.test import Client

from tests.english import english_on
from tests.floor import SELLER_PAGES, build_floor, page_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def floor():
    return build_floor()


def _sweep(client, kwargs):
    """{url name: status} of every dashboard address, and {path: English pieces} of the pages read."""
    paths, unknown = page_paths(kwargs)
    statuses, english = dict.fromkeys(unknown, "no kwargs known"), {}
    for name, url in paths.items():
        response = client.get(url, follow=True)
        statuses[name] = response.status_code
        url = response.request["PATH_INFO"]
        is_page = response.status_code == 200 and response["Content-Type"].startswith("text/html")
        if is_page and (found := english_on(response.content.decode())):
            english[url] = sorted(set(found))
    return statuses, english


def test_a_seller_reads_every_page_of_the_seller_centre_in_vietnamese(floor):
    client = Client()
    client.force_login(floor["seller"].owner)
    statuses, english = _sweep(client, floor["kwargs"])
    assert {name for name, status in statuses.items() if status == 200} == SELLER_PAGES
    assert {status for name, status in statuses.items() if name not in SELLER_PAGES} == {403}
    assert english == {}


def test_the_sweep_finds_english_left_on_a_page():
    html = """<h1>Đơn hàng</h1><p>No status changes.</p><span title="Toggle navigation"></span>
        <td>Page 2 of 9</td><p>Your order has been sent</p><code>is_public</code><td>OCOP</td>"""
    assert english_on(html) == [
        "No status changes.",
        "Page 2 of 9",
        "Your order has been sent",
        "Toggle navigation",
    ]
